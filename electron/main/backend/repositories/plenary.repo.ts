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
import {
  auditedTable,
  DECIDED,
  type Decided,
  type DecidedAs,
  type Recorded,
  insertFields,
  oneOf,
  RECORDED,
  rowsOf,
  type Stored,
  whereOf,
} from './rows';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

// Objections and operator sessions live in their own files; importers of the plenary tables keep one path.
export * from './objection.repo';
export * from './operator.repo';

export type { DecidedAs } from './rows';

// ---------- acceptance ----------

export interface NewAcceptance extends Decided<DecidedAs | 'operator'> {
  tps: string;
  pemilihan: PemilihanId;
  submissionId: number;
  /** Required by the plenary when the accepted version has rule errors. */
  overrideReason: string | null;
}
export type Acceptance = Stored<NewAcceptance>;

const acceptance = auditedTable<NewAcceptance>('acceptance', 'acceptance.create', DECIDED);
export const insertAcceptance = acceptance.insert;

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

export const listAcceptances = (db: Db, f: TpsFilter = {}): Acceptance[] => acceptance.list(db, tpsWhere(f));

export function getAcceptance(db: Db, id: number): Acceptance | undefined {
  return oneOf<Acceptance>(stmt(db, 'SELECT * FROM acceptance WHERE id = ?').get(id));
}

// ---------- conflict_choice ----------

export interface NewConflictChoice extends Decided<DecidedAs | 'operator'> {
  tps: string;
  pemilihan: PemilihanId;
  submissionId: number;
  reason: string;
}
export type ConflictChoice = Stored<NewConflictChoice>;

const conflictChoice = auditedTable<NewConflictChoice>('conflict_choice', 'conflict-choice.create', DECIDED);
export const insertConflictChoice = conflictChoice.insert;
export const listConflictChoices = (db: Db, f: TpsFilter = {}): ConflictChoice[] =>
  conflictChoice.list(db, tpsWhere(f));

export function getConflictChoice(db: Db, id: number): ConflictChoice | undefined {
  return oneOf<ConflictChoice>(stmt(db, 'SELECT * FROM conflict_choice WHERE id = ?').get(id));
}

// ---------- correction ----------

export type NewCorrection = CorrectionRecord;
export type Correction = Stored<NewCorrection>;

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

export interface NewCorrectionDecision extends Decided {
  correctionId: number;
  decision: 'approved' | 'rejected';
  /** Required for a rejection. */
  reason: string | null;
}
export type CorrectionDecision = Stored<NewCorrectionDecision>;

/** At most one decision per correction (UNIQUE): a second throws SQLITE_CONSTRAINT_UNIQUE. */
export const insertCorrectionDecision = auditedTable<NewCorrectionDecision>(
  'correction_decision',
  (d) => (d.decision === 'approved' ? 'correction.approve' : 'correction.reject'),
  DECIDED,
).insert;

/** Decisions, optionally only those of corrections matching the TPS filter. */
export function listCorrectionDecisions(db: Db, f: TpsFilter = {}): CorrectionDecision[] {
  const w = tpsWhere(f, 'c.');
  const sql = `SELECT d.* FROM correction_decision d JOIN correction c ON c.id = d.correction_id ${w.sql} ORDER BY d.id`;
  return rowsOf<CorrectionDecision>(stmt(db, sql).all(...w.args));
}

// ---------- kejadian_khusus ----------

export interface NewKejadian extends Recorded {
  /** When it happened (ISO). */
  at: string;
  tps: string | null;
  desa: string | null;
  pemilihan: PemilihanId | null;
  /** Who was involved / reported it (free text: "Saksi paslon 2", "Panwascam", "PPK"). */
  who: string;
  text: string;
}
export type Kejadian = Stored<NewKejadian>;

export const insertKejadian = auditedTable<NewKejadian>('kejadian_khusus', 'kejadian.create', RECORDED).insert;

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

export interface NewLockEvent extends Decided {
  pemilihan: PemilihanId;
  /** NULL = the pemilihan is final for the whole kecamatan. */
  desa: string | null;
  action: 'lock' | 'unlock';
  /** Required for unlock. */
  reason: string | null;
}
export type LockEvent = Stored<NewLockEvent>;

const lockEvent = auditedTable<NewLockEvent>('lock_event', (e) => `lock.${e.action}`, DECIDED);
export const insertLockEvent = lockEvent.insert;
export const listLockEvents = (db: Db, f: { pemilihan?: PemilihanId } = {}): LockEvent[] =>
  lockEvent.list(db, whereOf([['pemilihan = ?', f.pemilihan]]));
