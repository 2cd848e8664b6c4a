import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalize } from './canonical';
import { toHex } from './bytes';
import canonicalizeLib from 'canonicalize';

function f64(hex: string): number {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, BigInt('0x' + hex));
  return dv.getFloat64(0);
}

describe('canonicalize (RFC 8785)', () => {
  it('RFC 8785 §3.2.2 example: literals, numbers, string escaping', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('RFC 8785 §3.2.3 example: keys sorted by UTF-16 code units', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalize(input)) as object);
    // JSON.parse would reorder "1" first (integer-like key); check the text order instead.
    const text = canonicalize(input);
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) =>
      text.indexOf(`"${k}":`),
    );
    expect(order.every((p, i) => p >= 0 && (i === 0 || p > order[i - 1]!))).toBe(true);
    expect(keys.length).toBe(7);
    // The emoji (surrogates D83D DE00) sorts before U+FB33 by code units, although after it by code points.
    expect(text.indexOf('\ud83d\ude00')).toBeLessThan(text.indexOf('\ufb33'));
  });

  it('RFC 8785 Appendix B: number serialisation', () => {
    const cases: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [hex, expected] of cases) expect(canonicalize(f64(hex))).toBe(expected);
  });

  it('sorts nested keys, keeps array order, drops whitespace', () => {
    expect(canonicalize({ b: [3, 1, { z: 1, a: 2 }], a: 'x' })).toBe('{"a":"x","b":[3,1,{"a":2,"z":1}]}');
    expect(canonicalize(JSON.parse('{ "b" : 1 ,\n "a" : 2 }'))).toBe('{"a":2,"b":1}');
  });

  it('skips undefined object properties like JSON.stringify', () => {
    expect(canonicalize({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', { a: [-Infinity] }],
    ['undefined', undefined],
    ['undefined in array', [1, undefined]],
    ['bigint', { a: 1n }],
    ['function', { a: () => 1 }],
    ['symbol', Symbol('x')],
    ['Date', { d: new Date(0) }],
    ['Map', new Map()],
    ['lone high surrogate', { a: '\ud800' }],
    ['lone low surrogate in a key', { '\udc00': 1 }],
  ])('rejects %s', (_name, v) => {
    expect(() => canonicalize(v)).toThrow();
  });

  it('names where the value outside the JSON data model sits', () => {
    expect(() => canonicalize({ a: [1, { b: NaN }] })).toThrow('$.a[1].b: non-finite number');
    expect(() => canonicalize({ a: { '\udc00': 1 } })).toThrow('$.a.<key>: lone surrogate in string');
    expect(() => canonicalize([[1], [2, undefined]])).toThrow('$[1][1]: undefined in array');
    expect(() => canonicalize({ p: { d: new Date(0) } })).toThrow('$.p.d: not a plain object');
    expect(() => canonicalize({ f: [() => 1] })).toThrow('$.f[0]: function is not JSON');
    const a: Record<string, unknown> = { x: {} };
    (a.x as Record<string, unknown>).up = a;
    expect(() => canonicalize(a)).toThrow('$.x.up: cycle');
  });

  it('rejects cycles but accepts shared (acyclic) references', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalize(a)).toThrow(/cycle/);
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('canonicalBytes is the UTF-8 of the text', () => {
    expect(toHex(canonicalBytes({ e: '€' }))).toBe(toHex(new TextEncoder().encode('{"e":"€"}')));
  });
});

describe('canonicalize and objects without a prototype', () => {
  it('canonicalises a null-prototype object like the plain object with the same members', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2, a: [1, { c: null }] });
    expect(canonicalize(bare)).toBe('{"a":[1,{"c":null}],"b":2}');
  });
});

describe('canonicalize writes what the canonicalize library writes', () => {
  // A small deterministic generator (mulberry32): the same 3,000 values on every run.
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const KEY_PARTS = [
    'a',
    'b',
    'Z',
    'suara',
    'tps',
    '1',
    '10',
    '9',
    '0',
    '_',
    '\u00f6',
    '\u20ac',
    '\ud83d\ude00',
    '\ufb33',
    '\r',
    ' ',
  ];
  const STRINGS = ['', 'x', '"', '\\', '\n\t\u0001', '\u2028', '€', '\ud83d\ude00', 'panjang '.repeat(20)];
  const NUMBERS = [0, -0, 1, -7, 0.1, 1e21, 1e-7, 123456789.125, 5e-324, -1.7976931348623157e308, 2 ** 53];
  function value(r: () => number, depth: number): unknown {
    const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
    const kind = depth >= 4 ? Math.floor(r() * 4) : Math.floor(r() * 6);
    if (kind === 0) return pick(STRINGS);
    if (kind === 1) return pick(NUMBERS);
    if (kind === 2) return pick([true, false, null]);
    if (kind === 3) return Math.round(r() * 1000);
    if (kind === 4) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    const o: Record<string, unknown> = r() < 0.2 ? (Object.create(null) as Record<string, unknown>) : {};
    for (let i = Math.floor(r() * 6); i > 0; i--)
      o[pick(KEY_PARTS) + (r() < 0.5 ? pick(KEY_PARTS) : '')] = value(r, depth + 1);
    return o;
  }

  it('for 3,000 generated values: nested, unsorted and sorted keys, index-like keys, unicode, numbers', () => {
    const r = rng(20261202);
    for (let i = 0; i < 3000; i++) {
      const v = value(r, 0);
      expect(canonicalize(v)).toBe(canonicalizeLib(v));
    }
  });

  it.each([
    ['index-like keys, which the engine orders first', { b: 1, '10': 2, '9': 3, a: 4 }],
    ['an own __proto__ key', JSON.parse('{"b":1,"__proto__":{"z":1,"a":2},"a":3}') as unknown],
    ['an unsorted object inside a sorted one', { a: 1, b: { y: 1, x: 2 }, c: [{ q: 1, p: 2 }] }],
    ['a sorted tree (written as it is)', { a: [1, { b: 2, c: 3 }], d: 'e' }],
    ['undefined members in an unsorted object', { b: undefined, a: 1, c: undefined }],
    ['many unsorted keys', Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${(i * 17) % 40}`, i]))],
  ])('%s', (_name, v) => {
    expect(canonicalize(v)).toBe(canonicalizeLib(v));
  });

  it('leaves the value it was given as it was', () => {
    const v = { b: { d: 1, c: 2 }, a: [{ f: 1, e: 2 }] };
    const before = JSON.stringify(v);
    canonicalize(v);
    expect(JSON.stringify(v)).toBe(before);
  });
});
