// Rules R05–R07: votes (section IV) and their agreement with turnout (section I.B).
import {
  type Rule,
  PENGGUNA_JUMLAH_FIELDS,
  paslonFields,
  sum,
  sumText,
  totalPengguna,
  totalPenggunaText,
} from './types';

export const R05: Rule = {
  code: 'R05',
  severity: 'error',
  severities: ['error'],
  title: 'Jumlah suara sah = jumlah perolehan suara semua pilihan',
  fields: (n) => [...paslonFields(n), 'suara.sah'],
  check(counts) {
    const votes = counts.suara.paslon;
    if (counts.suara.sah === sum(votes)) return [];
    return [
      {
        code: 'R05',
        severity: 'error',
        message: `Jumlah suara sah (${counts.suara.sah}) tidak sama dengan jumlah perolehan suara paslon (${sumText(votes)})`,
        fields: [...paslonFields(votes.length), 'suara.sah'],
      },
    ];
  },
};

export const R06: Rule = {
  code: 'R06',
  severity: 'error',
  severities: ['error'],
  title: 'Jumlah seluruh suara = suara sah + suara tidak sah',
  fields: () => ['suara.sah', 'suara.tidakSah', 'suara.total'],
  check(counts) {
    const { sah, tidakSah, total } = counts.suara;
    if (total === sah + tidakSah) return [];
    return [
      {
        code: 'R06',
        severity: 'error',
        message: `Jumlah seluruh suara (${total}) tidak sama dengan suara sah + suara tidak sah (${sumText([sah, tidakSah])})`,
        fields: ['suara.sah', 'suara.tidakSah', 'suara.total'],
      },
    ];
  },
};

export const R07: Rule = {
  code: 'R07',
  severity: 'error',
  severities: ['error'],
  title: 'Jumlah pengguna hak pilih = jumlah seluruh suara',
  fields: () => [...PENGGUNA_JUMLAH_FIELDS, 'suara.total'],
  check(counts) {
    if (totalPengguna(counts) === counts.suara.total) return [];
    return [
      {
        code: 'R07',
        severity: 'error',
        message: `Jumlah pengguna hak pilih (${totalPenggunaText(counts)}) tidak sama dengan jumlah seluruh suara (${counts.suara.total})`,
        fields: [...PENGGUNA_JUMLAH_FIELDS, 'suara.total'],
      },
    ];
  },
};

export const VOTE_RULES: Rule[] = [R05, R06, R07];
