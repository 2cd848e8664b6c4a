// Opens a Pleno database file: refuses foreign/newer/locked files untouched, sets pragmas, backs up, then migrates.
//
// Single-instance rule: an exclusive lock file `<db>.lock` (lock.ts). We chose a lock file over SQLite's `locking_mode=EXCLUSIVE` because the latter blocks every other reader
// (the sqlite3 CLI, `pleno recap` beside a running app) and lingers with the WAL; the lock file blocks only a
// second Pleno writer, and it is removed on close (and on process exit).
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DbOpenError, ioError, notSqlite } from './open-errors';
import { acquireLock, type LockHandle } from './lock';
import {
  checkMigrationList,
  knownVersion,
  latestVersion,
  PLENO_APPLICATION_ID,
  runMigrations,
  userVersion,
  type Migration,
} from './migrate';

export interface OpenDatabaseOptions {
  migrations: readonly Migration[];
  /** Where the pre-migration copy goes (created if missing). */
  backupDir: string;
  clock?: () => Date;
  /** Open for reading only, without the lock (read-only CLI commands beside a running app; a damaged file). */
  readOnly?: boolean;
}

export interface OpenedDatabase {
  db: Database.Database;
  dbPath: string;
  /** Null when opened read-only (no lock taken). */
  lockPath: string | null;
  readOnly: boolean;
  /** user_version found on open (0 for a new file) and after migrating. */
  fromVersion: number;
  toVersion: number;
  /** The copy written before migrating an existing database, if any. */
  backupPath: string | null;
  /** Checkpoints the WAL into the main file, closes, and releases the lock. Idempotent. */
  close(): void;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function openDatabase(dbPathIn: string, options: OpenDatabaseOptions): OpenedDatabase {
  const dbPath = resolve(dbPathIn);
  checkMigrationList(options.migrations);
  if (options.readOnly) return openReadOnly(dbPath, options);
  const clock = options.clock ?? (() => new Date());
  const target = latestVersion(options.migrations);
  const existedNonEmpty = checkHeader(dbPath);
  orIoError(dbPath, () => mkdirSync(dirname(dbPath), { recursive: true }));
  const lock = acquireLock(dbPath);
  let db: Database.Database | null = null;
  try {
    db = connect(dbPath, {});
    const probe = probeOurs(db, dbPath, options.migrations);
    setWritePragmas(db, dbPath);
    let backupPath: string | null = null;
    if (existedNonEmpty && !probe.fresh && probe.version < target) {
      backupPath = backupBeforeMigrating(db, dbPath, options.backupDir, probe.version, clock());
    }
    if (probe.fresh) db.pragma(`application_id = ${PLENO_APPLICATION_ID}`);
    migrate(db, dbPath, options.migrations, backupPath);
    return handle(db, dbPath, lock, probe.version, backupPath);
  } catch (err) {
    try {
      if (db?.open) db.close();
    } finally {
      lock.release();
    }
    throw err;
  }
}

/**
 * Read-only: no lock (a second reader beside a running app is safe: WAL readers never block the writer), no
 * migration, no pragma that writes. The file must be a Pleno database at this build's schema.
 */
function openReadOnly(dbPath: string, options: OpenDatabaseOptions): OpenedDatabase {
  if (!checkHeader(dbPath)) throw notSqlite(dbPath);
  const db = connect(dbPath, { readonly: true, fileMustExist: true });
  try {
    const probe = probeOurs(db, dbPath, options.migrations);
    if (probe.fresh || probe.version !== latestVersion(options.migrations)) {
      throw new DbOpenError(
        'migration',
        dbPath,
        `Basis data ${dbPath} belum diperbarui ke skema versi ini (skema ${probe.version}); bukalah sekali dengan aplikasi Pleno agar diperbarui.`,
        `${dbPath} is at schema ${probe.version}, not this build's; open it once read-write to migrate it.`,
      );
    }
    db.pragma('busy_timeout = 5000');
    return handle(db, dbPath, null, probe.version, null);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Runs a file-system or SQLite step; its failure becomes the `io` refusal that names the file in words. */
function orIoError<T>(dbPath: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    throw ioError(dbPath, err);
  }
}

function connect(dbPath: string, opts: Database.Options): Database.Database {
  return orIoError(dbPath, () => new Database(dbPath, opts));
}

/** Read-only probes first: nothing writes until the file is known to be ours and not too new. */
function probeOurs(
  db: Database.Database,
  dbPath: string,
  migrations: readonly Migration[],
): { fresh: boolean; version: number } {
  let appId: number;
  let version: number;
  let objects: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = userVersion(db);
    objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw notSqlite(dbPath, err);
    throw ioError(dbPath, err);
  }
  const fresh = appId === 0 && version === 0 && objects === 0;
  const target = latestVersion(migrations);
  if (!fresh && appId !== PLENO_APPLICATION_ID) {
    throw new DbOpenError(
      'not-pleno',
      dbPath,
      `Berkas ${dbPath} adalah basis data SQLite, tetapi bukan basis data Pleno. Berkas tidak diubah. Pilih berkas basis data Pleno yang benar.`,
      `${dbPath} is an SQLite database but not a Pleno database; the file was left untouched.`,
    );
  }
  if (version > target) {
    throw new DbOpenError(
      'newer-version',
      dbPath,
      `Basis data ${dbPath} dibuat oleh versi Pleno yang lebih baru (skema ${version}, aplikasi ini mengenal sampai ${target}). Berkas tidak diubah. Perbarui aplikasi Pleno untuk membukanya.`,
      `${dbPath} was written by a newer Pleno (schema ${version}, this app knows up to ${target}); the file was left untouched. Update Pleno to open it.`,
    );
  }
  if (!knownVersion(migrations, version)) {
    throw new DbOpenError(
      'migration',
      dbPath,
      `Basis data ${dbPath} berada pada skema ${version} yang tidak dikenal versi Pleno ini. Berkas tidak diubah. Gunakan versi Pleno yang membuat basis data ini.`,
      `${dbPath} is at schema ${version}, which this build does not list (written by a build with other migrations); the file was left untouched.`,
    );
  }
  return { fresh, version };
}

function setWritePragmas(db: Database.Database, dbPath: string): void {
  orIoError(dbPath, () => {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, WAL refused by the file system`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  });
}

function migrate(
  db: Database.Database,
  dbPath: string,
  migrations: readonly Migration[],
  backupPath: string | null,
): void {
  try {
    runMigrations(db, migrations);
  } catch (err) {
    throw new DbOpenError(
      'migration',
      dbPath,
      `Pembaruan skema basis data gagal; basis data tetap pada versi terakhir yang berhasil${backupPath ? ` dan salinan cadangan ada di ${backupPath}` : ''}. Detail: ${(err as Error).message}`,
      `Schema migration failed; the database stays at the last applied version${backupPath ? `, backup at ${backupPath}` : ''}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

function handle(
  db: Database.Database,
  dbPath: string,
  lock: LockHandle | null,
  fromVersion: number,
  backupPath: string | null,
): OpenedDatabase {
  let closed = false;
  return {
    db,
    dbPath,
    lockPath: lock?.path ?? null,
    readOnly: lock === null,
    fromVersion,
    toVersion: userVersion(db),
    backupPath,
    close() {
      if (closed) return;
      closed = true;
      try {
        if (db.open) {
          if (lock) db.pragma('wal_checkpoint(TRUNCATE)');
          db.close();
        }
      } finally {
        lock?.release();
      }
    },
  };
}

/** Returns true if the file exists with content; throws `not-sqlite` if that content is not an SQLite database. */
function checkHeader(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  let fd: number | null = null;
  try {
    const st = statSync(dbPath);
    if (!st.isFile()) {
      throw new DbOpenError('io', dbPath, `${dbPath} bukan sebuah berkas.`, `${dbPath} is not a regular file.`);
    }
    if (st.size === 0) return false;
    const head = Buffer.alloc(100);
    fd = openSync(dbPath, 'r');
    const n = readSync(fd, head, 0, 100, 0);
    if (n < 100 || head.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) throw notSqlite(dbPath);
    return true;
  } catch (err) {
    if (err instanceof DbOpenError) throw err;
    throw ioError(dbPath, err);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function backupBeforeMigrating(
  db: Database.Database,
  dbPath: string,
  backupDir: string,
  version: number,
  now: Date,
): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const base = basename(dbPath).replace(/\.db$/i, '');
  try {
    mkdirSync(backupDir, { recursive: true });
    let path = join(backupDir, `${base}-v${version}-${stamp}.db`);
    for (let i = 2; existsSync(path); i += 1) path = join(backupDir, `${base}-v${version}-${stamp}-${i}.db`);
    // VACUUM INTO writes a consistent, self-contained copy (WAL content included) without touching the source.
    db.prepare('VACUUM INTO ?').run(path);
    return path;
  } catch (err) {
    throw new DbOpenError(
      'io',
      dbPath,
      `Salinan cadangan sebelum pembaruan skema tidak dapat dibuat di ${backupDir}; basis data tidak diubah. Detail: ${(err as Error).message}`,
      `Could not write the pre-migration backup into ${backupDir}; the database was not changed: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

export { DbOpenError, type DbOpenErrorKind } from './open-errors';
