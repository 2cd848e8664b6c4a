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
import { canonicalize } from '../../../../shared/formats/canonical';
import { utf8Encode } from '../../../../shared/formats/bytes';
import { sha256Hex } from '../crypto';
import { stmt } from './statements';
import type { WritableDb } from '../db/command';
import type { AuditEntryView, AuditProblemView, AuditVerifyView } from '../../../../shared/contracts/audit.contract';

export const GENESIS_HASH = '0'.repeat(64);

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

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entity_id: string | null;
  row_hash: string | null;
  prev_hash: string;
  hash: string;
}

const NAME = /^[a-z_][a-z0-9_]*$/;

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    rowHash: r.row_hash,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** SHA-256 of JCS(row). */
export function rowHash(row: Record<string, unknown>): string {
  return sha256Hex(utf8Encode(canonicalize(row)));
}

/** The chain hash of an entry given the previous hash. */
export function entryHash(prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  const canonical = canonicalize({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    rowHash: e.rowHash,
  });
  return sha256Hex(utf8Encode(prevHash + canonical));
}

/** Audited tables and their primary-key column, from `audit_table`. */
export function auditedTables(db: Db): Map<string, string> {
  const rows = stmt(db, 'SELECT name, pk FROM audit_table ORDER BY name').all() as { name: string; pk: string }[];
  const out = new Map<string, string>();
  for (const r of rows) {
    if (NAME.test(r.name) && NAME.test(r.pk)) out.set(r.name, r.pk);
  }
  return out;
}

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
  return (stmt(db, sql).all(...args) as AuditRow[]).map(toEntry);
}

export function countAudit(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM audit').get() as { n: number }).n;
}

// ---- Verification ----

export type AuditProblemKind = AuditProblemView['kind'];

/** A problem as the contract shows it, plus the English text for logs and the CLI. */
export interface AuditProblem extends AuditProblemView {
  english: string;
}

export interface AuditReport extends Omit<AuditVerifyView, 'problems'> {
  problems: AuditProblem[];
}

function problem(
  kind: AuditProblemKind,
  seq: number | null,
  entity: string | null,
  entityId: string | null,
  message: string,
  english: string,
): AuditProblem {
  return { kind, seq, entity, entityId, message, english };
}

/**
 * Recomputes the chain and every audited row's hash; checks each audited row has exactly one entry and each
 * entry's row exists. Problems are ordered: by entry seq first (the earliest bad entry is problems[0]), then rows
 * without an entry, then registry/trigger problems.
 */
export function verifyAudit(db: Db, opts: { requiredTables?: readonly string[] } = {}): AuditReport {
  const bySeq: AuditProblem[] = [];
  const other: AuditProblem[] = [];
  const tables = auditedTables(db);
  for (const t of opts.requiredTables ?? []) {
    if (!tables.has(t)) {
      other.push(
        problem(
          'registry',
          null,
          t,
          null,
          `tabel ${t} hilang dari daftar tabel yang diaudit (audit_table diubah di luar aplikasi)`,
          `table ${t} missing from audit_table (edited outside the app)`,
        ),
      );
    }
  }

  // 1. The chain, and the expected hash of every audited row.
  const expected = new Map<string, Map<string, { seq: number; rowHash: string }>>();
  let prev = GENESIS_HASH;
  let count = 0;
  let lastSeq = 0;
  for (const r of stmt(db, 'SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    count += 1;
    const name = `entri audit #${r.seq}`;
    const target = r.entity !== null ? ` (${r.entity} ${r.entity_id})` : '';
    if (r.seq !== lastSeq + 1) {
      bySeq.push(
        problem(
          'chain',
          r.seq,
          r.entity,
          r.entity_id,
          `${name}: nomor urut melompat dari #${lastSeq} (entri dihapus di luar aplikasi)`,
          `audit entry #${r.seq}: sequence jumps from #${lastSeq} (entries deleted outside the app)`,
        ),
      );
    }
    if (r.prev_hash !== prev) {
      bySeq.push(
        problem(
          'chain',
          r.seq,
          r.entity,
          r.entity_id,
          `${name}${target}: prev_hash tidak cocok dengan entri sebelumnya (rantai audit diubah di luar aplikasi)`,
          `audit entry #${r.seq}${target}: prev_hash does not match the previous entry (chain edited outside the app)`,
        ),
      );
    }
    const recomputed = entryHash(r.prev_hash, {
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      rowHash: r.row_hash,
    });
    if (recomputed !== r.hash) {
      bySeq.push(
        problem(
          'chain',
          r.seq,
          r.entity,
          r.entity_id,
          `${name}${target}: hash entri tidak cocok (entri audit diubah di luar aplikasi)`,
          `audit entry #${r.seq}${target}: entry hash mismatch (audit entry edited outside the app)`,
        ),
      );
    }
    prev = r.hash;
    lastSeq = r.seq;
    if (r.entity !== null && r.entity_id !== null && r.row_hash !== null) {
      if (!tables.has(r.entity)) {
        bySeq.push(
          problem(
            'unknown-entity',
            r.seq,
            r.entity,
            r.entity_id,
            `${name}: tabel ${r.entity} tidak dikenal sebagai tabel yang diaudit`,
            `audit entry #${r.seq}: table ${r.entity} is not an audited table`,
          ),
        );
        continue;
      }
      let m = expected.get(r.entity);
      if (!m) expected.set(r.entity, (m = new Map()));
      const dup = m.get(r.entity_id);
      if (dup) {
        bySeq.push(
          problem(
            'duplicate',
            r.seq,
            r.entity,
            r.entity_id,
            `${name}${target}: baris ini sudah dicatat oleh entri #${dup.seq} (entri disisipkan di luar aplikasi)`,
            `audit entry #${r.seq}${target}: row already recorded by entry #${dup.seq} (entry inserted outside the app)`,
          ),
        );
        continue;
      }
      m.set(r.entity_id, { seq: r.seq, rowHash: r.row_hash });
    }
  }

  // 2. Every audited row against its entry.
  let rows = 0;
  const inserted: AuditProblem[] = [];
  for (const [table, pk] of tables) {
    const m = expected.get(table) ?? new Map<string, { seq: number; rowHash: string }>();
    const seen = new Set<string>();
    let it: IterableIterator<Record<string, unknown>>;
    try {
      it = stmt(db, `SELECT * FROM ${table}`).iterate() as IterableIterator<Record<string, unknown>>;
    } catch {
      other.push(
        problem(
          'registry',
          null,
          table,
          null,
          `tabel ${table} yang diaudit tidak ada (dihapus di luar aplikasi)`,
          `audited table ${table} does not exist (dropped outside the app)`,
        ),
      );
      continue;
    }
    for (const row of it) {
      rows += 1;
      const id = String(row[pk]);
      seen.add(id);
      const e = m.get(id);
      if (!e) {
        inserted.push(
          problem(
            'inserted',
            null,
            table,
            id,
            `baris ${table} ${id} tidak punya entri audit (disisipkan di luar aplikasi)`,
            `row ${table} ${id} has no audit entry (inserted outside the app)`,
          ),
        );
        continue;
      }
      if (rowHash(row) !== e.rowHash) {
        bySeq.push(
          problem(
            'changed',
            e.seq,
            table,
            id,
            `entri audit #${e.seq} (${table} ${id}): isi baris tidak cocok dengan hash yang dicatat (baris diubah di luar aplikasi)`,
            `audit entry #${e.seq} (${table} ${id}): row content does not match the recorded hash (row changed outside the app)`,
          ),
        );
      }
    }
    for (const [id, e] of m) {
      if (!seen.has(id)) {
        bySeq.push(
          problem(
            'deleted',
            e.seq,
            table,
            id,
            `entri audit #${e.seq} (${table} ${id}): baris tidak ada lagi (dihapus di luar aplikasi)`,
            `audit entry #${e.seq} (${table} ${id}): row is missing (deleted outside the app)`,
          ),
        );
      }
    }
  }

  // 3. The append-only triggers (protection against the app's own bugs; dropping one is itself suspicious).
  const triggers = new Set(
    (stmt(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]).map((t) => t.name),
  );
  for (const table of [...tables.keys(), 'audit']) {
    for (const kind of ['no_update', 'no_delete']) {
      const name = `${table}_${kind}`;
      if (!triggers.has(name)) {
        other.push(
          problem(
            'trigger',
            null,
            table,
            null,
            `pemicu ${name} yang menjaga tabel ${table} tetap append-only telah dihapus di luar aplikasi`,
            `trigger ${name} keeping ${table} append-only was dropped outside the app`,
          ),
        );
      }
    }
  }

  bySeq.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const problems = [...bySeq, ...inserted, ...other];
  return { ok: problems.length === 0, entries: count, rows, head: prev, problems };
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
