// Tables of migration 0007 (sidang): deciders' PINs, withdrawn decisions, sidang events, attendance, kejadian closed;
// and of migration 0012: attendance entries withdrawn.
// Insert (audited, inside the caller's command) and list functions only; current state is derived by the services
// and shared/domain/sidang.ts. Lists are in insertion (id) order.
import type { Db } from '../context';
import type { PemilihanId } from '../../../../shared/domain/model';
import type { SidangAction, SidangPeran } from '../../../../shared/domain/sidang';
import { insertFields, rowsOf, whereOf } from './rows';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

/**
 * Whether the file has migration 0007's tables. The app migrates every file it opens (db/open.ts), so this is false
 * only for a file deliberately left at an earlier version (the upgrade tests fill such files with today's handlers).
 */
export function hasSidangTables(db: Db): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decider_pin'").get() !== undefined;
}

// ---------- decider_pin ----------

export interface NewDeciderPin {
  nama: string;
  action: 'set' | 'reset';
  params: string | null;
  salt: string | null;
  hash: string | null;
  reason: string | null;
  setBy: string;
  setAt: string;
}
export interface DeciderPin extends NewDeciderPin {
  id: number;
}

export function insertDeciderPin(db: WritableDb, p: NewDeciderPin): DeciderPin {
  const id = insertFields(db, 'decider_pin', p, { actor: p.setBy, action: `pin.${p.action}`, at: p.setAt });
  return { id, ...p };
}

export function listDeciderPins(db: Db): DeciderPin[] {
  if (!hasSidangTables(db)) return [];
  return rowsOf<DeciderPin>(stmt(db, 'SELECT * FROM decider_pin ORDER BY id').all());
}

// ---------- decision_withdrawal ----------

export type WithdrawnKind = 'acceptance' | 'conflict_choice';

export interface NewWithdrawal {
  kind: WithdrawnKind;
  targetId: number;
  tps: string;
  pemilihan: PemilihanId;
  reason: string;
  decidedBy: string;
  decidedAs: 'ketua' | 'delegate';
  decidedAt: string;
}
export interface Withdrawal extends NewWithdrawal {
  id: number;
}

export function insertWithdrawal(db: WritableDb, w: NewWithdrawal): Withdrawal {
  const id = insertFields(db, 'decision_withdrawal', w, {
    actor: w.decidedBy,
    action: `${w.kind === 'acceptance' ? 'acceptance' : 'conflict-choice'}.withdraw`,
    at: w.decidedAt,
  });
  return { id, ...w };
}

export function listWithdrawals(db: Db, f: { pemilihan?: PemilihanId; desa?: string } = {}): Withdrawal[] {
  if (!hasSidangTables(db)) return [];
  const w = whereOf([
    ['pemilihan = ?', f.pemilihan],
    ['substr(tps, 1, 10) = ?', f.desa],
  ]);
  return rowsOf<Withdrawal>(stmt(db, `SELECT * FROM decision_withdrawal ${w.sql} ORDER BY id`).all(...w.args));
}

// ---------- sidang_event / sidang_hadir ----------

export interface NewSidangEvent {
  hari: number;
  action: SidangAction;
  note: string | null;
  by: string;
  at: string;
}
export interface SidangEvent extends NewSidangEvent {
  id: number;
}

export function insertSidangEvent(db: WritableDb, e: NewSidangEvent): SidangEvent {
  const id = insertFields(db, 'sidang_event', e, { actor: e.by, action: `sidang.${e.action}`, at: e.at });
  return { id, ...e };
}

export function listSidangEvents(db: Db): SidangEvent[] {
  return rowsOf<SidangEvent>(stmt(db, 'SELECT * FROM sidang_event ORDER BY id').all());
}

export interface NewHadir {
  hari: number;
  peran: SidangPeran;
  pemilihan: PemilihanId | null;
  paslon: number | null;
  nama: string;
  jabatan: string | null;
  recordedBy: string;
  recordedAt: string;
}
export interface Hadir extends NewHadir {
  id: number;
}

export function insertHadir(db: WritableDb, h: NewHadir): Hadir {
  const id = insertFields(db, 'sidang_hadir', h, { actor: h.recordedBy, action: 'sidang.hadir', at: h.recordedAt });
  return { id, ...h };
}

/** Attendance entries, without those withdrawn (sidang_hadir_batal) unless `withWithdrawn`. */
export function listHadir(db: Db, opts: { withWithdrawn?: boolean } = {}): Hadir[] {
  if (!hasSidangTables(db)) return [];
  const all = rowsOf<Hadir>(stmt(db, 'SELECT * FROM sidang_hadir ORDER BY id').all());
  if (opts.withWithdrawn) return all;
  const gone = new Set(listHadirBatal(db).map((w) => w.hadirId));
  return all.filter((h) => !gone.has(h.id));
}

// ---------- sidang_hadir_batal (migration 0012) ----------

export interface NewHadirBatal {
  hadirId: number;
  reason: string;
  by: string;
  at: string;
}
export interface HadirBatal extends NewHadirBatal {
  id: number;
}

export function insertHadirBatal(db: WritableDb, w: NewHadirBatal): HadirBatal {
  const id = insertFields(db, 'sidang_hadir_batal', w, { actor: w.by, action: 'sidang.hadir-batal', at: w.at });
  return { id, ...w };
}

export function listHadirBatal(db: Db): HadirBatal[] {
  const exists = stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sidang_hadir_batal'").get();
  if (!exists) return [];
  return rowsOf<HadirBatal>(stmt(db, 'SELECT * FROM sidang_hadir_batal ORDER BY id').all());
}

// ---------- kejadian_selesai ----------

export interface NewKejadianSelesai {
  kejadianId: number;
  note: string;
  by: string;
  at: string;
}
export interface KejadianSelesai extends NewKejadianSelesai {
  id: number;
}

export function insertKejadianSelesai(db: WritableDb, k: NewKejadianSelesai): KejadianSelesai {
  const id = insertFields(db, 'kejadian_selesai', k, { actor: k.by, action: 'kejadian.close', at: k.at });
  return { id, ...k };
}

export function listKejadianSelesai(db: Db): KejadianSelesai[] {
  if (!hasSidangTables(db)) return [];
  return rowsOf<KejadianSelesai>(stmt(db, 'SELECT * FROM kejadian_selesai ORDER BY id').all());
}
