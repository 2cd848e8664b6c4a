// Shared by the storage subcommands (init, import, recap, audit): open the backend on --db, map open errors to a
// one-line message and exit 1, always close.
import { existsSync } from 'node:fs';
import { openBackend, type Backend } from '../backend/backend';
import { DbOpenError } from '../backend/db/open';
import { UsageError } from './command';

/** Opens the database (migrating it), runs body, closes. A file that cannot be opened → stderr + exit 1. */
export async function withBackend(
  name: string,
  dbPath: string,
  /** readOnly: no lock and nothing written, so it runs beside a running app (recap, verify, audit verify). */
  opts: { mustExist: boolean; readOnly?: boolean },
  body: (b: Backend) => Promise<number> | number,
): Promise<number> {
  if (opts.mustExist && !existsSync(dbPath)) {
    throw new UsageError(
      `pleno ${name}: basis data ${dbPath} tidak ada; buat dulu dengan "pleno init" / database does not exist`,
    );
  }
  let backend: Backend;
  try {
    backend = await openBackend({ dbPath, mode: 'web', readOnly: opts.readOnly === true });
  } catch (err) {
    if (err instanceof DbOpenError) {
      process.stderr.write(`pleno ${name}: ${err.message} / ${err.english}\n`);
      return 1;
    }
    throw err;
  }
  try {
    return await body(backend);
  } finally {
    await backend.close();
  }
}

export function requireDb(db: string | undefined): string {
  if (!db) throw new UsageError('--db <file> wajib / is required');
  return db;
}
