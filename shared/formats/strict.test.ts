// The small helpers every strict parser builds on: what counts as a plain JSON object, and unwrapping a result.
import { describe, expect, it } from 'vitest';
import { isPlainObject } from './strict';
import { parseFail, parsed, unwrap } from './parse-result';

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
