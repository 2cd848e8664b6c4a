import { describe, expect, it } from 'vitest';
import type { CorrectionView } from '../../../shared/contracts/plenary.contract';
import { correctedFields } from './corrected-fields';

const corr = (
  id: number,
  state: CorrectionView['state'],
  decidedAt: string,
  changes: [string, number, number][],
): CorrectionView =>
  ({
    id,
    state,
    decidedAt,
    proposedAt: decidedAt,
    changes: changes.map(([path, from, to]) => ({ path, label: path, from, to })),
  }) as CorrectionView;

describe('correctedFields', () => {
  it('keeps the first read value and the last approved one; ignores proposed and rejected', () => {
    const m = correctedFields([
      corr(2, 'approved', '2026-12-01T10:05:00Z', [['suara.paslon.0', 150, 105]]),
      corr(1, 'approved', '2026-12-01T10:00:00Z', [
        ['suara.paslon.0', 905, 150],
        ['suara.sah', 1200, 400],
      ]),
      corr(3, 'rejected', '2026-12-01T10:06:00Z', [['suara.paslon.1', 10, 11]]),
      corr(4, 'proposed', '2026-12-01T10:07:00Z', [['suara.tidakSah', 3, 4]]),
    ]);
    expect(Object.fromEntries(m)).toEqual({
      'suara.paslon.0': { from: 905, to: 105 },
      'suara.sah': { from: 1200, to: 400 },
    });
  });

  it('a change corrected back to its first value is not shown as changed', () => {
    const m = correctedFields([
      corr(1, 'approved', '2026-12-01T10:00:00Z', [['suara.total', 500, 501]]),
      corr(2, 'approved', '2026-12-01T10:01:00Z', [['suara.total', 501, 500]]),
    ]);
    expect(m.size).toBe(0);
  });
});
