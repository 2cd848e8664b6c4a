// The desktop shell on a receiver (kab/kota) database: the bundled backend host (build/electron-*/backend-host.cjs),
// run under child_process.fork and as a worker thread as on a machine without an Electron binary, starts the §4
// receiver the way `pleno serve --db <receiver.db>` does (docs/design.md §4.3), answers a kecamatan's manifest over
// real HTTP, and frees the port when closed; a kecamatan database starts no receiver.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FromHost, ToHost } from '../electron/main/host/protocol';
import { buildBundle, tempDir } from './electron-stub/probe';
import * as client from './support/mini-kirim-client';
import { freePort, makeReceiverDb } from './support/penerima-process';
import { makeKecamatan, makePush } from './support/push-fixture';

let bundle = '';
beforeAll(() => {
  bundle = buildBundle('penerimahost');
}, 120_000);

interface Host {
  send(m: ToHost): void;
  next(pred: (m: FromHost) => boolean): Promise<FromHost>;
  exited: Promise<unknown>;
}

function channel(post: (m: ToHost) => void, on: (fn: (m: unknown) => void) => void, exited: Promise<unknown>): Host {
  const items: FromHost[] = [];
  const waiters: (() => void)[] = [];
  on((m) => {
    items.push(m as FromHost);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    send: post,
    exited,
    async next(pred) {
      for (;;) {
        const i = items.findIndex(pred);
        if (i >= 0) return items.splice(i, 1)[0]!;
        await new Promise<void>((r) => waiters.push(r));
      }
    },
  };
}

async function listening(base: string): Promise<boolean> {
  try {
    await fetch(`${base}/v1/hello`);
    return true;
  } catch {
    return false;
  }
}

/** Opens `dbPath` in the host, then (for a receiver) pushes a manifest to it; closes the host. */
async function session(host: Host, dbPath: string, base: string, push: ReturnType<typeof makePush> | null) {
  host.send({ t: 'open', dbPath, recheck: false });
  const ready = await host.next((m) => m.t === 'ready');
  const deadline = Date.now() + 15_000;
  while (push && !(await listening(base)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const up = await listening(base);
  const manifest = push ? await client.postManifest(base, push.envelope) : null;
  host.send({ t: 'close' });
  await host.next((m) => m.t === 'closed');
  await host.exited;
  return { ready, up, manifest, afterClose: await listening(base) };
}

describe('backend host on a receiver database', () => {
  it('under child_process.fork: the §4 receiver answers on PLENO_PENERIMA_PORT, and stops with the host', async () => {
    const t = tempDir();
    try {
      const k = makeKecamatan(undefined, '630214');
      const dbPath = join(t.dir, 'penerima.db');
      await makeReceiverDb(dbPath, [k]);
      const port = await freePort();
      const child = fork(join(bundle, 'backend-host.cjs'), [], {
        serialization: 'advanced',
        stdio: 'pipe',
        env: { ...process.env, PLENO_PENERIMA_PORT: String(port) },
      });
      const host = channel(
        (m) => child.send(m),
        (fn) => child.on('message', fn),
        once(child, 'exit'),
      );
      const p = makePush(k);
      const s = await session(host, dbPath, `http://127.0.0.1:${port}`, p);
      expect(s.ready).toEqual({ t: 'ready', startupError: null, recheck: null });
      expect(s.up).toBe(true);
      expect([s.manifest!.status, (s.manifest!.json as { manifest: string }).manifest]).toEqual([200, p.address]);
      expect(s.afterClose).toBe(false);
    } finally {
      t.cleanup();
    }
  }, 60_000);

  it('as a worker thread on a kecamatan database: no receiver starts', async () => {
    const t = tempDir();
    try {
      const port = await freePort();
      process.env.PLENO_PENERIMA_PORT = String(port);
      const worker = new Worker(join(bundle, 'backend-host.cjs'));
      const host = channel(
        (m) => worker.postMessage(m),
        (fn) => worker.on('message', fn),
        once(worker, 'exit'),
      );
      const s = await session(host, join(t.dir, 'kecamatan.db'), `http://127.0.0.1:${port}`, null);
      expect(s.ready).toEqual({ t: 'ready', startupError: null, recheck: null });
      expect(s.up).toBe(false);
    } finally {
      delete process.env.PLENO_PENERIMA_PORT;
      t.cleanup();
    }
  }, 60_000);

  it('as a worker thread on a receiver database: the receiver answers too', async () => {
    const t = tempDir();
    try {
      const k = makeKecamatan(undefined, '630201');
      const dbPath = join(t.dir, 'penerima.db');
      await makeReceiverDb(dbPath, [k]);
      const port = await freePort();
      process.env.PLENO_PENERIMA_PORT = String(port);
      const worker = new Worker(join(bundle, 'backend-host.cjs'));
      const host = channel(
        (m) => worker.postMessage(m),
        (fn) => worker.on('message', fn),
        once(worker, 'exit'),
      );
      const p = makePush(k);
      const s = await session(host, dbPath, `http://127.0.0.1:${port}`, p);
      expect(s.up).toBe(true);
      expect(s.manifest!.status).toBe(200);
      expect(s.afterClose).toBe(false);
    } finally {
      delete process.env.PLENO_PENERIMA_PORT;
      t.cleanup();
    }
  }, 60_000);
});
