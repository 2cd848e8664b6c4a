// The kab/kota plenary's pure derivation (kab-pleno.ts, docs/receiver-plenary.md): each kecamatan's status from its
// latest push, decisions counted only on the push they name, corrections applied in approval order and re-summed,
// lock blockers one by one, keberatan open or settled, and the pemilihan final only when every kecamatan is locked
// and nothing is open. Expected totals are summed here, field by field, from the records themselves.
import { describe, expect, it } from 'vitest';
import {
  deriveKabPemilihan,
  kabCurrentValue,
  type KabDHasilIn,
  type KabKecamatanIn,
  type KabRowsIn,
} from './kab-pleno';
import { cleanCounts, withCounts } from '../../tests/support/counts';
import { sumTotals } from './recap';
import type { CHasilCounts } from './model';

const N = 3;
const a = cleanCounts();
const b = withCounts({ 'suara.paslon.0': 100, 'suara.sah': 307, 'suara.total': 323 });
const c = withCounts({ 'suara.paslon.2': 90, 'suara.sah': 315, 'suara.total': 331 });

/** Two desa: 6302142001 with TPS 001 (a) and 002 (b), 6302142002 with TPS 001 (c) and 002 (no data). */
function dHasil(final: boolean, counts: (CHasilCounts | null)[] = [a, b, c, null]): KabDHasilIn {
  const lampiran = [
    {
      kode: '6302142001',
      nama: 'Hampang',
      tps: [
        { nomor: 1, counts: counts[0]! },
        { nomor: 2, counts: counts[1]! },
      ],
    },
    {
      kode: '6302142002',
      nama: 'Cantung',
      tps: [
        { nomor: 1, counts: counts[2]! },
        { nomor: 2, counts: counts[3]! },
      ],
    },
  ];
  return {
    final,
    lampiran,
    total: sumTotals(
      counts.filter((x): x is CHasilCounts => x !== null),
      N,
    ),
  };
}

const kec = (kode: string, nama: string, manifest: string | null, final = true): KabKecamatanIn => ({
  kode,
  nama,
  pushed: manifest
    ? { manifest, dokumen: `dok-${manifest}`, urutan: 2, diterima: '2024-12-01T10:00:00Z', dHasil: dHasil(final) }
    : null,
});

const none = (): KabRowsIn => ({
  penerimaan: [],
  keberatan: [],
  keberatanSelesai: [],
  kunci: [],
  koreksi: [],
  koreksiKeputusan: [],
});
const at = (m: number) => `2024-12-01T11:${String(m).padStart(2, '0')}:00Z`;
const accepted = (id: number, kecamatan: string, manifest: string, m = 1) => ({
  id,
  oleh: 'Ketua KPU',
  createdAt: at(m),
  kecamatan,
  manifest,
  keputusan: 'diterima' as const,
  alasan: null,
});
const lock = (id: number, kecamatan: string, manifest: string, aksi: 'kunci' | 'buka' = 'kunci', m = 2) => ({
  id,
  oleh: 'Ketua KPU',
  createdAt: at(m),
  kecamatan,
  manifest,
  aksi,
  alasan: aksi === 'buka' ? 'Periksa ulang' : null,
});
const koreksi = (id: number, tps: string, bidang: string, dari: number, menjadi: number, manifest = 'm1') => ({
  id,
  oleh: 'Anggota KPU',
  createdAt: at(3),
  kecamatan: '630214',
  manifest,
  tps,
  bidang,
  dari,
  menjadi,
  dasar: 'c-hasil-plano',
  alasan: 'Salah baca',
});
const decided = (id: number, k: number, keputusan: 'disetujui' | 'ditolak', m: number) => ({
  id,
  oleh: 'Ketua KPU',
  createdAt: at(m),
  koreksi: k,
  keputusan,
  alasan: keputusan === 'ditolak' ? 'Tidak sesuai plano' : null,
});

describe('a kecamatan with nothing pushed', () => {
  it('is belum, with no totals, and blocks the lock and the final', () => {
    const m = deriveKabPemilihan('bupati', N, [kec('630215', 'Sampanahan', null)], none());
    const k = m.kecamatan[0]!;
    expect(k).toMatchObject({ kode: '630215', nama: 'Sampanahan', status: 'belum', locked: false });
    expect(k.lockBlockers).toEqual(['Kecamatan ini belum mengirim D.Hasil.']);
    // Nothing received: no push, document, acceptance, lock, desa or totals, and nothing open against it.
    const empty = ['manifest', 'dokumen', 'urutan', 'diterimaPada', 'penerimaan', 'kunci', 'totalDiterima', 'total'];
    expect(Object.fromEntries(empty.map((f) => [f, k[f as keyof typeof k]]))).toEqual(
      Object.fromEntries(empty.map((f) => [f, null])),
    );
    expect({ openKeberatan: k.openKeberatan, koreksi: k.koreksi, desa: k.desa }).toEqual({
      openKeberatan: [],
      koreksi: [],
      desa: [],
    });
    expect(Object.keys(k)).toHaveLength(5 + empty.length + 3);
    expect(m.final).toEqual({ final: false, reasons: ['1 kecamatan belum dikunci: Sampanahan.'] });
    expect(m.totalTerkunci).toEqual(sumTotals([], N));
    expect(m.pemilihan).toBe('bupati');
    expect(m.pilihanCount).toBe(N);
  });
});

describe('a pushed kecamatan', () => {
  it('a draft is draf; its blockers: not final, not accepted', () => {
    const m = deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1', false)], none());
    const k = m.kecamatan[0]!;
    expect(k).toMatchObject({
      status: 'draf',
      manifest: 'm1',
      dokumen: 'dok-m1',
      urutan: 2,
      diterimaPada: '2024-12-01T10:00:00Z',
      locked: false,
    });
    expect(k.lockBlockers).toEqual([
      'D.Hasil yang diterima dari kecamatan ini masih draf, belum final.',
      'Hasil kecamatan ini belum diterima pleno.',
    ]);
  });

  it('sums each desa from its TPS and the kecamatan from its desa; a TPS without data adds nothing', () => {
    const k = deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1')], none()).kecamatan[0]!;
    expect(k.status).toBe('final');
    expect(k.desa.map((d) => [d.kode, d.nama, d.tps.map((t) => t.tps)])).toEqual([
      ['6302142001', 'Hampang', ['6302142001001', '6302142001002']],
      ['6302142002', 'Cantung', ['6302142002001', '6302142002002']],
    ]);
    expect(k.desa[0]!.total.suara).toEqual({ paslon: [205, 240, 174], sah: 619, tidakSah: 32, total: 651 });
    expect(k.desa[1]!.total.suara).toEqual({ paslon: [105, 120, 90], sah: 315, tidakSah: 16, total: 331 });
    expect(k.total!.suara).toEqual({ paslon: [310, 360, 264], sah: 934, tidakSah: 48, total: 982 });
    expect(k.total!.pemilih.dpt).toEqual({ l: 600, p: 630 });
    expect(k.totalDiterima).toEqual(k.total);
    expect(k.desa[1]!.tps[1]).toEqual({ nomor: 2, tps: '6302142002002', diterima: null, counts: null, koreksi: [] });
    expect(k.lockBlockers).toEqual(['Hasil kecamatan ini belum diterima pleno.']);
  });

  it('counts decisions only on the push they name: a newer push leaves them behind', () => {
    const rows = { ...none(), penerimaan: [accepted(1, '630214', 'm0')], kunci: [lock(1, '630214', 'm0')] };
    const k = deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1')], rows).kecamatan[0]!;
    expect(k.penerimaan).toBeNull();
    expect(k.locked).toBe(false);
    expect(k.kunci).toBeNull();
    // Another kecamatan's decisions on a manifest of the same name do not count either.
    const other = { ...none(), penerimaan: [accepted(1, '630215', 'm1')] };
    expect(
      deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1')], other).kecamatan[0]!.penerimaan,
    ).toBeNull();
  });

  it('takes the latest acceptance and the latest lock action', () => {
    const rows: KabRowsIn = {
      ...none(),
      penerimaan: [
        { ...accepted(1, '630214', 'm1'), keputusan: 'tidak-diterima', alasan: 'Sampul rusak' },
        accepted(2, '630214', 'm1', 4),
      ],
      kunci: [lock(1, '630214', 'm1', 'kunci', 5), lock(2, '630214', 'm1', 'buka', 6)],
    };
    const k = deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1')], rows).kecamatan[0]!;
    expect(k.penerimaan).toEqual({ keputusan: 'diterima', alasan: null, oleh: 'Ketua KPU', waktu: at(4) });
    expect(k.locked).toBe(false);
    expect(k.kunci).toEqual({ aksi: 'buka', oleh: 'Ketua KPU', waktu: at(6), alasan: 'Periksa ulang' });
    expect(k.lockBlockers).toEqual([]);
    const refused = { ...rows, penerimaan: [rows.penerimaan[1]!, { ...rows.penerimaan[0]!, id: 3 }] };
    const r = deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1')], refused).kecamatan[0]!;
    expect(r.penerimaan).toMatchObject({ keputusan: 'tidak-diterima', alasan: 'Sampul rusak' });
    expect(r.lockBlockers).toEqual(['Hasil kecamatan ini belum diterima pleno.']);
  });
});

describe('corrections', () => {
  it('applies approved ones in approval order, not rejected or pending ones, and re-sums', () => {
    const rows: KabRowsIn = {
      ...none(),
      penerimaan: [accepted(1, '630214', 'm1')],
      koreksi: [
        koreksi(1, '6302142001001', 'suara.paslon.0', 105, 110),
        koreksi(2, '6302142001001', 'suara.paslon.0', 105, 107),
        koreksi(3, '6302142002001', 'suara.tidakSah', 16, 20),
        koreksi(4, '6302142001002', 'suara.sah', 307, 300),
        koreksi(5, '6302142002001', 'suara.paslon.1', 120, 1, 'm0'),
      ],
      // #2 approved after #1: its value stands. #3 rejected, #4 pending.
      koreksiKeputusan: [decided(1, 2, 'disetujui', 9), decided(2, 1, 'disetujui', 8), decided(3, 3, 'ditolak', 7)],
    };
    const k = deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1')], rows).kecamatan[0]!;
    expect(k.koreksi.map((x) => [x.id, x.state])).toEqual([
      [1, 'disetujui'],
      [2, 'disetujui'],
      [3, 'ditolak'],
      [4, 'menunggu'],
    ]);
    expect(k.koreksi[2]).toEqual({
      id: 3,
      tps: '6302142002001',
      bidang: 'suara.tidakSah',
      dari: 16,
      menjadi: 20,
      dasar: 'c-hasil-plano',
      alasan: 'Salah baca',
      diusulkan: { oleh: 'Anggota KPU', waktu: at(3) },
      state: 'ditolak',
      keputusan: { oleh: 'Ketua KPU', waktu: at(7), alasan: 'Tidak sesuai plano' },
    });
    expect(k.koreksi[3]!.keputusan).toBeNull();
    const tps1 = k.desa[0]!.tps[0]!;
    expect(tps1.diterima!.suara.paslon[0]).toBe(105);
    expect(tps1.counts!.suara.paslon[0]).toBe(107);
    expect(tps1.koreksi.map((x) => x.id)).toEqual([1, 2]);
    expect(k.desa[0]!.tps[1]!.counts).toEqual(b);
    expect(k.desa[1]!.tps[0]!.counts).toEqual(c);
    expect(k.desa[0]!.total.suara.paslon).toEqual([207, 240, 174]);
    expect(k.total!.suara.paslon).toEqual([312, 360, 264]);
    expect(k.totalDiterima!.suara.paslon).toEqual([310, 360, 264]);
    expect(kabCurrentValue(k, '6302142001001', 'suara.paslon.0')).toBe(107);
    expect(kabCurrentValue(k, '6302142002002', 'suara.sah')).toBeNull();
    expect(kabCurrentValue(k, '6302149999001', 'suara.sah')).toBeNull();
    // Paslon 1 changed without suara sah: the broken R05 sum blocks the lock too, said with its figures.
    expect(k.lockBlockers).toEqual([
      '1 usulan koreksi belum diputuskan.',
      'Desa Hampang TPS 001: Jumlah suara sah (312) tidak sama dengan jumlah perolehan suara paslon (107 + 120 + 87 = 314).',
    ]);
  });

  it('two approvals at the same time apply in id order', () => {
    const rows: KabRowsIn = {
      ...none(),
      koreksi: [
        koreksi(7, '6302142001001', 'suara.paslon.0', 105, 111),
        koreksi(6, '6302142001001', 'suara.paslon.0', 105, 106),
      ],
      koreksiKeputusan: [decided(1, 7, 'disetujui', 9), decided(2, 6, 'disetujui', 9)],
    };
    const k = deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1')], rows).kecamatan[0]!;
    expect(k.desa[0]!.tps[0]!.counts!.suara.paslon[0]).toBe(111);
  });
});

describe('keberatan and the final verdict', () => {
  const keberatan = (id: number, kecamatan: string | null) => ({
    id,
    oleh: 'Operator',
    createdAt: at(id),
    kecamatan,
    pihak: 'Saksi Paslon 1',
    uraian: 'Selisih suara',
  });
  const selesai = (id: number, k: number) => ({
    id,
    oleh: 'Ketua KPU',
    createdAt: at(20 + id),
    keberatan: k,
    hasil: 'ditolak' as const,
    alasan: 'Sesuai plano',
  });

  it('an open keberatan on a kecamatan blocks its lock; the settled one does not; both are listed', () => {
    const rows: KabRowsIn = {
      ...none(),
      penerimaan: [accepted(1, '630214', 'm1')],
      keberatan: [keberatan(1, '630214'), keberatan(2, '630214'), keberatan(3, null)],
      keberatanSelesai: [selesai(1, 1)],
    };
    const m = deriveKabPemilihan('bupati', N, [kec('630214', 'Hampang', 'm1')], rows);
    expect(m.kecamatan[0]!.openKeberatan).toEqual([2]);
    expect(m.kecamatan[0]!.lockBlockers).toEqual(['1 keberatan tentang kecamatan ini belum diselesaikan.']);
    expect(m.keberatan).toEqual([
      {
        id: 1,
        kecamatan: '630214',
        pihak: 'Saksi Paslon 1',
        uraian: 'Selisih suara',
        oleh: 'Operator',
        waktu: at(1),
        selesai: { hasil: 'ditolak', alasan: 'Sesuai plano', oleh: 'Ketua KPU', waktu: at(21) },
      },
      expect.objectContaining({ id: 2, selesai: null }),
      expect.objectContaining({ id: 3, kecamatan: null, selesai: null }),
    ]);
    expect(m.final.reasons).toEqual(['1 kecamatan belum dikunci: Hampang.', '2 keberatan belum diselesaikan.']);
  });

  it('final when every kecamatan is locked and nothing is open; the locked totals are summed', () => {
    const rows: KabRowsIn = {
      ...none(),
      penerimaan: [accepted(1, '630214', 'm1'), accepted(2, '630215', 'n1')],
      kunci: [lock(1, '630214', 'm1'), lock(2, '630215', 'n1')],
      keberatan: [keberatan(1, null)],
      keberatanSelesai: [selesai(1, 1)],
    };
    const list = [kec('630214', 'Hampang', 'm1'), kec('630215', 'Sampanahan', 'n1')];
    const m = deriveKabPemilihan('bupati', N, list, rows);
    expect(m.kecamatan.map((k) => [k.locked, k.lockBlockers])).toEqual([
      [true, []],
      [true, []],
    ]);
    expect(m.final).toEqual({ final: true, reasons: [] });
    expect(m.totalTerkunci.suara.paslon).toEqual([620, 720, 528]);
    // One of them unlocked: not final, and its total leaves the locked sum.
    const opened = { ...rows, kunci: [...rows.kunci, lock(3, '630215', 'n1', 'buka', 9)] };
    const o = deriveKabPemilihan('bupati', N, list, opened);
    expect(o.final).toEqual({ final: false, reasons: ['1 kecamatan belum dikunci: Sampanahan.'] });
    expect(o.totalTerkunci.suara.paslon).toEqual([310, 360, 264]);
    const two = deriveKabPemilihan('bupati', N, list, none());
    expect(two.final.reasons).toEqual(['2 kecamatan belum dikunci: Hampang, Sampanahan.']);
  });
});
