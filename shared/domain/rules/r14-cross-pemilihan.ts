// R14 (warning): the pemilihan of one TPS share their voters and their ballot delivery, so across the records of one
// TPS: DPT (L, P), DPTb (L, P) and surat suara diterima are equal, pengguna from the DPT are equal, and DPPh of a
// bupati/walikota record is at most the gubernur's (voters who moved in from another kab/kota vote for gubernur only).
// Each violation concerns the record that differs from the gubernur record (or from the first, without one).
import type { CHasilCounts, PemilihanId } from '../model';
import type { CrossViolation } from './cross-types';

export interface PemilihanRecord {
  pemilihan: PemilihanId;
  counts: CHasilCounts;
}

// Direct getters beside each path (a recap checks every TPS of every pemilihan; the path is what the review marks).
const EQUAL: { path: string; what: string; get: (c: CHasilCounts) => number }[] = [
  { path: 'pemilih.dpt.l', what: 'pemilih DPT laki-laki', get: (c) => c.pemilih.dpt.l },
  { path: 'pemilih.dpt.p', what: 'pemilih DPT perempuan', get: (c) => c.pemilih.dpt.p },
  { path: 'pemilih.dptb.l', what: 'pemilih DPTb laki-laki', get: (c) => c.pemilih.dptb.l },
  { path: 'pemilih.dptb.p', what: 'pemilih DPTb perempuan', get: (c) => c.pemilih.dptb.p },
  { path: 'suratSuara.diterima', what: 'surat suara diterima', get: (c) => c.suratSuara.diterima },
  { path: 'pengguna.dpt.l', what: 'pengguna hak pilih DPT laki-laki', get: (c) => c.pengguna.dpt.l },
  { path: 'pengguna.dpt.p', what: 'pengguna hak pilih DPT perempuan', get: (c) => c.pengguna.dpt.p },
];
const AT_MOST: { path: string; what: string; get: (c: CHasilCounts) => number }[] = [
  { path: 'pemilih.dpph.l', what: 'pemilih DPPh laki-laki', get: (c) => c.pemilih.dpph.l },
  { path: 'pemilih.dpph.p', what: 'pemilih DPPh perempuan', get: (c) => c.pemilih.dpph.p },
];

/** The paths R14 compares, each with its getter (the rule's test checks them against labels.ts getCount). */
export const R14_FIELDS = [...EQUAL, ...AT_MOST];

const NAMES: Record<PemilihanId, string> = { gubernur: 'gubernur', bupati: 'bupati', walikota: 'wali kota' };

/** R14 over the records of one TPS (one per pemilihan; fewer than two gives nothing). */
export function checkR14(records: readonly PemilihanRecord[]): CrossViolation[] {
  const ref = records.find((r) => r.pemilihan === 'gubernur') ?? records[0];
  if (!ref || records.length < 2) return [];
  const out: CrossViolation[] = [];
  for (const r of records) {
    if (r === ref) continue;
    for (const { path, what, get } of EQUAL) {
      const a = get(r.counts);
      const b = get(ref.counts);
      if (a !== b)
        out.push({
          code: 'R14',
          severity: 'warning',
          pemilihan: r.pemilihan,
          message: `Jumlah ${what} pemilihan ${NAMES[r.pemilihan]} (${a}) berbeda dengan pemilihan ${NAMES[ref.pemilihan]} (${b}) di TPS yang sama`,
          fields: [path],
        });
    }
    if (ref.pemilihan !== 'gubernur') continue;
    for (const { path, what, get } of AT_MOST) {
      const a = get(r.counts);
      const b = get(ref.counts);
      if (a > b)
        out.push({
          code: 'R14',
          severity: 'warning',
          pemilihan: r.pemilihan,
          message: `Jumlah ${what} pemilihan ${NAMES[r.pemilihan]} (${a}) melebihi pemilihan gubernur (${b}): pindahan dari kabupaten/kota lain hanya memilih gubernur`,
          fields: [path],
        });
    }
  }
  return out;
}
