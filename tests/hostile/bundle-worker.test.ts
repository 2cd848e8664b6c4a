// Bundles read off the event loop (issue 14, "Work off the event loop"): a heavy but valid bundle (80 MiB of photos
// inflated, hashed and checked in the bundle-read worker) posted to the LAN receiver over real HTTP on 127.0.0.1,
// while a legitimate phone posts its record: the phone is answered while the bundle is still being read. A read
// past its time budget ends in a refusal in Bahasa Indonesia, and the receiver goes on answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths } from '../../electron/main/backend/services/import/import.service';
import { startLanReceiver, type LanReceiver } from '../../electron/main/backend/lan/receiver';
import {
  bundleReaderBusy,
  bundleReaderMode,
  setBundleReadLimits,
  BUNDLE_READ_MAX_HEAP_MB,
  BUNDLE_READ_TIMEOUT_MS,
} from '../../electron/main/backend/services/import/bundle-read';
import { createKecamatanFixture, heavyBundle, type KecamatanFixture } from '../support/records';
import { LEGIT_ADDRESS, postOnce } from './harness';

let fx: KecamatanFixture;
let rx: LanReceiver;

let heavy: Uint8Array[] = [];

beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 3 });
  rx = await startLanReceiver(fx.backend.ctx, { port: 0, host: '127.0.0.1', mdns: false });
  heavy = [heavyBundle(fx.records, fx.devices[0]!.tps), heavyBundle(fx.records, fx.devices[1]!.tps)];
}, 300_000); // past 120 s at load 28

afterAll(async () => {
  setBundleReadLimits({ timeoutMs: BUNDLE_READ_TIMEOUT_MS, maxHeapMb: BUNDLE_READ_MAX_HEAP_MB });
  await rx?.close();
  await fx?.close();
});

/** Waits (bounded) until the bundle reader has a job. */
async function readerBusy(): Promise<boolean> {
  for (let i = 0; i < 2000 && !bundleReaderBusy(); i++) await new Promise((r) => setTimeout(r, 2));
  return bundleReaderBusy();
}

describe('bundles are read off the event loop', () => {
  it('a phone posting during a heavy bundle read is answered before that read ends; the bundle is then stored', async () => {
    let heavyDone = false;
    const big = postOnce(rx.port, '/v1/bundle', heavy[0]!, { type: 'application/zip', timeoutMs: 120_000 }).then(
      (a) => ((heavyDone = true), a),
    );
    expect(await readerBusy()).toBe(true);
    expect(bundleReaderMode()).toBe('worker');
    const tps = fx.devices[2]!.tps;
    const phone = await postOnce(rx.port, '/v1/c-hasil', fx.envelopeBytes(fx.record(tps, 'bupati')), {
      from: LEGIT_ADDRESS,
      timeoutMs: 60_000,
    });
    expect(phone.status).toBe(201);
    expect(heavyDone).toBe(false);
    expect(bundleReaderBusy()).toBe(true);
    const b = await big;
    expect(b.status).toBe(201);
    const stored = fx.backend.ctx.db
      .prepare('SELECT count(*) AS n FROM submission WHERE tps = ?')
      .get(fx.devices[0]!.tps) as { n: number };
    expect(stored.n).toBe(2);
  }, 120_000);

  it('a read past its time budget is refused in Bahasa Indonesia and nothing is stored; the receiver answers on', async () => {
    setBundleReadLimits({ timeoutMs: 30 });
    const tps = fx.devices[1]!.tps;
    const r = await postOnce(rx.port, '/v1/bundle', heavy[1]!, { type: 'application/zip', timeoutMs: 60_000 });
    expect(r.status).toBe(400);
    expect(r.body).toContain('bundel tidak selesai dibaca dalam 1 detik');
    const stored = fx.backend.ctx.db.prepare('SELECT count(*) AS n FROM submission WHERE tps = ?').get(tps) as {
      n: number;
    };
    expect(stored.n).toBe(0);
    const hello = await fetch(`http://127.0.0.1:${rx.port}/v1/hello`);
    expect(hello.status).toBe(200);
    // A fresh worker takes the next bundle, within the normal budget.
    setBundleReadLimits({ timeoutMs: BUNDLE_READ_TIMEOUT_MS });
    const again = await postOnce(rx.port, '/v1/bundle', fx.bundleBytes(tps), {
      type: 'application/zip',
      timeoutMs: 60_000,
    });
    expect(again.status).toBe(201);
  }, 120_000);

  it('a bundle file imported from a drive is read in the worker too: the receiver answers meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-bundle-worker-'));
    try {
      const file = join(dir, 'tps.pleno');
      writeFileSync(file, heavyBundle(fx.records, fx.devices[3]!.tps));
      let importDone = false;
      const imported = importPaths(fx.backend.ctx, [file]).then((r) => ((importDone = true), r));
      expect(await readerBusy()).toBe(true);
      const hello = await fetch(`http://127.0.0.1:${rx.port}/v1/hello`);
      expect(hello.status).toBe(200);
      expect(importDone).toBe(false);
      const out = await imported;
      expect(out.map((o) => o.status)).toEqual(['diterima']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
