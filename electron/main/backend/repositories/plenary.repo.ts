// Plenary tables (migration 0001): acceptances, conflict choices, corrections + decisions, kejadian khusus, lock
// events; objections + resolutions (objection.repo.ts) and operator sessions + delegations (operator.repo.ts) are
// re-exported from here. Insert (audited) and list functions only:
// nothing here updates or deletes; "current" state (lock state included) is derived only by the read model
// (shared/domain/read-model.ts, loaded by services/plenary/plenary-snapshot.ts).
//
// Every insert* must run inside the caller's transaction (db.transaction(...)) — it appends the audit entry with
// actor = the person recorded on the row and at = the row's time. Lists are in insertion (id) order.
// Counts travel as CHasilCounts objects; they are stored as JCS text (counts_json).
import type { Db } from '../context';
import type { CHasilCounts, PemilihanId } from '../../../../shared/domain/model';
import { canonicalize } from '../../../../shared/formats/canonical';
import type { CorrectionRecord } from '../../../../shared/domain/correction';
import { camelRow, insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

// Objections and operator sessions live in their own files; importers of the plenary tables keep one path.
export * from './objection.repo';
export * from './operator.repo';

export type DecidedAs = 'ketua' | 'delegate';

// ---------- acceptance ----------

export interface NewAcceptance {
  tps: string;
  pemilihan: PemilihanId;
  submissionId: number;
  /** Required by the plenary when the accepted version has rule errors. */
  overrideReason: string | null;
  decidedBy: string;
  decidedAs: DecidedAs | 'operator';
  decidedAt: string;
}
export interface Acceptance extends NewAcceptance {
  id: number;
}

export function insertAcceptance(db: WritableDb, a: NewAcceptance): Acceptance {
  const id = insertAudited(
    db,
    'acceptance',
    {
      tps: a.tps,
      pemilihan: a.pemilihan,
      submission_id: a.submissionId,
      override_reason: a.overrideReason,
      decided_by: a.decidedBy,
      decided_as: a.decidedAs,
      decided_at: a.decidedAt,
    },
    { actor: a.decidedBy, action: 'acceptance.create', at: a.decidedAt },
  );
  return { id: Number(id), ...a };
}

export interface TpsFilter {
  pemilihan?: PemilihanId;
  tps?: string;
  /** Only rows of TPS in this desa (10-digit code). */
  desa?: string;
}

function tpsWhere(f: TpsFilter, prefix = ''): { sql: string; args: string[] } {
  const tpsCol = `${prefix}tps`;
  const w: string[] = [];
  const args: string[] = [];
  if (f.pemilihan !== undefined) {
    w.push(`${prefix}pemilihan = ?`);
    args.push(f.pemilihan);
  }
  if (f.tps !== undefined) {
    w.push(`${tpsCol} = ?`);
    args.push(f.tps);
  }
  if (f.desa !== undefined) {
    w.push(`substr(${tpsCol}, 1, 10) = ?`);
    args.push(f.desa);
  }
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', args };
}

export function listAcceptances(db: Db, f: TpsFilter = {}): Acceptance[] {
  const w = tpsWhere(f);
  return (stmt(db, `SELECT * FROM acceptance ${w.sql} ORDER BY id`).all(...w.args) as Record<string, unknown>[]).map(
    (r) => camelRow<Acceptance>(r),
  );
}

export function getAcceptance(db: Db, id: number): Acceptance | undefined {
  const r = stmt(db, 'SELECT * FROM acceptance WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? camelRow<Acceptance>(r) : undefined;
}

// ---------- conflict_choice ----------

export interface NewConflictChoice {
  tps: string;
  pemilihan: PemilihanId;
  submissionId: number;
  reason: string;
  decidedBy: string;
  decidedAs: DecidedAs | 'operator';
  decidedAt: string;
}
export interface ConflictChoice extends NewConflictChoice {
  id: number;
}

export function insertConflictChoice(db: WritableDb, c: NewConflictChoice): ConflictChoice {
  const id = insertAudited(
    db,
    'conflict_choice',
    {
      tps: c.tps,
      pemilihan: c.pemilihan,
      submission_id: c.submissionId,
      reason: c.reason,
      decided_by: c.decidedBy,
      decided_as: c.decidedAs,
      decided_at: c.decidedAt,
    },
    { actor: c.decidedBy, action: 'conflict-choice.create', at: c.decidedAt },
  );
  return { id: Number(id), ...c };
}

export function listConflictChoices(db: Db, f: TpsFilter = {}): ConflictChoice[] {
  const w = tpsWhere(f);
  return (
    stmt(db, `SELECT * FROM conflict_choice ${w.sql} ORDER BY id`).all(...w.args) as Record<string, unknown>[]
  ).map((r) => camelRow<ConflictChoice>(r));
}

export function getConflictChoice(db: Db, id: number): ConflictChoice | undefined {
  const r = stmt(db, 'SELECT * FROM conflict_choice WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? camelRow<ConflictChoice>(r) : undefined;
}

// ---------- correction ----------

export type NewCorrection = CorrectionRecord;
export interface Correction extends NewCorrection {
  id: number;
}

interface CorrectionRow {
  id: number;
  tps: string;
  pemilihan: PemilihanId;
  base_submission_id: number | null;
  base_correction_id: number | null;
  counts_json: string;
  changed_fields_json: string;
  reason: string;
  basis: string;
  evidence_photo: string | null;
  proposed_by: string;
  proposed_at: string;
}

function toCorrection(r: CorrectionRow): Correction {
  return {
    id: r.id,
    tps: r.tps,
    pemilihan: r.pemilihan,
    baseSubmissionId: r.base_submission_id,
    baseCorrectionId: r.base_correction_id,
    counts: JSON.parse(r.counts_json) as CHasilCounts,
    changedFields: JSON.parse(r.changed_fields_json) as string[],
    reason: r.reason,
    basis: r.basis,
    evidencePhoto: r.evidence_photo,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
  };
}

export function insertCorrection(db: WritableDb, c: NewCorrection): Correction {
  const id = insertAudited(
    db,
    'correction',
    {
      tps: c.tps,
      pemilihan: c.pemilihan,
      base_submission_id: c.baseSubmissionId,
      base_correction_id: c.baseCorrectionId,
      counts_json: canonicalize(c.counts),
      changed_fields_json: canonicalize(c.changedFields),
      reason: c.reason,
      basis: c.basis,
      evidence_photo: c.evidencePhoto,
      proposed_by: c.proposedBy,
      proposed_at: c.proposedAt,
    },
    { actor: c.proposedBy, action: 'correction.propose', at: c.proposedAt },
  );
  return getCorrection(db, Number(id))!;
}

export function getCorrection(db: Db, id: number): Correction | undefined {
  const r = stmt(db, 'SELECT * FROM correction WHERE id = ?').get(id) as CorrectionRow | undefined;
  return r ? toCorrection(r) : undefined;
}

export function listCorrections(db: Db, f: TpsFilter = {}): Correction[] {
  const w = tpsWhere(f);
  return (stmt(db, `SELECT * FROM correction ${w.sql} ORDER BY id`).all(...w.args) as CorrectionRow[]).map(
    toCorrection,
  );
}

// ---------- correction_decision ----------

export interface NewCorrectionDecision {
  correctionId: number;
  decision: 'approved' | 'rejected';
  /** Required for a rejection. */
  reason: string | null;
  decidedBy: string;
  decidedAs: DecidedAs;
  decidedAt: string;
}
export interface CorrectionDecision extends NewCorrectionDecision {
  id: number;
}

/** At most one decision per correction (UNIQUE): a second throws SQLITE_CONSTRAINT_UNIQUE. */
export function insertCorrectionDecision(db: WritableDb, d: NewCorrectionDecision): CorrectionDecision {
  const id = insertAudited(
    db,
    'correction_decision',
    {
      correction_id: d.correctionId,
      decision: d.decision,
      reason: d.reason,
      decided_by: d.decidedBy,
      decided_as: d.decidedAs,
      decided_at: d.decidedAt,
    },
    {
      actor: d.decidedBy,
      action: d.decision === 'approved' ? 'correction.approve' : 'correction.reject',
      at: d.decidedAt,
    },
  );
  return { id: Number(id), ...d };
}

/** Decisions, optionally only those of corrections matching the TPS filter. */
export function listCorrectionDecisions(db: Db, f: TpsFilter = {}): CorrectionDecision[] {
  const w = tpsWhere(f, 'c.');
  const sql = `SELECT d.* FROM correction_decision d JOIN correction c ON c.id = d.correction_id ${w.sql} ORDER BY d.id`;
  return (stmt(db, sql).all(...w.args) as Record<string, unknown>[]).map((r) => camelRow<CorrectionDecision>(r));
}

// ---------- kejadian_khusus ----------

export interface NewKejadian {
  /** When it happened (ISO). */
  at: string;
  tps: string | null;
  desa: string | null;
  pemilihan: PemilihanId | null;
  /** Who was involved / reported it (free text: "Saksi paslon 2", "Panwascam", "PPK"). */
  who: string;
  text: string;
  recordedBy: string;
  recordedAt: string;
}
export interface Kejadian extends NewKejadian {
  id: number;
}

export function insertKejadian(db: WritableDb, k: NewKejadian): Kejadian {
  const id = insertAudited(
    db,
    'kejadian_khusus',
    {
      at: k.at,
      tps: k.tps,
      desa: k.desa,
      pemilihan: k.pemilihan,
      who: k.who,
      text: k.text,
      recorded_by: k.recordedBy,
      recorded_at: k.recordedAt,
    },
    { actor: k.recordedBy, action: 'kejadian.create', at: k.recordedAt },
  );
  return { id: Number(id), ...k };
}

/** With `pemilihan`, also the entries that concern all pemilihan (pemilihan NULL). */
export function listKejadian(db: Db, f: { pemilihan?: PemilihanId } = {}): Kejadian[] {
  const rows =
    f.pemilihan === undefined
      ? stmt(db, 'SELECT * FROM kejadian_khusus ORDER BY at, id').all()
      : stmt(db, 'SELECT * FROM kejadian_khusus WHERE pemilihan = ? OR pemilihan IS NULL ORDER BY at, id').all(
          f.pemilihan,
        );
  return (rows as Record<string, unknown>[]).map((r) => camelRow<Kejadian>(r));
}

// ---------- lock_event ----------

export interface NewLockEvent {
  pemilihan: PemilihanId;
  /** NULL = the pemilihan is final for the whole kecamatan. */
  desa: string | null;
  action: 'lock' | 'unlock';
  /** Required for unlock. */
  reason: string | null;
  decidedBy: string;
  decidedAs: DecidedAs;
  decidedAt: string;
}
export interface LockEvent extends NewLockEvent {
  id: number;
}

export function insertLockEvent(db: WritableDb, e: NewLockEvent): LockEvent {
  const id = insertAudited(
    db,
    'lock_event',
    {
      pemilihan: e.pemilihan,
      desa: e.desa,
      action: e.action,
      reason: e.reason,
      decided_by: e.decidedBy,
      decided_as: e.decidedAs,
      decided_at: e.decidedAt,
    },
    { actor: e.decidedBy, action: `lock.${e.action}`, at: e.decidedAt },
  );
  return { id: Number(id), ...e };
}

export function listLockEvents(db: Db, f: { pemilihan?: PemilihanId } = {}): LockEvent[] {
  const rows =
    f.pemilihan === undefined
      ? stmt(db, 'SELECT * FROM lock_event ORDER BY id').all()
      : stmt(db, 'SELECT * FROM lock_event WHERE pemilihan = ? ORDER BY id').all(f.pemilihan);
  return (rows as Record<string, unknown>[]).map((r) => camelRow<LockEvent>(r));
}
