// Operator sessions (who is at the laptop) and delegations (a ketua's decisions delegated to an anggota), migration
// 0001: insert (audited) and list only, like every plenary table (plenary.repo.ts, which re-exports these).
import type { Db } from '../context';
import { camelRow, insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

// ---------- operator_session / delegation ----------

export interface NewOperatorSession {
  nama: string;
  jabatan: 'ketua' | 'anggota' | 'operator';
  startedAt: string;
}
export interface OperatorSession extends NewOperatorSession {
  id: number;
}

export function insertOperatorSession(db: WritableDb, s: NewOperatorSession): OperatorSession {
  const id = insertAudited(
    db,
    'operator_session',
    { nama: s.nama, jabatan: s.jabatan, started_at: s.startedAt },
    { actor: s.nama, action: 'operator.start', at: s.startedAt },
  );
  return { id: Number(id), ...s };
}

export function currentOperator(db: Db): OperatorSession | undefined {
  const r = stmt(db, 'SELECT * FROM operator_session ORDER BY id DESC LIMIT 1').get() as
    Record<string, unknown> | undefined;
  return r ? camelRow<OperatorSession>(r) : undefined;
}

export function listOperatorSessions(db: Db): OperatorSession[] {
  return (stmt(db, 'SELECT * FROM operator_session ORDER BY id').all() as Record<string, unknown>[]).map((r) =>
    camelRow<OperatorSession>(r),
  );
}

export interface NewDelegation {
  ketua: string;
  delegate: string;
  action: 'grant' | 'revoke';
  reason: string | null;
  at: string;
}
export interface Delegation extends NewDelegation {
  id: number;
}

export function insertDelegation(db: WritableDb, d: NewDelegation): Delegation {
  const id = insertAudited(
    db,
    'delegation',
    { ketua: d.ketua, delegate: d.delegate, action: d.action, reason: d.reason, at: d.at },
    { actor: d.ketua, action: `delegation.${d.action}`, at: d.at },
  );
  return { id: Number(id), ...d };
}

export function listDelegations(db: Db): Delegation[] {
  return (stmt(db, 'SELECT * FROM delegation ORDER BY id').all() as Record<string, unknown>[]).map((r) =>
    camelRow<Delegation>(r),
  );
}

/** Names currently holding a delegation (latest row per delegate is a grant). */
export function activeDelegates(db: Db): Set<string> {
  const latest = new Map<string, Delegation>();
  for (const d of listDelegations(db)) latest.set(d.delegate, d);
  return new Set([...latest.values()].filter((d) => d.action === 'grant').map((d) => d.delegate));
}
