// What a manifest still lacks (the `kurang` of docs/design.md §4.3): objects not held, blobs not held whole with
// the bytes held so far (so a client resumes a tus upload from there).
import type { KirimManifest } from '../../../../../shared/formats/kirim';
import type { Db } from '../../context';
import { hasBerkas, hasObjek } from '../../repositories/penerima.repo';

/** Bytes of a blob upload held so far (0 when none started). */
export interface BlobHoldings {
  bytesHeld(sha256: string): number;
}

export function kurangOf(
  db: Db,
  m: KirimManifest,
  blobs: BlobHoldings,
): { objek: string[]; berkas: { sha256: string; diterima: number }[] } {
  return {
    objek: m.objek.filter((o) => !hasObjek(db, o.sha256)).map((o) => o.sha256),
    berkas: m.berkas
      .filter((b) => !hasBerkas(db, b.sha256))
      .map((b) => ({ sha256: b.sha256, diterima: blobs.bytesHeld(b.sha256) })),
  };
}
