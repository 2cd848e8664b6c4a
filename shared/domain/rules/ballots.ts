// Rules R08, R09, R11: ballot papers (section III) and their agreement with turnout.
import { type Rule, PENGGUNA_JUMLAH_FIELDS, sumText, totalPengguna, totalPenggunaText, wholeRecordRule } from './types';

export const R08 = wholeRecordRule(
  'R08',
  'Surat suara digunakan = jumlah pengguna hak pilih',
  () => ['suratSuara.digunakan', ...PENGGUNA_JUMLAH_FIELDS],
  (counts) =>
    counts.suratSuara.digunakan === totalPengguna(counts)
      ? null
      : `Surat suara yang digunakan (${counts.suratSuara.digunakan}) tidak sama dengan jumlah pengguna hak pilih (${totalPenggunaText(counts)})`,
);

export const R09 = wholeRecordRule(
  'R09',
  'Surat suara diterima = digunakan + dikembalikan + tidak digunakan',
  () => ['suratSuara.diterima', 'suratSuara.digunakan', 'suratSuara.dikembalikan', 'suratSuara.tidakDigunakan'],
  ({ suratSuara: s }) =>
    s.diterima === s.digunakan + s.dikembalikan + s.tidakDigunakan
      ? null
      : `Surat suara yang diterima (${s.diterima}) tidak sama dengan digunakan + dikembalikan + tidak digunakan (${sumText([s.digunakan, s.dikembalikan, s.tidakDigunakan])})`,
);

export const R11 = wholeRecordRule(
  'R11',
  'Jumlah pengguna hak pilih tidak melebihi surat suara yang diterima',
  () => [...PENGGUNA_JUMLAH_FIELDS, 'suratSuara.diterima'],
  (counts) =>
    totalPengguna(counts) <= counts.suratSuara.diterima
      ? null
      : `Jumlah pengguna hak pilih (${totalPenggunaText(counts)}) melebihi surat suara yang diterima (${counts.suratSuara.diterima})`,
);

export const BALLOT_RULES: Rule[] = [R08, R09, R11];
