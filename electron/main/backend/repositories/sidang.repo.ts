// Tables of migration 0007 (sidang): deciders' PINs, withdrawn decisions, sidang events, attendance, kejadian closed;
// and of migration 0012: attendance entries withdrawn.
// Insert (audited, inside the caller's command) and list functions only; current state is derived by the services
// and shared/domain/sidang.ts. Lists are in insertion (id) order.
import type { Db } from '../context';
import type { PemilihanId } from '../../../../shared/domain/model';
import type { SidangAction, SidangPeran } from '../../../../shared/domain/sidang';
import {
  auditedTable,
  BY_AT,
  type ByAt,
  DECIDED,
  type Decided,
  hasTable,
  RECORDED,
  type Recorded,
  type Stored,
  whereOf,
} from './rows';

/**
 * Whether the file has migration 0007's tables. The app migrates every file it opens (db/open.ts), so this is false
 * only for a file deliberately left at an earlier version (the upgrade tests fill such files with today's handlers).
 */
export const hasSidangTables = (db: Db): boolean => hasTable(db, 'decider_pin');

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
export type DeciderPin = Stored<NewDeciderPin>;

const deciderPin = auditedTable<NewDeciderPin>(
  'decider_pin',
  (p) => `pin.${p.action}`,
  { actor: 'setBy', at: 'setAt' },
  hasSidangTables,
);
export const insertDeciderPin = deciderPin.insert;
export const listDeciderPins = (db: Db): DeciderPin[] => deciderPin.list(db);

// ---------- decision_withdrawal ----------

export type WithdrawnKind = 'acceptance' | 'conflict_choice';

export interface NewWithdrawal extends Decided {
  kind: WithdrawnKind;
  targetId: number;
  tps: string;
  pemilihan: PemilihanId;
  reason: string;
}
export type Withdrawal = Stored<NewWithdrawal>;

const withdrawal = auditedTable<NewWithdrawal>(
  'decision_withdrawal',
  (w) => `${w.kind === 'acceptance' ? 'acceptance' : 'conflict-choice'}.withdraw`,
  DECIDED,
  hasSidangTables,
);
export const insertWithdrawal = withdrawal.insert;

export function listWithdrawals(db: Db, f: { pemilihan?: PemilihanId; desa?: string } = {}): Withdrawal[] {
  return withdrawal.list(
    db,
    whereOf([
      ['pemilihan = ?', f.pemilihan],
      ['substr(tps, 1, 10) = ?', f.desa],
    ]),
  );
}

// ---------- sidang_event / sidang_hadir ----------

export interface NewSidangEvent extends ByAt {
  hari: number;
  action: SidangAction;
  note: string | null;
}
export type SidangEvent = Stored<NewSidangEvent>;

const sidangEvent = auditedTable<NewSidangEvent>('sidang_event', (e) => `sidang.${e.action}`, BY_AT);
export const insertSidangEvent = sidangEvent.insert;
export const listSidangEvents = (db: Db): SidangEvent[] => sidangEvent.list(db);

export interface NewHadir extends Recorded {
  hari: number;
  peran: SidangPeran;
  pemilihan: PemilihanId | null;
  paslon: number | null;
  nama: string;
  jabatan: string | null;
}
export type Hadir = Stored<NewHadir>;

const hadir = auditedTable<NewHadir>('sidang_hadir', 'sidang.hadir', RECORDED, hasSidangTables);
export const insertHadir = hadir.insert;

/** Attendance entries, without those withdrawn (sidang_hadir_batal) unless `withWithdrawn`. */
export function listHadir(db: Db, opts: { withWithdrawn?: boolean } = {}): Hadir[] {
  const all = hadir.list(db);
  if (opts.withWithdrawn) return all;
  const gone = new Set(listHadirBatal(db).map((w) => w.hadirId));
  return all.filter((h) => !gone.has(h.id));
}

// ---------- sidang_hadir_batal (migration 0012) ----------

export interface NewHadirBatal extends ByAt {
  hadirId: number;
  reason: string;
}
export type HadirBatal = Stored<NewHadirBatal>;

const hadirBatal = auditedTable<NewHadirBatal>('sidang_hadir_batal', 'sidang.hadir-batal', BY_AT, (db) =>
  hasTable(db, 'sidang_hadir_batal'),
);
export const insertHadirBatal = hadirBatal.insert;
export const listHadirBatal = (db: Db): HadirBatal[] => hadirBatal.list(db);

// ---------- kejadian_selesai ----------

export interface NewKejadianSelesai extends ByAt {
  kejadianId: number;
  note: string;
}
export type KejadianSelesai = Stored<NewKejadianSelesai>;

const kejadianSelesai = auditedTable<NewKejadianSelesai>('kejadian_selesai', 'kejadian.close', BY_AT, hasSidangTables);
export const insertKejadianSelesai = kejadianSelesai.insert;
export const listKejadianSelesai = (db: Db): KejadianSelesai[] => kejadianSelesai.list(db);
