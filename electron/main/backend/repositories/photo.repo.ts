// Photo rows of the content-addressed store (the bytes live in <dataDir>/photos/<sha256>.<ext>, photo-store.ts).
import type { Db } from '../context';
import { insertAudited } from './audit.repo';
import { camelOne } from './rows';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

export interface PhotoRow {
  sha256: string;
  ext: 'jpg' | 'png';
  size: number;
  /** Where it first came from, e.g. `file:6302142001003.pleno`. */
  source: string;
  firstSeenAt: string;
}

export function getPhoto(db: Db, sha256: string): PhotoRow | undefined {
  return camelOne<PhotoRow>(stmt(db, 'SELECT * FROM photo WHERE sha256 = ?').get(sha256));
}

export function hasPhoto(db: Db, sha256: string): boolean {
  return stmt(db, 'SELECT 1 FROM photo WHERE sha256 = ?').get(sha256) !== undefined;
}

/** Inserts the row once (returns false when the photo was already known). Run inside a transaction. */
export function insertPhotoOnce(db: WritableDb, p: PhotoRow, actor: string): boolean {
  if (hasPhoto(db, p.sha256)) return false;
  insertAudited(
    db,
    'photo',
    { sha256: p.sha256, ext: p.ext, size: p.size, source: p.source, first_seen_at: p.firstSeenAt },
    { actor, action: 'photo.store', at: p.firstSeenAt },
  );
  return true;
}

export function countPhotos(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM photo').get() as { n: number }).n;
}
