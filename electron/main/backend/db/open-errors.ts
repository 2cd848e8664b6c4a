// Why a database cannot be opened: DbOpenError (message for the user, English for logs) and its common makers.
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

export function notSqlite(dbPath: string, cause?: unknown): DbOpenError {
  return new DbOpenError(
    'not-sqlite',
    dbPath,
    `Berkas ${dbPath} bukan basis data Pleno (bukan berkas SQLite, atau rusak). Berkas tidak diubah.`,
    `${dbPath} is not an SQLite database (or is damaged); the file was left untouched.`,
    { cause },
  );
}

export function ioError(dbPath: string, cause: unknown): DbOpenError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new DbOpenError(
    'io',
    dbPath,
    `Basis data ${dbPath} tidak dapat dibuka: ${detail}`,
    `Cannot open ${dbPath}: ${detail}`,
    { cause },
  );
}
