// The migration runner: numbered migrations tracked by PRAGMA user_version, each applied in its own transaction.
// Migrations are append-only: a released migration is never edited; a schema change is a new numbered file.
// Versions strictly increase (gaps allowed: see checkMigrationList).
import type Database from 'better-sqlite3';

export interface Migration {
  /** Strictly increasing from 1 (reserved numbers may be skipped); becomes PRAGMA user_version once applied. */
  version: number;
  /** Short kebab-case name, e.g. `core`. */
  name: string;
  /**
   * The audited tables this migration creates, with their primary-key column: its up() registers exactly these in
   * `audit_table` (a test checks), and `audit verify` requires every table of every migration (auditedTablesOf).
   */
  audited: ReadonlyArray<readonly [table: string, pk: string]>;
  /** Runs inside a transaction; must not open its own. */
  up(db: Database.Database): void;
}

/** Every audited table the migrations create, in migration order. */
export function auditedTablesOf(list: readonly Migration[]): string[] {
  return list.flatMap((m) => m.audited.map(([table]) => table));
}

/** Marks a database file as Pleno's (PRAGMA application_id, "PLNO"), so a foreign SQLite file is refused. */
export const PLENO_APPLICATION_ID = 0x504c4e4f;

/**
 * Throws unless versions strictly increase from 1 (a programming error, caught by tests). Gaps are allowed so that a
 * number reserved for a feature may stay unused. Rule: once a database may have passed a number, never add a
 * migration with a lower one — it would not run there; take the next free number instead.
 */
export function checkMigrationList(list: readonly Migration[]): void {
  let previous = 0;
  list.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(
        `Migration list out of order: position ${i} holds version ${m.version} (${m.name}) after version ${previous}`,
      );
    }
    previous = m.version;
  });
}

/** A database's version must be 0 or one this app lists; anything else came from a build with other migrations. */
export function knownVersion(list: readonly Migration[], version: number): boolean {
  return version === 0 || list.some((m) => m.version === version);
}

export function latestVersion(list: readonly Migration[]): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database's user_version, one transaction each, so a failure leaves the
 * database at the last fully applied version. Returns the versions applied.
 */
export function runMigrations(db: Database.Database, list: readonly Migration[]): number[] {
  checkMigrationList(list);
  const applied: number[] = [];
  for (const m of list) {
    if (m.version <= userVersion(db)) continue;
    db.transaction(() => {
      m.up(db);
      // user_version lives in the file header and is written inside the same transaction.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
