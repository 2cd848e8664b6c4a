// For the projector's "905 → 105": each count changed by an approved correction, with the value first read (the
// earliest approved change's `from`) and the value now counted (the latest approved change's `to`).
import type { CorrectionView } from '../../../shared/contracts/plenary.contract';

export interface CorrectedField {
  from: number;
  to: number;
}

export function correctedFields(corrections: CorrectionView[]): Map<string, CorrectedField> {
  const out = new Map<string, CorrectedField>();
  const approved = corrections
    .filter((c) => c.state === 'approved')
    .sort((a, b) => (a.decidedAt ?? a.proposedAt).localeCompare(b.decidedAt ?? b.proposedAt) || a.id - b.id);
  for (const c of approved) {
    for (const ch of c.changes) {
      const prev = out.get(ch.path);
      out.set(ch.path, { from: prev ? prev.from : ch.from, to: ch.to });
    }
  }
  for (const [path, f] of out) if (f.from === f.to) out.delete(path);
  return out;
}
