// The one worker thread for untrusted input (reader.worker.ts): TPS bundles (services/import/bundle-read.ts), the
// receiver's `.pleno-kirim` bundles (services/penerima/bundle-import-read.ts) and QR images (services/qr/qr-image.ts).
// One thread rather than one per kind: each worker thread carries its own engine heap and start (~10 MB resident,
// ~0.1 s CPU), and all these jobs are bounded alike — a time budget that terminates the worker (the next job starts a
// fresh one) and a heap limit. Each caller says in its own words what a job past its limits was refused for.
//
//   readerTask() → WorkerTask (started at its first job)   setReaderLimits({ timeoutMs?, maxHeapMb? })
//   readerLimits() → { timeoutMs, maxHeapMb }                readerMode(), readerBusy()
import { createWorkerTask, type WorkerTask } from './worker-task';

/** A bundle is at most 100 MiB inflated and an image at most 50 megapixels: seconds of work on a slow laptop. */
export const READER_TIMEOUT_MS = 20_000;
/** Inflated entries and images are buffers outside the heap; the heap holds JSON, the QR reader's glue and code. */
export const READER_MAX_HEAP_MB = 256;

/** The reader closes after a minute without work: an import is over, its heap and the QR reader's memory go back. */
export const READER_IDLE_MS = 60_000;

let limits = { timeoutMs: READER_TIMEOUT_MS, maxHeapMb: READER_MAX_HEAP_MB };
let task: WorkerTask<object, unknown> | null = null;

/** The reader's worker: one job at a time, in order. */
export function readerTask(): WorkerTask<object, unknown> {
  return (task ??= createWorkerTask<object, unknown>({
    name: 'reader',
    entry: new URL('./reader.worker.ts', import.meta.url),
    ...limits,
    idleMs: READER_IDLE_MS,
  }));
}

/** The limits jobs run under now. */
export function readerLimits(): { timeoutMs: number; maxHeapMb: number } {
  return limits;
}

/** Other limits (tests of the time budget); the running worker is closed. */
export function setReaderLimits(next: { timeoutMs?: number; maxHeapMb?: number }): void {
  limits = { ...limits, ...next };
  task?.close();
  task = null;
}

/** Where jobs run: 'idle' before the first, 'worker', or 'in-thread' where no worker could start. */
export function readerMode(): 'idle' | 'worker' | 'in-thread' {
  return task?.mode() ?? 'idle';
}

/** A job is running or waits to. */
export function readerBusy(): boolean {
  return task?.busy() ?? false;
}
