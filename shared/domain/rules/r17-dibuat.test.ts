import { describe, expect, it } from 'vitest';
import { checkR17, R17_FUTURE_MINUTES, R17_GRACE_DAYS } from './r17-dibuat';

const w = { masterImported: '2024-11-26T09:00:00+08:00', received: '2024-11-28T10:00:00Z' };

describe('R17 dibuat outside the election window', () => {
  it('accepts a record made on the day of the vote, and one made days before a late master import', () => {
    expect(checkR17('2024-11-27T14:05:00+08:00', w)).toEqual([]);
    expect(checkR17('2024-11-27T14:05:00+08:00', { ...w, masterImported: '2024-12-01T08:00:00Z' })).toEqual([]);
  });

  it('warns for a record dated 2019 (long before the master) and one dated 2099 (the future)', () => {
    const old = checkR17('2019-11-27T14:05:00+08:00', w);
    expect(old).toEqual([
      {
        code: 'R17',
        severity: 'warning',
        fields: ['dibuat'],
        message: `Waktu pembuatan rekaman (2019-11-27 14:05+08:00) lebih dari ${R17_GRACE_DAYS} hari sebelum data master dipakai di laptop ini (2024-11-26 09:00+08:00): periksa jam perangkat KPPS atau asal rekaman`,
      },
    ]);
    const future = checkR17('2099-01-01T00:00:00Z', w);
    expect(future[0]?.message).toBe(
      'Waktu pembuatan rekaman (2099-01-01 00:00Z) sesudah rekaman diterima (2024-11-28 10:00Z): jam perangkat KPPS salah atau tanggal rekaman tidak wajar',
    );
  });

  it('has exact edges: the grace before the import and the drift after reception', () => {
    const from = Date.parse(w.masterImported) - R17_GRACE_DAYS * 86_400_000;
    const until = Date.parse(w.received) + R17_FUTURE_MINUTES * 60_000;
    expect(checkR17(new Date(from).toISOString(), w)).toEqual([]);
    expect(checkR17(new Date(from - 1000).toISOString(), w)).toHaveLength(1);
    expect(checkR17(new Date(until).toISOString(), w)).toEqual([]);
    expect(checkR17(new Date(until + 1000).toISOString(), w)).toHaveLength(1);
  });

  it('has no lower bound without a master time (SIMULASI), the future still warned', () => {
    expect(checkR17('2019-11-27T14:05:00+08:00', { ...w, masterImported: null })).toEqual([]);
    expect(checkR17('2099-01-01T00:00:00Z', { ...w, masterImported: null })).toHaveLength(1);
  });

  it('shows the times as written: minutes kept, seconds and their fraction dropped, any offset kept', () => {
    const old = (dibuat: string, masterImported: string) => checkR17(dibuat, { ...w, masterImported })[0]?.message;
    expect(old('2019-11-27T14:05:59.987Z', '2024-11-26T09:00:30.5-05:00')).toBe(
      `Waktu pembuatan rekaman (2019-11-27 14:05Z) lebih dari ${R17_GRACE_DAYS} hari sebelum data master dipakai di laptop ini (2024-11-26 09:00-05:00): periksa jam perangkat KPPS atau asal rekaman`,
    );
    const future = checkR17('2099-01-01T23:59:01.5+09:30', { ...w, received: '2024-11-28T10:00:07.123456+07:00' });
    expect(future[0]?.message).toBe(
      'Waktu pembuatan rekaman (2099-01-01 23:59+09:30) sesudah rekaman diterima (2024-11-28 10:00+07:00): jam perangkat KPPS salah atau tanggal rekaman tidak wajar',
    );
  });

  it('says nothing when a time cannot be read (no window to judge against)', () => {
    // A record dated far in the future against an unreadable master time, and one dated long ago against an
    // unreadable reception time: each bound alone would warn, but the window is not known.
    expect(checkR17('2099-01-01T00:00:00Z', { ...w, masterImported: 'kemarin' })).toEqual([]);
    expect(checkR17('2019-11-27T14:05:00+08:00', { ...w, received: 'tidak diketahui' })).toEqual([]);
    expect(checkR17('bukan waktu', w)).toEqual([]);
    expect(checkR17('bukan waktu', { masterImported: null, received: w.received })).toEqual([]);
  });
});
