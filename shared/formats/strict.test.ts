// The small helpers every strict parser builds on: what counts as a plain JSON object, and unwrapping a result.
import { describe, expect, it } from 'vitest';
import { describe as shown, exactObject, integer, isPlainObject, string, text } from './strict';
import { parseFail, parsed, runParser, unwrap } from './parse-result';

describe('isPlainObject', () => {
  it('accepts object literals and null-prototype objects (what a JSON parser may build)', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject({ a: 1 })).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject(JSON.parse('{"__proto__":1}'))).toBe(true);
  });

  it('refuses arrays, null, primitives and objects of other classes', () => {
    class Row {
      a = 1;
    }
    for (const v of [[], null, undefined, 1, 'x', true, new Date(0), new Map(), new Row(), Object.create({ a: 1 })])
      expect(isPlainObject(v), String(v)).toBe(false);
  });
});

describe('unwrap', () => {
  it('gives the value of a success and throws the message of a failure', () => {
    expect(unwrap(parsed({ n: 1 }))).toEqual({ n: 1 });
    expect(() => unwrap(parseFail('BAD_VALUE', 'harus angka', 'suara.sah'))).toThrow(
      new Error('suara.sah: harus angka'),
    );
  });
});

describe('what a refusal says it found', () => {
  it('describes each kind of value in a few words', () => {
    expect(shown(null)).toBe('null');
    expect(shown(undefined)).toBe('tidak ada');
    expect(shown(5)).toBe('5');
    expect(shown(Infinity)).toBe('angka tidak terhingga');
    expect(shown(true)).toBe('true');
    expect(shown(false)).toBe('false');
    expect(shown('a'.repeat(40))).toBe(`teks "${'a'.repeat(40)}"`);
    expect(shown('a'.repeat(41))).toBe(`teks "${'a'.repeat(40)}…"`);
    expect(shown([1, 2])).toBe('daftar (2 butir)');
    expect(shown({ a: 1 })).toBe('objek');
    expect(shown(() => 1)).toBe('function');
  });

  it('names the path, the expectation and the value found', () => {
    expect(runParser(() => integer('7', 'suara.sah', 0, 9999))).toEqual(
      parseFail('WRONG_TYPE', 'harus bilangan bulat 0–9999, ditemukan teks "7"', 'suara.sah'),
    );
    expect(runParser(() => integer(7.5, 'suara.sah', 0, 9999))).toEqual(
      parseFail('NOT_INTEGER', 'harus bilangan bulat 0–9999, ditemukan 7.5', 'suara.sah'),
    );
    expect(runParser(() => integer(10000, 'suara.sah', 0, 9999))).toEqual(
      parseFail('OUT_OF_RANGE', 'harus bilangan bulat 0–9999, ditemukan 10000', 'suara.sah'),
    );
    expect(runParser(() => string(undefined, 'tps'))).toEqual(
      parseFail('WRONG_TYPE', 'harus teks, ditemukan tidak ada', 'tps'),
    );
    // A failure at the root has no path.
    expect(runParser(() => string(1, ''))).toEqual({
      ok: false,
      error: { code: 'WRONG_TYPE', message: 'harus teks, ditemukan 1' },
    });
  });

  it('text: at most maxLen characters', () => {
    expect(runParser(() => text('abc', 'nama', 3))).toEqual(parsed('abc'));
    expect(runParser(() => text('abcd', 'nama', 3))).toEqual(
      parseFail('BAD_VALUE', 'terlalu panjang (lebih dari 3 karakter)', 'nama'),
    );
  });
});

describe('parseFail and runParser', () => {
  it('an empty path is no path', () => {
    expect(parseFail('BAD_VALUE', 'salah', '')).toEqual({ ok: false, error: { code: 'BAD_VALUE', message: 'salah' } });
  });

  it('lets any other exception through unchanged (a bug, not a refusal)', () => {
    const bug = new RangeError('bukan penolakan');
    expect(() =>
      runParser(() => {
        throw bug;
      }),
    ).toThrow(bug);
  });
});

describe('where a refusal points', () => {
  it('a refusal of the whole value carries no path; one of a field names it', () => {
    expect(runParser(() => exactObject('x', '', []))).toStrictEqual({
      ok: false,
      error: { code: 'WRONG_TYPE', message: 'harus objek, ditemukan teks "x"' },
    });
    expect(runParser(() => exactObject({ a: 1 }, '', ['a', 'b']))).toStrictEqual({
      ok: false,
      error: { code: 'MISSING_FIELD', message: 'b: kolom wajib tidak ada', path: 'b' },
    });
  });
});
