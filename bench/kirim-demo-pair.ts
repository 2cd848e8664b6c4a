// A demo kecamatan (hampang or the 600-TPS besar preset, both pemilihan, every photo of the demo) with a D.Hasil draft
// issued per pemilihan, and a kab/kota receiver with the PPK key registered: built once as a template folder, then
// copied for each measured run so every run starts from the same outbox and an empty receiver. The starting point
// of bench/kirim.bench.ts; not a benchmark itself.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../electron/main/backend/backend';
import { startPenerimaServer, type PenerimaServer } from '../electron/main/backend/penerima/receiver-server';
import { issueDocument } from '../electron/main/backend/services/documents/documents.service';
import { generateDemo } from '../electron/main/backend/services/demo/demo.service';
import { importItems, type ImportItem } from '../electron/main/backend/services/import/import.service';
import { ppkKeyOrNull } from '../electron/main/backend/services/keys/ppk-key';
import { installPenerima } from '../electron/main/backend/services/kirim/penerima';
import { importMaster } from '../electron/main/backend/services/master/master.service';
import { makeSertifikat } from '../electron/main/backend/services/penerima/sertifikat';
import { initPenerima, registerPpkKey } from '../electron/main/backend/services/penerima/setup.service';
import { startFaultProxy, type FaultProxy } from '../tests/support/fault-proxy';

export interface DemoTemplate {
  dir: string;
  tps: number;
  masterBytes: Uint8Array;
  kpuKeyFile: Uint8Array;
  receiverPublicKey: string;
  /** Seconds spent building it (demo generation, import, issuing, receiver setup). */
  buildSeconds: number;
  close(): void;
}

export interface DemoRun {
  kec: Backend;
  kab: Backend;
  server: PenerimaServer;
  proxy: FaultProxy;
  close(): Promise<void>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

async function buildKecamatan(dbPath: string, preset: 'hampang' | 'besar') {
  const demo = generateDemo({ preset, photos: true });
  const b = await openBackend({ dbPath, mode: 'web' });
  try {
    const m = importMaster(b.ctx, demo.master.bytes);
    if (!m.ok) throw new Error(m.error.message);
    const items: ImportItem[] = [
      ...demo.bundles.map((x): ImportItem => ({ name: x.name, kind: 'bundle', bytes: x.bytes })),
      ...demo.envelopes.map((x): ImportItem => ({ name: x.name, kind: 'envelope', bytes: x.bytes })),
      ...demo.qrTexts.map((q): ImportItem => ({ name: q.files.join('+'), kind: 'qr', texts: q.parts })),
    ];
    await importItems(b.ctx, items);
    for (const pemilihan of demo.master.envelope.payload.pemilihan.map((p) => p.id)) {
      const r = await issueDocument(b.ctx, { kind: 'd-hasil', pemilihan, actor: 'bench' });
      if (!r.ok) throw new Error(`D.Hasil ${pemilihan}: ${r.error.message}`);
    }
    const tps = demo.master.envelope.payload.desa.reduce((n, d) => n + d.tps.length, 0);
    const key = ppkKeyOrNull(b.ctx)!;
    const kpu = { keyId: demo.kpuKey.keyId, privateKey: demo.kpuKey.privateKey };
    return { demo, tps, ppkPublicKey: key.publicKey, kpuKeyFile: utf8(JSON.stringify(kpu)) };
  } finally {
    await b.close();
  }
}

/** Builds the template: the kecamatan database with its outbox, and the receiver database knowing its PPK key. */
export async function buildDemoTemplate(preset: 'hampang' | 'besar'): Promise<DemoTemplate> {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'pleno-kirim-bench-'));
  const k = await buildKecamatan(join(dir, 'kecamatan.db'), preset);
  const kab = await openBackend({ dbPath: join(dir, 'kabkota.db'), mode: 'web' });
  try {
    const init = initPenerima(kab.ctx, [{ name: 'master.json', bytes: k.demo.master.bytes }], 'bench');
    if (!init.ok) throw new Error(init.error.message);
    const kecamatan = k.demo.master.envelope.payload.kecamatan.kode;
    const alasan = 'sidik jari dibandingkan dengan halaman D.Hasil';
    const bound = registerPpkKey(kab.ctx, { kecamatan, publicKey: k.ppkPublicKey, alasan, actor: 'bench' });
    if (!bound.ok) throw new Error(bound.error.message);
    return {
      dir,
      tps: k.tps,
      masterBytes: k.demo.master.bytes,
      kpuKeyFile: k.kpuKeyFile,
      receiverPublicKey: init.value.publicKey,
      buildSeconds: (Date.now() - t0) / 1000,
      close: () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    await kab.close();
  }
}

/** A fresh copy of the template, the receiver served on 127.0.0.1 behind the fault proxy, its certificate installed. */
export async function startDemoRun(t: DemoTemplate): Promise<DemoRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-kirim-run-'));
  cpSync(t.dir, dir, { recursive: true });
  const kec = await openBackend({ dbPath: join(dir, 'kecamatan.db'), mode: 'web' });
  const kab = await openBackend({ dbPath: join(dir, 'kabkota.db'), mode: 'web' });
  const server = await startPenerimaServer(kab.ctx, { port: 0, host: '127.0.0.1' });
  const proxy = await startFaultProxy(server.url);
  const cert = makeSertifikat({
    kpuKeyFile: t.kpuKeyFile,
    master: t.masterBytes,
    publicKey: t.receiverPublicKey,
    url: proxy.url,
    now: new Date('2024-11-30T08:00:00Z'),
  });
  if (!cert.ok) throw new Error(cert.error.message);
  const installed = installPenerima(kec.ctx, JSON.parse(cert.value.text), 'bench');
  if (!installed.ok) throw new Error(installed.error.message);
  return {
    kec,
    kab,
    server,
    proxy,
    async close() {
      await proxy.close();
      await server.close();
      await kab.close();
      await kec.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
