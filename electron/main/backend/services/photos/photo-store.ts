// Content-addressed photo files: <dataDir>/photos/<sha256>.<ext>, each written once (temp file + fsync + rename),
// never duplicated; the photo table row is inserted in the caller's transaction after the file is durable.
//
// Exports: photoPath, detectPhotoExt, writePhotoFile, storePhoto (file + row), readPhoto (verifies the hash),
// PhotoWriteBatch (defers fsync of many files to one pass before the batch's commit).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendContext } from '../../context';
import { sha256Hex } from '../../crypto';
import { getPhoto, insertPhotoOnce } from '../../repositories/photo.repo';

export type PhotoExt = 'jpg' | 'png';

export function photosDir(dataDir: string): string {
  return join(dataDir, 'photos');
}

export function photoPath(dataDir: string, sha256: string, ext: PhotoExt): string {
  return join(photosDir(dataDir), `${sha256}.${ext}`);
}

/** 'png' / 'jpg' from the magic bytes, or null. */
export function detectPhotoExt(bytes: Uint8Array): PhotoExt | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return null;
}

/**
 * Files written but not yet fsynced. Writing many photos with one fsync each costs ~2 ms per file; writing them all
 * first and fsyncing in one pass (before the DB commit that records them) costs a fraction of that.
 */
export class PhotoWriteBatch {
  private pending: { fd: number; tmp: string; final: string }[] = [];
  private dirs = new Set<string>();

  /** Writes bytes to a temp file beside `final`; the rename happens in flush(). */
  add(final: string, bytes: Uint8Array): void {
    const tmp = `${final}.${process.pid}.${this.pending.length}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    this.pending.push({ fd, tmp, final });
    this.dirs.add(join(final, '..'));
  }

  /** fsync every file, rename into place, fsync the folders. Call before committing the rows. */
  flush(): void {
    for (const p of this.pending) {
      fsyncSync(p.fd);
      closeSync(p.fd);
      renameSync(p.tmp, p.final);
    }
    this.pending = [];
    for (const d of this.dirs) {
      const fd = openSync(d, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.dirs.clear();
  }

  get size(): number {
    return this.pending.length;
  }
}

/** True when the file is in place with the expected size (a cheap check; readPhoto verifies the hash). */
function fileOk(path: string, size: number): boolean {
  try {
    return statSync(path).size === size;
  } catch {
    return false;
  }
}

/**
 * Writes the photo file if it is not already there (or is damaged: a re-import heals it) and inserts the photo row
 * once. Run inside a transaction; with a batch, call batch.flush() before the commit. Returns whether the photo
 * was new to the database.
 */
export function storePhoto(
  ctx: Pick<BackendContext, 'db' | 'dataDir'>,
  p: { sha256: string; ext: PhotoExt; bytes: Uint8Array; source: string; at: string; actor: string },
  batch?: PhotoWriteBatch,
): boolean {
  const known = getPhoto(ctx.db, p.sha256);
  const ext = known?.ext ?? p.ext;
  const final = photoPath(ctx.dataDir, p.sha256, ext);
  if (!fileOk(final, p.bytes.length)) {
    mkdirSync(photosDir(ctx.dataDir), { recursive: true });
    if (batch) batch.add(final, p.bytes);
    else {
      const one = new PhotoWriteBatch();
      one.add(final, p.bytes);
      one.flush();
    }
  }
  if (known) return false;
  return insertPhotoOnce(ctx.db, { sha256: p.sha256, ext, size: p.bytes.length, source: p.source, firstSeenAt: p.at }, p.actor);
}

export type ReadPhotoResult =
  | { ok: true; bytes: Uint8Array; ext: PhotoExt }
  | { ok: false; reason: 'unknown' | 'missing' | 'damaged'; message: string };

/** The photo's bytes, verified against its hash. */
export function readPhoto(ctx: Pick<BackendContext, 'db' | 'dataDir'>, sha256: string): ReadPhotoResult {
  const row = getPhoto(ctx.db, sha256);
  if (!row) return { ok: false, reason: 'unknown', message: `Foto ${sha256.slice(0, 12)}… belum diterima.` };
  const path = photoPath(ctx.dataDir, sha256, row.ext);
  if (!existsSync(path)) return { ok: false, reason: 'missing', message: `Berkas foto ${sha256.slice(0, 12)}… hilang dari folder data.` };
  const bytes = new Uint8Array(readFileSync(path));
  if (sha256Hex(bytes) !== sha256) {
    return { ok: false, reason: 'damaged', message: `Berkas foto ${sha256.slice(0, 12)}… rusak atau diubah (hash tidak cocok).` };
  }
  return { ok: true, bytes, ext: row.ext };
}
