// Rule R13: numbers beyond the form's 3 boxes (> 999) and turnout beyond the TPS cap (> 600 pengguna hak pilih).
import { countPaths, fieldLabel, forEachCount } from '../labels';
import { type Rule, type Violation, PENGGUNA_JUMLAH_FIELDS, totalPengguna, totalPenggunaText } from './types';

/** Largest number the form's 3 boxes can hold. */
export const MAX_FORM_COUNT = 999;
/** Most voters a TPS may serve (Pilkada 2024). */
export const MAX_PEMILIH_TPS = 600;

export const R13: Rule = {
  code: 'R13',
  severity: 'warning',
  severities: ['warning'],
  title: 'Angka melebihi 999 atau pengguna hak pilih melebihi 600',
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
    if (totalPengguna(counts) > MAX_PEMILIH_TPS) {
      out.push({
        code: 'R13',
        severity: 'warning',
        message: `Jumlah pengguna hak pilih (${totalPenggunaText(counts)}) melebihi batas ${MAX_PEMILIH_TPS} pemilih per TPS`,
        fields: [...PENGGUNA_JUMLAH_FIELDS],
      });
    }
    return out;
  },
};

export const LIMIT_RULES: Rule[] = [R13];
