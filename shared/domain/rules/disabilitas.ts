// Rule R04: voters with disabilities (section II).
// Error part: disabilitas pengguna ≤ disabilitas pemilih, for L and for P.
// Warning part: disabilitas pengguna ≤ pengguna hak pilih (Jumlah B), checked per side (L against L, P against P);
// a per-side check is stricter than comparing L+P totals and implies it, and names the exact cells concerned.
import type { CHasilCounts, LP } from '../model';
import { type Rule, type Severity, type Violation, SIDES, SIDE_NAMES } from './types';

/** What disabilitas pengguna is checked against, per side: the error part first, then the warning part. */
const LIMITS: readonly { severity: Severity; field: string; what: string; of: (c: CHasilCounts) => LP }[] = [
  {
    severity: 'error',
    field: 'disabilitas.pemilih',
    what: 'jumlah pemilih disabilitas',
    of: (c) => c.disabilitas.pemilih,
  },
  { severity: 'warning', field: 'pengguna.jumlah', what: 'jumlah pengguna hak pilih', of: (c) => c.pengguna.jumlah },
];

export const R04: Rule = {
  code: 'R04',
  severity: 'error',
  severities: ['error', 'warning'],
  title: 'Pemilih disabilitas yang menggunakan hak pilih tidak melebihi pemilih disabilitas maupun pengguna hak pilih',
  fields: () => SIDES.flatMap((s) => [`disabilitas.pengguna.${s}`, `disabilitas.pemilih.${s}`, `pengguna.jumlah.${s}`]),
  check(counts) {
    const out: Violation[] = [];
    for (const limit of LIMITS) {
      for (const side of SIDES) {
        const used = counts.disabilitas.pengguna[side];
        const max = limit.of(counts)[side];
        if (used > max) {
          out.push({
            code: 'R04',
            severity: limit.severity,
            message: `Pemilih disabilitas ${SIDE_NAMES[side]} yang menggunakan hak pilih (${used}) melebihi ${limit.what} ${SIDE_NAMES[side]} (${max})`,
            fields: [`disabilitas.pengguna.${side}`, `${limit.field}.${side}`],
          });
        }
      }
    }
    return out;
  },
};

export const DISABILITAS_RULES: Rule[] = [R04];
