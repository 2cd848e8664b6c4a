// Backup and restore at the storage layer: SQLite's online backup API (better-sqlite3 `db.backup`) copies a live
// database page by page without stopping writers, and a backup file is read through a read-only connection.
//
//   backupDatabase(db, file)        → the open database copied to `file` (replaced), rollback journal, fsynced
//   readBackup(file)                → facts of a backup file (Pleno or not, schema, kecamatan, audit head)
//   withBackupReadonly(file, fn)    → fn(read-only handle); closed afterwards
//   restoreDatabase(live, file)     → the live database's content replaced by the backup's, then migrated
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import type { ReadableDb } from './command';
import { latestVersion, PLENO_APPLICATION_ID, runMigrations, userVersion } from './migrate';
import { migrations } from './migrations/index';

export async function backupDatabase(db: ReadableDb, file: string): Promise<void> {
  await db.backup(file);
  // A single self-contained file: no -wal/-shm needed to read it on another laptop or from a read-only drive.
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function withBackupReadonly<T>(file: string, fn: (db: ReadableDb) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export interface BackupFacts {
  pleno: boolean;
  schema: number;
  /** The schema is one this build knows (not newer). */
  openable: boolean;
  kecamatan: { kode: string; nama: string; kabkota: string; provinsi: string } | null;
}

/** Throws when the file is not an SQLite database at all (the caller words it). */
export function readBackupFacts(db: ReadableDb): BackupFacts {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const schema = userVersion(db);
  const pleno = appId === PLENO_APPLICATION_ID;
  let kecamatan: BackupFacts['kecamatan'] = null;
  if (pleno) {
    const r = db
      .prepare(
        `SELECT kecamatan_kode AS kode, kecamatan_nama AS nama, kabkota_nama AS kabkota, provinsi_nama AS provinsi
         FROM meta WHERE id = 1`,
      )
      .get() as BackupFacts['kecamatan'] | undefined;
    kecamatan = r ?? null;
  }
  return { pleno, schema, openable: pleno && schema <= latestVersion(migrations), kecamatan };
}

/** True when the database holds no kecamatan yet (the first-run state a restore may replace). */
export function databaseIsEmpty(db: ReadableDb): boolean {
  return (db.prepare('SELECT count(*) AS n FROM meta').get() as { n: number }).n === 0;
}

/**
 * Replaces the live database's content with the backup's through the backup API (the live connection stays open
 * and sees the new pages), then applies this build's later migrations to it.
 */
export async function restoreDatabase(live: ReadableDb, file: string): Promise<void> {
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await src.backup(live.name);
  } finally {
    src.close();
  }
  runMigrations(live, migrations);
}
