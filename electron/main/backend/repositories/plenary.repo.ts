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
import type { PemilihanId } from '../../../../shared/domain/model';
import { canonicalize } from '../../../../shared/formats/canonical';
import type { CorrectionRecord } from '../../../../shared/domain/correction';
import { insertFields, oneOf, rowsOf, whereOf } from './rows';
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
  const id = insertFields(db, 'acceptance', a, { actor: a.decidedBy, action: 'acceptance.create', at: a.decidedAt });
  return { id, ...a };
}

export interface TpsFilter {
  pemilihan?: PemilihanId;
  tps?: string;
  /** Only rows of TPS in this desa (10-digit code). */
  desa?: string;
}

function tpsWhere(f: TpsFilter, prefix = '') {
  return whereOf([
    [`${prefix}pemilihan = ?`, f.pemilihan],
    [`${prefix}tps = ?`, f.tps],
    [`substr(${prefix}tps, 1, 10) = ?`, f.desa],
  ]);
}

export function listAcceptances(db: Db, f: TpsFilter = {}): Acceptance[] {
  const w = tpsWhere(f);
  return rowsOf<Acceptance>(stmt(db, `SELECT * FROM acceptance ${w.sql} ORDER BY id`).all(...w.args));
}

export function getAcceptance(db: Db, id: number): Acceptance | undefined {
  return oneOf<Acceptance>(stmt(db, 'SELECT * FROM acceptance WHERE id = ?').get(id));
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
  const id = insertFields(db, 'conflict_choice', c, {
    actor: c.decidedBy,
    action: 'conflict-choice.create',
    at: c.decidedAt,
  });
  return { id, ...c };
}

export function listConflictChoices(db: Db, f: TpsFilter = {}): ConflictChoice[] {
  const w = tpsWhere(f);
  return rowsOf<ConflictChoice>(stmt(db, `SELECT * FROM conflict_choice ${w.sql} ORDER BY id`).all(...w.args));
}

export function getConflictChoice(db: Db, id: number): ConflictChoice | undefined {
  return oneOf<ConflictChoice>(stmt(db, 'SELECT * FROM conflict_choice WHERE id = ?').get(id));
}

// ---------- correction ----------

export type NewCorrection = CorrectionRecord;
export interface Correction extends NewCorrection {
  id: number;
}

export function insertCorrection(db: WritableDb, c: NewCorrection): Correction {
  const { counts, changedFields, ...fields } = c;
  const id = insertFields(
    db,
    'correction',
    { ...fields, countsJson: canonicalize(counts), changedFieldsJson: canonicalize(changedFields) },
    { actor: c.proposedBy, action: 'correction.propose', at: c.proposedAt },
  );
  return getCorrection(db, id)!;
}

export function getCorrection(db: Db, id: number): Correction | undefined {
  return oneOf<Correction>(stmt(db, 'SELECT * FROM correction WHERE id = ?').get(id));
}

export function listCorrections(db: Db, f: TpsFilter = {}): Correction[] {
  const w = tpsWhere(f);
  return rowsOf<Correction>(stmt(db, `SELECT * FROM correction ${w.sql} ORDER BY id`).all(...w.args));
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
  const id = insertFields(db, 'correction_decision', d, {
    actor: d.decidedBy,
    action: d.decision === 'approved' ? 'correction.approve' : 'correction.reject',
    at: d.decidedAt,
  });
  return { id, ...d };
}

/** Decisions, optionally only those of corrections matching the TPS filter. */
export function listCorrectionDecisions(db: Db, f: TpsFilter = {}): CorrectionDecision[] {
  const w = tpsWhere(f, 'c.');
  const sql = `SELECT d.* FROM correction_decision d JOIN correction c ON c.id = d.correction_id ${w.sql} ORDER BY d.id`;
  return rowsOf<CorrectionDecision>(stmt(db, sql).all(...w.args));
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
  const id = insertFields(db, 'kejadian_khusus', k, {
    actor: k.recordedBy,
    action: 'kejadian.create',
    at: k.recordedAt,
  });
  return { id, ...k };
}

/** With `pemilihan`, also the entries that concern all pemilihan (pemilihan NULL). */
export function listKejadian(db: Db, f: { pemilihan?: PemilihanId } = {}): Kejadian[] {
  const rows =
    f.pemilihan === undefined
      ? stmt(db, 'SELECT * FROM kejadian_khusus ORDER BY at, id').all()
      : stmt(db, 'SELECT * FROM kejadian_khusus WHERE pemilihan = ? OR pemilihan IS NULL ORDER BY at, id').all(
          f.pemilihan,
        );
  return rowsOf<Kejadian>(rows);
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
  const id = insertFields(db, 'lock_event', e, { actor: e.decidedBy, action: `lock.${e.action}`, at: e.decidedAt });
  return { id, ...e };
}

export function listLockEvents(db: Db, f: { pemilihan?: PemilihanId } = {}): LockEvent[] {
  const rows =
    f.pemilihan === undefined
      ? stmt(db, 'SELECT * FROM lock_event ORDER BY id').all()
      : stmt(db, 'SELECT * FROM lock_event WHERE pemilihan = ? ORDER BY id').all(f.pemilihan);
  return rowsOf<LockEvent>(rows);
}
