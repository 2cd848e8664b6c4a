// The receiver's checks at commit (docs/design.md §3.7 and §4.3 "Checks at commit"): every lampiran number of a
// pushed D.Hasil traces to a held C.Hasil record of that TPS through its approved corrections, and the desa and
// kecamatan totals are the sums. Pure: the caller has verified every signature and parsed the records.
// Each failure is one `masalah` sentence in Bahasa Indonesia, naming the desa and TPS as a person reads them.
import { getCount, setCount } from './labels';
import type { CHasilCounts } from './model';
import { formatKode, tpsCode } from './model';
import { sumTotals } from './recap';

/** A held C.Hasil record, by the SHA-256 of JCS(payload). */
export interface HeldRecord {
  tps: string;
  counts: CHasilCounts;
}

interface KoreksiIn {
  bidang: string;
  dari: number;
  menjadi: number;
}

/** The parts of a pleno.document/2 D.Hasil payload the checks read (shape checked loosely: a bad shape is a masalah). */
interface DHasilShape {
  meta: { kecamatan: string; pemilihan: string };
  recap: { desa: { kode: string; nama: string; total: CHasilCounts }[]; total: CHasilCounts };
  lampiran: {
    kode: string;
    nama: string;
    tps: { nomor: number; counts: CHasilCounts | null; sumber: { rekaman: string; koreksi: KoreksiIn[] } | null }[];
  }[];
}

/** Deep equality of plain JSON values, whatever the key order. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function replay(base: CHasilCounts, koreksi: readonly KoreksiIn[], where: string, out: string[]): CHasilCounts | null {
  let counts = base;
  for (const k of koreksi) {
    let now: number;
    try {
      now = getCount(counts, k.bidang);
    } catch {
      out.push(`${where}: koreksi menyebut kolom "${k.bidang}" yang tidak ada pada formulir.`);
      return null;
    }
    if (now !== k.dari) {
      out.push(`${where}: koreksi kolom ${k.bidang} dari ${k.dari}, padahal angka sebelumnya ${now}.`);
      return null;
    }
    counts = setCount(counts, k.bidang, k.menjadi);
  }
  return counts;
}

/**
 * Each desa once in the recap and once in the lampiran, each TPS once in its desa: a recap desa without a lampiran
 * (or a second copy of one) would carry numbers into the kecamatan total that no record traces (§3.7: a desa total is
 * the sum of that desa's lampiran counts), and a TPS listed twice would be counted twice.
 */
function checkListedOnce(doc: DHasilShape, out: string[]) {
  const twice = (kodes: string[]) => new Set(kodes.filter((k, i) => kodes.indexOf(k) !== i));
  const inRecap = doc.recap.desa.map((d) => d.kode);
  const inLampiran = doc.lampiran.map((d) => d.kode);
  for (const k of twice(inRecap)) out.push(`Desa ${nameOf(doc, k)}: tercantum dua kali di rekapitulasi.`);
  for (const k of twice(inLampiran)) out.push(`Desa ${nameOf(doc, k)}: tercantum dua kali di lampiran.`);
  for (const d of doc.recap.desa.filter((x) => !inLampiran.includes(x.kode)))
    out.push(`Desa ${d.nama}: tidak ada di lampiran, angkanya tidak dapat ditelusuri ke rekaman C.Hasil.`);
  for (const desa of doc.lampiran)
    for (const nomor of twice(desa.tps.map((t) => String(t.nomor).padStart(3, '0'))))
      out.push(`Desa ${desa.nama} TPS ${nomor}: tercantum dua kali di lampiran.`);
}

const nameOf = (doc: DHasilShape, kode: string): string =>
  (doc.lampiran.find((d) => d.kode === kode) ?? doc.recap.desa.find((d) => d.kode === kode))?.nama ?? kode;

function checkLampiran(doc: DHasilShape, held: ReadonlyMap<string, HeldRecord>, pilihan: number, out: string[]) {
  checkListedOnce(doc, out);
  for (const desa of doc.lampiran) {
    const sums: CHasilCounts[] = [];
    for (const t of desa.tps) {
      const where = `Desa ${desa.nama} TPS ${String(t.nomor).padStart(3, '0')}`;
      if (t.sumber === null) {
        if (t.counts !== null) out.push(`${where}: angka tanpa sumber rekaman C.Hasil.`);
        continue;
      }
      const rec = held.get(t.sumber.rekaman);
      if (!rec) {
        out.push(`${where}: rekaman C.Hasil yang menjadi sumbernya tidak ikut dikirim.`);
        continue;
      }
      if (rec.tps !== tpsCode(desa.kode, t.nomor)) {
        out.push(`${where}: rekaman sumbernya adalah C.Hasil TPS lain (${formatKode(rec.tps)}).`);
        continue;
      }
      const replayed = replay(rec.counts, t.sumber.koreksi, where, out);
      if (replayed && !same(replayed, t.counts)) {
        out.push(`${where}: angka pada lampiran tidak sama dengan rekaman C.Hasil setelah koreksinya.`);
      }
      if (t.counts) sums.push(t.counts);
    }
    const recap = doc.recap.desa.find((d) => d.kode === desa.kode);
    if (!recap) out.push(`Desa ${desa.nama}: tidak ada di rekapitulasi.`);
    else if (!same(recap.total, sumTotals(sums, pilihan))) {
      out.push(`Desa ${desa.nama}: jumlah desa tidak sama dengan jumlah angka TPS-nya.`);
    }
  }
}

/**
 * The masalah of one pushed D.Hasil (empty when it adds up). `held` maps the SHA-256 of JCS(payload) of every
 * C.Hasil record of the push to its TPS and numbers; `pilihan` is the number of choices of the pemilihan.
 */
export function checkPushedDHasil(
  payload: unknown,
  expected: { kecamatan: string; pemilihan: string; pilihan: number },
  held: ReadonlyMap<string, HeldRecord>,
): string[] {
  const out: string[] = [];
  const p = payload as { format?: unknown } & Partial<DHasilShape>;
  if (p.format !== 'pleno.document/2') {
    return ['Dokumen D.Hasil bukan pleno.document/2: angkanya tidak dapat ditelusuri ke rekaman C.Hasil.'];
  }
  try {
    const doc = p as DHasilShape;
    if (doc.meta.kecamatan !== expected.kecamatan || doc.meta.pemilihan !== expected.pemilihan) {
      return ['Dokumen D.Hasil untuk kecamatan atau pemilihan lain daripada manifestnya.'];
    }
    checkLampiran(doc, held, expected.pilihan, out);
    const desaTotals = doc.recap.desa.map((d) => d.total);
    if (!same(doc.recap.total, sumTotals(desaTotals, expected.pilihan))) {
      out.push('Jumlah kecamatan tidak sama dengan jumlah seluruh desa.');
    }
  } catch {
    return ['Isi dokumen D.Hasil tidak dapat dibaca (susunan datanya tidak sah).'];
  }
  return out;
}
