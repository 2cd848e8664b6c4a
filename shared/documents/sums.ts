// The sums a D.Hasil's own data must satisfy before it is issued (docs/documents.md): every desa total of the recap
// is the field-wise sum of that desa's attachment, and the kecamatan total the sum of the desa totals. A document
// whose own sums disagree is refused, never printed.
import { forEachCount, getCount } from '../domain/labels';
import type { CHasilCounts } from '../domain/model';
import { sumTotals } from '../domain/recap';
import type { DHasilData } from './types';

/** Where `actual` differs from `expected`: "suara.sah 729 ≠ 719" per field. */
function differences(actual: CHasilCounts, expected: CHasilCounts): string[] {
  const out: string[] = [];
  if (actual.suara.paslon.length !== expected.suara.paslon.length) return ['jumlah pilihan berbeda'];
  forEachCount(expected, (path, v) => {
    const a = getCount(actual, path);
    if (a !== v) out.push(`${path} ${a} ≠ ${v}`);
  });
  return out;
}

/** Sentences (Bahasa Indonesia) for every total of the document that is not the sum of its parts; empty if none. */
export function documentSumErrors(data: DHasilData): string[] {
  const n = data.header.pilihan.length;
  const errors: string[] = [];
  for (const lampiran of data.lampiran) {
    const desa = data.recap.desa.find((d) => d.kode === lampiran.kode);
    if (!desa) {
      errors.push(`Lampiran desa ${lampiran.nama} tidak ada dalam rekapitulasi.`);
      continue;
    }
    const counted = lampiran.tps.flatMap((t) => (t.counts ? [t.counts] : []));
    const diff = differences(desa.total, sumTotals(counted, n));
    if (diff.length > 0) errors.push(`Jumlah desa ${desa.nama} bukan jumlah TPS-nya (${diff.slice(0, 3).join('; ')}).`);
  }
  if (data.recap.desa.length !== data.lampiran.length)
    errors.push('Jumlah desa pada rekapitulasi dan lampiran berbeda.');
  const diff = differences(
    data.recap.total,
    sumTotals(
      data.recap.desa.map((d) => d.total),
      n,
    ),
  );
  if (diff.length > 0) errors.push(`Jumlah kecamatan bukan jumlah desa-desanya (${diff.slice(0, 3).join('; ')}).`);
  return errors;
}
