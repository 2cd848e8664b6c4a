// Integrity on open (issue 14 item 5): which way the database file is opened, and the leftovers cleaned at start.
//
//   openStorage(dbPath, opts) → { opened, readOnly }
//     - asked read-only (read-only CLI commands beside a running app): no lock, nothing written;
//     - a file marked read-only (no write permission bit, or not writable by this user): read-only, with the reason;
//     - else read-write; then `PRAGMA quick_check`: a damaged file is closed and opened again read-only, with the
//       reason and the offer to restore from a backup (the restore screen is the renderer's).
//   cleanTmpLeftovers(dataDir, log)   `*.tmp` files a killed import or issue left in photos/ and documents/
import { accessSync, constants, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendContext, Logger } from './context';
import { namesIn } from './dir-names';
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './db/open';
import { quickCheck, stopWrites } from './repositories/integrity.repo';

export interface ReadOnlyReason {
  /** Bahasa Indonesia: why nothing can be saved and what to do. */
  message: string;
  english: string;
  /** A damaged file (quick_check failed) is never copied over a backup; a healthy read-only file may be. */
  kind: 'damaged' | 'read-only-file';
}

/** True when the file exists and is marked read-only (checked on the mode bits too: root may write anything). */
export function fileIsReadOnly(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  try {
    if ((statSync(dbPath).mode & 0o222) === 0) return true;
    accessSync(dbPath, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

const READ_ONLY_FILE: ReadOnlyReason = {
  message:
    'Berkas basis data bersifat hanya-baca: Pleno membukanya hanya untuk dibaca, dan tidak ada yang dapat disimpan (impor, keputusan, dokumen). Salin berkas ke folder yang dapat ditulisi atau hapus tanda hanya-baca, lalu buka ulang Pleno.',
  english: 'the database file is read-only; opened for reading only',
  kind: 'read-only-file',
};

function damaged(problems: string[]): ReadOnlyReason {
  return {
    message:
      'Berkas basis data rusak: Pleno membukanya hanya untuk dibaca agar tidak ada yang hilang, dan tidak ada yang dapat disimpan. Pulihkan dari salinan cadangan terakhir, lalu impor ulang berkas hasil yang masuk sesudahnya.',
    english: `PRAGMA quick_check found damage (${problems.slice(0, 3).join('; ')}); opened read-only`,
    kind: 'damaged',
  };
}

export function openStorage(
  dbPath: string,
  options: OpenDatabaseOptions,
): { opened: OpenedDatabase; readOnly: ReadOnlyReason | null } {
  if (options.readOnly) return { opened: openDatabase(dbPath, options), readOnly: null };
  if (fileIsReadOnly(dbPath))
    return { opened: openDatabase(dbPath, { ...options, readOnly: true }), readOnly: READ_ONLY_FILE };
  const opened = openDatabase(dbPath, options);
  const problems = quickCheck(opened.db);
  if (problems.length === 0) return { opened, readOnly: null };
  opened.close();
  return { opened: openDatabase(dbPath, { ...options, readOnly: true }), readOnly: damaged(problems) };
}

/**
 * Damage found while running (SQLite answered a read or a write with SQLITE_CORRUPT/NOTADB): from then on the
 * database is treated as if opened damaged — nothing more is written to it (`query_only`), no backup is taken of it,
 * and the red banner offers the restore at once instead of after a restart.
 */
export function markDamaged(ctx: Pick<BackendContext, 'db' | 'readOnly' | 'log'>, english: string): void {
  if (ctx.readOnly?.kind === 'damaged') return;
  ctx.readOnly = damaged([english]);
  try {
    stopWrites(ctx.db);
  } catch {
    // the damaged file may refuse even this; the reason above still stops backups and offers the restore
  }
  ctx.log.warn('database damage found while running: read-only from now on', { reason: english });
}

/** SQLite's codes for a damaged file. */
export const isDamageCode = (code: string) => code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB');

const TMP_DIRS = ['photos', 'documents'];

/** Removes `*.tmp` files (at most two folder levels deep) that a killed process left; returns how many. */
export function cleanTmpLeftovers(dataDir: string, log: Pick<Logger, 'info' | 'warn'>): number {
  let removed = 0;
  const walk = (dir: string, depth: number) => {
    for (const name of namesIn(dir)) {
      const path = join(dir, name);
      try {
        const st = statSync(path);
        if (st.isDirectory() && depth > 0) walk(path, depth - 1);
        else if (st.isFile() && name.endsWith('.tmp')) {
          rmSync(path, { force: true });
          removed += 1;
        }
      } catch (err) {
        log.warn('tmp cleanup: could not remove', { path, error: (err as Error).message });
      }
    }
  };
  for (const d of TMP_DIRS) walk(join(dataDir, d), 2);
  if (removed > 0) log.info('removed temporary leftovers', { dataDir, removed });
  return removed;
}
