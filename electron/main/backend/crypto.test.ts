import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../shared/formats/bytes';
import { canonicalize } from '../../../shared/formats/canonical';
import { parseEnvelopeBytes } from '../../../shared/formats/envelope';
import {
  generateKeyPair,
  nodeCrypto,
  publicKeyOf,
  sha256,
  sha256Hex,
  signBytes,
  signPayload,
  verifyEnvelopeSignature,
} from './crypto';

const record = {
  format: 'pleno.c-hasil/1',
  tps: '6302142001003',
  suara: { paslon: [120, 80], sah: 200 },
  nama: 'Désa €',
};

describe('node crypto adapter', () => {
  it('sha256 matches known vectors', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256(new Uint8Array()).length).toBe(32);
  });

  it('generates raw 32-byte public keys and PKCS#8 private keys that belong together', () => {
    const kp = generateKeyPair();
    expect(fromBase64Url(kp.publicKey).length).toBe(32);
    expect(fromBase64Url(kp.privateKey).length).toBe(48);
    expect(kp.privateKeyPkcs8).toBe(kp.privateKey);
    expect(publicKeyOf(kp.privateKey)).toBe(kp.publicKey);
    expect(kp.fingerprint).toBe(sha256Hex(fromBase64Url(kp.publicKey)).slice(0, 16));
    // A raw 32-byte seed is accepted as a private key too.
    const seed = fromBase64Url(kp.privateKey).subarray(16);
    expect(publicKeyOf(toBase64Url(seed))).toBe(kp.publicKey);
  });

  it('RFC 8032 test vector 1 (empty message)', () => {
    const seed = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A'; // 9d61b19d...7f60
    expect(toBase64Url(fromBase64Url(publicKeyOf(seed)))).toBe(
      toBase64Url(Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex')),
    );
    const sig = signBytes(new Uint8Array(), seed);
    expect(Buffer.from(sig).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('signs JCS(payload) and verifies; tampering a number fails', () => {
    const kp = generateKeyPair();
    const env = signPayload(record, kp.privateKey, 'dev-1');
    expect(env.signature.alg).toBe('Ed25519');
    expect(env.signature.keyId).toBe('dev-1');
    expect(env.signature.publicKey).toBeUndefined();
    expect(fromBase64Url(env.signature.sig).length).toBe(64);
    expect(verifyEnvelopeSignature(env, kp.publicKey)).toBe(true);
    expect(verifyEnvelopeSignature(env, fromBase64Url(kp.publicKey))).toBe(true);

    // An independent check with node:crypto over the canonical text.
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(fromBase64Url(kp.publicKey)),
    ]);
    expect(
      verify(
        null,
        Buffer.from(canonicalize(record)),
        { key: spki, format: 'der', type: 'spki' },
        Buffer.from(fromBase64Url(env.signature.sig)),
      ),
    ).toBe(true);

    const tampered = { ...env, payload: { ...record, suara: { paslon: [120, 81], sah: 200 } } };
    expect(verifyEnvelopeSignature(tampered, kp.publicKey)).toBe(false);
    expect(verifyEnvelopeSignature(env, generateKeyPair().publicKey)).toBe(false);
  });

  it('a file with reordered keys and whitespace still verifies; a changed digit does not', () => {
    const kp = generateKeyPair();
    const env = signPayload(record, kp.privateKey, 'dev-1');
    const reordered = `{
      "signature": ${JSON.stringify(env.signature, null, 2)},
      "payload": { "suara": { "sah": 200, "paslon": [ 120 , 80 ] }, "nama": "D\\u00e9sa \\u20ac", "tps": "6302142001003", "format": "pleno.c-hasil/1" }
    }`;
    const parsed = parseEnvelopeBytes(new TextEncoder().encode(reordered));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(verifyEnvelopeSignature(parsed.value, kp.publicKey)).toBe(true);

    const changed = parseEnvelopeBytes(new TextEncoder().encode(reordered.replace('"sah": 200', '"sah": 209')));
    expect(changed.ok && verifyEnvelopeSignature(changed.value, kp.publicKey)).toBe(false);
  });

  it('includePublicKey embeds the key; verification never throws on garbage', () => {
    const kp = generateKeyPair();
    const env = signPayload({ a: 1 }, kp.privateKey, kp.fingerprint, { includePublicKey: true });
    expect(env.signature.publicKey).toBe(kp.publicKey);
    expect(verifyEnvelopeSignature(env, 'not base64!')).toBe(false);
    expect(verifyEnvelopeSignature(env, toBase64Url(new Uint8Array(31)))).toBe(false);
    expect(verifyEnvelopeSignature({ ...env, signature: { ...env.signature, sig: 'AAAA' } }, kp.publicKey)).toBe(false);
    expect(nodeCrypto.verify(new Uint8Array(32), new Uint8Array(), new Uint8Array(64))).toBe(false);
    expect(createHash('sha256').digest().length).toBe(32);
  });

  it('is compatible with keys made directly by node:crypto', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pk = toBase64Url(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })));
    const env = signPayload({ x: 1 }, pk, 'k');
    expect(verifyEnvelopeSignature(env, publicKeyOf(pk))).toBe(true);
  });
});
