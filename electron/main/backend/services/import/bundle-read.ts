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
  | {
      ok: true;
      results: BundleReadEntry[] | Uint8Array;
      /** Every record verified, and so the photos staged (else `photos` is empty and the import refuses it). */
      allVerified: boolean;
      photos: Map<string, StagedPhoto>;
    }
  | { ok: false; error: ParseError }
  /** The worker ran out of time or memory: nothing was read. */
  | { ok: false; refused: { reason: string; english: string } };

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
  if (!read?.ok || !(read.results instanceof Uint8Array)) return [];
  const b = read.results;
  read.results =
    b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();
  return [read.results.buffer as ArrayBuffer];
}

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
  const one = (bytes: Uint8Array) => packResults(readBundleInThread({ bytes, photoDir: job.photoDir, ...ctx }));
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

/** One read on `task`: the context goes with the job only when `sent` says the worker may not hold it. */
export async function readOnWorker(
  task: { run(job: BundleReadJob): Promise<unknown>; mode?(): string },
  input: BundleReadInput,
  sent: SentContext,
): Promise<BundleRead>;
export async function readOnWorker(
  task: { run(job: BundleReadJob): Promise<unknown>; mode?(): string },
  input: Omit<BundleReadInput, 'bytes'> & { bytes: Uint8Array[] },
  sent: SentContext,
): Promise<BundleRead[]>;
export async function readOnWorker(
  task: { run(job: BundleReadJob): Promise<unknown>; mode?(): string },
  input: Omit<BundleReadInput, 'bytes'> & { bytes: Uint8Array | Uint8Array[] },
  sent: SentContext,
): Promise<BundleRead | BundleRead[]> {
  const key = contextKey(input);
  const job = (full: boolean): BundleReadJob => ({
    bytes: input.bytes,
    photoDir: input.photoDir,
    context: full ? { key, master: input.master, extra: input.extra } : { key },
  });
  // No worker now (none yet, or closed when idle): the one this job starts holds nothing.
  const full = sent.key !== key || task.mode?.() === 'idle';
  sent.key = key;
  try {
    return (await task.run(job(full))) as BundleRead | BundleRead[];
  } catch (err) {
    if (full || !(err instanceof WorkerJobError) || err.kind !== CONTEXT_MISSING) throw err;
    sent.key = key;
    return (await task.run(job(true))) as BundleRead | BundleRead[];
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
 * so that only the bundle that exceeds them is refused.
 */
export async function readBundlesVerified(
  list: Uint8Array[],
  common: Omit<BundleReadInput, 'bytes'>,
): Promise<BundleRead[]> {
  if (list.length <= 1) return Promise.all(list.map((bytes) => readBundleVerified({ ...common, bytes })));
  try {
    return await readOnWorker(readerTask(), { ...common, bytes: list }, sent);
  } catch (err) {
    if (err instanceof WorkerUnavailable) return list.map((bytes) => readBundleInThread({ ...common, bytes }));
    if (!limitRefusal(err)) throw err;
    return Promise.all(list.map((bytes) => readBundleVerified({ ...common, bytes })));
  }
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
