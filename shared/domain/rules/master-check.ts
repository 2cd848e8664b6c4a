// Rules R10 and R12: the record against the TPS's DPT in the data master.
//
// R10 decision: "DPT of the TPS" means the master's L + P. Ballot papers are not split by sex, and the reserve is
// 2.5% of all registered voters, rounded up: expected diterima = D + ceil(D × 2.5 / 100) with D = dpt.l + dpt.p,
// computed in integers as D + ceil(D / 40) so that no floating point rounding can shift the figure.
import { type LP } from '../model';
import { type Rule, type Violation, SIDES, SIDE_NAMES, sumText } from './types';

/** The ballot reserve (2.5%, rounded up) for a TPS with `dpt` registered voters. */
export function cadangan(dpt: number): number {
  return Math.ceil(dpt / 40);
}

/** Ballot papers a TPS should receive: DPT (L + P of the master) plus the 2.5% reserve. */
export function expectedSuratSuara(dptMaster: LP): number {
  const d = dptMaster.l + dptMaster.p;
  return d + cadangan(d);
}

export const R10: Rule = {
  code: 'R10',
  severity: 'warning',
  severities: ['warning'],
  title: 'Surat suara diterima = DPT data master + cadangan 2,5%',
  fields: () => ['suratSuara.diterima'],
  check(counts, ctx) {
    const d = ctx.dptMaster.l + ctx.dptMaster.p;
    const expected = d + cadangan(d);
    if (counts.suratSuara.diterima === expected) return [];
    return [
      {
        code: 'R10',
        severity: 'warning',
        message: `Surat suara yang diterima (${counts.suratSuara.diterima}) tidak sama dengan DPT data master + cadangan 2,5% (${sumText([d, cadangan(d)])})`,
        fields: ['suratSuara.diterima'],
      },
    ];
  },
};

export const R12: Rule = {
  code: 'R12',
  severity: 'warning',
  severities: ['warning'],
  title: 'DPT pada formulir = DPT data master',
  fields: () => ['pemilih.dpt.l', 'pemilih.dpt.p'],
  check(counts, ctx) {
    const out: Violation[] = [];
    for (const side of SIDES) {
      const onForm = counts.pemilih.dpt[side];
      const master = ctx.dptMaster[side];
      if (onForm !== master) {
        out.push({
          code: 'R12',
          severity: 'warning',
          message: `DPT ${SIDE_NAMES[side]} pada formulir (${onForm}) tidak sama dengan DPT ${SIDE_NAMES[side]} data master (${master})`,
          fields: [`pemilih.dpt.${side}`],
        });
      }
    }
    return out;
  },
};

export const MASTER_RULES: Rule[] = [R10, R12];
