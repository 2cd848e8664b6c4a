// Envelopes that carry their key (docs/design.md §4.1 "Keys in envelopes"): every §3.7 and §4 envelope has
// signature.publicKey, keyId = its fingerprint, and a valid signature; some must be under one expected key.
import { fromBase64Url } from '../bytes';
import { type CryptoPort, type SignedEnvelope, parseEnvelope, verifySelfSigned } from '../envelope';
import { type ParseResult, parseFail, parsed } from '../parse-result';

export interface KeyedSigner {
  /** First 16 hex of SHA-256 of the raw key. */
  fingerprint: string;
  /** base64url of the raw 32-byte key, as carried. */
  publicKey: string;
}

/** Checks the carried key, its fingerprint and the signature; returns who signed. */
export function verifyKeyed(env: SignedEnvelope<unknown>, port: CryptoPort): ParseResult<KeyedSigner> {
  const v = verifySelfSigned(env, port);
  if (!v.ok) return v;
  return parsed({ fingerprint: v.value.fingerprint, publicKey: env.signature.publicKey! });
}

function sameKey(a: string, b: string): boolean {
  try {
    const x = fromBase64Url(a);
    const y = fromBase64Url(b);
    return x.length === y.length && x.every((byte, i) => byte === y[i]);
  } catch {
    return false;
  }
}

/**
 * As verifyKeyed, and the carried key must be `expectedPublicKey` (base64url raw 32 bytes): a receipt under the
 * receiver certificate's key, a certificate under the master signer's key.
 */
export function verifyKeyedUnder(
  env: SignedEnvelope<unknown>,
  expectedPublicKey: string,
  port: CryptoPort,
  whose: string,
): ParseResult<KeyedSigner> {
  const v = verifyKeyed(env, port);
  if (!v.ok) return v;
  if (!sameKey(v.value.publicKey, expectedPublicKey)) {
    return parseFail('BAD_SIGNATURE', `ditandatangani kunci lain, bukan ${whose}`, 'signature.publicKey');
  }
  return v;
}

/**
 * A well-formed envelope (`json`) keyed under `expectedPublicKey` whose payload `parse` accepts: the payload and
 * who signed it. The certificate and the receipt are opened so.
 */
export function openKeyedUnder<T>(
  json: unknown,
  expected: { publicKey: string; whose: string },
  port: CryptoPort,
  parse: (payload: unknown) => ParseResult<T>,
): ParseResult<{ payload: T; signer: KeyedSigner }> {
  const env = parseEnvelope(json);
  if (!env.ok) return env;
  const signer = verifyKeyedUnder(env.value, expected.publicKey, port, expected.whose);
  if (!signer.ok) return signer;
  const payload = parse(env.value.payload);
  return payload.ok ? parsed({ payload: payload.value, signer: signer.value }) : payload;
}
