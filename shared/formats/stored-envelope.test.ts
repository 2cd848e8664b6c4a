// canonicalStoredEnvelope: the stored payload text stands in for JCS(payload) only when it is exactly that text.
// Checked against the canonicaliser itself (formats/canonical.ts) on fixed cases and on many random JSON values
// written canonically and written in other ways.
import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonical';
import { canonicalStoredEnvelope } from './stored-envelope';
import { sampleRecord } from '../../tests/support/format-samples';

const SIG = { alg: 'Ed25519', keyId: 'kpps-6302142001001', sig: 'A'.repeat(86) };
const SIG_TEXT = canonicalize(SIG);
const stored = (payloadText: string, signatureText = SIG_TEXT) =>
  `{"payload":${payloadText},"signature":${signatureText}}`;

describe('canonicalStoredEnvelope', () => {
  it('takes the signed text of a canonical envelope as stored: JCS(payload) byte for byte', () => {
    const record = sampleRecord();
    const text = canonicalize({ payload: record, signature: SIG });
    const env = canonicalStoredEnvelope(text);
    expect(env).not.toBeNull();
    expect(env!.signedText).toBe(canonicalize(record));
    expect(env!.payload).toEqual(record);
    expect(env!.signature).toEqual(SIG);
  });

  const payload = canonicalize(sampleRecord());
  it.each([
    ['pretty-printed', JSON.stringify({ payload: sampleRecord(), signature: SIG }, null, 2)],
    ['payload keys not in JCS order', stored(JSON.stringify({ tps: '1', format: 'x' }))],
    ['a duplicate key (JSON.parse keeps the last)', stored('{"a":1,"a":2}')],
    ['a number written as 1.0', stored('{"a":1.0}')],
    ['a number written as 1e2', stored('{"a":1e2}')],
    ['a number beyond double range', stored('{"a":1e999}')],
    ['a character escaped without need', stored('{"a":"\\u0041"}')],
    ['a lone surrogate escape', stored('{"a":"\\ud800"}')],
    ['a surrogate pair written as escapes', stored('{"a":"\\ud83d\\ude00"}')],
    ['integer-like keys in JCS order but not in JSON.parse order', stored('{"10":1,"9":2}')],
    ['a space after a colon', stored('{"a": 1}')],
    ['a payload that is an array', stored('[1,2]')],
    ['a payload that is a string', stored('"x"')],
    ['trailing text', stored(payload) + ' '],
    ['a byte order mark', '\uFEFF' + stored(payload)],
    ['an extra envelope member', `{"payload":${payload},"x":1,"signature":${SIG_TEXT}}`],
    [
      'signature keys in another order',
      stored(payload, JSON.stringify({ sig: SIG.sig, alg: SIG.alg, keyId: SIG.keyId })),
    ],
    ['a signature with a publicKey', stored(payload, canonicalize({ ...SIG, publicKey: 'B'.repeat(43) }))],
    ['a signature of another algorithm', stored(payload, canonicalize({ ...SIG, alg: 'EdDSA' }))],
    ['a numeric keyId', stored(payload, canonicalize({ ...SIG, keyId: 5 }))],
    ['a signature with whitespace', stored(payload, JSON.stringify(SIG, null, 1))],
    ['nesting deeper than 32', stored('{"a":'.repeat(33) + '1' + '}'.repeat(33))],
    ['nesting deeper than 32 through arrays', stored('{"a":' + '['.repeat(32) + ']'.repeat(32) + '}')],
    ['another first member of the same length', `{"PAYLOAD":${payload},"signature":${SIG_TEXT}}`],
    ['a last character other than }', stored(payload).slice(0, -1) + ']'],
    ['no signature member', `{"payload":${payload}}`],
    ['a payload that is null', stored('null')],
    ['a signature that is null', stored(payload, 'null')],
    ['a signature that is a string', stored(payload, '"alg,keyId,sig"')],
    ['a signature with a member after sig', stored(payload, canonicalize({ ...SIG, x: 1 }))],
    ['a numeric sig', stored(payload, canonicalize({ ...SIG, sig: 5 }))],
  ])('returns null (the caller re-canonicalises) for %s', (_name, text) => {
    expect(canonicalStoredEnvelope(text)).toBeNull();
  });

  it('takes nesting up to 32 deep, through objects or arrays, and arrays of any length', () => {
    for (const text of [
      '{"a":'.repeat(32) + '1' + '}'.repeat(32),
      '{"a":' + '['.repeat(31) + ']'.repeat(31) + '}',
      JSON.stringify({ a: Array.from({ length: 12 }, (_, i) => i) }),
      JSON.stringify({ a: Array.from({ length: 12 }, (_, i) => ({ b: i })) }),
    ])
      expect(canonicalStoredEnvelope(stored(text))?.signedText).toBe(text);
  });

  it('text nested 100,000 deep (a tampered row) is null, never a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(canonicalStoredEnvelope(stored(`{"a":${deep}}`))).toBeNull();
    expect(canonicalStoredEnvelope(stored(payload, `{"alg":${deep},"keyId":"k","sig":"s"}`))).toBeNull();
  });

  it('a "signature" text inside a payload string does not move the split', () => {
    const p = { note: ',"signature":{"alg":"Ed25519"}' };
    const env = canonicalStoredEnvelope(canonicalize({ payload: p, signature: SIG }));
    expect(env?.signedText).toBe(canonicalize(p));
  });

  it('random JSON values: canonical text is taken whole; any other text only when it is the JCS text', () => {
    const rnd = lcg(20261202);
    let taken = 0;
    let canonicalTaken = 0;
    for (let i = 0; i < 3000; i++) {
      const v = randomObject(rnd, 0);
      const jcs = canonicalize(v);
      const env = canonicalStoredEnvelope(stored(jcs));
      // Integer-like keys come out of JSON.parse in numeric order, not JCS order: such text falls back.
      if (env === null) expect(jcs).toMatch(/[{,]"\d+":/);
      else {
        canonicalTaken += 1;
        expect(env.signedText).toBe(jcs);
      }
      for (const other of [JSON.stringify(v), JSON.stringify(v, null, 1), reorder(v, rnd)]) {
        const env = canonicalStoredEnvelope(stored(other));
        if (env === null) continue;
        taken += 1;
        expect(env.signedText).toBe(canonicalize(JSON.parse(other)));
        expect(other).toBe(jcs);
      }
    }
    expect(canonicalTaken).toBeGreaterThan(2000);
    // JSON.stringify of a value whose keys happen to be in order is the JCS text: some are taken, none wrongly.
    expect(taken).toBeGreaterThan(0);
  });
});

/** A small deterministic generator (the tests must repeat exactly). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KEYS = ['a', 'b', 'B', 'é', '10', '9', '0', '_', 'ab', 'a b', '\u20ac', '😀', 'z\n', 'suara', 'suratSuara'];
const STRINGS = ['', 'x', 'é', '😀', 'line\nbreak', 'quote"', 'back\\slash', '\u0007', '\u2028', 'TPS 001'];
const NUMBERS = [0, 1, 9999, -1, 0.5, 1e21, 1e-7, 123456789012, -0.25, 2 ** 53];

function randomValue(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 3 || r < 0.45) {
    const k = rnd();
    if (k < 0.4) return NUMBERS[Math.floor(rnd() * NUMBERS.length)];
    if (k < 0.8) return STRINGS[Math.floor(rnd() * STRINGS.length)];
    return k < 0.9 ? rnd() < 0.5 : null;
  }
  if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
  return randomObject(rnd, depth + 1);
}

function randomObject(rnd: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) out[KEYS[Math.floor(rnd() * KEYS.length)]!] = randomValue(rnd, depth + 1);
  return out;
}

/** JSON text of v with every object's keys in a shuffled order. */
function reorder(v: unknown, rnd: () => number): string {
  if (Array.isArray(v)) return `[${v.map((x) => reorder(x, rnd)).join(',')}]`;
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  const keys = Object.keys(v).sort(() => rnd() - 0.5);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reorder((v as Record<string, unknown>)[k], rnd)}`).join(',')}}`;
}
