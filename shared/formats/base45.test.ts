import { describe, expect, it } from 'vitest';
import { BASE45_ALPHABET, base45Decode, base45Encode, isBase45Text } from './base45';
import { bytesEqual, utf8Decode, utf8Encode } from './bytes';

describe('base45 (RFC 9285)', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
    ['', ''],
  ])('RFC 9285 example %j ↔ %j', (plain, enc) => {
    expect(base45Encode(utf8Encode(plain))).toBe(enc);
    expect(utf8Decode(base45Decode(enc))).toBe(plain);
  });

  it('round-trips every length and byte value', () => {
    const all = new Uint8Array(512).map((_, i) => (i * 7919) & 0xff);
    all[0] = 0xff;
    all[1] = 0xff;
    for (let n = 0; n < 64; n++)
      expect(bytesEqual(base45Decode(base45Encode(all.subarray(0, n))), all.subarray(0, n))).toBe(true);
    expect(base45Encode(new Uint8Array([0xff, 0xff]))).toBe('FGW');
    expect(base45Encode(new Uint8Array([0xff]))).toBe('U5');
  });

  it('uses only the QR alphanumeric set', () => {
    expect(BASE45_ALPHABET).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:');
    expect(isBase45Text(base45Encode(new Uint8Array(300).map((_, i) => i)))).toBe(true);
    expect(isBase45Text('abc')).toBe(false);
  });

  it.each([
    ['group above 65535', 'GGW', /kelompok/],
    ['group ZZZ', 'ZZZ', /kelompok/],
    ['last pair above 255', '::', /kelompok/],
    ['length 1 mod 3', 'BB8A', /panjang/],
    ['lowercase', 'bb8', /karakter/],
    ['non-ASCII', 'BB€', /karakter/],
    ['newline', 'BB\n', /karakter/],
  ])('rejects %s', (_name, s, msg) => {
    expect(() => base45Decode(s)).toThrow(msg);
  });
});

describe('base45 outside ASCII', () => {
  it('a character at or above U+0080 is not base45 text and does not decode', () => {
    for (const c of ['\u0080', 'É', '\u0100', '€']) {
      expect(isBase45Text(`AB${c}`), c).toBe(false);
      expect(() => base45Decode(`${c}AA`), c).toThrow('karakter base45 tidak sah pada posisi 0');
      expect(() => base45Decode(`AA${c}`), c).toThrow('karakter base45 tidak sah pada posisi 2');
    }
  });
});
