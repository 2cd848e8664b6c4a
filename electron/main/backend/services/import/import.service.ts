// File import (docs/design.md §3.2–3.4, §5): signed C.Hasil envelopes (.json), TPS bundles (.pleno), QR images
// (.png/.jpg), loose photos, and folders of them. Verified, atomic per file, idempotent.
//
//   importEnvelopeBytes(ctx, bytes, source) → ImportOutcome           one envelope, its own transaction
//   importBundleBytes(ctx, bytes, source)   → Promise<ImportOutcome[]> one bundle, all or nothing, read off-thread
//   importQrTexts(ctx, texts, source)       → ImportOutcome[]         decoded QR texts (PLN1:...)
//   importPaths(ctx, paths, onProgress?)    → FileOutcome[]           files and folders (recursively)
//   importUploads / importItems                                      in-memory files and items, like importPaths
//
// Verification order per record: size limit → JSON → envelope shape → signer is a registered device → signature →
// strict C.Hasil parse → device registered for the record's TPS (shared/formats verifyCHasilEnvelope); bundles also
// check every entry and photo hash (readBundle). Outcomes:
//   diterima  first record for its TPS+pemilihan          konflik  a different record for a TPS+pemilihan that has
//   duplikat  same payload hash already held                        one: stored, flagged, never replacing the first
//   ditolak   with a reason in Bahasa Indonesia; the input is copied to quarantine with the reason beside it.
// Manual entries (channel 'manual') are signed by the PPK key instead of a device; only that channel accepts it.
// Photos are content-addressed; a photo arriving after its record (QR first, file later) is matched by hash.
//
// The parts: import-types.ts (outcomes, sources, limits), import-session.ts (one run inside a command, rejections),
// import-inputs.ts (verify and store one input), prepare-files.ts (find, size-check and classify files),
// import-batches.ts (many inputs in batches), qr-collector.ts (QR parts assembled across images).
import type { BackendContext } from '../../context';
import { bundleIn, checkEnvelope, envelopeIn, qrTextsIn, type EnvelopeCheck } from './import-inputs';
import { Rejection, inCommand, newSession, rejectedOutcome } from './import-session';
import { MAX_BUNDLE_BYTES, type ImportOutcome, type ImportSource } from './import-types';
import { readBundleVerified } from './bundle-read';
import { photosDir } from '../photos/photo-files';
import { QrCollector } from './qr-collector';

export { importItems, importPaths, importUploads } from './import-batches';
export type { EnvelopeCheck } from './import-inputs';
export { expandPaths } from './prepare-files';
export * from './import-types';

/** `check`: the envelope's JSON and signature checked ahead (checkEnvelopeBytes), so only the writes remain. */
export function importEnvelopeBytes(
  ctx: BackendContext,
  bytes: Uint8Array,
  source: ImportSource,
  check?: EnvelopeCheck | null,
): ImportOutcome {
  const s = newSession(ctx, source.actor);
  return inCommand(s, () => envelopeIn(s, bytes, source, check));
}

/** Envelopes' JSON and signatures, checked without writing (the LAN group commit does a few per turn). */
export function checkEnvelopesBytes(ctx: BackendContext, list: readonly Uint8Array[]): (EnvelopeCheck | null)[] {
  const s = newSession(ctx);
  return list.map((bytes) => {
    try {
      return checkEnvelope(s, bytes);
    } catch {
      return null; // the import checks it again inside its savepoint and answers
    }
  });
}

/** Read and verified in the bundle-read worker (bundle-read.ts), then stored in one command. */
export async function importBundleBytes(
  ctx: BackendContext,
  bytes: Uint8Array,
  source: ImportSource,
): Promise<ImportOutcome[]> {
  const s = newSession(ctx, source.actor);
  const read =
    s.master && bytes.length <= MAX_BUNDLE_BYTES
      ? await readBundleVerified({ bytes, master: s.master, extra: s.extra, photoDir: photosDir(ctx.dataDir) })
      : undefined;
  return inCommand(s, () => bundleIn(s, bytes, source, read));
}

/**
 * Decoded QR texts (`PLN1:` single or multi-part, parts in any order) of one or more envelopes. Incomplete parts
 * are rejected with the parts missing named. `bytes` (optional) is what gets quarantined on rejection.
 */
export function importQrTexts(
  ctx: BackendContext,
  texts: string[],
  source: ImportSource,
  bytes?: Uint8Array,
): ImportOutcome[] {
  const s = newSession(ctx, source.actor);
  const raw = bytes ?? new TextEncoder().encode(texts.join('\n'));
  const collector = new QrCollector();
  const notQr = texts.filter((t) => !collector.add(t, source.name));
  const done = collector.take();
  return inCommand(s, () => {
    const refuse = (reason: string, english: string) => rejectedOutcome(s, raw, source, new Rejection(reason, english));
    const outs = qrTextsIn(
      s,
      done.envelopes.map((e) => e.json),
      raw,
      source,
    );
    for (const e of done.errors) outs.push(refuse(e.reason, e.english));
    for (const inc of collector.incomplete()) outs.push(refuse(inc.reason, inc.english));
    if (notQr.length > 0) outs.push(refuse('teks bukan kode QR Pleno (PLN1:)', 'not a Pleno QR text'));
    return outs;
  });
}
