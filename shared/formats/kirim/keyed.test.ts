// Envelopes that carry their key, checked under one expected key (a receipt under the receiver certificate's key, a
// certificate under the master signer's key): any other key, or an expected key that is not valid base64url, refuses.
import { describe, expect, it } from 'vitest';
import { generateKeyPair, nodeCrypto, signPayload } from '../../../electron/main/backend/crypto';
import { fromBase64Url, toBase64Url } from '../bytes';
import { verifyKeyed, verifyKeyedUnder } from './keyed';

describe('verifyKeyedUnder', () => {
  const kp = generateKeyPair();
  const other = generateKeyPair();
  const env = signPayload({ format: 'x', n: 1 }, kp.privateKey, kp.fingerprint, { includePublicKey: true });

  it('accepts the expected key, also when written as other base64url text of the same bytes', () => {
    const signer = { fingerprint: kp.fingerprint, publicKey: kp.publicKey };
    expect(verifyKeyed(env, nodeCrypto)).toEqual({ ok: true, value: signer });
    expect(verifyKeyedUnder(env, kp.publicKey, nodeCrypto, 'kunci penerima')).toEqual({ ok: true, value: signer });
    expect(verifyKeyedUnder(env, toBase64Url(fromBase64Url(kp.publicKey)), nodeCrypto, 'kunci penerima').ok).toBe(true);
  });

  it('refuses another key, a shorter one, and an expected key that is not base64url, naming whose key was expected', () => {
    const refused = {
      ok: false,
      error: {
        code: 'BAD_SIGNATURE',
        path: 'signature.publicKey',
        message: 'signature.publicKey: ditandatangani kunci lain, bukan kunci penerima',
      },
    };
    expect(verifyKeyedUnder(env, other.publicKey, nodeCrypto, 'kunci penerima')).toEqual(refused);
    const short = toBase64Url(fromBase64Url(kp.publicKey).subarray(0, 31));
    expect(verifyKeyedUnder(env, short, nodeCrypto, 'kunci penerima')).toEqual(refused);
    expect(verifyKeyedUnder(env, '***', nodeCrypto, 'kunci penerima')).toEqual(refused);
  });

  it('a tampered envelope is refused before the key is compared', () => {
    const tampered = { ...env, payload: { format: 'x', n: 2 } };
    expect(verifyKeyedUnder(tampered, kp.publicKey, nodeCrypto, 'kunci penerima')).toMatchObject({
      ok: false,
      error: { code: 'BAD_SIGNATURE' },
    });
  });
});
