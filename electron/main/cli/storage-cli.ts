// Shared by the storage subcommands that change the database (init, import, document, kirim, penerima): open the
// backend on --db, map open errors to a one-line message and exit 1, always close. Read-only commands use
// storage-reader.ts.
import type { Backend } from '../backend/backend';
import { openedOrSaid, requireExisting } from './storage-reader';

export { requireDb } from './storage-reader';

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
  const backend = await openedOrSaid(name, () =>
    openBackend({ dbPath, mode: 'web', readOnly: opts.readOnly === true }),
  );
  if (backend === null) return 1;
  try {
    return await body(backend);
  } finally {
    await backend.close();
  }
}
