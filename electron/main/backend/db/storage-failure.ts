// A failure of the storage itself — a read-only or damaged database file, a full or failing disk — is not a bug of
// ours: it is a known failure (DB_ERROR) with a sentence in Bahasa Indonesia, and the log says what SQLite said
// (English, its code) without a stack. The command unit (command.ts) turns SQLite's error into a StorageFailure as it
// leaves a transaction, so no raw SqliteError reaches a handler, a server or the person; the dispatcher and every
// other catcher (unexpected.ts) answer it as DB_ERROR, never INTERNAL.

/** The sentence for a storage failure (SQLite's code as better-sqlite3 reports it, or a file system's); else null. */
export function storageMessage(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  // A photo or document file that cannot be written for want of space is the same full disk.
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return 'Disk penuh: perubahan ini tidak disimpan dan data yang sudah ada tetap utuh. Kosongkan ruang disk, lalu ulangi.';
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_READONLY'))
    return 'Basis data sedang dibuka hanya-baca: perubahan ini tidak disimpan. Lihat keterangan di bagian atas layar.';
  if (code.startsWith('SQLITE_FULL'))
    return 'Disk penuh: perubahan ini tidak disimpan dan data yang sudah ada tetap utuh. Kosongkan ruang disk, lalu ulangi.';
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))
    return 'Berkas basis data rusak: perubahan ini tidak disimpan. Pulihkan dari salinan cadangan terakhir.';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
    return 'Disk tidak dapat dibaca atau ditulisi: perubahan ini tidak disimpan. Periksa disk, lalu ulangi.';
  return null;
}

/** The known failure a storage error becomes; `code` stays SQLite's (or the file system's) so checks still read it. */
export class StorageFailure extends Error {
  override name = 'StorageFailure';
  constructor(
    readonly code: string,
    /** What the person reads (Bahasa Indonesia). */
    readonly kalimat: string,
    /** What the storage said (English, for the log). */
    english: string,
  ) {
    super(english);
  }
}

/** The error as a StorageFailure when the storage failed; any other error as it is. */
export function asStorageFailure(err: unknown): unknown {
  if (err instanceof StorageFailure) return err;
  const kalimat = storageMessage(err);
  if (kalimat === null) return err;
  const e = err as { code: string; message?: unknown };
  return new StorageFailure(e.code, kalimat, typeof e.message === 'string' ? e.message : String(err));
}
