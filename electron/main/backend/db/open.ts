// Opens a Pleno database file: refuses foreign/newer/locked files untouched, sets pragmas, backs up, then migrates.
//
// Single-instance rule: an exclusive lock file `<db>.lock` (created with O_EXCL, holding pid, host and a nonce).
// A lock whose pid is dead on this host is stale and taken over; one from another host or a live pid refuses the
// open. We chose a lock file over SQLite's `locking_mode=EXCLUSIVE` because the latter blocks every other reader
// (the sqlite3 CLI, `pleno recap` beside a running app) and lingers with the WAL; the lock file blocks only a
// second Pleno writer, and it is removed on close (and on process exit).
import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  checkMigrationList,
  knownVersion,
  latestVersion,
  PLENO_APPLICATION_ID,
  runMigrations,
  userVersion,
  type Migration,
} from './migrate';

export type DbOpenErrorKind = 'not-sqlite' | 'not-pleno' | 'newer-version' | 'locked' | 'migration' | 'io';

/**
 * A database that cannot be opened. `message` is for the user (Bahasa Indonesia), `english` for logs and the CLI,
 * `messageId` a stable key (`db.locked`...) for the UI.
 */
export class DbOpenError extends Error {
  readonly kind: DbOpenErrorKind;
  readonly messageId: string;
  readonly english: string;
  readonly dbPath: string;
  constructor(kind: DbOpenErrorKind, dbPath: string, message: string, english: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbOpenError';
    this.kind = kind;
    this.messageId = `db.${kind}`;
    this.english = english;
    this.dbPath = dbPath;
  }
}

export interface OpenDatabaseOptions {
  migrations: readonly Migration[];
  /** Where the pre-migration copy goes (created if missing). */
  backupDir: string;
  clock?: () => Date;
}

export interface OpenedDatabase {
  db: Database.Database;
  dbPath: string;
  lockPath: string;
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
  const clock = options.clock ?? (() => new Date());
  checkMigrationList(options.migrations);
  const target = latestVersion(options.migrations);

  const existedNonEmpty = checkHeader(dbPath);
  try {
    mkdirSync(dirname(dbPath), { recursive: true });
  } catch (err) {
    throw ioError(dbPath, err);
  }
  const lock = acquireLock(dbPath);

  let db: Database.Database | null = null;
  try {
    try {
      db = new Database(dbPath);
    } catch (err) {
      throw ioError(dbPath, err);
    }
    // Read-only probes first: nothing below writes until the file is known to be ours and not too new.
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
    if (!knownVersion(options.migrations, version)) {
      throw new DbOpenError(
        'migration',
        dbPath,
        `Basis data ${dbPath} berada pada skema ${version} yang tidak dikenal versi Pleno ini. Berkas tidak diubah. Gunakan versi Pleno yang membuat basis data ini.`,
        `${dbPath} is at schema ${version}, which this build does not list (written by a build with other migrations); the file was left untouched.`,
      );
    }

    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, WAL refused by the file system`);
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    } catch (err) {
      throw ioError(dbPath, err);
    }

    let backupPath: string | null = null;
    if (existedNonEmpty && !fresh && version < target) {
      backupPath = backupBeforeMigrating(db, dbPath, options.backupDir, version, clock());
    }
    if (fresh) db.pragma(`application_id = ${PLENO_APPLICATION_ID}`);
    try {
      runMigrations(db, options.migrations);
    } catch (err) {
      throw new DbOpenError(
        'migration',
        dbPath,
        `Pembaruan skema basis data gagal; basis data tetap pada versi terakhir yang berhasil${backupPath ? ` dan salinan cadangan ada di ${backupPath}` : ''}. Detail: ${(err as Error).message}`,
        `Schema migration failed; the database stays at the last applied version${backupPath ? `, backup at ${backupPath}` : ''}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    const opened = db;
    let closed = false;
    return {
      db: opened,
      dbPath,
      lockPath: lock.path,
      fromVersion: version,
      toVersion: userVersion(opened),
      backupPath,
      close() {
        if (closed) return;
        closed = true;
        try {
          if (opened.open) {
            opened.pragma('wal_checkpoint(TRUNCATE)');
            opened.close();
          }
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    try {
      if (db?.open) db.close();
    } finally {
      lock.release();
    }
    throw err;
  }
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

interface LockInfo {
  pid: number;
  host: string;
  nonce: string;
  since: string;
}

interface LockHandle {
  path: string;
  release(): void;
}

function acquireLock(dbPath: string): LockHandle {
  const path = `${dbPath}.lock`;
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    nonce: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify(info) + '\n');
      } finally {
        closeSync(fd);
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          // Only remove the lock if it is still ours (a stale-lock takeover by another process must survive).
          if ((readLock(path)?.nonce ?? '') === info.nonce) unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
      process.on('exit', release);
      return { path, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(dbPath, err);
    }
    const holder = readLock(path);
    if (holder && !isStale(holder)) {
      const who =
        holder.host === hostname() ? `proses ${holder.pid}` : `proses ${holder.pid} di komputer ${holder.host}`;
      throw new DbOpenError(
        'locked',
        dbPath,
        `Basis data ${dbPath} sedang dibuka oleh Pleno lain (${who}, sejak ${holder.since}). Tutup Pleno yang lain itu lebih dulu. Jika yakin tidak ada Pleno lain yang berjalan, hapus berkas ${path}.`,
        `${dbPath} is open in another Pleno (pid ${holder.pid} on ${holder.host} since ${holder.since}). Close it first; if none is running, delete ${path}.`,
      );
    }
    // Stale (dead pid on this host) or unreadable/half-written: take it over.
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(dbPath, err);
    }
  }
  throw new DbOpenError(
    'locked',
    dbPath,
    `Kunci basis data ${path} tidak dapat diambil.`,
    `Could not take the lock ${path}.`,
  );
}

function readLock(path: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return {
      pid: parsed.pid,
      host: parsed.host,
      nonce: String(parsed.nonce ?? ''),
      since: String(parsed.since ?? '?'),
    };
  } catch {
    return null;
  }
}

function isStale(holder: LockInfo): boolean {
  // A lock from another machine (shared folder) cannot be checked: treat it as live.
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function notSqlite(dbPath: string, cause?: unknown): DbOpenError {
  return new DbOpenError(
    'not-sqlite',
    dbPath,
    `Berkas ${dbPath} bukan basis data Pleno (bukan berkas SQLite, atau rusak). Berkas tidak diubah.`,
    `${dbPath} is not an SQLite database (or is damaged); the file was left untouched.`,
    { cause },
  );
}

function ioError(dbPath: string, cause: unknown): DbOpenError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new DbOpenError(
    'io',
    dbPath,
    `Basis data ${dbPath} tidak dapat dibuka: ${detail}`,
    `Cannot open ${dbPath}: ${detail}`,
    { cause },
  );
}
