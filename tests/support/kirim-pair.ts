// A kecamatan and its kab/kota receiver, both real Pleno, over real HTTP on 127.0.0.1 with the fault-injecting proxy
// between them: the kecamatan database (imported TPS bundles), the receiver database (its master, the PPK key
// registered), the §4 receiver server, and the receiver certificate installed at the kecamatan naming the proxy.
// For tests and benchmarks of the push (docs/kirim.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../shared/domain/result';
import { openBackend, type Backend } from '../../electron/main/backend/backend';
import { signPayload } from '../../electron/main/backend/crypto';
import { createKecamatanFixture, type KecamatanFixture } from './records';
import { startPenerimaServer, type PenerimaServer } from '../../electron/main/backend/penerima/receiver-server';
import { installPenerima } from '../../electron/main/backend/services/kirim/penerima';
import { makeSertifikat } from '../../electron/main/backend/services/penerima/sertifikat';
import {
  initPenerima,
  installSertifikat,
  registerPpkKey,
} from '../../electron/main/backend/services/penerima/setup.service';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

export interface KirimPair {
  /** Folder holding both databases (removed by close). */
  dir: string;
  fx: KecamatanFixture;
  kab: Backend;
  server: PenerimaServer;
  proxy: FaultProxy;
  close(): Promise<void>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export async function startKirimPair(opts: { desa?: number; tpsPerDesa?: number } = {}): Promise<KirimPair> {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-pair-'));
  const fx = await createKecamatanFixture({ desa: opts.desa ?? 1, tpsPerDesa: opts.tpsPerDesa ?? 2, dir });
  const imported = (await fx.backend.dispatch('import.files', {
    files: fx.devices.map((d) => ({
      name: `${d.tps}.pleno`,
      contentBase64: Buffer.from(fx.bundleBytes(d.tps)).toString('base64'),
    })),
  })) as Result<unknown>;
  if (!imported.ok) throw new Error('kirim-pair: import failed');
  const kab = await openBackend({ dbPath: join(dir, 'kabkota.db'), mode: 'web' });
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
  if (!bound.ok) throw new Error(bound.error.message);
  const server = await startPenerimaServer(kab.ctx, { port: 0, host: '127.0.0.1' });
  const proxy = await startFaultProxy(server.url);
  const cert = makeSertifikat({
    kpuKeyFile: utf8(JSON.stringify({ keyId: fx.kpu.fingerprint, privateKey: fx.kpu.privateKey })),
    master: utf8(masterText),
    publicKey: init.value.publicKey,
    url: proxy.url,
    now: new Date('2024-11-30T08:00:00Z'),
  });
  if (!cert.ok) throw new Error(cert.error.message);
  const pasang = installSertifikat(kab.ctx, utf8(cert.value.text), 'uji'); // GET /v1/hello answers with it
  if (!pasang.ok) throw new Error(pasang.error.message);
  const installed = installPenerima(fx.backend.ctx, JSON.parse(cert.value.text), 'uji');
  if (!installed.ok) throw new Error(installed.error.message);
  return {
    dir,
    fx,
    kab,
    server,
    proxy,
    async close() {
      await proxy.close();
      await server.close();
      await kab.close();
      await fx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
