// The Electron backend host starts its reader worker from the compiled entry scripts/build-electron.mjs writes beside
// it (reader.worker.cjs), not from the sources through tsx: a packaged app ships neither, so a worker started from
// the sources could not boot there and every bundle and image would be read on the host's event loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeBundle, makeFixture } from '../../../../tests/support/records';
import { comparableRead, tempPhotoDir } from '../../../../tests/support/bundle-reads';
import { readBundleInThread, serveBundleJob, type BundleRead } from '../services/import/bundle-read';
import { renderQrPng } from '../services/qr/qr-render';
import { createWorkerTask } from './worker-task';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const name = `electron-worker-${process.pid}`;
const built = join(root, 'build', name);
const g = globalThis as { plenoWorkerBundle?: string };
const dirs: string[] = [built];

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs'), '--outdir', `build/${name}`], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
}, 180_000);

afterAll(() => {
  delete g.plenoWorkerBundle;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A task whose `.ts` entry does not exist: only the compiled entry in plenoWorkerBundle can start. */
const task = (dir: string) =>
  createWorkerTask<object, unknown>({
    name: 'reader-electron',
    entry: pathToFileURL(join(dir, 'no-sources', 'reader.worker.ts')),
    timeoutMs: 60_000,
    maxHeapMb: 256,
  });

describe('the Electron build of the reader worker', () => {
  it('is where the backend host looks for its workers', () => {
    expect(readFileSync(join(built, 'backend-host.cjs'), 'utf8')).toContain(
      'globalThis.plenoWorkerBundle = __dirname;',
    );
  });

  it('reads a bundle alone, with no source tree around it, and decodes a QR image in place', async () => {
    // Copied where no source tree is around it.
    const alone = join(mkdtempSync(join(tmpdir(), 'pleno-electron-worker-')), 'build', 'electron');
    dirs.push(join(alone, '..', '..'));
    mkdirSync(alone, { recursive: true });
    copyFileSync(join(built, 'reader.worker.cjs'), join(alone, 'reader.worker.cjs'));
    const fx = makeFixture({ desaCount: 1, tpsPerDesa: 1 });
    const bytes = makeBundle(fx, fx.tpsCodes[0]!);
    const photoDir = tempPhotoDir();
    const job = { bytes, photoDir, context: { key: 'k', master: fx.master, extra: [] } };
    g.plenoWorkerBundle = alone;
    const t = task(alone);
    try {
      const read = (await t.run(job)) as BundleRead;
      expect(t.mode()).toBe('worker');
      expect(comparableRead(read)).toEqual(comparableRead(serveBundleJob(job) as BundleRead));
      expect(read.ok).toBe(true);
      expect(readBundleInThread({ bytes, master: fx.master, extra: [], photoDir }).ok).toBe(true);
    } finally {
      t.close();
    }
    // In place (build/<name>/ beside the sources' node_modules) the QR reader finds zxing's wasm as the packaged app does.
    g.plenoWorkerBundle = built;
    const q = task(built);
    try {
      const text = 'PLN1:dari-electron';
      expect(await q.run({ kind: 'qr-decode', bytes: await renderQrPng(text) })).toEqual([text]);
      expect(q.mode()).toBe('worker');
    } finally {
      q.close();
    }
  });
});
