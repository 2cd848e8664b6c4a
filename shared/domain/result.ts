// Expected failures are values, never exceptions: every domain transition, command and API call returns a Result.
// One definition for the domain (shared/domain), the backend's command unit and the contract (shared/contracts
// re-exports it). A bug is the only thing that throws; the dispatcher logs it and answers INTERNAL with a reference.

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
  /** Field path or other detail for display (e.g. `suara.paslon[2]`, `reason`). */
  detail?: string;
}

export type Failure = { ok: false; error: ApiError };
export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** The one way to refuse: returns (never throws) a failure assignable to any Result. */
export const fail = (code: ErrorCode, message: string, detail?: string): Failure => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});
