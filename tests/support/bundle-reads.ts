// Bundle reads as tests compare them (electron/main/backend/services/import/bundle-read.ts): two reads of one bundle
// stage its photos under different temp names, so a staged photo is compared by what its temp file holds.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { entriesOf, type BundleRead } from '../../electron/main/backend/services/import/bundle-read';

/** Entries unpacked, and each staged photo as the SHA-256 of its temp file's content. */
export function comparableRead(r: BundleRead): unknown {
  if (!r.ok) return r;
  const photos = [...r.photos].map(([sha, p]) => {
    const held = p.staged === null ? null : createHash('sha256').update(readFileSync(p.staged)).digest('hex');
    return [sha, { ...p, staged: held }] as const;
  });
  return { ...r, results: entriesOf(r), photos: new Map(photos) };
}

/** A fresh folder for a test's staged photos. */
export function tempPhotoDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'pleno-staged-')), 'photos');
}
