// Rules R08, R09, R11: ballot papers (section III) and their agreement with turnout.
import { type Rule, PENGGUNA_JUMLAH_FIELDS, sumText, totalPengguna, totalPenggunaText } from './types';

export const R08: Rule = {
  code: 'R08',
  severity: 'error',
  severities: ['error'],
  title: 'Surat suara digunakan = jumlah pengguna hak pilih',
  fields: () => ['suratSuara.digunakan', ...PENGGUNA_JUMLAH_FIELDS],
  check(counts) {
    if (counts.suratSuara.digunakan === totalPengguna(counts)) return [];
    return [
      {
        code: 'R08',
        severity: 'error',
        message: `Surat suara yang digunakan (${counts.suratSuara.digunakan}) tidak sama dengan jumlah pengguna hak pilih (${totalPenggunaText(counts)})`,
        fields: ['suratSuara.digunakan', ...PENGGUNA_JUMLAH_FIELDS],
      },
    ];
  },
};

const R09_FIELDS = [
  'suratSuara.diterima',
  'suratSuara.digunakan',
  'suratSuara.dikembalikan',
  'suratSuara.tidakDigunakan',
];

export const R09: Rule = {
  code: 'R09',
  severity: 'error',
  severities: ['error'],
  title: 'Surat suara diterima = digunakan + dikembalikan + tidak digunakan',
  fields: () => R09_FIELDS,
  check(counts) {
    const s = counts.suratSuara;
    const parts = [s.digunakan, s.dikembalikan, s.tidakDigunakan];
    if (s.diterima === s.digunakan + s.dikembalikan + s.tidakDigunakan) return [];
    return [
      {
        code: 'R09',
        severity: 'error',
        message: `Surat suara yang diterima (${s.diterima}) tidak sama dengan digunakan + dikembalikan + tidak digunakan (${sumText(parts)})`,
        fields: [...R09_FIELDS],
      },
    ];
  },
};

export const R11: Rule = {
  code: 'R11',
  severity: 'error',
  severities: ['error'],
  title: 'Jumlah pengguna hak pilih tidak melebihi surat suara yang diterima',
  fields: () => [...PENGGUNA_JUMLAH_FIELDS, 'suratSuara.diterima'],
  check(counts) {
    if (totalPengguna(counts) <= counts.suratSuara.diterima) return [];
    return [
      {
        code: 'R11',
        severity: 'error',
        message: `Jumlah pengguna hak pilih (${totalPenggunaText(counts)}) melebihi surat suara yang diterima (${counts.suratSuara.diterima})`,
        fields: [...PENGGUNA_JUMLAH_FIELDS, 'suratSuara.diterima'],
      },
    ];
  },
};

export const BALLOT_RULES: Rule[] = [R08, R09, R11];
