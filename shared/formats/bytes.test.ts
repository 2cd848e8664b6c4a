import { describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, fromBase64Url, fromHex, toBase64Url, toHex, utf8Decode, utf8Encode } from './bytes';

describe('utf8', () => {
  it('round-trips text including non-BMP characters', () => {
    const s = 'Hampang – ö € 😀';
    expect(utf8Decode(utf8Encode(s))).toBe(s);
    expect(Array.from(utf8Encode('€'))).toEqual([0xe2, 0x82, 0xac]);
  });
  it.each([
    ['lone continuation byte', [0x80]],
    ['truncated sequence', [0xe2, 0x82]],
    ['overlong encoding', [0xc0, 0xaf]],
    ['encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('rejects invalid UTF-8: %s', (_name, bytes) => {
    expect(() => utf8Decode(new Uint8Array(bytes))).toThrow(/bukan UTF-8/);
  });
  it('keeps a BOM rather than silently dropping it', () => {
    expect(utf8Decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
  });
});

describe('hex', () => {
  it('encodes lowercase and decodes either case', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(Array.from(fromHex('0001ABff'))).toEqual([0, 1, 0xab, 0xff]);
    expect(fromHex('').length).toBe(0);
  });
  it.each(['abc', 'zz', '0g', ' 00'])('rejects %j', (s) => {
    expect(() => fromHex(s)).toThrow();
  });
});

describe('base64url', () => {
  // RFC 4648 §10 test vectors, in the URL alphabet without padding.
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 vector %j', (plain, enc) => {
    expect(toBase64Url(utf8Encode(plain))).toBe(enc);
    expect(utf8Decode(fromBase64Url(enc))).toBe(plain);
  });
  it('uses - and _ and round-trips all byte values', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    const all = new Uint8Array(256).map((_, i) => i);
    for (let n = 0; n < 40; n++)
      expect(bytesEqual(fromBase64Url(toBase64Url(all.subarray(0, n))), all.subarray(0, n))).toBe(true);
    expect(bytesEqual(fromBase64Url(toBase64Url(all)), all)).toBe(true);
  });
  it.each([
    ['padding', 'Zg=='],
    ['standard alphabet +', 'ab+c'],
    ['standard alphabet /', 'ab/c'],
    ['whitespace', 'Zm9v Yg'],
    ['impossible length', 'Zm9vY'],
    ['non-ASCII', 'Zm9é'],
    ['non-zero trailing bits', 'Zh'],
  ])('rejects %s', (_name, s) => {
    expect(() => fromBase64Url(s)).toThrow();
  });
});

describe('concat and compare', () => {
  it('concatenates and compares', () => {
    const c = concatBytes(new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3]));
    expect(Array.from(c)).toEqual([1, 2, 3]);
    expect(bytesEqual(c, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(bytesEqual(c, new Uint8Array([1, 2, 4]))).toBe(false);
    expect(bytesEqual(c, new Uint8Array([1, 2]))).toBe(false);
  });
});

describe('hex digits at the edges of each range', () => {
  it('reads 0, 9, a, f, A and F, and names the position of the first bad digit', () => {
    expect([...fromHex('09afAF')]).toEqual([0x09, 0xaf, 0xaf]);
    for (const bad of ['/', ':', '@', 'G', '`', 'g', ' '])
      expect(() => fromHex(`0${bad}`), bad).toThrow('karakter hex tidak sah pada posisi 1');
    expect(() => fromHex('g0')).toThrow('karakter hex tidak sah pada posisi 0');
    expect(() => fromHex('abg0')).toThrow('karakter hex tidak sah pada posisi 2');
    expect(() => fromHex('ab0g')).toThrow('karakter hex tidak sah pada posisi 3');
  });

  it('bytesEqual: a prefix is not equal, whichever side is longer', () => {
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1]))).toBe(false);
    expect(bytesEqual(new Uint8Array([]), new Uint8Array([]))).toBe(true);
  });
});
