import { describe, expect, it } from 'vitest';
import { generateKeyPair, nodeCrypto, signPayload } from '../../electron/main/backend/crypto';
import { fromBase64Url, toBase64Url, utf8Encode } from './bytes';
import {
  fingerprintFromSha256Hex,
  formatFingerprint,
  keyFingerprint,
  parseEnvelope,
  parseEnvelopeBytes,
  payloadHash,
  signingBytes,
  verifyEnvelopeWith,
  verifySelfSigned,
} from './envelope';

const sig64 = toBase64Url(new Uint8Array(64).fill(7));
const pub32 = toBase64Url(new Uint8Array(32).fill(9));
const good = { payload: { format: 'x', n: 1 }, signature: { alg: 'Ed25519', keyId: 'dev-1', sig: sig64 } };

describe('parseEnvelope', () => {
  it('accepts the §3.1 shape with and without publicKey', () => {
    expect(parseEnvelope(good)).toEqual({ ok: true, value: good });
    const withKey = { ...good, signature: { ...good.signature, publicKey: pub32 } };
    expect(parseEnvelope(withKey)).toEqual({ ok: true, value: withKey });
  });

  it.each([
    ['not an object', [], '', 'WRONG_TYPE'],
    ['extra top-level field', { ...good, extra: 1 }, 'extra', 'UNKNOWN_FIELD'],
    ['missing signature', { payload: {} }, 'signature', 'MISSING_FIELD'],
    ['payload is an array', { ...good, payload: [] }, 'payload', 'WRONG_TYPE'],
    ['payload is null', { ...good, payload: null }, 'payload', 'WRONG_TYPE'],
    ['wrong alg', { ...good, signature: { ...good.signature, alg: 'EdDSA' } }, 'signature.alg', 'BAD_VALUE'],
    ['extra signature field', { ...good, signature: { ...good.signature, ts: 1 } }, 'signature.ts', 'UNKNOWN_FIELD'],
    ['missing sig', { ...good, signature: { alg: 'Ed25519', keyId: 'a' } }, 'signature.sig', 'MISSING_FIELD'],
    ['empty keyId', { ...good, signature: { ...good.signature, keyId: '' } }, 'signature.keyId', 'BAD_VALUE'],
    ['numeric keyId', { ...good, signature: { ...good.signature, keyId: 5 } }, 'signature.keyId', 'WRONG_TYPE'],
    ['short sig', { ...good, signature: { ...good.signature, sig: sig64.slice(0, 80) } }, 'signature.sig', 'BAD_VALUE'],
    ['padded sig', { ...good, signature: { ...good.signature, sig: sig64 + '==' } }, 'signature.sig', 'BAD_VALUE'],
    [
      '31-byte key',
      { ...good, signature: { ...good.signature, publicKey: toBase64Url(new Uint8Array(31)) } },
      'signature.publicKey',
      'BAD_VALUE',
    ],
  ])('rejects %s', (_name, input, path, code) => {
    const r = parseEnvelope(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      if (path) {
        expect(r.error.path).toBe(path);
        expect(r.error.message.startsWith(`${path}: `)).toBe(true);
      }
    }
  });

  it('parses bytes, rejecting duplicate keys that JSON.parse would hide', () => {
    expect(parseEnvelopeBytes(utf8Encode(JSON.stringify(good))).ok).toBe(true);
    const dup = '{"payload":{"n":1,"n":2},"signature":' + JSON.stringify(good.signature) + '}';
    const r = parseEnvelopeBytes(utf8Encode(dup));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_JSON');
  });
});

describe('hashes and fingerprints', () => {
  it('signingBytes is JCS and payloadHash its SHA-256', () => {
    expect(new TextDecoder().decode(signingBytes({ b: 1, a: [2] }))).toBe('{"a":[2],"b":1}');
    // SHA-256("{}") is a well-known value.
    expect(payloadHash({}, nodeCrypto)).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(payloadHash({ b: 1, a: 2 }, nodeCrypto)).toBe(payloadHash({ a: 2, b: 1 }, nodeCrypto));
  });

  it('fingerprint = first 16 hex of SHA-256 of the raw key, shown in groups of 4', () => {
    const raw = new Uint8Array(32); // SHA-256 of 32 zero bytes: 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925
    expect(keyFingerprint(raw, nodeCrypto)).toBe('66687aadf862bd77');
    expect(fingerprintFromSha256Hex('66687AADF862BD776C8F')).toBe('66687aadf862bd77');
    expect(formatFingerprint('a1b2c3d4e5f60718')).toBe('a1b2 c3d4 e5f6 0718');
  });
});

describe('verification', () => {
  it('verifyEnvelopeWith and verifySelfSigned', () => {
    const kp = generateKeyPair();
    const env = signPayload({ format: 'pleno.master/1', n: 1 }, kp.privateKey, kp.fingerprint, {
      includePublicKey: true,
    });
    expect(verifyEnvelopeWith(env, fromBase64Url(kp.publicKey), nodeCrypto)).toBe(true);
    expect(verifySelfSigned(env, nodeCrypto)).toEqual({
      ok: true,
      value: { fingerprint: kp.fingerprint, publicKey: fromBase64Url(kp.publicKey) },
    });

    const tampered = { ...env, payload: { ...env.payload, n: 2 } };
    const t = verifySelfSigned(tampered, nodeCrypto);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.error.code).toBe('BAD_SIGNATURE');

    const wrongId = { ...env, signature: { ...env.signature, keyId: 'dev-1' } };
    const w = verifySelfSigned(wrongId, nodeCrypto);
    expect(!w.ok && w.error.code).toBe('BAD_KEY_ID');

    const noKey = signPayload({ n: 1 }, kp.privateKey, kp.fingerprint);
    const n = verifySelfSigned(noKey, nodeCrypto);
    expect(!n.ok && n.error.code).toBe('MISSING_FIELD');

    // A different key substituted together with its fingerprint: the signature no longer matches.
    const other = generateKeyPair();
    const swapped = { ...env, signature: { ...env.signature, publicKey: other.publicKey, keyId: other.fingerprint } };
    expect(!verifySelfSigned(swapped, nodeCrypto).ok).toBe(true);
  });
});

describe('verification refuses malformed parts instead of throwing', () => {
  const kp = generateKeyPair();
  const env = signPayload({ format: 'pleno.master/1', n: 1 }, kp.privateKey, kp.fingerprint, {
    includePublicKey: true,
  });
  const raw = fromBase64Url(kp.publicKey);
  const withSig = (sig: string) => ({ ...env, signature: { ...env.signature, sig } });

  it('verifyEnvelopeWith: false for another alg, a short key, a sig that is not base64url or not 64 bytes, a non-JSON payload', () => {
    expect(verifyEnvelopeWith(env, raw, nodeCrypto)).toBe(true);
    // An envelope that skipped parseEnvelope (the type says Ed25519; the data may not).
    const otherAlg = { ...env, signature: { ...env.signature, alg: 'EdDSA' } } as unknown as typeof env;
    expect(verifyEnvelopeWith(otherAlg, raw, nodeCrypto)).toBe(false);
    expect(verifyEnvelopeWith(env, raw.subarray(0, 31), nodeCrypto)).toBe(false);
    expect(verifyEnvelopeWith(withSig('***'), raw, nodeCrypto)).toBe(false);
    expect(
      verifyEnvelopeWith(withSig(toBase64Url(fromBase64Url(env.signature.sig).subarray(0, 63))), raw, nodeCrypto),
    ).toBe(false);
    expect(verifyEnvelopeWith({ ...env, payload: { n: Number.NaN } }, raw, nodeCrypto)).toBe(false);
  });

  it('verifySelfSigned names a carried key that is not base64url or not 32 bytes', () => {
    const key = (publicKey: string) => ({ ...env, signature: { ...env.signature, publicKey } });
    expect(verifySelfSigned(key('a+b/'), nodeCrypto)).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_VALUE',
        path: 'signature.publicKey',
        message: 'signature.publicKey: bukan base64url yang sah',
      },
    });
    expect(verifySelfSigned(key(toBase64Url(raw.subarray(0, 31))), nodeCrypto)).toMatchObject({
      ok: false,
      error: { code: 'BAD_VALUE', path: 'signature.publicKey', message: 'signature.publicKey: harus 32 byte' },
    });
    expect(verifySelfSigned(withSig('***'), nodeCrypto)).toMatchObject({ ok: false, error: { code: 'BAD_SIGNATURE' } });
  });
});

describe('formatFingerprint', () => {
  it('groups by four, and leaves an empty text empty', () => {
    expect(formatFingerprint('a1b2c3d4e5f60718')).toBe('a1b2 c3d4 e5f6 0718');
    expect(formatFingerprint('a1b2c')).toBe('a1b2 c');
    expect(formatFingerprint('')).toBe('');
  });
});
