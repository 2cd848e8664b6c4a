// Caches of rows from append-only tables, per connection (a row is never updated, so what was read once stays true).
// One exception makes them unsafe without this file: a rolled-back INSERT frees its id (INTEGER PRIMARY KEY takes
// max + 1), so the next insert may get the same id with other content. command.ts drops every cache of a database
// when a command or savepoint rolls back, so a cached entry can only describe a committed row or one of the running
// command that is still in place.
const caches = new WeakMap<object, Map<string, Map<number, unknown>>>();

/** The cache `name` of rows of `db`, keyed by row id. */
export function rowCache<V>(db: object, name: string): Map<number, V> {
  let byName = caches.get(db);
  if (!byName) caches.set(db, (byName = new Map()));
  let m = byName.get(name);
  if (!m) byName.set(name, (m = new Map()));
  return m as Map<number, V>;
}

/** Whether `db` has a cache `name` yet (without creating it). */
export function peekRowCache<V>(db: object, name: string): Map<number, V> | undefined {
  return caches.get(db)?.get(name) as Map<number, V> | undefined;
}

/** Forgets every cached row of `db` (after a rollback). */
export function dropRowCaches(db: object): void {
  caches.delete(db);
}
