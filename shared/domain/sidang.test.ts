import { describe, expect, it } from 'vitest';
import {
  attendanceOpen,
  checkPinFormat,
  checkSidangAction,
  kehadiranOf,
  saksiNames,
  sidangState,
  type SidangEventIn,
} from './sidang';

const ev = (id: number, hari: number, action: SidangEventIn['action']): SidangEventIn => ({
  id,
  hari,
  action,
  at: `2024-11-2${hari}T0${id}:00:00Z`,
});

describe('sidang', () => {
  it('follows buka → skors → lanjut → tutup, then the next day opens sidang 2', () => {
    expect(sidangState([])).toEqual({ hari: 0, status: 'belum', dibuka: null });
    expect(checkSidangAction(sidangState([]), 'buka')).toEqual({ ok: true, value: { hari: 1 } });
    expect(checkSidangAction(sidangState([]), 'skors').ok).toBe(false);
    const day1 = [ev(1, 1, 'buka'), ev(2, 1, 'skors')];
    expect(sidangState(day1)).toMatchObject({ hari: 1, status: 'skors', dibuka: '2024-11-21T01:00:00Z' });
    expect(checkSidangAction(sidangState(day1), 'buka').ok).toBe(false);
    expect(checkSidangAction(sidangState(day1), 'lanjut')).toEqual({ ok: true, value: { hari: 1 } });
    const closed = [...day1, ev(3, 1, 'lanjut'), ev(4, 1, 'tutup')];
    expect(sidangState(closed).status).toBe('ditutup');
    expect(checkSidangAction(sidangState(closed), 'tutup').ok).toBe(false);
    expect(checkSidangAction(sidangState(closed), 'buka')).toEqual({ ok: true, value: { hari: 2 } });
    // order by id, not by position
    expect(sidangState([...closed].reverse()).status).toBe('ditutup');
  });

  it('attendance is recorded only while a sidang is open or suspended, under that sidang', () => {
    const refused = {
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Kehadiran dicatat untuk sidang yang sedang dibuka; buka sidang lebih dulu.',
      },
    };
    expect(attendanceOpen(sidangState([]))).toMatchObject(refused);
    expect(attendanceOpen(sidangState([ev(1, 1, 'buka')]))).toEqual({ ok: true, value: { hari: 1 } });
    expect(attendanceOpen(sidangState([ev(1, 1, 'buka'), ev(2, 1, 'skors')]))).toEqual({
      ok: true,
      value: { hari: 1 },
    });
    expect(attendanceOpen(sidangState([ev(1, 1, 'buka'), ev(2, 1, 'tutup')]))).toMatchObject(refused);
    expect(attendanceOpen(sidangState([ev(1, 1, 'buka'), ev(2, 1, 'tutup'), ev(3, 2, 'buka')]))).toEqual({
      ok: true,
      value: { hari: 2 },
    });
  });

  it('attendance per pemilihan, each person once, saksi sorted by paslon', () => {
    const rows = [
      { id: 3, peran: 'saksi' as const, pemilihan: 'bupati', paslon: 2, nama: 'Siti', jabatan: null },
      { id: 1, peran: 'ppk' as const, pemilihan: null, paslon: null, nama: 'Ahmad', jabatan: 'Ketua' },
      { id: 2, peran: 'saksi' as const, pemilihan: 'bupati', paslon: 1, nama: 'Budi', jabatan: null },
      { id: 4, peran: 'saksi' as const, pemilihan: 'gubernur', paslon: 1, nama: 'Dewi', jabatan: null },
      { id: 5, peran: 'ppk' as const, pemilihan: null, paslon: null, nama: ' ahmad ', jabatan: 'Ketua' },
      { id: 6, peran: 'panwaslu' as const, pemilihan: null, paslon: null, nama: 'Rahmat', jabatan: null },
      { id: 7, peran: 'saksi' as const, pemilihan: 'bupati', paslon: 2, nama: 'Rina', jabatan: null },
    ];
    const k = kehadiranOf(rows, 'bupati');
    expect(k).toEqual({
      ppk: [{ nama: 'Ahmad', jabatan: 'Ketua' }],
      saksi: [
        { paslon: 1, nama: 'Budi' },
        { paslon: 2, nama: 'Siti' },
        { paslon: 2, nama: 'Rina' },
      ],
      panwaslu: ['Rahmat'],
    });
    expect(saksiNames(k, 2)).toBe('Siti, Rina');
    expect(saksiNames(k, 3)).toBe('');
  });

  it('a PIN is 4–8 digits and not a repeated or running sequence', () => {
    for (const good of ['2580', '7319', '04071990', '1357']) expect(checkPinFormat(good).ok, good).toBe(true);
    for (const bad of ['123', '123456789', '12a4', '1111', '1234', '9876', '0000', '']) {
      expect(checkPinFormat(bad).ok, bad).toBe(false);
    }
  });
});
