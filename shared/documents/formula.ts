// The sums a D.Hasil column must satisfy, checked cell by cell so a page can mark the cell that breaks its formula:
// A.4 = A.1 + A.2 + A.3 and B.4 = B.1 + B.2 + B.3 for L and P (rules R01, R02), IV.B = A.1 + … + A.n (R05) and
// IV.D = B + C (R06). The totals are kept as the forms wrote them (docs/documents.md), so a wrong sum stays visible.
import type { CHasilCounts } from '../domain/model';

export interface FormulaFailure {
  /** The total cell that disagrees with its parts, e.g. 'pemilih.jumlah.l', 'suara.sah'. */
  path: string;
  code: 'R01' | 'R02' | 'R05' | 'R06';
  /** The number as written. */
  written: number;
  /** The sum of its parts. */
  expected: number;
  /** The formula in the form's row numbers, e.g. "A.1+A.2+A.3". */
  formula: string;
}

/** Every formula a column breaks, in form order; empty for a consistent column. */
export function formulaFailures(c: CHasilCounts): FormulaFailure[] {
  const out: FormulaFailure[] = [];
  for (const [group, code, row] of [
    ['pemilih', 'R01', 'A'],
    ['pengguna', 'R02', 'B'],
  ] as const) {
    for (const side of ['l', 'p'] as const) {
      const g = c[group];
      const expected = g.dpt[side] + g.dpph[side] + g.dptb[side];
      if (g.jumlah[side] !== expected)
        out.push({
          path: `${group}.jumlah.${side}`,
          code,
          written: g.jumlah[side],
          expected,
          formula: `${row}.1+${row}.2+${row}.3`,
        });
    }
  }
  const votes = c.suara.paslon.reduce((s, v) => s + v, 0);
  if (c.suara.sah !== votes)
    out.push({ path: 'suara.sah', code: 'R05', written: c.suara.sah, expected: votes, formula: paslonFormula(c) });
  if (c.suara.total !== c.suara.sah + c.suara.tidakSah)
    out.push({
      path: 'suara.total',
      code: 'R06',
      written: c.suara.total,
      expected: c.suara.sah + c.suara.tidakSah,
      formula: 'B+C',
    });
  return out;
}

function paslonFormula(c: CHasilCounts): string {
  const n = c.suara.paslon.length;
  return n <= 3 ? Array.from({ length: n }, (_, i) => `A.${i + 1}`).join('+') : `A.1+…+A.${n}`;
}
