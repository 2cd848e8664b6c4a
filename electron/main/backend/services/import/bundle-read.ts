// A TPS bundle read and its envelopes verified off the event loop (docs/storage.md "Workers"): unzip, CRC and
// photo hashes (readBundle) and the Ed25519 check of every envelope run in the `bundle-read` worker thread
// (workers/worker-task.ts) with a heap limit and a time budget; the main thread gets plain verified data and only
// writes. A job past its budget or its memory ends in a refusal in Bahasa Indonesia; where no worker can start the
// same read runs in-thread, still bounded by the ZIP reader's limits.
//
//   readBundleVerified(bytes, { master, extra }) → Promise<BundleRead>   (never throws for a hostile file)
import { crc32 as zlibCrc32 } from 'node:zlib';
import type { DataMaster, Perangkat } from '../../../../../shared/domain/model';
import { readBundle, type BundlePhoto, type BundleResult } from '../../../../../shared/formats/bundle';
import { verifyCHasilEnvelope, type VerifiedCHasil } from '../../../../../shared/formats/c-hasil';
import type { ParseError, ParseResult } from '../../../../../shared/formats/parse-result';
import { nodeCrypto } from '../../crypto';
import {
  createWorkerTask,
  WorkerJobError,
  WorkerTimeout,
  WorkerUnavailable,
  type WorkerTask,
} from '../../workers/worker-task';

export interface BundleReadInput {
  bytes: Uint8Array;
  master: DataMaster;
  /** Devices beside the master's (decision devices) the signatures may come from. */
  extra: Perangkat[];
}

export type BundleReadEntry = Omit<BundleResult, 'bytes'> & { verified: ParseResult<VerifiedCHasil> };

export type BundleRead =
  | { ok: true; results: BundleReadEntry[]; photos: Map<string, BundlePhoto> }
  | { ok: false; error: ParseError }
  /** The worker ran out of time or memory: nothing was read. */
  | { ok: false; refused: { reason: string; english: string } };

/** The read itself, on the calling thread (the worker's side). */
export function readBundleInThread(input: BundleReadInput): BundleRead {
  const rb = readBundle(input.bytes, { sha256: nodeCrypto.sha256, crc32: zlibCrc32 });
  if (!rb.ok) return { ok: false, error: rb.error };
  const results = rb.value.results.map(({ bytes: _bytes, ...e }) => ({
    ...e,
    verified: verifyCHasilEnvelope(e.envelope, { master: input.master, crypto: nodeCrypto, extraDevices: input.extra }),
  }));
  return { ok: true, results, photos: rb.value.photos };
}

/** A bundle is at most 100 MiB inflated (shared/formats/bundle.ts): seconds of work at most on a slow laptop. */
export const BUNDLE_READ_TIMEOUT_MS = 20_000;
/** The inflated entries are buffers outside the heap; the heap holds the JSON and the worker's code. */
export const BUNDLE_READ_MAX_HEAP_MB = 256;

let limits = { timeoutMs: BUNDLE_READ_TIMEOUT_MS, maxHeapMb: BUNDLE_READ_MAX_HEAP_MB };
let reader: WorkerTask<BundleReadInput, BundleRead> | null = null;

/** Other limits for the reader (tests of the time budget); the running worker is closed. */
export function setBundleReadLimits(next: { timeoutMs?: number; maxHeapMb?: number }): void {
  limits = { ...limits, ...next };
  reader?.close();
  reader = null;
}

/** Where bundles are read ('idle' before the first). */
export function bundleReaderMode(): 'idle' | 'worker' | 'in-thread' {
  return reader?.mode() ?? 'idle';
}

/** A bundle is being read or waits to be. */
export function bundleReaderBusy(): boolean {
  return reader?.busy() ?? false;
}

export async function readBundleVerified(input: BundleReadInput): Promise<BundleRead> {
  reader ??= createWorkerTask<BundleReadInput, BundleRead>({
    name: 'bundle-read',
    entry: new URL('./bundle-read.worker.ts', import.meta.url),
    ...limits,
  });
  try {
    return await reader.run(input);
  } catch (err) {
    if (err instanceof WorkerUnavailable) return readBundleInThread(input);
    if (err instanceof WorkerTimeout) {
      const s = Math.max(1, Math.round(limits.timeoutMs / 1000));
      return refused(
        `bundel tidak selesai dibaca dalam ${s} detik; berkas ini terlalu berat untuk diperiksa`,
        `bundle read over its ${limits.timeoutMs} ms budget`,
      );
    }
    if (err instanceof WorkerJobError && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(err.message)) {
      return refused(
        'bundel tidak dapat dibaca: pemeriksaannya melebihi batas memori; berkas ini terlalu berat untuk diperiksa',
        `bundle read over its ${limits.maxHeapMb} MiB heap limit`,
      );
    }
    throw err;
  }
}

function refused(reason: string, english: string): BundleRead {
  return { ok: false, refused: { reason, english } };
}
