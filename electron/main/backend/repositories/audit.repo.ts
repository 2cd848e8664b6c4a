// The audit hash chain (docs/design.md §1): appendAudit writes one entry per inserted row,
// verifyAudit re-checks everything.
//
// entry    = { seq, at, actor, action, entity, entityId, rowHash }            (absent parts are null)
// rowHash  = SHA-256( JCS(row) ) where row = `SELECT * FROM <entity> WHERE <pk> = <entityId>` as stored
// hash     = SHA-256( prevHash ‖ JCS(entry) )    prevHash as its 64 lowercase hex chars (ASCII); 64 zeros at seq 1
// All hashes lowercase hex. JCS = RFC 8785 (shared/formats/canonical.ts).
//
// Usage (inside the service's transaction, right after the INSERT):
//   appendAudit(db, { actor, action: 'acceptance.create', entity: 'acceptance', entityId: id, at })
// `row` may be omitted (recommended): it is read back from the table so that the hash is exactly what verify sees.
// Audited tables are listed in `audit_table` (name, pk); migrations register theirs there.
import type { Db } from '../context';
import { stmt } from './statements';
import type { WritableDb } from '../db/command';
import type { AuditEntryView } from '../../../../shared/contracts/audit.contract';
import { auditedTables, entryHash, entryOfRow, GENESIS_HASH, NAME, rowHash, type AuditRow } from './audit-chain';

export { auditedTables, entryHash, GENESIS_HASH, rowHash };
export { verifyAudit, type AuditProblem, type AuditProblemKind, type AuditReport } from './audit-verify';

export interface AppendAuditInput {
  actor: string;
  action: string;
  /** Table name of the audited row; omit for an entry that records an action without a row. */
  entity?: string | null;
  entityId?: string | number | bigint | null;
  /** The row as stored (SELECT *). Omit to have it read back (safest). */
  row?: Record<string, unknown>;
  /** ISO time; defaults to now. Services pass ctx.clock(). */
  at?: string;
}

/** An entry as stored; the contract's view is the same shape. */
export type AuditEntry = AuditEntryView;

function pkOf(db: Db, table: string): string {
  const r = stmt(db, 'SELECT pk FROM audit_table WHERE name = ?').get(table) as { pk: string } | undefined;
  if (!r || !NAME.test(table) || !NAME.test(r.pk))
    throw new Error(`appendAudit: table ${table} is not registered in audit_table`);
  return r.pk;
}

/** Reads a row as stored (SELECT *), or undefined. */
export function readAuditedRow(
  db: Db,
  table: string,
  id: string | number | bigint,
): Record<string, unknown> | undefined {
  const pk = pkOf(db, table);
  return stmt(db, `SELECT * FROM ${table} WHERE ${pk} = ?`).get(id) as Record<string, unknown> | undefined;
}

export function auditHead(db: Db): { seq: number; hash: string } {
  const r = stmt(db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return r ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * Appends one entry to the chain. Must run inside the caller's transaction (the same one that inserted the row),
 * so the row and its entry commit together or not at all.
 */
export function appendAudit(db: WritableDb, input: AppendAuditInput): AuditEntry {
  if (!db.inTransaction) throw new Error('appendAudit must run inside the transaction that wrote the row');
  const entity = input.entity ?? null;
  let entityId: string | null = null;
  let rh: string | null = null;
  if (entity !== null) {
    if (input.entityId === undefined || input.entityId === null)
      throw new Error(`appendAudit: entityId missing for ${entity}`);
    entityId = String(input.entityId);
    const row = input.row ?? readAuditedRow(db, entity, input.entityId);
    if (!row) throw new Error(`appendAudit: row ${entity} ${entityId} not found`);
    rh = rowHash(row);
  }
  const head = auditHead(db);
  const base = {
    seq: head.seq + 1,
    at: input.at ?? new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    entity,
    entityId,
    rowHash: rh,
  };
  const hash = entryHash(head.hash, base);
  stmt(
    db,
    'INSERT INTO audit (seq, at, actor, action, entity, entity_id, row_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(base.seq, base.at, base.actor, base.action, base.entity, base.entityId, base.rowHash, head.hash, hash);
  return { ...base, prevHash: head.hash, hash };
}

export interface ListAuditInput {
  limit: number;
  /** Entries with seq < before (paging backwards from the newest). */
  before?: number;
  action?: string;
  entity?: string;
}

/** Newest first. `action` matches exactly or as a prefix ending in '.' (e.g. 'submission.'). */
export function listAudit(db: Db, q: ListAuditInput): AuditEntry[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.before !== undefined) {
    where.push('seq < ?');
    args.push(q.before);
  }
  if (q.action !== undefined) {
    if (q.action.endsWith('.')) {
      where.push('substr(action, 1, ?) = ?');
      args.push(q.action.length, q.action);
    } else {
      where.push('action = ?');
      args.push(q.action);
    }
  }
  if (q.entity !== undefined) {
    where.push('entity = ?');
    args.push(q.entity);
  }
  const sql = `SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ?`;
  args.push(Math.max(0, Math.min(q.limit, 10_000)));
  return (stmt(db, sql).all(...args) as AuditRow[]).map(entryOfRow);
}

export function countAudit(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM audit').get() as { n: number }).n;
}

// ---- Audited insert (used by every repository) ----

export type SqlValue = string | number | bigint | null;

/**
 * INSERTs one row into an audited table and appends its audit entry; returns the row's primary key as stored.
 * Column names come from code, never from input. Must run inside the service's transaction.
 */
export function insertAudited(
  db: WritableDb,
  table: string,
  values: Record<string, SqlValue>,
  audit: { actor: string; action: string; at: string },
): string | number {
  const cols = Object.keys(values);
  const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  const info = stmt(db, sql).run(...cols.map((c) => values[c]));
  const pk = pkOf(db, table);
  const id = (values[pk] ?? info.lastInsertRowid) as string | number | bigint;
  const idValue = typeof id === 'bigint' ? Number(id) : id;
  appendAudit(db, { actor: audit.actor, action: audit.action, entity: table, entityId: idValue, at: audit.at });
  return idValue;
}

/** snake_case row → camelCase object (repositories map their rows with it). */
export function camelRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(row)) out[k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = row[k];
  return out as T;
}
