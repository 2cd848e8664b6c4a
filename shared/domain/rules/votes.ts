// Rules R05–R07: votes (section IV) and their agreement with turnout (section I.B).
import {
  type Rule,
  PENGGUNA_JUMLAH_FIELDS,
  paslonFields,
  sum,
  sumText,
  totalPengguna,
  totalPenggunaText,
  wholeRecordRule,
} from './types';

/** Its fields are those of the record's own choices (as many as it carries votes for). */
export const R05 = wholeRecordRule(
  'R05',
  'Jumlah suara sah = jumlah perolehan suara semua pilihan',
  (n) => [...paslonFields(n), 'suara.sah'],
  ({ suara }) =>
    suara.sah === sum(suara.paslon)
      ? null
      : `Jumlah suara sah (${suara.sah}) tidak sama dengan jumlah perolehan suara paslon (${sumText(suara.paslon)})`,
);

export const R06 = wholeRecordRule(
  'R06',
  'Jumlah seluruh suara = suara sah + suara tidak sah',
  () => ['suara.sah', 'suara.tidakSah', 'suara.total'],
  ({ suara: { sah, tidakSah, total } }) =>
    total === sah + tidakSah
      ? null
      : `Jumlah seluruh suara (${total}) tidak sama dengan suara sah + suara tidak sah (${sumText([sah, tidakSah])})`,
);

export const R07 = wholeRecordRule(
  'R07',
  'Jumlah pengguna hak pilih = jumlah seluruh suara',
  () => [...PENGGUNA_JUMLAH_FIELDS, 'suara.total'],
  (counts) =>
    totalPengguna(counts) === counts.suara.total
      ? null
      : `Jumlah pengguna hak pilih (${totalPenggunaText(counts)}) tidak sama dengan jumlah seluruh suara (${counts.suara.total})`,
);

export const VOTE_RULES: Rule[] = [R05, R06, R07];
