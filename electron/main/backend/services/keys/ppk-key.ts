// The PPK laptop's Ed25519 key: generated at init (in the master-import transaction), stored in ppk_key.
// It signs LAN receipts, manual entries (channel 'manual', keyId = this key's id) and documents.
import type { BackendContext } from '../../context';
import type { WritableDb } from '../../db/command';
import type { SignedEnvelope } from '../../../../../shared/domain/model';
import { generateKeyPair, signBytes, signPayload } from '../../crypto';
import { getPpkKey, insertPpkKey, type PpkKeyRow } from '../../repositories/keys.repo';

export interface PpkKey {
  /** Fingerprint (16 hex) used as keyId in signatures. */
  keyId: string;
  /** base64url raw 32 bytes. */
  publicKey: string;
  /** Ed25519 signature (64 bytes) over the bytes. */
  sign(bytes: Uint8Array): Uint8Array;
  /** A signed envelope of docs/design.md §3.1 over JCS(payload), keyId = this key's id, publicKey included. */
  signPayload<P>(payload: P): SignedEnvelope<P>;
}

/** Creates the key when the database has none, in the command that imports the data master. */
export function ensurePpkKey(db: WritableDb, at: string, actor: string): PpkKeyRow {
  const existing = getPpkKey(db);
  if (existing) return existing;
  const k = generateKeyPair();
  return insertPpkKey(
    db,
    { keyId: k.fingerprint, publicKey: k.publicKey, privateKeyPkcs8: k.privateKeyPkcs8, createdAt: at },
    actor,
  );
}

/** The key in use, or null before init. */
export function ppkKeyOrNull(ctx: Pick<BackendContext, 'db'>): PpkKey | null {
  const row = getPpkKey(ctx.db);
  if (!row) return null;
  return {
    keyId: row.keyId,
    publicKey: row.publicKey,
    sign: (bytes) => signBytes(bytes, row.privateKeyPkcs8),
    signPayload: <P>(payload: P) => signPayload(payload, row.privateKeyPkcs8, row.keyId, { includePublicKey: true }),
  };
}

/** The key in use; throws before init (callers check that a kecamatan exists first). */
export function ppkKey(ctx: Pick<BackendContext, 'db'>): PpkKey {
  const k = ppkKeyOrNull(ctx);
  if (!k) throw new Error('PPK key missing: the database has no data master yet');
  return k;
}
