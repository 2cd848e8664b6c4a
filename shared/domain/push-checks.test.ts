// The receiver's checks at commit on plain data: a pushed D.Hasil adds up when every lampiran number replays from a
// held C.Hasil record of that TPS through its corrections, and the desa and kecamatan totals are the sums. Each
// failure is one sentence naming the desa and TPS.
import { describe, expect, it } from 'vitest';
import type { CHasilCounts } from './model';
import { checkPushedDHasil, type HeldRecord } from './push-checks';
import { sumTotals } from './recap';
import { cleanCounts, withCounts } from '../../tests/support/counts';

const A = '6302142001';
const B = '6302142002';
const expected = { kecamatan: '630214', pemilihan: 'bupati', pilihan: 3 };
const misread = withCounts({ 'suara.paslon.0': 905, 'suara.sah': 1112, 'suara.total': 1128 });
const held = new Map<string, HeldRecord>([
  ['r1', { tps: `${A}001`, counts: misread }],
  ['r2', { tps: `${A}002`, counts: withCounts({ 'suara.paslon.1': 110, 'suara.sah': 302, 'suara.total': 318 }) }],
  ['r3', { tps: `${B}001`, counts: cleanCounts() }],
]);
const fixed = cleanCounts(); // r1 after 905 → 105 (and its sums)
const koreksi = [
  { bidang: 'suara.paslon.0', dari: 905, menjadi: 105 },
  { bidang: 'suara.sah', dari: 1112, menjadi: 312 },
  { bidang: 'suara.total', dari: 1128, menjadi: 328 },
];

type Tps = { nomor: number; counts: CHasilCounts | null; sumber: { rekaman: string; koreksi: typeof koreksi } | null };

/** A consistent pleno.document/2 payload: desa A (TPS 1 corrected, TPS 2), desa B (TPS 1, TPS 2 not in). */
function doc(change: (d: ReturnType<typeof base>) => void = () => {}) {
  const d = base();
  change(d);
  return d;
}
function base() {
  const lampiran: { kode: string; nama: string; tps: Tps[] }[] = [
    {
      kode: A,
      nama: 'Hampang',
      tps: [
        { nomor: 1, counts: fixed, sumber: { rekaman: 'r1', koreksi } },
        { nomor: 2, counts: held.get('r2')!.counts, sumber: { rekaman: 'r2', koreksi: [] } },
      ],
    },
    {
      kode: B,
      nama: 'Limbur',
      tps: [
        { nomor: 1, counts: cleanCounts(), sumber: { rekaman: 'r3', koreksi: [] } },
        { nomor: 2, counts: null, sumber: null },
      ],
    },
  ];
  const desa = lampiran.map((l) => ({
    kode: l.kode,
    nama: l.nama,
    total: sumTotals(
      l.tps.flatMap((t) => (t.counts ? [t.counts] : [])),
      3,
    ) as unknown as CHasilCounts,
  }));
  return {
    format: 'pleno.document/2',
    meta: { kecamatan: '630214', pemilihan: 'bupati' },
    recap: {
      desa,
      total: sumTotals(
        desa.map((x) => x.total),
        3,
      ) as unknown as CHasilCounts,
    },
    lampiran,
  };
}

describe('checkPushedDHasil', () => {
  it('finds nothing wrong in a document that adds up, whatever the key order of its numbers', () => {
    expect(checkPushedDHasil(doc(), expected, held)).toEqual([]);
    const reordered = doc((d) => {
      const c = d.lampiran[1]!.tps[0]!.counts!;
      d.lampiran[1]!.tps[0]!.counts = Object.fromEntries(Object.entries(c).reverse()) as unknown as CHasilCounts;
      expect(Object.keys(d.lampiran[1]!.tps[0]!.counts)[0]).toBe('suara');
    });
    expect(checkPushedDHasil(reordered, expected, held)).toEqual([]);
  });

  it('refuses another format, another kecamatan or pemilihan, and a payload it cannot read', () => {
    expect(checkPushedDHasil({ ...doc(), format: 'pleno.document/1' }, expected, held)).toEqual([
      'Dokumen D.Hasil bukan pleno.document/2: angkanya tidak dapat ditelusuri ke rekaman C.Hasil.',
    ]);
    const other = ['Dokumen D.Hasil untuk kecamatan atau pemilihan lain daripada manifestnya.'];
    expect(
      checkPushedDHasil(
        doc((d) => (d.meta.kecamatan = '630215')),
        expected,
        held,
      ),
    ).toEqual(other);
    expect(
      checkPushedDHasil(
        doc((d) => (d.meta.pemilihan = 'gubernur')),
        expected,
        held,
      ),
    ).toEqual(other);
    const unreadable = ['Isi dokumen D.Hasil tidak dapat dibaca (susunan datanya tidak sah).'];
    expect(checkPushedDHasil({ format: 'pleno.document/2' }, expected, held)).toEqual(unreadable);
    expect(checkPushedDHasil({ ...doc(), lampiran: undefined }, expected, held)).toEqual(unreadable);
  });

  it('names a TPS whose number has no source, whose record was not sent, or whose record is of another TPS', () => {
    const noSource = doc((d) => (d.lampiran[1]!.tps[1]!.counts = cleanCounts()));
    expect(checkPushedDHasil(noSource, expected, held)).toEqual([
      'Desa Limbur TPS 002: angka tanpa sumber rekaman C.Hasil.',
    ]);
    const notSent = doc((d) => (d.lampiran[0]!.tps[1]!.sumber = { rekaman: 'r9', koreksi: [] }));
    // A TPS that is not traced is not summed either: its desa total no longer adds up.
    expect(checkPushedDHasil(notSent, expected, held)).toEqual([
      'Desa Hampang TPS 002: rekaman C.Hasil yang menjadi sumbernya tidak ikut dikirim.',
      'Desa Hampang: jumlah desa tidak sama dengan jumlah angka TPS-nya.',
    ]);
    const otherTps = doc((d) => (d.lampiran[1]!.tps[0]!.sumber = { rekaman: 'r2', koreksi: [] }));
    expect(checkPushedDHasil(otherTps, expected, held)).toEqual([
      'Desa Limbur TPS 001: rekaman sumbernya adalah C.Hasil TPS lain (63.02.14.2001 TPS 002).',
      'Desa Limbur: jumlah desa tidak sama dengan jumlah angka TPS-nya.',
    ]);
  });

  it('replays the corrections: an unknown field, a "dari" that is not the number before, a result that differs', () => {
    const at = (k: typeof koreksi) => doc((d) => (d.lampiran[0]!.tps[0]!.sumber = { rekaman: 'r1', koreksi: k }));
    expect(checkPushedDHasil(at([{ bidang: 'suara.paslon.7', dari: 1, menjadi: 2 }]), expected, held)).toEqual([
      'Desa Hampang TPS 001: koreksi menyebut kolom "suara.paslon.7" yang tidak ada pada formulir.',
    ]);
    expect(checkPushedDHasil(at([{ ...koreksi[0]!, dari: 904 }, ...koreksi.slice(1)]), expected, held)).toEqual([
      'Desa Hampang TPS 001: koreksi kolom suara.paslon.0 dari 904, padahal angka sebelumnya 905.',
    ]);
    // Later corrections replay on the earlier ones: 905 → 105 → 106 needs "dari 105".
    const twice = [...koreksi, { bidang: 'suara.paslon.0', dari: 905, menjadi: 106 }];
    expect(checkPushedDHasil(at(twice), expected, held)).toEqual([
      'Desa Hampang TPS 001: koreksi kolom suara.paslon.0 dari 905, padahal angka sebelumnya 105.',
    ]);
    expect(checkPushedDHasil(at(koreksi.slice(0, 2)), expected, held)).toEqual([
      'Desa Hampang TPS 001: angka pada lampiran tidak sama dengan rekaman C.Hasil setelah koreksinya.',
    ]);
    expect(checkPushedDHasil(at([]), expected, held)).toEqual([
      'Desa Hampang TPS 001: angka pada lampiran tidak sama dengan rekaman C.Hasil setelah koreksinya.',
    ]);
  });

  it('checks each desa total against its TPS and the kecamatan total against the desa', () => {
    const desaOff = doc((d) => (d.recap.desa[1]!.total = withCounts({ 'suara.tidakSah': 17 })));
    expect(checkPushedDHasil(desaOff, expected, held)).toEqual([
      'Desa Limbur: jumlah desa tidak sama dengan jumlah angka TPS-nya.',
      'Jumlah kecamatan tidak sama dengan jumlah seluruh desa.',
    ]);
    const kecOff = doc((d) => (d.recap.total = withCounts({ 'suara.tidakSah': 17 }, d.recap.total)));
    expect(checkPushedDHasil(kecOff, expected, held)).toEqual([
      'Jumlah kecamatan tidak sama dengan jumlah seluruh desa.',
    ]);
    const missing = doc((d) => d.recap.desa.splice(0, 1));
    expect(checkPushedDHasil(missing, expected, held)).toEqual([
      'Desa Hampang: tidak ada di rekapitulasi.',
      'Jumlah kecamatan tidak sama dengan jumlah seluruh desa.',
    ]);
    // A recap desa the lampiran does not hold carries untraced numbers into the kecamatan total, even when every
    // sum adds up (the issuer refuses such a document too, shared/documents/sums.ts).
    const untraced = doc((d) => {
      const extra = { kode: '6302142003', nama: 'Tanpa Lampiran', total: withCounts({ 'suara.tidakSah': 17 }) };
      d.recap.desa.push(extra as (typeof d.recap.desa)[number]);
      d.recap.total = sumTotals(
        d.recap.desa.map((x) => x.total),
        3,
      ) as unknown as CHasilCounts;
    });
    expect(checkPushedDHasil(untraced, expected, held)).toEqual([
      'Desa Tanpa Lampiran: tidak ada di lampiran, angkanya tidak dapat ditelusuri ke rekaman C.Hasil.',
    ]);
    // A desa twice in the recap (both copies summed into the kecamatan), twice in the lampiran, a TPS twice.
    const recapTwice = doc((d) => {
      d.recap.desa.push(d.recap.desa[1]!);
      d.recap.total = sumTotals(
        d.recap.desa.map((x) => x.total),
        3,
      ) as unknown as CHasilCounts;
    });
    expect(checkPushedDHasil(recapTwice, expected, held)).toEqual(['Desa Limbur: tercantum dua kali di rekapitulasi.']);
    const tpsTwice = doc((d) => {
      const a = d.lampiran[0]!;
      a.tps.push(a.tps[1]!);
      d.recap.desa[0]!.total = sumTotals(
        a.tps.flatMap((t) => (t.counts ? [t.counts] : [])),
        3,
      ) as unknown as CHasilCounts;
      d.recap.total = sumTotals(
        d.recap.desa.map((x) => x.total),
        3,
      ) as unknown as CHasilCounts;
    });
    expect(checkPushedDHasil(tpsTwice, expected, held)).toEqual([
      'Desa Hampang TPS 002: tercantum dua kali di lampiran.',
    ]);
    const lampiranTwice = doc((d) => d.lampiran.push(d.lampiran[1]!));
    expect(checkPushedDHasil(lampiranTwice, expected, held)).toEqual(['Desa Limbur: tercantum dua kali di lampiran.']);
    // An object where a list is expected is not the same value, even with the same entries.
    const asObject = doc((d) => {
      const suara = d.recap.total.suara as unknown as Record<string, unknown>;
      suara.paslon = { ...(suara.paslon as number[]) };
    });
    expect(checkPushedDHasil(asObject, expected, held)).toEqual([
      'Jumlah kecamatan tidak sama dengan jumlah seluruh desa.',
    ]);
  });
});
