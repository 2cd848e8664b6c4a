// The one INTERNAL format. Expected failures are Result values (shared/domain/result.ts); anything thrown is a bug:
// it is logged with its stack under a short reference id, and the person sees one sentence naming that id (never a
// stack or a table name). The dispatcher, the documents handlers and the import's per-file rejection all use it.
import type { Failure } from '../../../shared/domain/result';
import type { Logger } from './context';

/** What the person reads for a bug, in Bahasa Indonesia. */
export function unexpectedMessage(ref: string): string {
  return `Terjadi kesalahan tak terduga. Sebutkan kode referensi ${ref} saat melapor.`;
}

/** Logs the bug (English, with the error's stack) and returns the INTERNAL failure that names its reference. */
export function unexpected(log: Pick<Logger, 'error'>, english: string, err?: unknown): Failure {
  const ref = log.error(english, err);
  return { ok: false, error: { code: 'INTERNAL', message: unexpectedMessage(ref), ref } };
}
