// Read-only commands (recap, audit verify): the database file alone, opened for reading. Kept apart from
// storage-cli.ts (the full backend) so that a read loads none of the backend's modules — a CLI call pays for every
// module it loads, and the recap's start has its own compiled file (scripts/build-cli.mjs, "fast" entries).
import { existsSync } from 'node:fs';
import type { Db } from '../backend/context';
import { DbOpenError, openDatabase } from '../backend/db/open';
import { migrations } from '../backend/db/migrations/index';
import { UsageError } from './command';

export function requireDb(db: string | undefined): string {
  if (!db) throw new UsageError('--db <file> wajib / is required');
  return db;
}

export function requireExisting(name: string, dbPath: string): void {
  if (!existsSync(dbPath)) {
    throw new UsageError(
      `pleno ${name}: basis data ${dbPath} tidak ada; buat dulu dengan "pleno init" / database does not exist`,
    );
  }
}

/** Runs `open`; a file that cannot be opened (DbOpenError) → one line on stderr and null. */
export async function openedOrSaid<T>(name: string, open: () => T | Promise<T>): Promise<T | null> {
  try {
    return await open();
  } catch (err) {
    if (err instanceof DbOpenError) {
      process.stderr.write(`pleno ${name}: ${err.message} / ${err.english}\n`);
      return null;
    }
    throw err;
  }
}

/**
 * Opened as the backend opens a file read-only (db/open.ts: a Pleno database at this build's schema, no lock,
 * nothing written), but without the data folder, log, handlers or backup timer, which a read does not need.
 */
export async function withReader(
  name: string,
  dbPath: string,
  body: (r: { db: Db; dbPath: string }) => Promise<number> | number,
): Promise<number> {
  requireExisting(name, dbPath);
  const opened = await openedOrSaid(name, () => openDatabase(dbPath, { migrations, backupDir: '', readOnly: true }));
  if (opened === null) return 1;
  try {
    return await body({ db: opened.db, dbPath: opened.dbPath });
  } finally {
    opened.close();
  }
}
