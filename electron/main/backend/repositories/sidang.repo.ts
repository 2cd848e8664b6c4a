// Tables of migration 0007 (sidang): deciders' PINs, withdrawn decisions, sidang events, attendance, kejadian closed;
// and of migration 0012: attendance entries withdrawn.
// Insert (audited, inside the caller's command) and list functions only; current state is derived by the services
// and shared/domain/sidang.ts. Lists are in insertion (id) order.
import type { Db } from '../context';
import type { PemilihanId } from '../../../../shared/domain/model';
import type { SidangAction, SidangPeran } from '../../../../shared/domain/sidang';
import { camelRow, insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

const rowsOf = <T>(rows: unknown[]): T[] => (rows as Record<string, unknown>[]).map((r) => camelRow<T>(r));

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
  const id = insertAudited(
    db,
    'decider_pin',
    {
      nama: p.nama,
      action: p.action,
      params: p.params,
      salt: p.salt,
      hash: p.hash,
      reason: p.reason,
      set_by: p.setBy,
      set_at: p.setAt,
    },
    { actor: p.setBy, action: `pin.${p.action}`, at: p.setAt },
  );
  return { id: Number(id), ...p };
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
  const id = insertAudited(
    db,
    'decision_withdrawal',
    {
      kind: w.kind,
      target_id: w.targetId,
      tps: w.tps,
      pemilihan: w.pemilihan,
      reason: w.reason,
      decided_by: w.decidedBy,
      decided_as: w.decidedAs,
      decided_at: w.decidedAt,
    },
    {
      actor: w.decidedBy,
      action: `${w.kind === 'acceptance' ? 'acceptance' : 'conflict-choice'}.withdraw`,
      at: w.decidedAt,
    },
  );
  return { id: Number(id), ...w };
}

export function listWithdrawals(db: Db, f: { pemilihan?: PemilihanId; desa?: string } = {}): Withdrawal[] {
  if (!hasSidangTables(db)) return [];
  const w: string[] = [];
  const args: string[] = [];
  if (f.pemilihan !== undefined) {
    w.push('pemilihan = ?');
    args.push(f.pemilihan);
  }
  if (f.desa !== undefined) {
    w.push('substr(tps, 1, 10) = ?');
    args.push(f.desa);
  }
  const where = w.length ? `WHERE ${w.join(' AND ')}` : '';
  return rowsOf<Withdrawal>(stmt(db, `SELECT * FROM decision_withdrawal ${where} ORDER BY id`).all(...args));
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
  const id = insertAudited(
    db,
    'sidang_event',
    { hari: e.hari, action: e.action, note: e.note, by: e.by, at: e.at },
    { actor: e.by, action: `sidang.${e.action}`, at: e.at },
  );
  return { id: Number(id), ...e };
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
  const id = insertAudited(
    db,
    'sidang_hadir',
    {
      hari: h.hari,
      peran: h.peran,
      pemilihan: h.pemilihan,
      paslon: h.paslon,
      nama: h.nama,
      jabatan: h.jabatan,
      recorded_by: h.recordedBy,
      recorded_at: h.recordedAt,
    },
    { actor: h.recordedBy, action: 'sidang.hadir', at: h.recordedAt },
  );
  return { id: Number(id), ...h };
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
  const id = insertAudited(
    db,
    'sidang_hadir_batal',
    { hadir_id: w.hadirId, reason: w.reason, by: w.by, at: w.at },
    { actor: w.by, action: 'sidang.hadir-batal', at: w.at },
  );
  return { id: Number(id), ...w };
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
  const id = insertAudited(
    db,
    'kejadian_selesai',
    { kejadian_id: k.kejadianId, note: k.note, by: k.by, at: k.at },
    { actor: k.by, action: 'kejadian.close', at: k.at },
  );
  return { id: Number(id), ...k };
}

export function listKejadianSelesai(db: Db): KejadianSelesai[] {
  if (!hasSidangTables(db)) return [];
  return rowsOf<KejadianSelesai>(stmt(db, 'SELECT * FROM kejadian_selesai ORDER BY id').all());
}
