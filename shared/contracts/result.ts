// Expected failures are values: every API call resolves to a Result, never throws across the transport.

export const ERROR_CODES = [
  'BAD_REQUEST', // unknown method or invalid input (rejected at the dispatcher)
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'NO_KECAMATAN', // the database has no data master yet
  'CONFLICT', // the state does not allow this (locked desa, already decided, ...)
  'INVALID_INPUT', // domain validation failed (a malformed record, a bad signature, ...)
  'LOCKED',
  'DB_ERROR',
  'INTERNAL', // a bug: logged with the reference id shown to the user
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** For the user, in Bahasa Indonesia. */
  message: string;
  /** Reference id of a logged unexpected error, for the user to quote. */
  ref?: string;
  /** Field path or other detail for display (e.g. `suara.paslon[2]`). */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, detail?: string): Result<never> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});
