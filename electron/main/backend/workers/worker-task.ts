// One worker thread for a kind of untrusted work (decoding an image, reading an archive), so that the event loop
// the UI, the projector and the phones share never waits on a hostile file. The worker has V8 heap limits and each
// job a time budget: a job past its budget terminates the worker (the next job starts a fresh one).
// Workers started from the CLI bundle load the compiled entries built beside it (compiledEntry); elsewhere (Electron,
// tests, development) they load the TypeScript sources through tsx; where a worker cannot start, `run` reports it
// and the caller does the work in-thread, still bounded by the format layer's own limits.
//
//   createWorkerTask<I, O>({ name, entry, timeoutMs, maxHeapMb }) → { run(input, transfer?) → Promise<O>, close() }
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export class WorkerUnavailable extends Error {
  override name = 'WorkerUnavailable';
}
export class WorkerTimeout extends Error {
  override name = 'WorkerTimeout';
}
export class WorkerJobError extends Error {
  override name = 'WorkerJobError';
  constructor(
    message: string,
    readonly kind: string,
  ) {
    super(message);
  }
}

const BOOT = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((e) => parentPort.postMessage({ bootError: String((e && e.stack) || e) }));
`;

type Reply<O> = { id: number; ok: true; value: O } | { id: number; ok: false; kind: string; message: string };

interface Job<I, O> {
  id: number;
  input: I;
  transfer: ArrayBuffer[];
  resolve(o: O): void;
  reject(e: unknown): void;
}

/**
 * The compiled entry of a `.ts` worker when the process runs from a bundle: bin/load-cli.mjs (CLI, `pleno serve`)
 * and the Electron backend host set `globalThis.plenoWorkerBundle` to the bundle's folder, where scripts/build-cli.mjs
 * writes `<name>.mjs` and scripts/build-electron.mjs `<name>.cjs` for each worker entry (a worker then starts without
 * registering tsx in its thread, ~0.4 s CPU less per worker; a packaged app has no sources to register it for).
 */
function compiledEntry(entry: URL): URL | null {
  const dir = (globalThis as { plenoWorkerBundle?: unknown }).plenoWorkerBundle;
  if (typeof dir !== 'string' || !entry.pathname.endsWith('.worker.ts')) return null;
  const name = basename(fileURLToPath(entry)).replace(/\.ts$/, '');
  const file = ['.mjs', '.cjs'].map((ext) => join(dir, name + ext)).find((f) => existsSync(f));
  return file === undefined ? null : pathToFileURL(file);
}

/**
 * A process started with a module loader (`node --import tsx`: the benches, development) would hand it to each worker,
 * which then starts its own loader thread and routes every module it loads through it (~10 MB and 0.1–0.3 s CPU
 * per worker). Such a process starts its workers with no flags (an explicit list may not name flags a worker refuses,
 * so the rest is not kept); a compiled entry is plain JavaScript and a `.ts` entry registers tsx itself (BOOT).
 */
export function hasLoaderFlag(argv: readonly string[]): boolean {
  return argv.some((a) => LOADER_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)));
}
const LOADER_FLAGS = ['--import', '--loader', '--experimental-loader', '--require', '-r'];

/**
 * Young generation of a worker's heap: its jobs leave little alive, so a small one is collected often and cheaply,
 * and an idle worker holds a few MB instead of up to twice this (V8's default grows to 32 MB).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

function tsxLoader(entry: URL): string | null {
  if (!entry.pathname.endsWith('.ts')) return null;
  try {
    // require.resolve gives the CommonJS build; the worker imports the ES module build beside it.
    const cjs = createRequire(entry).resolve('tsx/esm/api');
    return pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href;
  } catch {
    return null;
  }
}

export interface WorkerTaskOptions {
  name: string;
  entry: URL;
  timeoutMs: number;
  maxHeapMb: number;
  /**
   * A worker left without a job this long is closed, giving back its heap and any wasm memory (the QR reader's
   * ~25 MB stays until then); the next job starts a fresh one. Default: kept.
   */
  idleMs?: number;
}

export function createWorkerTask<I, O>(opts: WorkerTaskOptions): WorkerTask<I, O> {
  return new WorkerTask<I, O>(opts);
}

/** One job at a time on one lazily started worker thread; jobs queue behind it. */
export class WorkerTask<I, O> {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private unavailable = false;
  private readonly queue: Job<I, O>[] = [];
  private current: Job<I, O> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The worker the current job was posted to: a stopped worker's late 'exit' must not fail the next job. */
  private runningOn: Worker | null = null;
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly opts: WorkerTaskOptions) {}

  /** Rejects with WorkerUnavailable (do it in-thread), WorkerTimeout, or WorkerJobError (the job's own error). */
  run(input: I, transfer: ArrayBuffer[] = []): Promise<O> {
    if (this.unavailable) return Promise.reject(new WorkerUnavailable(`${this.opts.name}: no worker`));
    return new Promise<O>((resolve, reject) => {
      if (this.idle) clearTimeout(this.idle);
      this.idle = null;
      this.queue.push({ id: this.nextId++, input, transfer, resolve, reject });
      this.pump();
    });
  }

  /** 'worker' once a worker has started, 'in-thread' once one could not, 'idle' before the first job. */
  mode(): 'idle' | 'worker' | 'in-thread' {
    return this.unavailable ? 'in-thread' : this.worker ? 'worker' : 'idle';
  }

  /** A job is running or waiting. */
  busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  close(): void {
    this.stop(this.worker);
  }

  private stop(w: Worker | null): void {
    if (w) void w.terminate();
    if (this.worker === w) {
      this.worker = null;
      this.ready = null;
    }
  }

  private finish(settle: (j: Job<I, O>) => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const j = this.current;
    this.current = null;
    this.runningOn = null;
    // Idle workers never keep the process alive (a CLI exits when its work is done).
    if (this.queue.length === 0) {
      this.worker?.unref();
      this.closeWhenIdle();
    }
    if (j) settle(j);
    this.pump();
  }

  private closeWhenIdle(): void {
    const ms = this.opts.idleMs;
    if (ms === undefined || this.idle) return;
    this.idle = setTimeout(() => {
      this.idle = null;
      if (!this.busy()) this.close();
    }, ms);
    this.idle.unref();
  }

  private start(): Promise<void> {
    const { opts } = this;
    const entry = compiledEntry(opts.entry) ?? opts.entry;
    const tsx = tsxLoader(entry);
    const w = new Worker(BOOT, {
      eval: true,
      workerData: { entry: entry.href, tsx },
      execArgv: hasLoaderFlag(process.execArgv) ? [] : undefined,
      resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      name: opts.name,
    });
    this.worker = w;
    return new Promise<void>((resolve, reject) => {
      w.on('message', (m: { ready?: true; bootError?: string } & Partial<Reply<O>>) => {
        if (m.ready) return resolve();
        if (m.bootError) {
          this.unavailable = true;
          this.stop(w);
          return reject(new WorkerUnavailable(m.bootError));
        }
        if (this.current && m.id === this.current.id) {
          const r = m as Reply<O>;
          this.finish((j) => (r.ok ? j.resolve(r.value) : j.reject(new WorkerJobError(r.message, r.kind))));
        }
      });
      w.on('error', (err) => {
        this.stop(w);
        reject(err);
        if (this.runningOn === w) this.finish((j) => j.reject(new WorkerJobError(String(err), 'error')));
      });
      w.on('exit', () => {
        this.stop(w);
        reject(new WorkerUnavailable(`${opts.name}: worker exited before it was ready`));
        if (this.runningOn === w)
          this.finish((j) => j.reject(new WorkerJobError(`${opts.name}: worker stopped`, 'exit')));
      });
    });
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    this.ready ??= this.start();
    // A job in flight keeps the process alive until its answer arrives.
    this.worker?.ref();
    this.ready.then(
      () => {
        if (this.current !== job || !this.worker) return;
        this.timer = setTimeout(() => {
          // Stopped first: a job waiting behind this one must start a fresh worker, not be posted to this one.
          this.stop(this.worker);
          this.finish((j) => j.reject(new WorkerTimeout(`${this.opts.name}: over ${this.opts.timeoutMs} ms`)));
        }, this.opts.timeoutMs);
        this.runningOn = this.worker;
        this.worker.postMessage({ id: job.id, input: job.input }, job.transfer);
      },
      (err: unknown) => this.finish((j) => j.reject(this.unavailable ? err : new WorkerUnavailable(String(err)))),
    );
  }
}

/**
 * The worker side: answers each job with `handle`; a thrown error's name is sent back as its kind. `transfer` names
 * the buffers of an answer that move to the main thread instead of being copied (the worker no longer needs them).
 */
export async function serveWorkerJobs<I, O>(
  handle: (input: I) => Promise<O> | O,
  transfer: (value: O) => ArrayBuffer[] = () => [],
): Promise<void> {
  const { parentPort } = await import('node:worker_threads');
  if (!parentPort) throw new Error('serveWorkerJobs outside a worker');
  const port = parentPort;
  port.on('message', (m: { id: number; input: I }) => {
    Promise.resolve()
      .then(() => handle(m.input))
      .then(
        (value) => port.postMessage({ id: m.id, ok: true, value }, transfer(value)),
        (err: unknown) =>
          port.postMessage({
            id: m.id,
            ok: false,
            kind: err instanceof Error ? err.name : 'Error',
            message: err instanceof Error ? err.message : String(err),
          }),
      );
  });
  port.postMessage({ ready: true });
}
