// The PPK laptop's Ed25519 key (ppk_key): created once at init, the first row is the key in use.
import type { Db } from '../context';
import { camelRow, insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

export interface PpkKeyRow {
  id: number;
  /** Fingerprint: first 16 hex of SHA-256 of the raw public key. */
  keyId: string;
  /** base64url raw 32 bytes. */
  publicKey: string;
  /** base64url PKCS#8 DER. */
  privateKeyPkcs8: string;
  createdAt: string;
}

export function getPpkKey(db: Db): PpkKeyRow | undefined {
  const r = stmt(db, 'SELECT * FROM ppk_key ORDER BY id LIMIT 1').get() as Record<string, unknown> | undefined;
  return r ? camelRow<PpkKeyRow>(r) : undefined;
}

/** Run inside a transaction. */
export function insertPpkKey(db: WritableDb, k: Omit<PpkKeyRow, 'id'>, actor: string): PpkKeyRow {
  const id = Number(
    insertAudited(
      db,
      'ppk_key',
      { key_id: k.keyId, public_key: k.publicKey, private_key_pkcs8: k.privateKeyPkcs8, created_at: k.createdAt },
      { actor, action: 'ppk-key.create', at: k.createdAt },
    ),
  );
  return { id, ...k };
}
