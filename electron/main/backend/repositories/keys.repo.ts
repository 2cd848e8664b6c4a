// The PPK laptop's Ed25519 key (ppk_key): created once at init, the first row is the key in use.
import type { Db } from '../context';
import type { WritableDb } from '../db/command';
import { camelOne, insertFields, type Stored } from './rows';
import { stmt } from './statements';

export interface NewPpkKey {
  /** Fingerprint: first 16 hex of SHA-256 of the raw public key. */
  keyId: string;
  /** base64url raw 32 bytes. */
  publicKey: string;
  /** base64url PKCS#8 DER. */
  privateKeyPkcs8: string;
  createdAt: string;
}
export type PpkKeyRow = Stored<NewPpkKey>;

export const getPpkKey = (db: Db): PpkKeyRow | undefined =>
  camelOne<PpkKeyRow>(stmt(db, 'SELECT * FROM ppk_key ORDER BY id LIMIT 1').get());

/** Run inside a transaction. */
export function insertPpkKey(db: WritableDb, k: NewPpkKey, actor: string): PpkKeyRow {
  return { id: insertFields(db, 'ppk_key', k, { actor, action: 'ppk-key.create', at: k.createdAt }), ...k };
}
