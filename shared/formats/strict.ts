// Internal walkers for the strict parsers: exact key sets, integer ranges, typed strings; each failure names the path.

import { ParseFailure } from './parse-result';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** A short Indonesian description of a found value for messages (`ditemukan ...`). */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'tidak ada';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'angka tidak terhingga';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') {
    const shown = v.length > 40 ? `${v.slice(0, 40)}…` : v;
    return `teks ${JSON.stringify(shown)}`;
  }
  if (Array.isArray(v)) return `daftar (${v.length} butir)`;
  if (typeof v === 'object') return 'objek';
  return typeof v;
}

export function fail(code: ConstructorParameters<typeof ParseFailure>[0], path: string, text: string): never {
  throw new ParseFailure(code, text, path === '' ? undefined : path);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * An object with exactly the `required` keys plus any of `optional`. Unknown keys are reported before missing ones,
 * each in a fixed order, so the same input always yields the same message.
 */
export function exactObject(
  v: unknown,
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (!isPlainObject(v)) fail('WRONG_TYPE', path, `harus objek, ditemukan ${describe(v)}`);
  const known = new Set([...required, ...optional]);
  const unknown = Object.keys(v)
    .filter((k) => !known.has(k))
    .sort();
  if (unknown.length > 0) fail('UNKNOWN_FIELD', joinPath(path, unknown[0]!), 'kolom tidak dikenal');
  for (const k of required) {
    if (!Object.prototype.hasOwnProperty.call(v, k) || v[k] === undefined) {
      fail('MISSING_FIELD', joinPath(path, k), 'kolom wajib tidak ada');
    }
  }
  return v;
}

export function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail('WRONG_TYPE', path, `harus daftar, ditemukan ${describe(v)}`);
  return v;
}

/** An integer in [min, max]; floats, strings, booleans and out-of-range numbers are rejected. */
export function integer(v: unknown, path: string, min: number, max: number): number {
  const range = `${min}–${max}`;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    fail(
      typeof v === 'number' ? 'NOT_INTEGER' : 'WRONG_TYPE',
      path,
      `harus bilangan bulat ${range}, ditemukan ${describe(v)}`,
    );
  }
  if (v < min || v > max) fail('OUT_OF_RANGE', path, `harus bilangan bulat ${range}, ditemukan ${describe(v)}`);
  return Object.is(v, -0) ? 0 : v;
}

export function string(v: unknown, path: string): string {
  if (typeof v !== 'string') fail('WRONG_TYPE', path, `harus teks, ditemukan ${describe(v)}`);
  return v;
}

// Control characters (C0, DEL, C1) and lone surrogates have no place in names and ids.
const BAD_TEXT = /[\u0000-\u001f\u007f-\u009f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A non-empty single-line text of at most maxLen UTF-16 units, without control characters; not trimmed. */
export function text(v: unknown, path: string, maxLen = 200): string {
  const s = string(v, path);
  if (s.trim().length === 0) fail('BAD_VALUE', path, 'tidak boleh kosong');
  if (s.length > maxLen) fail('BAD_VALUE', path, `terlalu panjang (lebih dari ${maxLen} karakter)`);
  if (BAD_TEXT.test(s)) fail('BAD_VALUE', path, 'mengandung karakter kendali atau tidak sah');
  return s;
}

/** A string matching re; `what` describes the expected form in Indonesian. */
export function pattern(v: unknown, path: string, re: RegExp, what: string): string {
  const s = string(v, path);
  if (!re.test(s)) fail('BAD_VALUE', path, `harus ${what}, ditemukan ${describe(s)}`);
  return s;
}

export function literal<T extends string>(
  v: unknown,
  path: string,
  expected: T,
  code: 'WRONG_FORMAT' | 'BAD_VALUE' = 'BAD_VALUE',
): T {
  if (v !== expected) fail(code, path, `harus ${JSON.stringify(expected)}, ditemukan ${describe(v)}`);
  return expected;
}
