// Many inputs (files and folders, UI uploads, in-memory items) committed in batches: one command per batch with a
// savepoint per file, photos fsynced once per batch before the commit. A file is fully in or absent, and its
// progress is reported only after its batch committed, in input order. Envelope files are read inside
// the batch (bundles are read and verified in the bundle-read worker just before it), one at a time, and dropped once stored: a batch never holds all its files' bytes, so they die young
// instead of piling up in the old generation. Parts of a multi-part QR code spread over several images are
// assembled across the run; the images that only carried parts are reported with the outcome of the image that
// completed the code, or rejected at the end of the run when the code stays incomplete.
import { basename } from 'node:path';
import type { DataMaster, Perangkat } from '../../../../../shared/domain/model';
import type { BackendContext } from '../../context';
import type { Channel } from '../../repositories/submission.repo';
import { quarantine } from '../quarantine/quarantine';
import { bundleIn, envelopeIn, photoIn, qrTextsIn } from './import-inputs';
import { type Session, Rejection, inCommand, newSession, rejectedOutcome } from './import-session';
import type {
  FileOutcome,
  ImportItem,
  ImportOutcome,
  ImportPathsOptions,
  ImportSource,
  ImportStatus,
  ProgressFn,
} from './import-types';
import {
  type Prepared,
  type PreparedError,
  expandPaths,
  prepare,
  prepareBytes,
  prepareItem,
  readInput,
  resolveDisplay,
} from './prepare-files';
import { QrCollector } from './qr-collector';
import { decisionDevices, loadDataMaster } from '../../repositories/master.repo';
import { cleanRead, readBundlesVerified, type BundleRead } from './bundle-read';
import { photosDir } from '../photos/photo-files';
import { MAX_BUNDLE_BYTES } from './import-types';

/**
 * An import entry point: its inputs listed (`list`), each classified in turn by `prep` (QR texts collected across the
 * run), committed in batches. onProgress is called once per file, after the file is committed, in input order.
 */
function importer<I, T>(
  list: (inputs: readonly I[]) => readonly T[],
  prep: (input: T, collector: QrCollector) => Prepared | Promise<Prepared>,
) {
  return async (
    ctx: BackendContext,
    inputs: readonly I[],
    onProgress?: ProgressFn,
    opts: ImportPathsOptions = {},
  ): Promise<FileOutcome[]> => {
    const all = list(inputs);
    const collector = new QrCollector();
    let i = 0;
    return runBatches(ctx, all.length, async () => prep(all[i++]!, collector), collector, onProgress, opts);
  };
}

const asGiven = <T>(inputs: readonly T[]) => inputs;

/** Imports files and folders (folders expanded; each file read when its turn comes). */
export const importPaths = importer<string, string>(
  (paths) => expandPaths(paths).map((f) => resolveDisplay(f.file)),
  prepare,
);

/**
 * Files picked in the UI, as uploaded (never written to disk): imported exactly like the same files by path.
 * `name` is the key of the outcome (the caller keeps names distinct), its extension decides the kind.
 */
export const importUploads = importer<{ name: string; bytes: Uint8Array }, { name: string; bytes: Uint8Array }>(
  asGiven,
  (u, collector) => prepareBytes(u.name, u.bytes, collector),
);

/** Imports in-memory items in batches (same guarantees as importPaths). */
export const importItems = importer<ImportItem, ImportItem>(asGiven, prepareItem);

/** What lives across the batches of one run. */
interface BatchRun {
  ctx: BackendContext;
  collector: QrCollector;
  opts: ImportPathsOptions;
  report: (fo: FileOutcome) => void;
  /** Images that carried only parts of a multi-part code: reported with the code's outcome once it completes. */
  deferred: Map<string, Prepared>;
}

async function runBatches(
  ctx: BackendContext,
  total: number,
  next: () => Promise<Prepared>,
  collector: QrCollector,
  onProgress: ProgressFn | undefined,
  opts: ImportPathsOptions,
): Promise<FileOutcome[]> {
  const results: FileOutcome[] = [];
  const report = (fo: FileOutcome) => {
    results.push(fo);
    onProgress?.(fo, results.length - 1, total);
  };
  const run: BatchRun = { ctx, collector, opts, report, deferred: new Map() };
  let taken = 0;
  while (taken < total) {
    const batch = await takeBatch(ctx, next, total - taken, opts);
    taken += batch.length;
    commitBatch(run, batch, taken >= total);
  }
  return results;
}

/** The next batch: up to batchFiles inputs (default 64) or until batchBytes (default 48 MiB) is passed. */
async function takeBatch(
  ctx: BackendContext,
  next: () => Promise<Prepared>,
  left: number,
  opts: ImportPathsOptions,
): Promise<Prepared[]> {
  const batchFiles = opts.batchFiles ?? 64;
  const batchBytes = opts.batchBytes ?? 48 * 1024 * 1024;
  const batch: Prepared[] = [];
  let bytes = 0;
  while (batch.length < left && batch.length < batchFiles && bytes < batchBytes) {
    const p = await next();
    bytes += p.kind === 'envelope' || p.kind === 'bundle' ? p.size : p.bytes ? p.bytes.length : 0;
    batch.push(p);
  }
  await readOffThread(batch, verifierOf(ctx));
  return batch;
}

/** Bundles read in one reader job at most: their bytes are held together until it answers. */
const GROUP_FILES = 8;
const GROUP_BYTES = 4 * 1024 * 1024;

/**
 * A batch's bundles read and verified in the reader worker before the batch opens (bundle-read.ts), so the event
 * loop never inflates or hashes them: a few at a time, one message each way per group (readBundlesVerified). Files
 * read here from disk move to the worker without a copy (they can be read again if it does not answer); bytes
 * given in memory (uploads, items) are copied. Without a master, or over the size limit, bundleIn refuses a bundle
 * in the batch.
 */
async function readOffThread(batch: Prepared[], v: Verifier): Promise<void> {
  if (!v.master) return;
  const group: { p: Prepared & { kind: 'envelope' | 'bundle' }; bytes: Uint8Array; size: number }[] = [];
  let held = 0;
  const flush = async () => {
    const fromDisk = group.every((g) => g.p.bytes === null);
    const reads = await readBundlesVerified(
      group.map((g) => g.bytes),
      { master: v.master!, extra: v.extra, photoDir: v.photoDir },
      fromDisk ? (k) => readAgain(group[k]!.p) : undefined,
    );
    group.forEach(({ p, bytes, size }, k) => keepRead(p, bytes, size, reads[k]!));
    group.length = 0;
    held = 0;
  };
  for (const p of batch) {
    if (p.kind !== 'bundle' || p.size > MAX_BUNDLE_BYTES) continue;
    if (group.length > 0 && (group.length >= GROUP_FILES || held + p.size > GROUP_BYTES)) await flush();
    const bytes = p.bytes ?? readInput(p.file);
    if (!(bytes instanceof Uint8Array)) continue;
    group.push({ p, bytes, size: bytes.length });
    held += bytes.length;
  }
  if (group.length > 0) await flush();
}

/**
 * A file every record of which verified is stored from what the reader took of it (texts, staged photos): its bytes
 * are let go now instead of held until the batch commits, by when they would have outlived the young generation
 * (600 bundles: ~20 MB more resident). Any other read keeps them for the quarantine: as the worker gave them back
 * when they had moved to it, else as read here (again, if they moved and the job did not answer, when the read
 * came from the file read anew); the rare refusal of a verified one (a storage failure) quarantines the file as it
 * is then (fileIn).
 */
function keepRead(p: Prepared & { kind: 'envelope' | 'bundle' }, bytes: Uint8Array, size: number, read: BundleRead) {
  p.read = read;
  if (cleanRead(read) && p.bytes === null) p.size = size;
  else p.bytes = read.returned ?? (bytes.byteLength === size ? bytes : readAgain(p));
}

/** A file's bytes read once more (the file gone: none, which its read then refuses). */
function readAgain(p: Prepared): Uint8Array {
  const b = readInput(p.file);
  return b instanceof Uint8Array ? b : new Uint8Array(0);
}

/** What a batch's bundles are verified against, loaded once per batch (the batch's command loads its own). */
interface Verifier {
  master: DataMaster | null;
  extra: Perangkat[];
  /** Where the reader stages a verified bundle's photos. */
  photoDir: string;
}

function verifierOf(ctx: BackendContext): Verifier {
  return { master: loadDataMaster(ctx.db), extra: decisionDevices(ctx.db), photoDir: photosDir(ctx.dataDir) };
}

const partsOnly = (p: Prepared, outcomes: ImportOutcome[]) => p.kind === 'image' && p.qrFound && outcomes.length === 0;

function commitBatch(run: BatchRun, batch: Prepared[], last: boolean): void {
  const s = newSession(run.ctx, run.opts.actor);
  // Files whose codes completed (or failed) in this batch: reported with the image that completed them.
  const covered = new Set<string>();
  for (const p of batch) {
    if (p.kind !== 'image') continue;
    for (const e of [...p.qr.envelopes, ...p.qr.errors]) for (const f of e.files) if (f !== p.file) covered.add(f);
  }
  const { outs, leftover } = inCommand(s, () => {
    const list = batch.map((p) => fileIn(s, p));
    return { outs: list, leftover: last ? leftoverParts(s, run, batch, list, covered) : [] };
  });
  reportBatch(run, batch, outs, covered, last);
  for (const fo of leftover) {
    run.deferred.delete(fo.file);
    run.report(fo);
  }
}

/** At the end of the run, codes still missing parts are rejected on every image that carried a part. */
function leftoverParts(
  s: Session,
  run: BatchRun,
  batch: Prepared[],
  list: ImportOutcome[][],
  covered: Set<string>,
): FileOutcome[] {
  const left: FileOutcome[] = [];
  const partial = new Map(run.deferred);
  batch.forEach((p, k) => {
    if (partsOnly(p, list[k]!)) partial.set(p.file, p);
  });
  for (const f of covered) partial.delete(f);
  const rejectPart = (f: string, p: Prepared, rej: Rejection) =>
    left.push({
      file: f,
      status: 'ditolak',
      reason: rej.reason,
      outcomes: [rejectedOutcome(s, p.bytes ?? new Uint8Array(0), { channel: 'qr', name: basename(f) }, rej)],
    });
  for (const inc of run.collector.incomplete()) {
    for (const f of inc.files) {
      const p = partial.get(f);
      if (!p) continue;
      partial.delete(f);
      rejectPart(f, p, new Rejection(inc.reason, inc.english));
    }
  }
  for (const [f, p] of partial)
    rejectPart(f, p, new Rejection('bagian kode QR Pleno ini tidak membentuk hasil yang lengkap', 'QR part left over'));
  return left;
}

/** Reports each file of a committed batch, and with an image that completed a code every image that waited for it. */
function reportBatch(
  run: BatchRun,
  batch: Prepared[],
  outs: ImportOutcome[][],
  covered: Set<string>,
  last: boolean,
): void {
  const waiting = new Set<string>();
  batch.forEach((p, k) => {
    const outcomes = outs[k]!;
    if (partsOnly(p, outcomes)) {
      if (covered.has(p.file)) waiting.add(p.file);
      else if (!last) run.deferred.set(p.file, p);
      return;
    }
    run.report({ file: p.file, ...overall(outcomes), outcomes });
    if (p.kind !== 'image') return;
    const related = [...p.qr.envelopes.flatMap((e) => e.files), ...p.qr.errors.flatMap((e) => e.files)];
    for (const f of new Set(related)) {
      if (f === p.file || !(run.deferred.has(f) || waiting.has(f))) continue;
      run.deferred.delete(f);
      waiting.delete(f);
      run.report({ file: f, ...overall(outcomes), outcomes });
    }
  });
}

function overall(outcomes: ImportOutcome[]): { status: ImportStatus; reason?: string } {
  const rejected = outcomes.find((o) => o.status === 'ditolak');
  if (rejected) return { status: 'ditolak', reason: rejected.reason ?? 'ditolak' };
  if (outcomes.some((o) => o.status === 'konflik')) return { status: 'konflik' };
  if (outcomes.some((o) => o.status === 'diterima')) return { status: 'diterima' };
  return { status: 'duplikat' };
}

// ---------- one prepared file, inside the batch's command ----------

function fileIn(s: Session, p: Prepared): ImportOutcome[] {
  const channel: Channel = p.kind === 'image' ? 'qr' : p.kind === 'error' ? 'file' : (p.channel ?? 'file');
  const source: ImportSource = { channel, name: basename(p.file) };
  switch (p.kind) {
    case 'error':
      return errorIn(s, p, source);
    case 'envelope':
    case 'bundle': {
      if (p.kind === 'bundle' && p.read && p.bytes === null) {
        return bundleIn(s, { size: p.size, again: () => readAgain(p) }, source, p.read);
      }
      const bytes = p.bytes ?? readInput(p.file);
      if (!(bytes instanceof Uint8Array)) return errorIn(s, bytes, { channel: 'file', name: source.name });
      return p.kind === 'envelope' ? [envelopeIn(s, bytes, source)] : bundleIn(s, bytes, source, p.read);
    }
    case 'image':
      return imageIn(s, p, source);
  }
}

/** An image (or QR texts given directly): the codes it completed, else a photo referenced by a record, else refused. */
function imageIn(s: Session, p: Prepared & { kind: 'image' }, source: ImportSource): ImportOutcome[] {
  const out: ImportOutcome[] = [];
  if (p.qr.envelopes.length > 0)
    out.push(
      ...qrTextsIn(
        s,
        p.qr.envelopes.map((e) => e.json),
        p.bytes,
        source,
      ),
    );
  for (const e of p.qr.errors) out.push(rejectedOutcome(s, p.bytes, source, new Rejection(e.reason, e.english)));
  if (out.length > 0) return out;
  if (p.qrFound) return []; // a part of a multi-part QR: reported when the last part arrives
  if (p.textOnly) {
    return [
      rejectedOutcome(s, p.bytes, source, new Rejection('teks bukan kode QR Pleno (PLN1:)', 'not a Pleno QR text')),
    ];
  }
  const photo = s.master ? photoIn(s, p.bytes, { ...source, channel: 'file' }) : null;
  if (photo) return [photo];
  return [
    rejectedOutcome(
      s,
      p.bytes,
      { ...source, channel: 'file' },
      new Rejection(
        'gambar ini bukan kode QR Pleno dan bukan foto yang dirujuk hasil TPS mana pun',
        'image is neither a Pleno QR code nor a photo referenced by a record',
      ),
    ),
  ];
}

function errorIn(s: Session, p: PreparedError, source: ImportSource): ImportOutcome[] {
  const rej = new Rejection(p.reason, p.english);
  if (p.bytes) return [rejectedOutcome(s, p.bytes, source, rej)];
  quarantine(s.ctx, new Uint8Array(0), source.name, `${p.reason} (isi berkas tidak disalin)`, {
    channel: 'file',
    english: p.english,
  });
  return [{ status: 'ditolak', reason: p.reason }];
}
