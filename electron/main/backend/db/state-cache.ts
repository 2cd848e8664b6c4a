// Values computed from the whole database and kept while its committed data stays the same (the read model's derived
// pemilihan: services/plenary/plenary-snapshot.ts; docs/read-model.md, "Kept per database state").
//
// The key is SQLite's own count of changes, so no write path can forget to invalidate it: total_changes() counts
// every row this connection inserted, updated or deleted (through the command unit or not), data_version changes when
// another connection commits (the sqlite3 tool, another process, a worker's connection) and schema_version with a
// migration. Inside a transaction nothing is looked up or kept: the transaction reads its own uncommitted rows, and a
// rollback takes the rows back without taking total_changes back, so a value kept there could outlive its rows.
import type { Db } from '../context';

const VERSION =
  'SELECT total_changes() AS c, (SELECT data_version FROM pragma_data_version) AS v,' +
  ' (SELECT schema_version FROM pragma_schema_version) AS s';

const statements = new WeakMap<Db, { get(): unknown }>();

/** The committed state `db` reads now, as a key; null inside a transaction. */
export function stateVersion(db: Db): string | null {
  if (db.inTransaction) return null;
  let s = statements.get(db);
  if (!s) statements.set(db, (s = db.prepare(VERSION)));
  const r = s.get() as { c: number; v: number; s: number };
  return `${r.c}:${r.v}:${r.s}`;
}

/**
 * A cache of one value per database, computed again once the database's data changed: `cached(db, compute)` returns
 * the value computed for the state `db` reads now (inside a transaction it always computes and keeps nothing).
 */
export function stateCache<T>(): (db: Db, compute: () => T) => T {
  const kept = new WeakMap<Db, { version: string; value: T }>();
  return (db, compute) => {
    const version = stateVersion(db);
    if (version === null) return compute();
    const hit = kept.get(db);
    if (hit && hit.version === version) return hit.value;
    const value = compute();
    kept.set(db, { version, value });
    return value;
  };
}
