// Operator sessions (who is at the laptop) and delegations (a ketua's decisions delegated to an anggota), migration
// 0001: insert (audited) and list only, like every plenary table (plenary.repo.ts, which re-exports these).
import type { Db } from '../context';
import { insertFields, oneOf, rowsOf } from './rows';
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
  const id = insertFields(db, 'operator_session', s, { actor: s.nama, action: 'operator.start', at: s.startedAt });
  return { id, ...s };
}

export function currentOperator(db: Db): OperatorSession | undefined {
  return oneOf<OperatorSession>(stmt(db, 'SELECT * FROM operator_session ORDER BY id DESC LIMIT 1').get());
}

export function listOperatorSessions(db: Db): OperatorSession[] {
  return rowsOf<OperatorSession>(stmt(db, 'SELECT * FROM operator_session ORDER BY id').all());
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
  const id = insertFields(db, 'delegation', d, { actor: d.ketua, action: `delegation.${d.action}`, at: d.at });
  return { id, ...d };
}

export function listDelegations(db: Db): Delegation[] {
  return rowsOf<Delegation>(stmt(db, 'SELECT * FROM delegation ORDER BY id').all());
}

/** Names currently holding a delegation (latest row per delegate is a grant). */
export function activeDelegates(db: Db): Set<string> {
  const latest = new Map<string, Delegation>();
  for (const d of listDelegations(db)) latest.set(d.delegate, d);
  return new Set([...latest.values()].filter((d) => d.action === 'grant').map((d) => d.delegate));
}
