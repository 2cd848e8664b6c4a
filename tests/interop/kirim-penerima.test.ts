// Pleno's own sender (issue 11) against Pleno's own receiver (issue 12) over real HTTP on 127.0.0.1, through the
// fault-injecting proxy: each side was written from docs/design.md §4 and tested against a minimal independent
// peer; here they meet. A kecamatan database issues its D.Hasil, pushes it, and the kab/kota recap shows the very
// totals of the kecamatan's own recap.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/domain/result';
import { openBackend, type Backend } from '../../electron/main/backend/backend';
import { signPayload } from '../../electron/main/backend/crypto';
import { createKecamatanFixture, type KecamatanFixture } from '../support/records';
import { startPenerimaServer, type PenerimaServer } from '../../electron/main/backend/penerima/receiver-server';
import { verifyAudit } from '../../electron/main/backend/repositories/audit.repo';
import { issueOk } from '../support/issue-document';
import { installPenerima } from '../../electron/main/backend/services/kirim/penerima';
import { kirimOutbox, outcomeLine } from '../../electron/main/backend/services/kirim/sender';
import { penerimaRecap } from '../../electron/main/backend/services/penerima/recap.service';
import { makeSertifikat } from '../../electron/main/backend/services/penerima/sertifikat';
import { initPenerima, registerPpkKey } from '../../electron/main/backend/services/penerima/setup.service';
import { recap } from '../../electron/main/backend/services/recap/recap.service';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';

const utf8 = (s: string) => new TextEncoder().encode(s);
let fx: KecamatanFixture;
let kab: Backend;
let server: PenerimaServer;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 2 });
  const imported = (await fx.backend.dispatch('import.files', {
    files: fx.devices.map((d) => ({
      name: `${d.tps}.pleno`,
      contentBase64: Buffer.from(fx.bundleBytes(d.tps)).toString('base64'),
    })),
  })) as Result<unknown>;
  expect(imported.ok).toBe(true);

  dir = mkdtempSync(join(tmpdir(), 'pleno-interop-'));
  kab = await openBackend({ dbPath: join(dir, 'kotabaru.db'), mode: 'web' });
  const masterText = JSON.stringify(
    signPayload(fx.master, fx.kpu.privateKey, fx.kpu.fingerprint, { includePublicKey: true }),
  );
  const init = initPenerima(kab.ctx, [{ name: 'master.json', bytes: utf8(masterText) }], 'uji');
  if (!init.ok) throw new Error(init.error.message);
  const ppk = fx.backend.ctx.db.prepare('SELECT public_key FROM ppk_key').get() as { public_key: string };
  const bound = registerPpkKey(kab.ctx, {
    kecamatan: fx.master.kecamatan.kode,
    publicKey: ppk.public_key,
    alasan: 'sidik jari dibandingkan dengan halaman D.Hasil',
    actor: 'uji',
  });
  expect(bound.ok).toBe(true);
  server = await startPenerimaServer(kab.ctx, { port: 0, host: '127.0.0.1' });
  proxy = await startFaultProxy(server.url);
  const cert = makeSertifikat({
    kpuKeyFile: utf8(JSON.stringify({ keyId: fx.kpu.fingerprint, privateKey: fx.kpu.privateKey })),
    master: utf8(masterText),
    publicKey: init.value.publicKey,
    url: proxy.url,
    now: new Date('2024-11-30T08:00:00Z'),
  });
  if (!cert.ok) throw new Error(cert.error.message);
  const installed = installPenerima(fx.backend.ctx, JSON.parse(cert.value.text), 'uji');
  if (!installed.ok) throw new Error(installed.error.message);
});

afterAll(async () => {
  await proxy?.close();
  await server?.close();
  await kab?.close();
  await fx?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kirim → penerima', () => {
  it('delivers a D.Hasil with its sources through a broken upload; the kab/kota recap holds the kecamatan totals', async () => {
    await issueOk(fx.backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    proxy.plan.dropAfterBytes = { path: /\/v1\/berkas\//, method: 'PATCH', bytes: 8 * 1024, times: 1 };
    const pushed = await kirimOutbox(fx.backend.ctx, {
      batasMs: 30_000,
      baseDelayMs: 50,
      maxDelayMs: 400,
      chunkSize: 16 * 1024,
    });
    expect(pushed.ok && pushed.value.map(outcomeLine)).toEqual([
      `${fx.master.kecamatan.kode} bupati urutan 1: lengkap`,
    ]);
    expect(proxy.stats.faultsApplied).toBe(1);

    const kabRecap = penerimaRecap(kab.ctx.db)!;
    const bupati = kabRecap.pemilihan.find((p) => p.id === 'bupati')!;
    expect(bupati.daftar.map((d) => [d.kode, d.status, d.urutan])).toEqual([[fx.master.kecamatan.kode, 'draf', 1]]);
    const own = recap(fx.backend.ctx, 'bupati');
    const ownTotal = (own as { pemilihan: { id: string; total: unknown }[] }).pemilihan.find(
      (p) => p.id === 'bupati',
    )!.total;
    expect(bupati.daftar[0]!.total).toEqual(ownTotal);
    expect(verifyAudit(kab.ctx.db).ok).toBe(true);
    expect(verifyAudit(fx.backend.ctx.db).ok).toBe(true);
  }, 60_000);
});
