// Content-addressed photo files: <dataDir>/photos/<sha256>.<ext>, each written once (temp file + fsync + rename),
// never duplicated; the photo table row is inserted in the caller's transaction after the file is durable.
//
// Exports: storePhoto (file + row), readPhoto (verifies the hash), PhotoWriteBatch (defers fsync of many files to
// one pass before the batch's commit); where photos live and their temp files are in photo-files.ts.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendContext } from '../../context';
import { sha256Hex } from '../../crypto';
import { getPhoto, insertPhotoOnce } from '../../repositories/photo.repo';
import type { WritableDb } from '../../db/command';
import { fileOk, photoPath, photosDir, writeTemp, type PhotoExt } from './photo-files';

/** Below this many files a batch fsyncs each file; above, one syncfs(2) (`sync -f`) flushes them all at once. */
const SYNCFS_MIN_FILES = 8;
let syncfsWorks: boolean | null = null;

/** syncfs(2) of the filesystem holding `dir` via coreutils `sync -f`; false when unavailable. */
function syncfs(dir: string): boolean {
  if (syncfsWorks === false) return false;
  const r = spawnSync('sync', ['-f', dir], { stdio: 'ignore', timeout: 120_000 });
  syncfsWorks = r.status === 0;
  return syncfsWorks;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Files written but not yet durable. A file is made durable under its temp name, then renamed into place, then the
 * folder is fsynced: a photo under its final name is always complete. One fsync per photo costs ~2 ms (far more on
 * a busy disk); for a batch, one syncfs of the filesystem replaces them.
 */
export class PhotoWriteBatch {
  private pending: { tmp: string; final: string }[] = [];
  private dirs = new Set<string>();

  /** Writes bytes to a temp file beside `final`; it is made durable and renamed in flush(). */
  add(final: string, bytes: Uint8Array): void {
    this.adopt(final, writeTemp(final, bytes));
  }

  /** Takes over a temp file already written beside `final` (photo-files.ts stagePhotos), as add() would have. */
  adopt(final: string, tmp: string): void {
    this.pending.push({ tmp, final });
    this.dirs.add(join(final, '..'));
  }

  /** Data durable, rename into place, folders durable. Call before committing the rows that name the photos. */
  flush(): void {
    if (this.pending.length === 0) return;
    const [firstDir] = this.dirs;
    const viaSyncfs = this.pending.length >= SYNCFS_MIN_FILES && firstDir !== undefined && syncfs(firstDir);
    if (!viaSyncfs) for (const p of this.pending) fsyncPath(p.tmp);
    for (const p of this.pending) renameSync(p.tmp, p.final);
    this.pending = [];
    for (const d of this.dirs) fsyncPath(d);
    this.dirs.clear();
  }

  get size(): number {
    return this.pending.length;
  }
}

/** A photo's bytes, or what the bundle reader staged of it (photo-files.ts StagedPhoto: a temp file, or none). */
export type PhotoContent = { bytes: Uint8Array } | { size: number; staged: string | null };

/**
 * Writes the photo file if it is not already there (or is damaged: a re-import heals it) and inserts the photo row
 * once, with the WritableDb of the running command; with a batch, call batch.flush() before the commit. A staged
 * temp file is taken over by the batch, or removed when the photo is in place already. Returns whether the photo
 * was new to the database.
 */
export function storePhoto(
  db: WritableDb,
  dataDir: string,
  p: { sha256: string; ext: PhotoExt; source: string; at: string; actor: string } & PhotoContent,
  batch?: PhotoWriteBatch,
): boolean {
  const known = getPhoto(db, p.sha256);
  const ext = known?.ext ?? p.ext;
  const final = photoPath(dataDir, p.sha256, ext);
  const size = 'bytes' in p ? p.bytes.length : p.size;
  if (!fileOk(final, size)) {
    mkdirSync(photosDir(dataDir), { recursive: true });
    const into = batch ?? new PhotoWriteBatch();
    if ('bytes' in p) into.add(final, p.bytes);
    else if (p.staged !== null) into.adopt(final, p.staged);
    else throw new Error(`photo ${p.sha256} was in place when its bundle was read and is gone now`);
    if (!batch) into.flush();
  } else if ('staged' in p && p.staged !== null) {
    rmSync(p.staged, { force: true }); // in place already (another bundle of the batch): never written twice
  }
  if (known) return false;
  return insertPhotoOnce(db, { sha256: p.sha256, ext, size, source: p.source, firstSeenAt: p.at }, p.actor);
}

export type ReadPhotoResult =
  | { ok: true; bytes: Uint8Array; ext: PhotoExt }
  | { ok: false; reason: 'unknown' | 'missing' | 'damaged'; message: string };

/** The photo's bytes, verified against its hash. */
export function readPhoto(ctx: Pick<BackendContext, 'db' | 'dataDir'>, sha256: string): ReadPhotoResult {
  const row = getPhoto(ctx.db, sha256);
  if (!row) return { ok: false, reason: 'unknown', message: `Foto ${sha256.slice(0, 12)}… belum diterima.` };
  const path = photoPath(ctx.dataDir, sha256, row.ext);
  if (!existsSync(path))
    return { ok: false, reason: 'missing', message: `Berkas foto ${sha256.slice(0, 12)}… hilang dari folder data.` };
  const bytes = new Uint8Array(readFileSync(path));
  if (sha256Hex(bytes) !== sha256) {
    return {
      ok: false,
      reason: 'damaged',
      message: `Berkas foto ${sha256.slice(0, 12)}… rusak atau diubah (hash tidak cocok).`,
    };
  }
  return { ok: true, bytes, ext: row.ext };
}
