// A worker started from the CLI bundle loads the compiled `<name>.worker.mjs` that scripts/build-cli.mjs writes
// beside cli.mjs (bin/load-cli.mjs names the folder), not the `.ts` source through tsx; elsewhere the source runs.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createWorkerTask, hasLoaderFlag, WorkerUnavailable } from './worker-task';

/** A compiled worker entry speaking worker-task's protocol, answering every job with `answer`. */
const COMPILED = (answer: string) => `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, ok: true, value: ${JSON.stringify(answer)} }));
parentPort.postMessage({ ready: true });
`;

const dirs: string[] = [];
const g = globalThis as { plenoWorkerBundle?: string };

afterEach(() => {
  delete g.plenoWorkerBundle;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function task(entry: URL) {
  return createWorkerTask<string, string>({ name: 'uji', entry, timeoutMs: 30_000, maxHeapMb: 64 });
}

describe('worker entries from the CLI bundle', () => {
  it('runs the compiled entry named like the .ts one when the bundle folder is set', async () => {
    const bundle = mkdtempSync(join(tmpdir(), 'pleno-worker-bundle-'));
    const sources = mkdtempSync(join(tmpdir(), 'pleno-worker-src-'));
    dirs.push(bundle, sources);
    writeFileSync(join(bundle, 'uji.worker.mjs'), COMPILED('dari bundel'));
    // The source entry does not even exist: only the compiled one can answer.
    const t = task(pathToFileURL(join(sources, 'uji.worker.ts')));
    g.plenoWorkerBundle = bundle;
    try {
      expect(await t.run('x')).toBe('dari bundel');
      expect(t.mode()).toBe('worker');
    } finally {
      t.close();
    }
  });

  it('without the bundle folder (or without a compiled entry there) the .ts source is what starts', async () => {
    const bundle = mkdtempSync(join(tmpdir(), 'pleno-worker-bundle-'));
    const sources = mkdtempSync(join(tmpdir(), 'pleno-worker-src-'));
    dirs.push(bundle, sources);
    writeFileSync(join(bundle, 'lain.worker.mjs'), COMPILED('salah berkas'));
    for (const set of [false, true]) {
      if (set) g.plenoWorkerBundle = bundle;
      const t = task(pathToFileURL(join(sources, 'uji.worker.ts')));
      try {
        await expect(t.run('x')).rejects.toBeInstanceOf(WorkerUnavailable);
      } finally {
        t.close();
      }
    }
  });
});

describe('workers do not inherit the module loaders of the process', () => {
  it('a compiled worker of a process started with node --import tsx runs without that loader', () => {
    const bundle = mkdtempSync(join(tmpdir(), 'pleno-worker-bundle-'));
    dirs.push(bundle);
    // Answers with the flags its thread was started with.
    writeFileSync(
      join(bundle, 'uji.worker.mjs'),
      [
        "import { parentPort } from 'node:worker_threads';",
        'parentPort.on("message", (m) => parentPort.postMessage({ id: m.id, ok: true, value: process.execArgv }));',
        'parentPort.postMessage({ ready: true });',
      ].join('\n'),
    );
    const here = fileURLToPath(new URL('.', import.meta.url));
    const script = join(bundle, 'main.mts');
    writeFileSync(
      script,
      [
        `import { createWorkerTask } from ${JSON.stringify(join(here, 'worker-task.ts'))};`,
        `globalThis.plenoWorkerBundle = ${JSON.stringify(bundle)};`,
        `const entry = new URL(${JSON.stringify(pathToFileURL(join(bundle, 'src', 'uji.worker.ts')).href)});`,
        "const t = createWorkerTask({ name: 'uji', entry, timeoutMs: 30_000, maxHeapMb: 64 });",
        "console.log(JSON.stringify({ parent: process.execArgv, worker: await t.run('x') }));",
        't.close();',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--enable-source-maps', script], {
      cwd: join(here, '../../../..'),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { parent: string[]; worker: string[] };
    expect(out.parent).toEqual(['--import', 'tsx', '--enable-source-maps']);
    expect(out.worker).toEqual([]);
  });

  it('hasLoaderFlag finds a loader flag in both spellings, and nothing else', () => {
    for (const argv of [['--import', 'tsx'], ['--import=./x.mjs'], ['--loader', 'l'], ['--experimental-loader=y']])
      expect(hasLoaderFlag(argv)).toBe(true);
    expect(hasLoaderFlag(['-r', 'dotenv/config', '--enable-source-maps'])).toBe(true);
    expect(hasLoaderFlag(['--require=z'])).toBe(true);
    expect(hasLoaderFlag([])).toBe(false);
    expect(hasLoaderFlag(['--enable-source-maps', '--max-old-space-size=512', '--importx'])).toBe(false);
  });
});

describe('a worker left idle', () => {
  it('is closed after idleMs, and the next job starts a fresh one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-worker-idle-'));
    dirs.push(dir);
    // Answers with its thread id, so a fresh worker shows.
    writeFileSync(
      join(dir, 'thread.mjs'),
      [
        "import { parentPort, threadId } from 'node:worker_threads';",
        'parentPort.on("message", (m) => parentPort.postMessage({ id: m.id, ok: true, value: threadId }));',
        'parentPort.postMessage({ ready: true });',
      ].join('\n'),
    );
    const entry = pathToFileURL(join(dir, 'thread.mjs'));
    const t = createWorkerTask<string, number>({ name: 'diam', entry, timeoutMs: 30_000, maxHeapMb: 64, idleMs: 150 });
    try {
      const first = await t.run('a');
      expect(await t.run('b')).toBe(first); // still busy enough: the same worker
      expect(t.mode()).toBe('worker');
      await new Promise((r) => setTimeout(r, 400));
      expect(t.mode()).toBe('idle');
      const second = await t.run('c');
      expect(second).not.toBe(first);
      expect(t.mode()).toBe('worker');
    } finally {
      t.close();
    }
  });
});

describe('a job past its time budget', () => {
  it('is refused, and the job queued behind it runs on a fresh worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-worker-slow-'));
    dirs.push(dir);
    // Sleeps `ms`, then answers with its thread id.
    writeFileSync(
      join(dir, 'slow.mjs'),
      [
        "import { parentPort, threadId } from 'node:worker_threads';",
        'const cell = new Int32Array(new SharedArrayBuffer(4));',
        'parentPort.on("message", (m) => {',
        '  Atomics.wait(cell, 0, 0, m.input);',
        '  parentPort.postMessage({ id: m.id, ok: true, value: threadId });',
        '});',
        'parentPort.postMessage({ ready: true });',
      ].join('\n'),
    );
    const entry = pathToFileURL(join(dir, 'slow.mjs'));
    const t = createWorkerTask<number, number>({ name: 'lambat', entry, timeoutMs: 300, maxHeapMb: 64 });
    try {
      const first = await t.run(0);
      const [slow, next] = await Promise.allSettled([t.run(10_000), t.run(0)]);
      expect(slow).toMatchObject({ status: 'rejected', reason: { name: 'WorkerTimeout' } });
      expect(next.status).toBe('fulfilled');
      expect((next as PromiseFulfilledResult<number>).value).not.toBe(first);
    } finally {
      t.close();
    }
  }, 20_000);
});
