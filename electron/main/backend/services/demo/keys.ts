// Deterministic Ed25519 keys for the demo (SIMULASI): the 32-byte private seed comes from the seeded PRNG, so the
// same demo seed gives the same keys, master and signatures (Ed25519 signing is deterministic).
// Signing keeps one KeyObject per key: building a KeyObject per signature (as the general signPayload does) was
// a tenth of the besar preset's time.
import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import type { SignedEnvelope } from '../../../../../shared/domain/model';
import { toBase64Url } from '../../../../../shared/formats/bytes';
import { keyFingerprint, signingBytes } from '../../../../../shared/formats/envelope';
import { nodeCrypto } from '../../crypto';
import type { DemoKey } from './demo-types';
import type { Prng } from './prng';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX_LENGTH = 12;

export interface DemoSigningKey extends DemoKey {
  /** Signs JCS(payload) into a docs/design.md §3.1 envelope; with includePublicKey the signature carries the key. */
  signEnvelope<P>(payload: P, opts?: { includePublicKey?: boolean }): SignedEnvelope<P>;
}

/** A key whose private seed is drawn from rng; keyId defaults to the fingerprint of the public key. */
export function demoKey(rng: Prng, keyId?: string): DemoSigningKey {
  const der = Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(rng.bytes(32))]);
  const keyObject: KeyObject = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(keyObject).export({ format: 'der', type: 'spki' });
  const raw = new Uint8Array(spki.subarray(SPKI_ED25519_PREFIX_LENGTH));
  const publicKey = toBase64Url(raw);
  const id = keyId ?? keyFingerprint(raw, nodeCrypto);
  return {
    keyId: id,
    publicKey,
    privateKey: toBase64Url(new Uint8Array(der)),
    signEnvelope<P>(payload: P, opts: { includePublicKey?: boolean } = {}): SignedEnvelope<P> {
      const sig = toBase64Url(new Uint8Array(sign(null, signingBytes(payload), keyObject)));
      const signature: SignedEnvelope<P>['signature'] = { alg: 'Ed25519', keyId: id, sig };
      if (opts.includePublicKey) signature.publicKey = publicKey;
      return { payload, signature };
    },
  };
}

/** The plain data of a key (no methods), as exposed in Demo and written to keys/. */
export function keyData(k: DemoKey): DemoKey {
  return { keyId: k.keyId, publicKey: k.publicKey, privateKey: k.privateKey };
}
