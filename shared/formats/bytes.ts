// Byte helpers for the pure core: UTF-8, hex, base64url (RFC 4648 §5, no padding), concat and compare.
// Decoders are strict and throw BytesError with a message in Bahasa Indonesia; formats catch it into a ParseResult.

import { textDecoder, textEncoder } from './text-codec';

export class BytesError extends Error {
  override name = 'BytesError';
}

export function utf8Encode(s: string): Uint8Array<ArrayBuffer> {
  return textEncoder.encode(s);
}

/** Decodes UTF-8; invalid sequences throw a BytesError (never replaced by U+FFFD). */
export function utf8Decode(b: Uint8Array): string {
  try {
    return textDecoder.decode(b);
  } catch {
    throw new BytesError('teks bukan UTF-8 yang sah');
  }
}

const HEX = '0123456789abcdef';

/** Lowercase hex. */
export function toHex(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) {
    const v = b[i]!;
    out += HEX[v >> 4]! + HEX[v & 15]!;
  }
  return out;
}

function hexNibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** Hex (either case) to bytes; odd length or a non-hex character throws a BytesError. */
export function fromHex(s: string): Uint8Array<ArrayBuffer> {
  if (s.length % 2 !== 0) throw new BytesError('hex harus berpanjang genap');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexNibble(s.charCodeAt(2 * i));
    const lo = hexNibble(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new BytesError(`karakter hex tidak sah pada posisi ${hi < 0 ? 2 * i : 2 * i + 1}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64URL.length; i++) B64URL_INDEX[B64URL.charCodeAt(i)] = i;

/** base64url without padding. */
export function toBase64Url(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i]! << 16;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * Strict base64url decoding: only `A-Z a-z 0-9 - _`, no padding, no whitespace, and the unused low bits of the
 * last character must be zero, so every byte string has exactly one accepted text (no malleable signatures/keys).
 */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  if (s.length % 4 === 1) throw new BytesError('panjang base64url tidak sah');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64URL_INDEX[c]! : -1;
    if (v < 0) throw new BytesError(`karakter base64url tidak sah pada posisi ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new BytesError('base64url tidak kanonik (bit sisa bukan nol)');
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
