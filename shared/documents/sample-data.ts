// Deterministic sample document data for tests and benchmarks (consistent counts, real Hampang desa names).
// Not used by the app itself: issued documents are built from the database by the documents service.
import { buildRecap, sumTotals } from '../domain/recap';
import type { CHasilCounts, DataMaster, MasterDesa, Pemilihan, PemilihanId } from '../domain/model';
import { tpsCode } from '../domain/model';
import { mulberry32 } from '../util/mulberry32';
import { docHeader } from './header';
import type { KabDHasilData } from './kabko-types';
import {
  DOCUMENT_FORMAT,
  LAYOUT_VERSION,
  type DHasilData,
  type DocMeta,
  type DocMetaBase,
  type KejadianData,
  type KejadianEntry,
} from './types';

export const HAMPANG_DESA = [
  'Hampang',
  'Cantung Kiri Hilir',
  'Lasung',
  'Limbur',
  'Muara Orie',
  'Paramasan Bawah',
  'Cantung Kiri Hulu',
  'Sangsang',
  'Tanjung Samalantakan',
];

/** A consistent TPS result (every R01–R12 rule holds) for `paslon` choices. */
export function sampleCounts(rand: () => number, paslon: number): CHasilCounts {
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const dpt = { l: int(150, 290), p: int(150, 290) };
  const dpph = { l: int(0, 3), p: int(0, 3) };
  const dptb = { l: int(0, 4), p: int(0, 4) };
  const pDpt = { l: Math.floor(dpt.l * (0.6 + rand() * 0.3)), p: Math.floor(dpt.p * (0.6 + rand() * 0.3)) };
  const pemilihJ = { l: dpt.l + dpph.l + dptb.l, p: dpt.p + dpph.p + dptb.p };
  const penggunaJ = { l: pDpt.l + dpph.l + dptb.l, p: pDpt.p + dpph.p + dptb.p };
  const total = penggunaJ.l + penggunaJ.p;
  const tidakSah = int(0, Math.min(20, total));
  const sah = total - tidakSah;
  const votes: number[] = [];
  let left = sah;
  for (let i = 0; i < paslon - 1; i++) {
    const v = Math.floor(left * (0.3 + rand() * 0.4));
    votes.push(v);
    left -= v;
  }
  votes.push(left);
  const diterima = dpt.l + dpt.p + Math.ceil((dpt.l + dpt.p) * 0.025);
  const dikembalikan = Math.min(int(0, 4), diterima - total);
  return {
    pemilih: { dpt, dpph, dptb, jumlah: pemilihJ },
    pengguna: { dpt: pDpt, dpph, dptb, jumlah: penggunaJ },
    disabilitas: { pemilih: { l: int(0, 4), p: int(0, 4) }, pengguna: { l: 0, p: int(0, 1) } },
    suratSuara: { diterima, dikembalikan, tidakDigunakan: diterima - total - dikembalikan, digunakan: total },
    suara: { paslon: votes, sah, tidakSah, total },
  };
}

export interface SampleOptions {
  desa?: number;
  tpsPerDesa?: number;
  paslon?: number;
  seed?: number;
  final?: boolean;
  demo?: boolean;
  paper?: 'a4' | 'f4';
  pemilihan?: PemilihanId;
  /** TPS without data (drafts): every n-th TPS has no record. */
  missingEvery?: number;
  /** TPS (1-based over the kecamatan) whose jumlah suara sah is written 10 too high (R05 and R06 break). */
  sahTooHigh?: number[];
}

function sampleMaster(o: Required<Pick<SampleOptions, 'desa' | 'tpsPerDesa' | 'paslon' | 'pemilihan'>>): DataMaster {
  const desa: MasterDesa[] = Array.from({ length: o.desa }, (_, i) => ({
    kode: `630214${2001 + i}`,
    nama: i < HAMPANG_DESA.length ? HAMPANG_DESA[i]! : `Desa Contoh ${i + 1}`,
    tps: Array.from({ length: o.tpsPerDesa }, (_, t) => ({ nomor: t + 1, dpt: { l: 200, p: 200 } })),
  }));
  const pemilihan: Pemilihan = {
    id: o.pemilihan,
    nama: 'Pemilihan Bupati dan Wakil Bupati Kotabaru Tahun 2024',
    wilayah: '6302',
    pilihan: Array.from({ length: o.paslon }, (_, i) => ({
      nomor: i + 1,
      nama: [
        `Ahmad Fauzi – Siti Rahmah`,
        `Budi Santoso – Nur Aini`,
        `Hj. Rusdiana – H. Mahmud`,
        `Yusran – Dewi Lestari`,
      ][i % 4]!,
    })),
  };
  return {
    format: 'pleno.master/1',
    provinsi: { kode: '63', nama: 'Kalimantan Selatan' },
    kabkota: { kode: '6302', nama: 'Kotabaru' },
    kecamatan: { kode: '630214', nama: 'Hampang' },
    desa,
    pemilihan: [pemilihan],
    ppk: ['Muhammad Ridwan', 'Siti Khadijah', 'Agus Salim', 'Rina Marlina', 'Hendra Gunawan'].map((nama, i) => ({
      nama,
      jabatan: i === 0 ? 'Ketua' : 'Anggota',
    })),
    perangkat: [],
  };
}

/** A sample meta: `head` (id, kind, version, pemilihan, wilayah), then when issued and the options. */
function sampleMeta<H extends object>(
  head: H,
  issued: string,
  o: SampleOptions,
): H & Pick<DocMetaBase, 'issued' | 'final' | 'demo' | 'paper' | 'signer' | 'layout'> {
  return {
    ...head,
    issued,
    final: o.final ?? false,
    demo: o.demo ?? true,
    paper: o.paper ?? 'a4',
    signer: '0123456789abcdef',
    layout: LAYOUT_VERSION,
  };
}

function meta(kind: DocMeta['kind'], o: SampleOptions, pemilihan: PemilihanId): DocMeta {
  const id = `${kind === 'd-hasil' ? 'DHASIL' : 'DKEJADIAN'}-630214-${pemilihan}`;
  return sampleMeta({ id, kind, version: 1, pemilihan, kecamatan: '630214' }, '2024-11-30T16:05:00+08:00', o);
}

export function sampleDHasil(o: SampleOptions = {}): DHasilData {
  const opts = {
    desa: o.desa ?? 9,
    tpsPerDesa: o.tpsPerDesa ?? 3,
    paslon: o.paslon ?? 3,
    pemilihan: o.pemilihan ?? 'bupati',
  };
  const master = sampleMaster(opts);
  const p = master.pemilihan[0]!;
  const rand = mulberry32(o.seed ?? 1);
  const tps: Record<string, { counted: CHasilCounts | null; masuk: boolean; diputuskan: boolean; konflik: boolean }> =
    {};
  let n = 0;
  for (const d of master.desa) {
    for (const t of d.tps) {
      n++;
      const missing = o.missingEvery !== undefined && n % o.missingEvery === 0;
      let counted = missing ? null : sampleCounts(rand, opts.paslon);
      if (counted && o.sahTooHigh?.includes(n))
        counted = { ...counted, suara: { ...counted.suara, sah: counted.suara.sah + 10 } };
      tps[tpsCode(d.kode, t.nomor)] = { counted, masuk: !missing, diputuskan: !missing, konflik: false };
    }
  }
  const recap = buildRecap({ master, tps: { [p.id]: tps }, pemilihan: p.id }).pemilihan[0]!;
  return {
    format: DOCUMENT_FORMAT,
    meta: meta('d-hasil', o, p.id) as DHasilData['meta'],
    header: docHeader(master, p),
    recap: { tps: recap.tps, desa: recap.desa, total: recap.total },
    lampiran: master.desa.map((d) => ({
      kode: d.kode,
      nama: d.nama,
      tps: d.tps.map((t) => {
        const counts = tps[tpsCode(d.kode, t.nomor)]!.counted;
        // A stand-in record hash (tests of the layout; issued documents carry the real one).
        return {
          nomor: t.nomor,
          counts,
          sumber: counts ? { rekaman: tpsCode(d.kode, t.nomor).padStart(64, '0'), koreksi: [] } : null,
        };
      }),
    })),
  };
}

export function sampleKejadian(entries: number, o: SampleOptions = {}): KejadianData {
  const master = sampleMaster({ desa: 9, tpsPerDesa: 3, paslon: o.paslon ?? 3, pemilihan: o.pemilihan ?? 'bupati' });
  const p = master.pemilihan[0]!;
  const list: KejadianEntry[] = Array.from({ length: entries }, (_, i) => ({
    waktu: `2024-11-29T${String(9 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00+08:00`,
    tempat: `Desa ${HAMPANG_DESA[i % 9]}, TPS ${String((i % 3) + 1).padStart(3, '0')}`,
    pihak: i % 3 === 0 ? 'Panwaslu Kecamatan' : `Saksi Paslon ${(i % 3) + 1}`,
    jenis: i % 4 === 3 ? 'kejadian' : 'keberatan',
    uraian:
      i % 2 === 0
        ? 'Jumlah suara sah Paslon 2 pada C.Hasil tidak sama dengan salinan yang dipegang saksi; diminta pencocokan dengan C.Hasil plano.'
        : 'Kotak suara tiba dengan segel rusak.',
    penyelesaian:
      i % 2 === 0
        ? 'Diterima: dicocokkan dengan C.Hasil plano, angka dikoreksi dari 905 menjadi 105 (koreksi disetujui Ketua PPK).'
        : '',
  }));
  return {
    format: DOCUMENT_FORMAT,
    meta: meta('kejadian-khusus', o, p.id) as KejadianData['meta'],
    header: docHeader(master, p),
    entries: list,
  };
}

/** A draft with everything optional present: warnings (without cells), a hold, attendance, audit head, integrity. */
export function sampleDHasilFull(paper: 'a4' | 'f4'): DHasilData {
  const d = sampleDHasil({ seed: 7, desa: 4, tpsPerDesa: 5, paper, missingEvery: 6, sahTooHigh: [2, 9] });
  const t = d.lampiran[1]!.tps;
  t[1]!.peringatan = [{ kode: 'R14', pesan: 'DPT L 200 berbeda dengan DPT L 201 pada pemilihan gubernur' }];
  t[3]!.peringatan = [
    { kode: 'R15', pesan: 'Pemilih DPTb 3 tidak sama dengan pengguna DPTb 4' },
    { kode: 'R16', pesan: 'Foto lembar 3 sama persis dengan foto TPS 001 Cantung Kiri Hulu' },
  ];
  d.lampiran[2]!.tps[0] = { nomor: 1, counts: null, sumber: null, tunda: { jenis: 'PSU', dasar: 'Rekomendasi' } };
  d.kehadiran = {
    ppk: [{ nama: 'Muhammad Ridwan', jabatan: 'Ketua' }],
    saksi: [{ paslon: 2, nama: 'Rahmat' }],
    panwaslu: ['Nurhayati'],
  };
  d.meta.audit = { jumlah: 321, kepala: 'ef'.repeat(32) };
  d.meta.keutuhan = { temuan: 2 };
  d.meta.reason = 'Salah cetak nama desa';
  d.meta.version = 2;
  return d;
}

/** Kotabaru kecamatan with long names (the kab/kota page titles must wrap whole, never be cut). */
export const KOTABARU_KECAMATAN = [
  ['630201', 'Pulau Laut Utara'],
  ['630214', 'Hampang'],
  ['630217', 'Pulau Laut Tanjung Selayar'],
  ['630210', 'Kelumpang Hilir Kepulauan Sembilan Sebuku Timur'],
] as const;

/** A D.Hasil Kabupaten/Kota-KWK: `kecamatan` columns (the first `missing` without a committed D.Hasil), each by desa. */
export function sampleKabDHasil(o: SampleOptions & { kecamatan?: number; missing?: number } = {}): KabDHasilData {
  const paslon = o.paslon ?? 3;
  const rand = mulberry32(o.seed ?? 1);
  const kab = sampleMaster({ desa: 1, tpsPerDesa: 1, paslon, pemilihan: o.pemilihan ?? 'bupati' });
  const p = kab.pemilihan[0]!;
  const lampiran = Array.from({ length: o.kecamatan ?? 3 }, (_, i) => {
    const [kode, nama] = KOTABARU_KECAMATAN[i % KOTABARU_KECAMATAN.length]!;
    const desa = Array.from({ length: o.desa ?? 14 }, (_, k) => ({
      kode: `${kode}${2001 + k}`,
      nama: HAMPANG_DESA[k % HAMPANG_DESA.length]!,
      total: sampleCounts(rand, paslon),
    }));
    return { kode, nama, desa };
  }).map((k, i) => (i < (o.missing ?? 0) ? { ...k, desa: [] } : k));
  const kecamatan = lampiran.map((k, i) => ({
    kode: k.kode,
    nama: k.nama,
    total:
      k.desa.length > 0
        ? sumTotals(
            k.desa.map((d) => d.total),
            paslon,
          )
        : null,
    dikunci: i % 2 === 1,
    sumber: null,
  }));
  return {
    format: DOCUMENT_FORMAT,
    meta: sampleMeta(
      { id: `DHASILKAB-6302-${p.id}`, kind: 'd-hasil-kabko' as const, version: 1, pemilihan: p.id, kabkota: '6302' },
      '2024-12-05T10:00:00+08:00',
      o,
    ),
    header: {
      provinsi: kab.provinsi,
      kabkota: kab.kabkota,
      pemilihan: { id: p.id, nama: p.nama },
      pilihan: p.pilihan,
      anggota: [
        { nama: 'Rusdiansyah Noor', jabatan: 'ketua' },
        { nama: 'Fitriani Hasanah', jabatan: 'anggota' },
      ],
      tempat: kab.kabkota.nama,
    },
    recap: {
      kecamatan,
      total: sumTotals(
        kecamatan.flatMap((k) => (k.total ? [k.total] : [])),
        paslon,
      ),
    },
    lampiran: lampiran.filter((k) => k.desa.length > 0),
  };
}
