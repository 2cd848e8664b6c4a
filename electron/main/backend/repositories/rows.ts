// One mapping between TypeScript records (camelCase) and table rows (snake_case) for every repository: records are
// inserted field by field as columns (`decidedBy` → `decided_by`) with their audit entry, rows come back camelCase
// with `*_json` columns parsed, and list filters become one WHERE clause. Storage layer only (writes need WritableDb).
import type { Db } from '../context';
import type { WritableDb } from '../db/command';
import { camelRow, insertAudited, type SqlValue } from './audit.repo';
import { stmt } from './statements';

/** A record whose every field is a column value (JSON and booleans are converted by the caller). */
export type ColumnValues<T> = { [K in keyof T]: SqlValue };

const snakeCase = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Inserts a record's fields as the table's snake_case columns with its audit entry, inside the caller's command;
 * returns the new row's id.
 */
export function insertFields<T extends ColumnValues<T>>(
  db: WritableDb,
  table: string,
  fields: T,
  audit: { actor: string; action: string; at: string },
): number {
  const values: Record<string, SqlValue> = {};
  for (const k of Object.keys(fields)) values[snakeCase(k)] = fields[k as keyof T];
  return Number(insertAudited(db, table, values, audit));
}

const camelKeys = new Map<string, string>();
const camelKey = (column: string): string => {
  let k = camelKeys.get(column);
  if (k === undefined) {
    k = column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    camelKeys.set(column, k);
  }
  return k;
};

/** A row as its record: camelCase; a `*_json` column parsed and named without the suffix (`raised_by_json` → `raisedBy`). */
export function recordOf<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const c of Object.keys(row)) {
    if (c.endsWith('_json')) out[camelKey(c.slice(0, -5))] = JSON.parse(row[c] as string);
    else out[camelKey(c)] = row[c];
  }
  return out as T;
}

export const rowsOf = <T>(rows: unknown[]): T[] => (rows as Record<string, unknown>[]).map((r) => recordOf<T>(r));
export const oneOf = <T>(row: unknown): T | undefined =>
  row ? recordOf<T>(row as Record<string, unknown>) : undefined;

/** A row as a camelCase record with every column as stored (JSON text kept as text, as `envelopeJson`). */
export const camelOne = <T>(row: unknown): T | undefined =>
  row ? camelRow<T>(row as Record<string, unknown>) : undefined;
export const camelMany = <T>(rows: unknown[]): T[] => rows.map((r) => camelRow<T>(r as Record<string, unknown>));

/** `WHERE a AND b` of the conditions whose argument is given (an undefined argument drops its condition). */
export function whereOf(conditions: [sql: string, arg: string | number | undefined][]): {
  sql: string;
  args: (string | number)[];
} {
  const given = conditions.filter((c) => c[1] !== undefined);
  return {
    sql: given.length ? `WHERE ${given.map((c) => c[0]).join(' AND ')}` : '',
    args: given.map((c) => c[1]!),
  };
}

/** A row as stored: the record as inserted, with its id. */
export type Stored<T> = T & { id: number };

type TextField<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/** Which of a record's fields say who acted and when: the actor and time of its audit entry. */
export interface Who<New> {
  actor: TextField<New>;
  at: TextField<New>;
}

/** A record's who and when as `by` and `at`. */
export interface ByAt {
  by: string;
  at: string;
}
export const BY_AT = { actor: 'by', at: 'at' } as const;

export type DecidedAs = 'ketua' | 'delegate';
/** A decision's who, in which capacity, and when. */
export interface Decided<As = DecidedAs> {
  decidedBy: string;
  decidedAs: As;
  decidedAt: string;
}
export const DECIDED = { actor: 'decidedBy', at: 'decidedAt' } as const;

/** Who entered a record, and when. */
export interface Recorded {
  recordedBy: string;
  recordedAt: string;
}
export const RECORDED = { actor: 'recordedBy', at: 'recordedAt' } as const;

/**
 * The insert and list of an append-only table: `insert` writes the record with its audit entry (`action`, fixed or
 * read from the record) inside the caller's command and returns it with its id; `list` gives rows in insertion (id)
 * order, filtered by an optional WHERE, and none when `present` says the file predates the table (a file
 * deliberately left at an earlier schema, as the upgrade tests make).
 */
export function auditedTable<New extends ColumnValues<New>>(
  table: string,
  action: string | ((r: New) => string),
  who: Who<New>,
  present?: (db: Db) => boolean,
) {
  return {
    insert(db: WritableDb, r: New): Stored<New> {
      const audit = {
        actor: r[who.actor] as string,
        action: typeof action === 'string' ? action : action(r),
        at: r[who.at] as string,
      };
      return { id: insertFields(db, table, r, audit), ...r };
    },
    list(db: Db, where: { sql: string; args: (string | number)[] } = { sql: '', args: [] }): Stored<New>[] {
      if (present && !present(db)) return [];
      return rowsOf<Stored<New>>(stmt(db, `SELECT * FROM ${table} ${where.sql} ORDER BY id`).all(...where.args));
    },
  };
}

/** Whether the file has `table` (a file left at an earlier schema lacks the later migrations' tables). */
export function hasTable(db: Db, table: string): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}
