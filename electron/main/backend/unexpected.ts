// The one INTERNAL format. Expected failures are Result values (shared/domain/result.ts); anything thrown is a bug:
// it is logged with its stack under a short reference id, and the person sees one sentence naming that id (never a
// stack or a table name). The dispatcher, the documents handlers and the import's per-file rejection all use it.
import type { Failure } from '../../../shared/domain/result';
import type { Logger } from './context';
import { asStorageFailure, StorageFailure } from './db/storage-failure';

export { storageMessage } from './db/storage-failure';

/** What the person reads for a bug, in Bahasa Indonesia. */
export function unexpectedMessage(ref: string): string {
  return `Terjadi kesalahan tak terduga. Sebutkan kode referensi ${ref} saat melapor.`;
}

/** True for an error of a full disk (SQLite's or the file system's). */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || (typeof code === 'string' && code.startsWith('SQLITE_FULL'));
}

/**
 * Logs the bug (English, with the error's stack) and returns the INTERNAL failure that names its reference. A failure
 * of the storage itself (db/storage-failure.ts) is a known failure: logged as a warning, answered DB_ERROR in words.
 */
export function unexpected(log: Pick<Logger, 'error' | 'warn'>, english: string, err?: unknown): Failure {
  const storage = asStorageFailure(err);
  if (storage instanceof StorageFailure) {
    // Not a bug: the storage said no. Its words and code are logged, without a stack or a reference to report.
    log.warn(`${english}: storage failure`, { code: storage.code, error: storage.message });
    return { ok: false, error: { code: 'DB_ERROR', message: storage.kalimat } };
  }
  const ref = log.error(english, err);
  return { ok: false, error: { code: 'INTERNAL', message: unexpectedMessage(ref), ref } };
}
