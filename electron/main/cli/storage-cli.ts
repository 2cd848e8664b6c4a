// Shared by the storage subcommands (init, import, recap, audit): open the backend on --db, map open errors to a
// one-line message and exit 1, always close.
import { existsSync } from 'node:fs';
import type { Backend } from '../backend/backend';
import type { Db } from '../backend/context';
import { DbOpenError, openDatabase, type OpenedDatabase } from '../backend/db/open';
import { migrations } from '../backend/db/migrations/index';
import { UsageError } from './command';

function requireExisting(name: string, dbPath: string): void {
  if (!existsSync(dbPath)) {
    throw new UsageError(
      `pleno ${name}: basis data ${dbPath} tidak ada; buat dulu dengan "pleno init" / database does not exist`,
    );
  }
}

/** Runs `open`; a file that cannot be opened (DbOpenError) → stderr + null. */
function opened<T>(name: string, open: () => T): T | null {
  try {
    return open();
  } catch (err) {
    if (err instanceof DbOpenError) {
      process.stderr.write(`pleno ${name}: ${err.message} / ${err.english}\n`);
      return null;
    }
    throw err;
  }
}

/** Opens the database (migrating it), runs body, closes. A file that cannot be opened → stderr + exit 1. */
export async function withBackend(
  name: string,
  dbPath: string,
  /** readOnly: no lock and nothing written, so it runs beside a running app (verify). */
  opts: { mustExist: boolean; readOnly?: boolean },
  body: (b: Backend) => Promise<number> | number,
): Promise<number> {
  if (opts.mustExist) requireExisting(name, dbPath);
  const { openBackend } = await import('../backend/backend');
  const backend = await opened(name, () => openBackend({ dbPath, mode: 'web', readOnly: opts.readOnly === true }));
  if (backend === null) return 1;
  try {
    return await body(backend);
  } finally {
    await backend.close();
  }
}

/**
 * Read-only commands that only read the database (recap, audit verify): the file alone, opened for reading as the
 * backend opens it read-only (db/open.ts: a Pleno database at this build's schema, no lock, nothing written) — no
 * data folder, log, handlers or backup timer, which a read costs nothing without (each CLI call pays its start).
 */
export async function withReader(
  name: string,
  dbPath: string,
  body: (r: { db: Db; dbPath: string }) => Promise<number> | number,
): Promise<number> {
  requireExisting(name, dbPath);
  const db: OpenedDatabase | null = await opened(name, () =>
    openDatabase(dbPath, { migrations, backupDir: '', readOnly: true }),
  );
  if (db === null) return 1;
  try {
    return await body({ db: db.db, dbPath: db.dbPath });
  } finally {
    db.close();
  }
}

export function requireDb(db: string | undefined): string {
  if (!db) throw new UsageError('--db <file> wajib / is required');
  return db;
}
