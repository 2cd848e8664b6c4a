// Where the receiver keeps blobs (docs/design.md §4.3): `<data>/berkas/<sha256>`, the tus file store's folder, named
// by hash only. Shared by the tus server (online) and the bundle import (offline, §4.4).
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendContext } from '../../context';
import type { BlobHoldings } from './kurang';

export function berkasDir(ctx: Pick<BackendContext, 'dataDir'>): string {
  const dir = join(ctx.dataDir, 'berkas');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Bytes of each blob held in `dir` so far (a whole blob, or a tus upload in progress); 0 when none. */
export function fileHoldings(dir: string): BlobHoldings {
  return {
    bytesHeld(sha) {
      try {
        return statSync(join(dir, sha)).size;
      } catch {
        return 0;
      }
    },
  };
}

/**
 * Writes a whole, already verified blob (from a bundle) under its hash: through a temporary file and a rename, so a
 * reader never sees half of it; a tus upload of the same blob in progress is superseded (its metadata removed).
 */
export function writeWholeBerkas(dir: string, sha256: string, bytes: Uint8Array): void {
  const tmp = join(dir, `${sha256}.impor`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, join(dir, sha256));
  rmSync(join(dir, `${sha256}.json`), { force: true });
}

export function removeBerkas(dir: string, sha256: string): void {
  rmSync(join(dir, sha256), { force: true });
}
