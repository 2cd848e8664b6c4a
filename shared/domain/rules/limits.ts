// Rule R13: numbers beyond the form's 3 boxes (> 999) and a DPT beyond the TPS cap (> 600 voters on the list).
// The cap bounds the DPT only: DPPh and DPTb voters come on top of it, so pengguna may lawfully exceed 600.
import { countPaths, fieldLabel, forEachCount } from '../labels';
import { type Rule, type Violation, sumText } from './types';

/** Largest number the form's 3 boxes can hold. */
export const MAX_FORM_COUNT = 999;
/** Most DPT voters a TPS may serve (Pilkada 2024). */
export const MAX_PEMILIH_TPS = 600;

const DPT_FIELDS = ['pemilih.dpt.l', 'pemilih.dpt.p'];

export const R13: Rule = {
  code: 'R13',
  severity: 'warning',
  severities: ['warning'],
  title: 'Angka melebihi 999 atau DPT TPS melebihi 600',
  fields: (n) => countPaths(n),
  check(counts) {
    const out: Violation[] = [];
    forEachCount(counts, (path, v) => {
      if (v > MAX_FORM_COUNT) {
        out.push({
          code: 'R13',
          severity: 'warning',
          message: `Angka ${v} pada ${fieldLabel(path)} melebihi ${MAX_FORM_COUNT} (formulir hanya memuat 3 digit)`,
          fields: [path],
        });
      }
    });
    const { l, p } = counts.pemilih.dpt;
    if (l + p > MAX_PEMILIH_TPS) {
      out.push({
        code: 'R13',
        severity: 'warning',
        message: `Jumlah pemilih DPT (${sumText([l, p])}) melebihi batas ${MAX_PEMILIH_TPS} pemilih DPT per TPS`,
        fields: [...DPT_FIELDS],
      });
    }
    return out;
  },
};

export const LIMIT_RULES: Rule[] = [R13];
