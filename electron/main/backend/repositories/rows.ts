// One mapping between TypeScript records (camelCase) and table rows (snake_case) for every repository: records are
// inserted field by field as columns (`decidedBy` → `decided_by`) with their audit entry, rows come back camelCase
// with `*_json` columns parsed, and list filters become one WHERE clause. Storage layer only (writes need WritableDb).
import type { WritableDb } from '../db/command';
import { insertAudited, type SqlValue } from './audit.repo';

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
