// Field walkers shared by the §4 parsers: hashes, codes, times, counts. Each failure names the field path.
import { isIsoDateTimeWithOffset } from '../c-hasil';
import { exactObject, fail, integer, joinPath, literal, pattern, string, text, describe } from '../strict';
import type { AuditHead } from './types';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The largest count the protocol carries: any non-negative integer JSON can hold exactly (§3.1). */
export const MAX_PROTOCOL_INT = Number.MAX_SAFE_INTEGER;

export function sha256Hex(v: unknown, path: string): string {
  return pattern(v, path, SHA256_HEX, 'SHA-256 64 karakter hex huruf kecil');
}

export function kode(v: unknown, path: string, digits: number): string {
  return pattern(v, path, new RegExp(`^\\d{${digits}}$`), `kode ${digits} angka`);
}

/** A pemilihan id of a data master (`gubernur`, `bupati`, `walikota`, …): lowercase letters, digits and dashes. */
export function pemilihanId(v: unknown, path: string): string {
  return pattern(v, path, /^[a-z][a-z0-9-]{0,31}$/, 'kode pemilihan (mis. "bupati")');
}

/** The keys a manifest and its receipt both open with: the push they are about (§4.2, §4.3). */
export const PUSH_KEYS = ['format', 'kecamatan', 'pemilihan', 'urutan'] as const;

/** Checks the format id and reads the push's kecamatan and pemilihan (the fields of PUSH_KEYS but urutan). */
export function pushScope<F extends string>(
  o: Record<string, unknown>,
  format: F,
): { format: F; kecamatan: string; pemilihan: string } {
  literal(o.format, 'format', format, 'WRONG_FORMAT');
  return { format, kecamatan: kode(o.kecamatan, 'kecamatan', 6), pemilihan: pemilihanId(o.pemilihan, 'pemilihan') };
}

export function count(v: unknown, path: string, min = 0): number {
  return integer(v, path, min, MAX_PROTOCOL_INT);
}

export function time(v: unknown, path: string): string {
  const s = string(v, path);
  if (!isIsoDateTimeWithOffset(s)) {
    fail(
      'BAD_VALUE',
      path,
      `harus waktu RFC 3339 dengan zona waktu (mis. 2024-11-28T20:15:00+08:00), ditemukan ${describe(s)}`,
    );
  }
  return s;
}

export function auditHead(v: unknown, path: string): AuditHead {
  const o = exactObject(v, path, ['jumlah', 'kepala']);
  return { jumlah: count(o.jumlah, joinPath(path, 'jumlah')), kepala: sha256Hex(o.kepala, joinPath(path, 'kepala')) };
}

export function oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): T {
  const s = string(v, path);
  if (!(values as readonly string[]).includes(s)) {
    fail(
      'BAD_VALUE',
      path,
      `harus salah satu dari ${values.map((x) => JSON.stringify(x)).join(', ')}, ditemukan ${describe(s)}`,
    );
  }
  return s as T;
}

export function name(v: unknown, path: string): string {
  return text(v, path, 200);
}
