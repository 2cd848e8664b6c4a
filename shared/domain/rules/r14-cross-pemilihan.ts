// R14 (warning): the pemilihan of one TPS share their voters and their ballot delivery, so across the records of one
// TPS: DPT (L, P), DPTb (L, P) and surat suara diterima are equal, pengguna from the DPT are equal, and DPPh of a
// bupati/walikota record is at most the gubernur's (voters who moved in from another kab/kota vote for gubernur only).
// Each violation concerns the record that differs from the gubernur record (or from the first, without one).
import type { CHasilCounts, PemilihanId } from '../model';
import { getCount } from '../labels';
import type { CrossViolation } from './cross-types';

export interface PemilihanRecord {
  pemilihan: PemilihanId;
  counts: CHasilCounts;
}

const EQUAL: { path: string; what: string }[] = [
  { path: 'pemilih.dpt.l', what: 'pemilih DPT laki-laki' },
  { path: 'pemilih.dpt.p', what: 'pemilih DPT perempuan' },
  { path: 'pemilih.dptb.l', what: 'pemilih DPTb laki-laki' },
  { path: 'pemilih.dptb.p', what: 'pemilih DPTb perempuan' },
  { path: 'suratSuara.diterima', what: 'surat suara diterima' },
  { path: 'pengguna.dpt.l', what: 'pengguna hak pilih DPT laki-laki' },
  { path: 'pengguna.dpt.p', what: 'pengguna hak pilih DPT perempuan' },
];
const AT_MOST: { path: string; what: string }[] = [
  { path: 'pemilih.dpph.l', what: 'pemilih DPPh laki-laki' },
  { path: 'pemilih.dpph.p', what: 'pemilih DPPh perempuan' },
];

const NAMES: Record<PemilihanId, string> = { gubernur: 'gubernur', bupati: 'bupati', walikota: 'wali kota' };

/** R14 over the records of one TPS (one per pemilihan; fewer than two gives nothing). */
export function checkR14(records: readonly PemilihanRecord[]): CrossViolation[] {
  const ref = records.find((r) => r.pemilihan === 'gubernur') ?? records[0];
  if (!ref || records.length < 2) return [];
  const out: CrossViolation[] = [];
  for (const r of records) {
    if (r === ref) continue;
    for (const { path, what } of EQUAL) {
      const a = getCount(r.counts, path);
      const b = getCount(ref.counts, path);
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
    for (const { path, what } of AT_MOST) {
      const a = getCount(r.counts, path);
      const b = getCount(ref.counts, path);
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
