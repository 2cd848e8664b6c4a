// Node adapter for the signed formats: SHA-256 and Ed25519 (node:crypto) behind shared/formats' CryptoPort,
// key generation, signing of envelopes (docs/design.md §3.1) and their verification.
//
// Keys as text: public = base64url of the raw 32 bytes; private = base64url of the PKCS#8 DER (48 bytes);
// a raw 32-byte seed in base64url is accepted too wherever a private key is read.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { fromBase64Url, toBase64Url } from '../../../shared/formats/bytes';
import {
  type CryptoPort,
  keyFingerprint,
  type SignedEnvelope,
  signingBytes,
  verifyEnvelopeWith,
} from '../../../shared/formats/envelope';

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

// Verifying 1,200 records from ~600 devices: cache the KeyObjects (building one costs more than a verification).
// Built from a JWK, not from SPKI DER: OpenSSL 3 runs DER through its decoder framework (~0.13 ms a key, as much as
// the verification itself), while a JWK's raw key goes straight in (~0.01 ms).
const publicKeyCache = new Map<string, KeyObject>();
const PUBLIC_KEY_CACHE_MAX = 10_000;

function publicKeyObject(raw32: Uint8Array): KeyObject {
  const x = toBase64Url(raw32);
  let key = publicKeyCache.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (publicKeyCache.size >= PUBLIC_KEY_CACHE_MAX) publicKeyCache.clear();
    publicKeyCache.set(x, key);
  }
  return key;
}

function privateKeyObject(privateKey: string): KeyObject {
  const der = fromBase64Url(privateKey);
  if (der.length === 32)
    return createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, asBuffer(der)]),
      format: 'der',
      type: 'pkcs8',
    });
  const key = createPrivateKey({ key: asBuffer(der), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`private key is ${key.asymmetricKeyType}, expected ed25519`);
  return key;
}

export function sha256(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

/** Lowercase hex SHA-256. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Lowercase hex SHA-256 of a text's UTF-8 bytes (as sha256Hex(utf8Encode(text)), without the copy in the heap). */
export function sha256HexOfText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const nodeCrypto: CryptoPort = {
  sha256,
  verify(publicKeyRaw32, message, sig64) {
    if (publicKeyRaw32.length !== 32 || sig64.length !== 64) return false;
    try {
      return verify(null, message, publicKeyObject(publicKeyRaw32), sig64);
    } catch {
      return false;
    }
  },
};

export interface KeyPairText {
  /** base64url of the raw 32-byte public key. */
  publicKey: string;
  /** base64url of the PKCS#8 DER private key. */
  privateKey: string;
  /** Same as privateKey (the name used in the team brief). */
  privateKeyPkcs8: string;
  /** First 16 hex of SHA-256 of the raw public key. */
  fingerprint: string;
}

export function generateKeyPair(): KeyPairText {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKeyRaw(publicKey);
  const pkcs8 = toBase64Url(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })));
  return {
    publicKey: toBase64Url(raw),
    privateKey: pkcs8,
    privateKeyPkcs8: pkcs8,
    fingerprint: keyFingerprint(raw, nodeCrypto),
  };
}

function publicKeyRaw(key: KeyObject): Uint8Array {
  const spki = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_ED25519_PREFIX.length));
}

/** The base64url raw public key belonging to a private key (PKCS#8 or seed, base64url). */
export function publicKeyOf(privateKey: string): string {
  return toBase64Url(publicKeyRaw(createPublicKey(privateKeyObject(privateKey))));
}

/** Ed25519 signature (64 bytes) over the given bytes. */
export function signBytes(bytes: Uint8Array, privateKey: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sign(null, bytes, privateKeyObject(privateKey)));
}

/**
 * Signs JCS(payload). With includePublicKey the signature carries the raw public key (self-signed objects such as
 * the data master, whose keyId must then be the key's fingerprint: pass `keyId` = generateKeyPair().fingerprint).
 */
export function signPayload<P>(
  payload: P,
  privateKey: string,
  keyId: string,
  opts: { includePublicKey?: boolean } = {},
): SignedEnvelope<P> {
  const sig = toBase64Url(signBytes(signingBytes(payload), privateKey));
  const signature: SignedEnvelope<P>['signature'] = { alg: 'Ed25519', keyId, sig };
  if (opts.includePublicKey) signature.publicKey = publicKeyOf(privateKey);
  return { payload, signature };
}

/** Alias of signPayload (the name used in the team brief). */
export const signEnvelope = signPayload;

/** True when env's signature is a valid Ed25519 signature over JCS(env.payload) by the given base64url raw key. */
export function verifyEnvelopeSignature(env: SignedEnvelope<unknown>, publicKey: string | Uint8Array): boolean {
  let raw: Uint8Array;
  try {
    raw = typeof publicKey === 'string' ? fromBase64Url(publicKey) : publicKey;
  } catch {
    return false;
  }
  return verifyEnvelopeWith(env, raw, nodeCrypto);
}

/** Alias of verifyEnvelopeSignature (the name used in the team brief). */
export const verifyEnvelope = verifyEnvelopeSignature;
