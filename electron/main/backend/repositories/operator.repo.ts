// Operator sessions (who is at the laptop) and delegations (a ketua's decisions delegated to an anggota), migration
// 0001: insert (audited) and list only, like every plenary table (plenary.repo.ts, which re-exports these).
import type { Db } from '../context';
import { auditedTable, oneOf, type Stored } from './rows';
import { stmt } from './statements';

// ---------- operator_session / delegation ----------

export interface NewOperatorSession {
  nama: string;
  jabatan: 'ketua' | 'anggota' | 'operator';
  startedAt: string;
}
export type OperatorSession = Stored<NewOperatorSession>;

const operatorSession = auditedTable<NewOperatorSession>('operator_session', 'operator.start', {
  actor: 'nama',
  at: 'startedAt',
});
export const insertOperatorSession = operatorSession.insert;
export const listOperatorSessions = (db: Db): OperatorSession[] => operatorSession.list(db);

export function currentOperator(db: Db): OperatorSession | undefined {
  return oneOf<OperatorSession>(stmt(db, 'SELECT * FROM operator_session ORDER BY id DESC LIMIT 1').get());
}

export interface NewDelegation {
  ketua: string;
  delegate: string;
  action: 'grant' | 'revoke';
  reason: string | null;
  at: string;
}
export type Delegation = Stored<NewDelegation>;

const delegation = auditedTable<NewDelegation>('delegation', (d) => `delegation.${d.action}`, {
  actor: 'ketua',
  at: 'at',
});
export const insertDelegation = delegation.insert;
export const listDelegations = (db: Db): Delegation[] => delegation.list(db);

/** Names currently holding a delegation (latest row per delegate is a grant). */
export function activeDelegates(db: Db): Set<string> {
  const latest = new Map<string, Delegation>();
  for (const d of listDelegations(db)) latest.set(d.delegate, d);
  return new Set([...latest.values()].filter((d) => d.action === 'grant').map((d) => d.delegate));
}
