// A worker started from the CLI bundle loads the compiled `<name>.worker.mjs` that scripts/build-cli.mjs writes
// beside cli.mjs (bin/load-cli.mjs names the folder), not the `.ts` source through tsx; elsewhere the source runs.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWorkerTask, WorkerUnavailable } from './worker-task';

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
