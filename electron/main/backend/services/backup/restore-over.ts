// Restoring over a damaged or read-only database on this laptop (the database was opened read-only, storage-state.ts):
// the backup is verified and copied into the data folder first (restore.service.ts withVerifiedLocalCopy; the copy
// is removed again if the restore is refused or fails), and only then is anything replaced. The host closes the
// backend (ctx.reopen, hosted.ts); the old file, with its -wal/-shm, is moved aside beside it under
// `<name>.sebelum-pulih-<time>.db` (kept, never deleted), the verified copy put in its place, and a new backend opened
// on the same path; then the photos and documents are copied, the audit chain verified and the restore recorded. If
// the restored file does not open, the old file is put back.
// A file SQLite cannot open at all (its header page destroyed) gets the same restore from the start-up screen
// (restoreOverUnopened): there is no open backend, so the host's reopen and the data folder stand in for it.
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackendContext, Logger } from '../../context';
import type { BackupRestored } from '../../../../../shared/contracts/backup.contract';
import { fail, ok, type Result } from '../../../../../shared/contracts/result';
import { getMeta } from '../../repositories/master.repo';
import { readBackupFacts, withBackupReadonly } from '../../db/backup';
import { finishRestore, withVerifiedLocalCopy } from './restore.service';
import { RESTORE_COPY_PREFIX } from './backup-files';
import { namesIn } from '../../dir-names';

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** A refusal worded for the user, raised by the file swap before anything was lost. */
class SwapRefused extends Error {
  constructor(
    readonly sentence: string,
    cause: unknown,
  ) {
    super(`${sentence} (${(cause as Error)?.message ?? String(cause)})`);
  }
}

export function asideName(dbPath: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return join(dirname(dbPath), `${basename(dbPath).replace(/\.(db|sqlite3?)$/i, '')}.sebelum-pulih-${stamp}.db`);
}

/** Moves the old file (and its side files) aside and puts `local` in its place; undoes the move if the copy fails. */
function swapFiles(dbPath: string, local: string, aside: string): void {
  try {
    renameSync(dbPath, aside);
  } catch (err) {
    throw new SwapRefused(
      `Berkas basis data tidak dapat dipindahkan ke samping di folder ${dirname(dbPath)} (folder tidak dapat ditulisi); tidak ada yang diubah. Pindahkan basis data ke folder yang dapat ditulisi, lalu coba lagi.`,
      err,
    );
  }
  for (const s of SIDE_FILES) if (existsSync(dbPath + s)) renameSync(dbPath + s, aside + s);
  const tmp = `${dbPath}.pulih.tmp`;
  try {
    copyFileSync(local, tmp);
    chmodSync(tmp, 0o644); // a copy from a read-only drive keeps its mode; the restored database must be writable
    renameSync(tmp, dbPath);
  } catch (err) {
    rmSync(tmp, { force: true });
    putBack(dbPath, aside);
    throw new SwapRefused(`Cadangan tidak dapat disalin ke ${dbPath}; basis data lama dikembalikan.`, err);
  }
}

function putBack(dbPath: string, aside: string): void {
  rmSync(dbPath, { force: true });
  renameSync(aside, dbPath);
  for (const s of SIDE_FILES) if (existsSync(aside + s)) renameSync(aside + s, dbPath + s);
}

/** The kecamatan of the database being replaced, when it can still be read. */
function currentKecamatan(ctx: BackendContext): { kode: string; nama: string } | null {
  try {
    const m = getMeta(ctx.db);
    return m ? { kode: m.kecamatanKode, nama: m.kecamatanNama } : null;
  } catch {
    return null;
  }
}

export async function restoreOver(ctx: BackendContext, file: string): Promise<Result<BackupRestored>> {
  const reopen = ctx.reopen;
  if (!reopen)
    return fail('CONFLICT', 'Pemulihan atas basis data yang rusak hanya dapat dijalankan dari aplikasi Pleno.');
  return swapInBackup({ ...ctx, reopen }, file, currentKecamatan(ctx), 'basis data laptop ini');
}

/** What a restore over the file needs when no backend could open it (the start-up screen's host, hosted.ts). */
export interface UnopenedHost {
  dbPath: string;
  dataDir: string;
  clock: () => Date;
  log: Logger;
  reopen: NonNullable<BackendContext['reopen']>;
}

/**
 * Over a file SQLite cannot open: its kecamatan is unknown, so the backup must match the kecamatan of this
 * laptop's own copies taken before a schema update (`backups/`, db/open.ts backupBeforeMigrating) when there are any.
 */
export function restoreOverUnopened(host: UnopenedHost, file: string): Promise<Result<BackupRestored>> {
  return swapInBackup(host, file, kecamatanOfLocalCopies(host.dataDir), 'salinan lokal laptop ini');
}

/** The kecamatan of the newest readable copy in `<data>/backups/` (restore copies `pulih-*` excepted: unchecked). */
function kecamatanOfLocalCopies(dataDir: string): { kode: string; nama: string } | null {
  const dir = join(dataDir, 'backups');
  const names = namesIn(dir).filter((n) => n.endsWith('.db') && !n.startsWith(RESTORE_COPY_PREFIX));
  for (const n of names.sort().reverse()) {
    try {
      const k = withBackupReadonly(join(dir, n), (db) => readBackupFacts(db).kecamatan);
      if (k) return { kode: k.kode, nama: k.nama };
    } catch {
      // not readable either: the next one
    }
  }
  return null;
}

function swapInBackup(
  host: UnopenedHost,
  file: string,
  here: { kode: string; nama: string } | null,
  hereWords: string,
): Promise<Result<BackupRestored>> {
  return withVerifiedLocalCopy(host, file, async ({ local, check }) => {
    const k = check.kecamatan!;
    if (here && here.kode !== k.kode)
      return fail(
        'CONFLICT',
        `Cadangan ini milik Kecamatan ${k.nama}, sedangkan ${hereWords} Kecamatan ${here.nama}; pilih cadangan Kecamatan ${here.nama}.`,
      );
    const { dbPath, log, reopen } = host;
    const aside = asideName(dbPath, host.clock());
    let next: BackendContext;
    try {
      next = await reopen(() => swapFiles(dbPath, local, aside));
    } catch (err) {
      log.warn('restore over the database failed', { dbPath, error: String(err) });
      if (err instanceof SwapRefused) return fail('DB_ERROR', err.sentence);
      // The restored file would not open: the old one goes back.
      if (existsSync(aside)) await reopen(() => putBack(dbPath, aside)).catch(() => undefined);
      return fail('DB_ERROR', 'Cadangan tidak dapat dibuka setelah dipasang; basis data lama dikembalikan.');
    }
    const entries = finishRestore(next, file, 'backup.restore-aside');
    next.log.info('backup restored over the old database', { from: file, local, aside, entries });
    return ok({ kecamatan: { kode: k.kode, nama: k.nama }, entries, movedAside: aside });
  });
}
