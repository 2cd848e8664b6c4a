// Rules R01–R03: voter (pemilih) and turnout (pengguna hak pilih) rows of section I.
import { type CHasilCounts, type PemilihVoters } from '../model';
import { type Rule, type Violation, SIDES, SIDE_NAMES, sumText } from './types';

const LISTS = ['dpt', 'dpph', 'dptb'] as const;
const LIST_NAMES = { dpt: 'DPT', dpph: 'DPPh', dptb: 'DPTb' } as const;

function jumlahRule(code: 'R01' | 'R02', group: 'pemilih' | 'pengguna', title: string, noun: string): Rule {
  const fieldsOf = (side: string) => [...LISTS.map((l) => `${group}.${l}.${side}`), `${group}.jumlah.${side}`];
  return {
    code,
    severity: 'error',
    severities: ['error'],
    title,
    fields: () => SIDES.flatMap(fieldsOf),
    check(counts: CHasilCounts): Violation[] {
      const g: PemilihVoters = counts[group];
      const out: Violation[] = [];
      for (const side of SIDES) {
        const parts = LISTS.map((l) => g[l][side]);
        const expected = parts.reduce((a, b) => a + b, 0);
        if (g.jumlah[side] !== expected) {
          out.push({
            code,
            severity: 'error',
            message: `Jumlah ${noun} ${SIDE_NAMES[side]} (${g.jumlah[side]}) tidak sama dengan DPT + DPPh + DPTb (${sumText(parts)})`,
            fields: fieldsOf(side),
          });
        }
      }
      return out;
    },
  };
}

export const R01 = jumlahRule('R01', 'pemilih', 'Jumlah pemilih = DPT + DPPh + DPTb', 'pemilih');
export const R02 = jumlahRule('R02', 'pengguna', 'Jumlah pengguna hak pilih = DPT + DPPh + DPTb', 'pengguna hak pilih');

export const R03: Rule = {
  code: 'R03',
  severity: 'error',
  severities: ['error'],
  title: 'Pengguna hak pilih tiap daftar tidak melebihi pemilih pada daftar itu',
  fields: () => LISTS.flatMap((l) => SIDES.flatMap((s) => [`pengguna.${l}.${s}`, `pemilih.${l}.${s}`])),
  check(counts) {
    const out: Violation[] = [];
    for (const l of LISTS) {
      for (const side of SIDES) {
        const used = counts.pengguna[l][side];
        const registered = counts.pemilih[l][side];
        if (used > registered) {
          out.push({
            code: 'R03',
            severity: 'error',
            message: `Pengguna hak pilih dalam ${LIST_NAMES[l]} ${SIDE_NAMES[side]} (${used}) melebihi pemilih dalam ${LIST_NAMES[l]} ${SIDE_NAMES[side]} (${registered})`,
            fields: [`pengguna.${l}.${side}`, `pemilih.${l}.${side}`],
          });
        }
      }
    }
    return out;
  },
};

export const VOTER_RULES: Rule[] = [R01, R02, R03];
