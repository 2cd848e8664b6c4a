// Rule R04: voters with disabilities (section II).
// Error part: disabilitas pengguna ≤ disabilitas pemilih, for L and for P.
// Warning part: disabilitas pengguna ≤ pengguna hak pilih (Jumlah B), checked per side (L against L, P against P);
// a per-side check is stricter than comparing L+P totals and implies it, and names the exact cells concerned.
import { type Rule, type Violation, SIDES, SIDE_NAMES } from './types';

export const R04: Rule = {
  code: 'R04',
  severity: 'error',
  severities: ['error', 'warning'],
  title: 'Pemilih disabilitas yang menggunakan hak pilih tidak melebihi pemilih disabilitas maupun pengguna hak pilih',
  fields: () => SIDES.flatMap((s) => [`disabilitas.pengguna.${s}`, `disabilitas.pemilih.${s}`, `pengguna.jumlah.${s}`]),
  check(counts) {
    const out: Violation[] = [];
    for (const side of SIDES) {
      const used = counts.disabilitas.pengguna[side];
      const registered = counts.disabilitas.pemilih[side];
      if (used > registered) {
        out.push({
          code: 'R04',
          severity: 'error',
          message: `Pemilih disabilitas ${SIDE_NAMES[side]} yang menggunakan hak pilih (${used}) melebihi jumlah pemilih disabilitas ${SIDE_NAMES[side]} (${registered})`,
          fields: [`disabilitas.pengguna.${side}`, `disabilitas.pemilih.${side}`],
        });
      }
    }
    for (const side of SIDES) {
      const used = counts.disabilitas.pengguna[side];
      const voted = counts.pengguna.jumlah[side];
      if (used > voted) {
        out.push({
          code: 'R04',
          severity: 'warning',
          message: `Pemilih disabilitas ${SIDE_NAMES[side]} yang menggunakan hak pilih (${used}) melebihi jumlah pengguna hak pilih ${SIDE_NAMES[side]} (${voted})`,
          fields: [`disabilitas.pengguna.${side}`, `pengguna.jumlah.${side}`],
        });
      }
    }
    return out;
  },
};

export const DISABILITAS_RULES: Rule[] = [R04];
