// ParseResult<T>: the outcome of every strict parser in shared/formats. Messages are Bahasa Indonesia and start
// with the field path (`suara.paslon[2]: harus bilangan bulat 0–9999, ditemukan 10000`); codes are stable English.

export type ParseErrorCode =
  | 'INVALID_JSON' // not JSON / not UTF-8 / duplicate keys
  | 'WRONG_TYPE'
  | 'MISSING_FIELD'
  | 'UNKNOWN_FIELD'
  | 'NOT_INTEGER'
  | 'OUT_OF_RANGE'
  | 'BAD_VALUE' // a string of the wrong form (code, hash, time, base64url...)
  | 'WRONG_FORMAT' // payload.format is not the expected one
  | 'DUPLICATE'
  | 'UNKNOWN_TPS'
  | 'UNKNOWN_PEMILIHAN'
  | 'WRONG_CHOICE_COUNT'
  | 'UNKNOWN_DEVICE'
  | 'DEVICE_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'BAD_KEY_ID'
  | 'BUNDLE_UNREADABLE'
  | 'BUNDLE_EMPTY'
  | 'BUNDLE_BAD_ENTRY'
  | 'BUNDLE_DUPLICATE_ENTRY'
  | 'BUNDLE_TOO_LARGE'
  | 'BUNDLE_PHOTO_HASH'
  | 'BUNDLE_PHOTO_MISSING'
  | 'BUNDLE_MISMATCH'
  | 'QR_BAD_TEXT'
  | 'QR_BAD_BASE45'
  | 'QR_BAD_DEFLATE'
  | 'QR_TOO_LARGE'
  | 'QR_CONFLICT';

export interface ParseError {
  code: ParseErrorCode;
  /** For the user, in Bahasa Indonesia; starts with the path when there is one. */
  message: string;
  /** Field path such as `suara.paslon[2]` or a bundle entry name. */
  path?: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failure; when a path is given the message is prefixed with `<path>: `. */
export function parseFail(code: ParseErrorCode, message: string, path?: string): { ok: false; error: ParseError } {
  return path === undefined || path === ''
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message: `${path}: ${message}`, path } };
}

/** Thrown inside parsers and turned into a ParseResult at their boundary (keeps the walkers short). */
export class ParseFailure extends Error {
  override name = 'ParseFailure';
  constructor(
    readonly code: ParseErrorCode,
    readonly text: string,
    readonly path?: string,
  ) {
    super(path ? `${path}: ${text}` : text);
  }
  toResult(): { ok: false; error: ParseError } {
    return parseFail(this.code, this.text, this.path);
  }
}

/** Runs a parser body that may throw ParseFailure; other exceptions are bugs and propagate. */
export function runParser<T>(body: () => T): ParseResult<T> {
  try {
    return parsed(body());
  } catch (e) {
    if (e instanceof ParseFailure) return e.toResult();
    throw e;
  }
}

/** Unwraps or throws an Error carrying the message (for callers that treat failure as a bug, e.g. tests). */
export function unwrap<T>(r: ParseResult<T>): T {
  if (r.ok) return r.value;
  throw new Error(r.error.message);
}
