// A TPS bundle read and its envelopes verified off the event loop (docs/storage.md "Workers"): unzip, CRC and
// photo hashes (readBundle), the Ed25519 check of every envelope and, once all of them verified, the photos written
// as temp files beside their final place (services/photos/photo-files.ts stagePhotos) run in the reader worker thread
// (workers/reader.ts, shared with the receiver's bundles and QR images) with a heap limit and a time budget; the main
// thread gets plain verified data, never a photo's bytes, and only writes rows. A job past its budget or its memory ends in a refusal in Bahasa Indonesia; where no worker can start the
// same read runs in-thread, still bounded by the ZIP reader's limits. The master and the extra devices are sent to
// the worker once and kept there (with the master's index) for the bundles that follow: cloning a 600-TPS master
// into every job cost more than reading the bundle.
//
//   readBundleVerified(bytes, { master, extra }) → Promise<BundleRead>   (never throws for a hostile file)
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import { MASTER_FORMAT, type CHasilRecord, type DataMaster, type Perangkat } from '../../../../../shared/domain/model';
import { readBundle } from '../../../../../shared/formats/bundle';
import { utf8Decode, utf8Encode } from '../../../../../shared/formats/bytes';
import { verifyCHasilEnvelope, type VerifiedCHasil } from '../../../../../shared/formats/c-hasil';
import { parsed, type ParseError, type ParseResult } from '../../../../../shared/formats/parse-result';
import { InflateOverflow } from '../../../../../shared/formats/zip-reader';
import { nodeCrypto } from '../../crypto';
import { storageMessage } from '../../db/storage-failure';
import { stagePhotos, type StagedPhoto } from '../photos/photo-files';
import { WorkerJobError, WorkerTimeout, WorkerUnavailable } from '../../workers/worker-task';
import {
  READER_MAX_HEAP_MB,
  READER_TIMEOUT_MS,
  readerBusy,
  readerLimits,
  readerMode,
  readerTask,
  setReaderLimits,
} from '../../workers/reader';

export interface BundleReadInput {
  bytes: Uint8Array;
  master: DataMaster;
  /** Devices beside the master's (decision devices) the signatures may come from. */
  extra: Perangkat[];
  /** The photos folder a verified bundle's photos are staged in (photo-files.ts stagePhotos). */
  photoDir: string;
}

/** What storing a verified record needs (import-inputs.ts storeRecord): no envelope tree to copy between threads. */
export interface VerifiedRecord {
  record: CHasilRecord;
  /** Hex SHA-256 of JCS(payload): the record id. */
  sha256: string;
  /** The signing device (signature.keyId). */
  keyId: string;
}

export function verifiedRecord(v: VerifiedCHasil): VerifiedRecord {
  return { record: v.record, sha256: v.sha256, keyId: v.envelope.signature.keyId };
}

/** One `results/<pemilihan>.json` entry as read and verified (against the master and the extra devices). */
export interface BundleReadEntry {
  /** Entry name in the archive. */
  name: string;
  pemilihan: string;
  /** The envelope JSON text exactly as stored. */
  text: string;
  /** The payload says it is a data master (the import says so in words rather than by the parse error). */
  masterPayload: boolean;
  verified: ParseResult<VerifiedRecord>;
}

export type BundleRead =
  /** `results` as the worker sends them: packed (see packResults). */
  (
    | {
        ok: true;
        results: BundleReadEntry[] | Uint8Array;
        /** Every record verified, and so the photos staged (else `photos` is empty and the import refuses it). */
        allVerified: boolean;
        photos: Map<string, StagedPhoto>;
      }
    | { ok: false; error: ParseError }
    /** The worker ran out of time or memory: nothing was read. */
    | { ok: false; refused: { reason: string; english: string } }
  ) & {
    /** The bundle's bytes, handed back by the worker when they were moved to it (`BundleReadJob.giveBack`) and the
     * read is not clean: the quarantine keeps exactly what was judged. */
    returned?: Uint8Array;
  };

/** Every record verified and the photos staged: the import stores it and needs the file's bytes no more. */
export const cleanRead = (read: BundleRead): boolean => read.ok && read.allVerified;

/**
 * zlib's native inflate under the ZIP reader's cap (shared/formats/zip-reader.ts CappedInflate): maxOutputLength
 * stops it within one 16 KiB output chunk of passing `size`, so a bomb costs no more than with the pure inflater,
 * while a legitimate entry inflates in one native call instead of hundreds of small streamed slices.
 */
export function zlibInflateCapped(raw: Uint8Array, size: number): Uint8Array {
  if (raw.length === 0) return new Uint8Array(0); // as the pure inflater: no stream, no bytes (then size-checked)
  let out: Buffer;
  try {
    out = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new InflateOverflow();
    throw err;
  }
  if (out.length > size) throw new InflateOverflow();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/**
 * The read itself, on the calling thread (the worker's side). Photos are staged only when every record verified: an
 * unsigned or foreign bundle writes nothing (its photos are then not returned; the import refuses it).
 */
export function readBundleInThread(input: BundleReadInput): BundleRead {
  const rb = readBundle(input.bytes, { sha256: nodeCrypto.sha256, crc32: zlibCrc32, inflate: zlibInflateCapped });
  if (!rb.ok) return { ok: false, error: rb.error };
  const results = rb.value.results.map((e): BundleReadEntry => {
    const v = verifyCHasilEnvelope(e.envelope, { master: input.master, crypto: nodeCrypto, extraDevices: input.extra });
    return {
      name: e.name,
      pemilihan: e.pemilihan,
      text: e.text,
      masterPayload: e.envelope.payload.format === MASTER_FORMAT,
      verified: v.ok ? parsed(verifiedRecord(v.value)) : v,
    };
  });
  if (!results.every((e) => e.verified.ok)) return { ok: true, results, allVerified: false, photos: new Map() };
  try {
    return { ok: true, results, allVerified: true, photos: stagePhotos(rb.value.photos, input.photoDir) };
  } catch (err) {
    return { ok: false, refused: stagingRefusal(err) };
  }
}

/** A photo that could not be written beside its place: the bundle is refused in words, nothing of it kept. */
function stagingRefusal(err: unknown): { reason: string; english: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return {
    reason: `foto dalam bundel tidak dapat ditulis ke folder data. ${storageMessage(err) ?? 'Periksa disk, lalu ulangi.'}`,
    english: `staging the bundle's photos failed (${typeof code === 'string' ? code : String(err)})`,
  };
}

/**
 * The worker's entries as one UTF-8 JSON buffer: it moves to the main thread without a copy and is parsed only when
 * its batch stores it, so between the two the main thread holds one buffer outside its heap, not a tree of objects
 * that survives its young generation (which then grows: ~16 MB more resident memory over an import).
 */
function packResults(read: BundleRead): BundleRead {
  return read.ok && Array.isArray(read.results) ? { ...read, results: utf8Encode(JSON.stringify(read.results)) } : read;
}

/** The entries of a read, unpacked when the worker packed them. */
export function entriesOf(read: Extract<BundleRead, { ok: true }>): BundleReadEntry[] {
  return Array.isArray(read.results) ? read.results : (JSON.parse(utf8Decode(read.results)) as BundleReadEntry[]);
}

/**
 * The buffers of a worker's answer that move to the main thread instead of being copied: the packed results, once
 * they are the whole of their buffer (a view into a larger one is copied out first).
 */
export function bundleReadTransfer(value: unknown): ArrayBuffer[] {
  if (Array.isArray(value)) return value.flatMap(bundleReadTransfer);
  const read = value as Partial<Extract<BundleRead, { ok: true }>> | null;
  const out: ArrayBuffer[] = [];
  if (read?.ok && read.results instanceof Uint8Array) out.push((read.results = wholeBuffer(read.results)).buffer);
  if (read?.returned instanceof Uint8Array) out.push((read.returned = wholeBuffer(read.returned)).buffer);
  return out;
}

/** Bytes that are the whole of their buffer, so that the buffer can move; a view into a larger one is copied out. */
const ownsBuffer = (b: Uint8Array): b is Uint8Array<ArrayBuffer> =>
  b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
const wholeBuffer = (b: Uint8Array): Uint8Array<ArrayBuffer> => (ownsBuffer(b) ? b : b.slice());

/** A bundle is at most 100 MiB inflated (shared/formats/bundle.ts): seconds of work at most on a slow laptop. */
export const BUNDLE_READ_TIMEOUT_MS = READER_TIMEOUT_MS;
/** The inflated entries are buffers outside the heap; the heap holds the JSON and the worker's code. */
export const BUNDLE_READ_MAX_HEAP_MB = READER_MAX_HEAP_MB;

/** The context the worker was last sent (jobs run in order, so the next one finds it there). */
const sent: SentContext = { key: null };

/** Other limits for the reader (tests of the time budget); the running worker is closed. */
export function setBundleReadLimits(next: { timeoutMs?: number; maxHeapMb?: number }): void {
  setReaderLimits(next);
  sent.key = null;
}

/** Where bundles are read ('idle' before the first). */
export const bundleReaderMode = readerMode;

/** A bundle is being read or waits to be. */
export const bundleReaderBusy = readerBusy;

// ---------- the worker's context: sent once, kept for the jobs that follow ----------

/** A job as posted to the worker: the context in full only when the worker may not hold it yet. */
export interface BundleReadJob {
  /** One bundle, or several read in one job (readBundlesVerified: one message each way instead of one per bundle). */
  bytes: Uint8Array | Uint8Array[];
  /** The bytes were moved to the worker, not copied: a bundle whose read is not clean comes back with them. */
  giveBack?: boolean;
  photoDir: string;
  context: { key: string; master?: DataMaster; extra?: Perangkat[] };
}

/** A fresh worker (after a time-out or a crash) does not hold the context: the job is posted again with it. */
export const CONTEXT_MISSING = 'BundleContextMissing';
/** Contexts a worker keeps (a receiver may read bundles of a few kecamatan in turn). */
const CONTEXTS_KEPT = 4;
const held = new Map<string, { master: DataMaster; extra: Perangkat[] }>();

/** The worker's side of a job. */
export function serveBundleJob(job: BundleReadJob): BundleRead | BundleRead[] {
  const { key, master, extra } = job.context;
  if (master) {
    held.delete(key);
    if (held.size >= CONTEXTS_KEPT) held.delete(held.keys().next().value!);
    held.set(key, { master, extra: extra ?? [] });
  }
  const ctx = held.get(key);
  if (!ctx) throw Object.assign(new Error('bundle-read: context not held'), { name: CONTEXT_MISSING });
  const one = (bytes: Uint8Array): BundleRead => {
    const read = packResults(readBundleInThread({ bytes, photoDir: job.photoDir, ...ctx }));
    return job.giveBack && !cleanRead(read) ? { ...read, returned: bytes } : read;
  };
  return Array.isArray(job.bytes) ? job.bytes.map(one) : one(job.bytes);
}

// Masters are immutable once loaded (master.repo.ts loadDataMaster caches them): identity names the content.
const masterIds = new WeakMap<DataMaster, number>();
let nextMasterId = 1;

function contextKey(input: Pick<BundleReadInput, 'master' | 'extra'>): string {
  let id = masterIds.get(input.master);
  if (id === undefined) masterIds.set(input.master, (id = nextMasterId++));
  return `${id}:${JSON.stringify(input.extra)}`;
}

export interface SentContext {
  key: string | null;
}

/** A task the reader's jobs run on (readerTask(), or a test's). */
type ReaderTask = { run(job: BundleReadJob, transfer?: ArrayBuffer[]): Promise<unknown>; mode?(): string };

/** Bundles handed to the worker instead of copied (their buffers detach here), and how to have them again. */
export interface Moved {
  buffers: ArrayBuffer[];
  /** The bundles again (the moved ones read anew) for a job that did not answer. */
  again(): Uint8Array[];
}

/**
 * One read on `task`: the context goes with the job only when `sent` says the worker may not hold it. With `move`,
 * the bytes go without a copy; a job refused for want of the context is sent again with the bundles read anew.
 */
export async function readOnWorker(task: ReaderTask, input: BundleReadInput, sent: SentContext): Promise<BundleRead>;
export async function readOnWorker(
  task: ReaderTask,
  input: Omit<BundleReadInput, 'bytes'> & { bytes: Uint8Array[] },
  sent: SentContext,
  move?: Moved,
): Promise<BundleRead[]>;
export async function readOnWorker(
  task: ReaderTask,
  input: Omit<BundleReadInput, 'bytes'> & { bytes: Uint8Array | Uint8Array[] },
  sent: SentContext,
  move?: Moved,
): Promise<BundleRead | BundleRead[]> {
  const key = contextKey(input);
  const job = (full: boolean, bytes: Uint8Array | Uint8Array[], giveBack: boolean): BundleReadJob => ({
    bytes,
    giveBack,
    photoDir: input.photoDir,
    context: full ? { key, master: input.master, extra: input.extra } : { key },
  });
  // No worker now (none yet, or closed when idle): the one this job starts holds nothing.
  const full = sent.key !== key || task.mode?.() === 'idle';
  sent.key = key;
  const moving = (move?.buffers.length ?? 0) > 0;
  try {
    return (await task.run(job(full, input.bytes, moving), moving ? move!.buffers : [])) as BundleRead | BundleRead[];
  } catch (err) {
    if (full || !(err instanceof WorkerJobError) || err.kind !== CONTEXT_MISSING) throw err;
    sent.key = key;
    return (await task.run(job(true, moving ? move!.again() : input.bytes, false))) as BundleRead | BundleRead[];
  }
}

/** Why a job was given up, in Bahasa Indonesia for the person and in English for the log. */
export interface ReaderRefusal {
  reason: string;
  english: string;
}

/** The refusal for a job past the worker's time budget or memory limit; null for any other error. */
function limitRefusal(err: unknown): ReaderRefusal | null {
  const limits = readerLimits();
  if (err instanceof WorkerTimeout) {
    const s = Math.max(1, Math.round(limits.timeoutMs / 1000));
    return {
      reason: `bundel tidak selesai dibaca dalam ${s} detik; berkas ini terlalu berat untuk diperiksa`,
      english: `bundle read over its ${limits.timeoutMs} ms budget`,
    };
  }
  if (err instanceof WorkerJobError && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(err.message)) {
    return {
      reason:
        'bundel tidak dapat dibaca: pemeriksaannya melebihi batas memori; berkas ini terlalu berat untuk diperiksa',
      english: `bundle read over its ${limits.maxHeapMb} MiB heap limit`,
    };
  }
  return null;
}

export async function readBundleVerified(input: BundleReadInput): Promise<BundleRead> {
  try {
    return await readOnWorker(readerTask(), input, sent);
  } catch (err) {
    if (err instanceof WorkerUnavailable) return readBundleInThread(input);
    const refused = limitRefusal(err);
    if (refused) return { ok: false, refused };
    throw err;
  }
}

/**
 * Several bundles read in one job (an import batch's): one message each way instead of one per bundle, which cost
 * as much as a small bundle's read. A job past its time budget or memory limit is read again one bundle at a time,
 * so that only the bundle that exceeds them is refused. With `again` (the bundles are files that can be read once
 * more), their bytes move to the worker instead of being copied into its message: a clean read lets them die there,
 * any other comes back with them (`returned`), and a job that does not answer is read again from `again(k)`.
 */
export async function readBundlesVerified(
  list: Uint8Array[],
  common: Omit<BundleReadInput, 'bytes'>,
  again?: (k: number) => Uint8Array,
): Promise<BundleRead[]> {
  // Where no worker can start, the bytes stay here (moving them would only have them read twice).
  const move = again && readerMode() !== 'in-thread' ? movable(list, again) : undefined;
  if (list.length <= 1 && !move) return Promise.all(list.map((bytes) => readBundleVerified({ ...common, bytes })));
  try {
    return await readOnWorker(readerTask(), { ...common, bytes: list }, sent, move);
  } catch (err) {
    const fresh = move ? move.again() : list;
    if (err instanceof WorkerUnavailable) return fresh.map((bytes) => readBundleInThread({ ...common, bytes }));
    if (!limitRefusal(err)) throw err;
    return Promise.all(fresh.map((bytes) => readBundleVerified({ ...common, bytes })));
  }
}

/** The bundles whose bytes own their buffer move (a pooled small file's share one and is copied). */
function movable(list: Uint8Array[], again: (k: number) => Uint8Array): Moved {
  const moved = new Set<number>();
  const buffers: ArrayBuffer[] = [];
  list.forEach((b, k) => {
    if (!ownsBuffer(b) || buffers.includes(b.buffer)) return;
    moved.add(k);
    buffers.push(b.buffer);
  });
  return { buffers, again: () => list.map((b, k) => (moved.has(k) ? again(k) : b)) };
}

/**
 * Runs another kind of job on the reader worker (workers/reader.worker.ts picks the work by the job's `kind`):
 * its value, or the refusal when it ran out of time or memory. Where no worker can start, `inThread` does it here.
 */
export async function onBundleReader<O>(
  job: { kind: string },
  inThread: () => O,
): Promise<{ ok: true; value: O } | { ok: false; refused: ReaderRefusal }> {
  try {
    return { ok: true, value: (await readerTask().run(job)) as O };
  } catch (err) {
    if (err instanceof WorkerUnavailable) return { ok: true, value: inThread() };
    const refused = limitRefusal(err);
    if (refused) return { ok: false, refused };
    throw err;
  }
}
