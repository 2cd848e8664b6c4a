// Adapter from the stored plenary rows of one TPS to the domain's derived state (shared/domain/status.ts
// deriveTpsState): base status, konflik/sengketa/bermasalah flags, the counted version and where it comes from.
// No rule of its own: every decision is the domain's; this only maps row shapes and adds lookups for the views.
import type { CHasilCounts, LP } from '../../../../../shared/domain/model';
import { deriveTpsState, type CurrentSource, type TpsState } from '../../../../../shared/domain/status';
import type { Violation } from '../../../../../shared/domain/rules/index';
import type { SubmissionRow } from '../../repositories/plenary-extra.repo';
import type {
  Acceptance,
  ConflictChoice,
  Correction,
  CorrectionDecision,
  Objection,
  ObjectionResolution,
} from '../../repositories/pleno.repo';

export interface DerivedTps {
  base: TpsState['status'];
  konflik: boolean;
  sengketa: boolean;
  /** The counted version has a rule error (domain flag, also after an accepted override). */
  bermasalah: boolean;
  current: CHasilCounts | null;
  violations: Violation[];
  currentSource: { kind: 'submission'; submissionId: number } | { kind: 'correction'; correctionId: number } | null;
  /** The domain's own description of the counted version (for its correction checks). */
  domainSource: CurrentSource;
  /** The submission counted before corrections (chosen/accepted, else the first); the base of the correction chain. */
  countedSubmissionId: number | null;
  /** A correction proposed and not yet decided. */
  pendingCorrectionId: number | null;
  openObjectionIds: number[];
}

export interface TpsStateRows {
  submissions: SubmissionRow[];
  acceptances: Acceptance[];
  choices: ConflictChoice[];
  corrections: Correction[];
  decisions: Map<number, CorrectionDecision>;
  /** Objections about this TPS (scope tps). */
  objections: Objection[];
  resolutions: Map<number, ObjectionResolution>;
}

export function deriveTps(rows: TpsStateRows, rules: { dptMaster: LP; pilihanCount: number }): DerivedTps {
  const openObjectionIds = rows.objections.filter((o) => !rows.resolutions.has(o.id)).map((o) => o.id);
  const state = deriveTpsState({
    submissions: rows.submissions.map((s) => ({
      id: s.id,
      sha256: s.sha256,
      receivedAt: s.receivedAt,
      counts: JSON.parse(s.countsJson) as CHasilCounts,
    })),
    acceptances: rows.acceptances.map((a) => ({ id: a.id, submissionId: a.submissionId, decidedAt: a.decidedAt })),
    choices: rows.choices.map((c) => ({ id: c.id, submissionId: c.submissionId, decidedAt: c.decidedAt })),
    corrections: rows.corrections.map((c) => {
      const d = rows.decisions.get(c.id);
      return { id: c.id, counts: c.counts, decision: d?.decision ?? null, decidedAt: d?.decidedAt ?? null };
    }),
    openObjections: openObjectionIds.length,
    rules,
  });
  const src = state.currentSource;
  let currentSource: DerivedTps['currentSource'] = null;
  let countedSubmissionId: number | null = null;
  if (src.kind === 'correction' && src.id !== null) {
    currentSource = { kind: 'correction', correctionId: src.id };
    countedSubmissionId = baseSubmissionOf(rows.corrections, src.id);
  } else if (src.kind !== 'none' && src.id !== null) {
    currentSource = { kind: 'submission', submissionId: src.id };
    countedSubmissionId = src.id;
  }
  const pending = rows.corrections.find((c) => !rows.decisions.has(c.id));
  return {
    base: state.status,
    konflik: state.flags.konflik,
    sengketa: state.flags.sengketa,
    bermasalah: state.flags.bermasalah,
    current: state.current,
    violations: state.violations,
    currentSource,
    domainSource: src,
    countedSubmissionId,
    pendingCorrectionId: pending?.id ?? null,
    openObjectionIds,
  };
}

/** Follows base_correction_id links down to the submission a correction chain started from. */
function baseSubmissionOf(corrections: readonly Correction[], id: number): number | null {
  const byId = new Map(corrections.map((c) => [c.id, c]));
  let c = byId.get(id);
  for (let guard = 0; c && guard < 10_000; guard += 1) {
    if (c.baseSubmissionId !== null) return c.baseSubmissionId;
    c = c.baseCorrectionId !== null ? byId.get(c.baseCorrectionId) : undefined;
  }
  return null;
}
