// The signed envelope of docs/design.md §3.1: strict shape, signing bytes = JCS(payload), key fingerprints, payload
// hashes. Crypto is injected through CryptoPort (Node: electron/main/backend/crypto.ts), so this module stays pure.
//
// Exports: CryptoPort, Sha256Port, parseEnvelope(json), parseEnvelopeBytes(bytes), signingBytes(payload),
// payloadHash(payload, port), keyFingerprint(pub32, port), fingerprintFromSha256Hex(hex), formatFingerprint(fp),
// verifyEnvelopeWith(env, publicKeyRaw32, port), verifySelfSigned(env, port).

import type { SignedEnvelope, Signature } from '../domain/model';
import { BytesError, fromBase64Url, toHex } from './bytes';
import { canonicalBytes } from './canonical';
import { parseJson } from './json';
import { type ParseResult, parseFail, parsed, runParser } from './parse-result';
import { exactObject, fail, isPlainObject, literal, string, text } from './strict';

export type { SignedEnvelope, Signature };

export interface Sha256Port {
  /** SHA-256 digest (32 bytes). */
  sha256(bytes: Uint8Array): Uint8Array;
}

export interface CryptoPort extends Sha256Port {
  /** Ed25519 verification; must return false (never throw) for malformed keys or signatures. */
  verify(publicKeyRaw32: Uint8Array, message: Uint8Array, sig64: Uint8Array): boolean;
}

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;
/** Longest accepted keyId (device ids are chosen by KPU; fingerprints are 16 hex). */
export const MAX_KEY_ID_LENGTH = 128;

/** Strict base64url of exactly n bytes, or a ParseFailure naming the path. */
export function base64UrlOfLength(v: unknown, path: string, n: number): Uint8Array {
  const s = string(v, path);
  let b: Uint8Array;
  try {
    b = fromBase64Url(s);
  } catch (e) {
    if (e instanceof BytesError) fail('BAD_VALUE', path, `harus base64url tanpa padding: ${e.message}`);
    throw e;
  }
  if (b.length !== n) fail('BAD_VALUE', path, `harus ${n} byte (base64url), ditemukan ${b.length} byte`);
  return b;
}

/**
 * Parses an already-decoded JSON value as an envelope: exactly `payload` (an object) and `signature` with exactly
 * `alg: "Ed25519"`, `keyId`, `sig` (64 bytes) and optionally `publicKey` (32 bytes). The payload is not interpreted.
 */
export function parseEnvelope(json: unknown): ParseResult<SignedEnvelope<Record<string, unknown>>> {
  return runParser(() => {
    const env = exactObject(json, '', ['payload', 'signature']);
    if (!isPlainObject(env.payload)) fail('WRONG_TYPE', 'payload', 'harus objek');
    const s = exactObject(env.signature, 'signature', ['alg', 'keyId', 'sig'], ['publicKey']);
    const signature: Signature = {
      alg: literal(s.alg, 'signature.alg', 'Ed25519'),
      keyId: text(s.keyId, 'signature.keyId', MAX_KEY_ID_LENGTH),
      sig: string(s.sig, 'signature.sig'),
    };
    base64UrlOfLength(s.sig, 'signature.sig', ED25519_SIGNATURE_BYTES);
    if (s.publicKey !== undefined) {
      base64UrlOfLength(s.publicKey, 'signature.publicKey', ED25519_PUBLIC_KEY_BYTES);
      signature.publicKey = s.publicKey as string;
    }
    return { payload: env.payload, signature };
  });
}

/** Parses the bytes of an envelope file (UTF-8 JSON, duplicate keys rejected), then its shape. */
export function parseEnvelopeBytes(bytes: Uint8Array | string): ParseResult<SignedEnvelope<Record<string, unknown>>> {
  const j = parseJson(bytes);
  return j.ok ? parseEnvelope(j.value) : j;
}

/** The bytes a signature covers: UTF-8 of JCS(payload). */
export function signingBytes(payload: unknown): Uint8Array<ArrayBuffer> {
  return canonicalBytes(payload);
}

/** Lowercase hex SHA-256 of JCS(payload): the record id used in receipts and duplicate detection. */
export function payloadHash(payload: unknown, port: Sha256Port): string {
  return toHex(port.sha256(canonicalBytes(payload)));
}

/** keyId of a key carried in the envelope: the first 16 hex digits of SHA-256 of the raw 32-byte key. */
export function keyFingerprint(publicKeyRaw32: Uint8Array, port: Sha256Port): string {
  return fingerprintFromSha256Hex(toHex(port.sha256(publicKeyRaw32)));
}

export function fingerprintFromSha256Hex(sha256Hex: string): string {
  return sha256Hex.slice(0, 16).toLowerCase();
}

/** `a1b2c3d4e5f60718` → `a1b2 c3d4 e5f6 0718` (for the PPK to compare with the one KPU announces). */
export function formatFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Verifies env.signature.sig over JCS(env.payload) with the given raw key. False for any malformed part.
 * `signed`: signingBytes(env.payload) when the caller already has them (it also hashes them).
 */
export function verifyEnvelopeWith(
  env: SignedEnvelope<unknown>,
  publicKeyRaw32: Uint8Array,
  port: CryptoPort,
  signed?: Uint8Array,
): boolean {
  if (env.signature.alg !== 'Ed25519' || publicKeyRaw32.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  let sig: Uint8Array;
  let msg: Uint8Array;
  try {
    sig = fromBase64Url(env.signature.sig);
    msg = signed ?? signingBytes(env.payload);
  } catch {
    return false;
  }
  if (sig.length !== ED25519_SIGNATURE_BYTES) return false;
  return port.verify(publicKeyRaw32, msg, sig);
}

/**
 * For envelopes that carry their key (the data master, §3.1): publicKey present, keyId = its fingerprint, and the
 * signature valid. Returns the fingerprint (16 hex) and the raw key for the PPK to confirm.
 */
export function verifySelfSigned(
  env: SignedEnvelope<unknown>,
  port: CryptoPort,
): ParseResult<{ fingerprint: string; publicKey: Uint8Array }> {
  const pk = env.signature.publicKey;
  if (pk === undefined)
    return parseFail('MISSING_FIELD', 'kolom wajib tidak ada (kunci publik penanda tangan)', 'signature.publicKey');
  let raw: Uint8Array;
  try {
    raw = fromBase64Url(pk);
  } catch {
    return parseFail('BAD_VALUE', 'bukan base64url yang sah', 'signature.publicKey');
  }
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) return parseFail('BAD_VALUE', 'harus 32 byte', 'signature.publicKey');
  const fingerprint = keyFingerprint(raw, port);
  if (env.signature.keyId !== fingerprint) {
    return parseFail(
      'BAD_KEY_ID',
      `harus sidik jari kunci publik (${fingerprint}), ditemukan ${JSON.stringify(env.signature.keyId)}`,
      'signature.keyId',
    );
  }
  if (!verifyEnvelopeWith(env, raw, port))
    return parseFail(
      'BAD_SIGNATURE',
      'tanda tangan tidak sah: isi berkas telah berubah atau ditandatangani kunci lain',
    );
  return parsed({ fingerprint, publicKey: raw });
}
