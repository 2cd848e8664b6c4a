// Base45 (RFC 9285): 2 bytes → 3 characters of the QR alphanumeric set, little-endian digits. Strict decoding.

export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE45_ALPHABET.length; i++) INDEX[BASE45_ALPHABET.charCodeAt(i)] = i;

export class Base45Error extends Error {
  override name = 'Base45Error';
}

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    out +=
      BASE45_ALPHABET[n % 45]! + BASE45_ALPHABET[Math.floor(n / 45) % 45]! + BASE45_ALPHABET[Math.floor(n / 2025)]!;
  }
  if (i < bytes.length) {
    const n = bytes[i]!;
    out += BASE45_ALPHABET[n % 45]! + BASE45_ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** True when every character is in the base45 (= QR alphanumeric) alphabet. */
export function isBase45Text(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || INDEX[c]! < 0) return false;
  }
  return true;
}

/**
 * Strict RFC 9285 decoding: throws Base45Error (Indonesian message) on a character outside the alphabet,
 * a length ≡ 1 (mod 3), or a group whose value exceeds what 2 bytes (or 1 for the last pair) can hold.
 */
export function base45Decode(s: string): Uint8Array<ArrayBuffer> {
  if (s.length % 3 === 1) throw new Base45Error('panjang teks base45 tidak sah');
  const out = new Uint8Array(Math.floor(s.length / 3) * 2 + (s.length % 3 === 2 ? 1 : 0));
  const digit = (i: number): number => {
    const c = s.charCodeAt(i);
    const v = c < 128 ? INDEX[c]! : -1;
    if (v < 0) throw new Base45Error(`karakter base45 tidak sah pada posisi ${i}`);
    return v;
  };
  let o = 0;
  let i = 0;
  for (; i + 2 < s.length; i += 3) {
    const n = digit(i) + digit(i + 1) * 45 + digit(i + 2) * 2025;
    if (n > 0xffff) throw new Base45Error(`kelompok base45 tidak sah pada posisi ${i}`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < s.length) {
    const n = digit(i) + digit(i + 1) * 45;
    if (n > 0xff) throw new Base45Error(`kelompok base45 tidak sah pada posisi ${i}`);
    out[o++] = n;
  }
  return out;
}
