// The one INTERNAL format. Expected failures are Result values (shared/domain/result.ts); anything thrown is a bug:
// it is logged with its stack under a short reference id, and the person sees one sentence naming that id (never a
// stack or a table name). The dispatcher, the documents handlers and the import's per-file rejection all use it.
import type { Failure } from '../../../shared/domain/result';
import type { Logger } from './context';

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
 * What the person reads when the storage itself fails (not a bug of ours): a read-only or damaged file, a full or
 * failing disk. Null for any other error. SQLite's error codes, as better-sqlite3 reports them.
 */
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

/**
 * Logs the bug (English, with the error's stack) and returns the INTERNAL failure that names its reference. A failure
 * of the storage itself (storageMessage) is logged the same way and answered as DB_ERROR in plain words.
 */
export function unexpected(log: Pick<Logger, 'error'>, english: string, err?: unknown): Failure {
  const ref = log.error(english, err);
  const storage = storageMessage(err);
  if (storage !== null) return { ok: false, error: { code: 'DB_ERROR', message: storage, ref } };
  return { ok: false, error: { code: 'INTERNAL', message: unexpectedMessage(ref), ref } };
}
