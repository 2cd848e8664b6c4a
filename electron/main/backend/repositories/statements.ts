// Prepared-statement cache shared by the repositories: one compiled statement per (database, SQL text).
import type Database from 'better-sqlite3';
import type { Db } from '../context';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** The cached prepared statement for `sql` on `db` (compiled on first use). */
export function stmt(db: Db, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
