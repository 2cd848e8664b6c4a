// Photo files on disk, without the database: where a photo lives (<dataDir>/photos/<sha256>.<ext>), its kind from
// the magic bytes, temp files written beside their final place, and a verified bundle's photos staged there by the
// reader (services/import/bundle-read.ts, in its worker thread) so that their bytes never cross to the main thread.
// Held there until their batch's command commits, 600 bundles' photos outlived the young generation and waited for
// a full collection: ~40 MB more resident over a 600-TPS import. The command takes a staged file over
// (photo-store.ts PhotoWriteBatch.adopt: made durable, then renamed into place before the commit) or removes it
// when the bundle is refused; one a killed process left is removed at the next start (storage-state.ts).
//
//   stagePhotos(photos, dir) → Map<sha256, StagedPhoto>      discardStaged(photos, kept)
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type PhotoExt = 'jpg' | 'png';

export function photosDir(dataDir: string): string {
  return join(dataDir, 'photos');
}

export function photoPath(dataDir: string, sha256: string, ext: PhotoExt): string {
  return join(photosDir(dataDir), `${sha256}.${ext}`);
}

/** 'png' / 'jpg' from the magic bytes, or null. */
export function detectPhotoExt(bytes: Uint8Array): PhotoExt | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return null;
}

/** True when the file is in place with the expected size (a cheap check; photo-store.ts readPhoto verifies the hash). */
export function fileOk(path: string, size: number): boolean {
  try {
    return statSync(path).size === size;
  } catch {
    return false;
  }
}

/**
 * Writes bytes to a new temp file beside `final` (not yet durable: PhotoWriteBatch.flush makes it so) and returns
 * its path. The name is unique across threads and runs; `*.tmp` names are what the start-up cleaning removes.
 */
export function writeTemp(final: string, bytes: Uint8Array): string {
  const tmp = `${final}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/** A bundle's photo as the reader left it: its size, and its temp file, or null when the photo was already in place. */
export interface StagedPhoto {
  ext: PhotoExt;
  size: number;
  staged: string | null;
}

/** Writes each photo not yet in place in `dir` to a temp file beside its final name. */
export function stagePhotos(
  photos: ReadonlyMap<string, { ext: PhotoExt; bytes: Uint8Array }>,
  dir: string,
): Map<string, StagedPhoto> {
  const out = new Map<string, StagedPhoto>();
  if (photos.size > 0) mkdirSync(dir, { recursive: true });
  try {
    for (const [sha, p] of photos) {
      const final = join(dir, `${sha}.${p.ext}`);
      const staged = fileOk(final, p.bytes.length) ? null : writeTemp(final, p.bytes);
      out.set(sha, { ext: p.ext, size: p.bytes.length, staged });
    }
  } catch (err) {
    discardStaged(out.values());
    throw err;
  }
  return out;
}

/** Removes staged temp files, except those a command took over (`kept`). */
export function discardStaged(photos: Iterable<StagedPhoto>, kept: ReadonlySet<string> = new Set()): void {
  for (const p of photos) if (p.staged !== null && !kept.has(p.staged)) rmSync(p.staged, { force: true });
}
