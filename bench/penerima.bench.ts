// `npm run bench penerima`: the kab/kota receiver under the load of issue 12 — the 22 kecamatan of the kotabaru demo
// (one TPS per desa, 202 TPS, every photo: 3 lembar per TPS and pemilihan), each pushing bupati (final) and gubernur
// (draft) at once over loopback into ONE `pleno penerima serve` process, through Pleno's own sender module (two requests at a time per kecamatan,
// docs/design.md §4.5). Printed: manifests committed (each exactly once, each with one lengkap receipt that verifies
// under the receiver's certificate key, at the receiver and at the kecamatan), total time, and the receiver's peak
// RSS (VmHWM of its process, plus the highest VmRSS sampled every 50 ms; aim < 300 MB). Reference measured in the
// same run: one kecamatan pushing alone into its own fresh receiver process. Every wait is bounded.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openBackend } from '../electron/main/backend/backend';
import { nodeCrypto } from '../electron/main/backend/crypto';
import { latestTandaTerima, listManifests } from '../electron/main/backend/repositories/kirim.repo';
import { KOTABARU_KECAMATAN } from '../electron/main/backend/services/demo/kotabaru-wilayah';
import { writeKotabaruDemo } from '../electron/main/backend/services/demo/kotabaru-demo';
import { kirimOutbox } from '../electron/main/backend/services/kirim/sender';
import type { SignedEnvelope } from '../shared/domain/model';
import { verifyTandaTerima, type KirimManifest } from '../shared/formats/kirim';
import * as client from '../tests/support/mini-kirim-client';
import {
  auditVerify,
  freePort,
  makeReceiverDb,
  startReceiverProcess,
  stopGently,
} from '../tests/support/penerima-process';
import { makeKecamatan, makePush } from '../tests/support/push-fixture';

process.setMaxListeners(64); // 22 kecamatan databases open at once, each with its exit hook
const LIMIT_MS = 15 * 60_000;
/** PLENO_BENCH_PENERIMA_FOTO=satu: one small sheet per TPS (quicker); default: 3 large lembar per pemilihan as on the form. */
const FULL = process.env.PLENO_BENCH_PENERIMA_FOTO !== 'satu';
const ALL_FINAL = Object.fromEntries(KOTABARU_KECAMATAN.map(([kode]) => [kode, 'final' as const]));

function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

interface Receiver {
  sampledPeakKb: number;
  idleKb: number;
  stop(): Promise<number>;
}

/** `pleno penerima serve` as its own process, its RSS sampled every 50 ms; stop() returns VmHWM (kB) before SIGTERM. */
async function startReceiver(dbPath: string, port: number): Promise<Receiver> {
  const p = await startReceiverProcess(dbPath, port);
  const pid = p.child.pid!;
  const rx: Receiver = { sampledPeakKb: 0, idleKb: procKb(pid, 'VmRSS'), stop: async () => 0 };
  const timer = setInterval(() => (rx.sampledPeakKb = Math.max(rx.sampledPeakKb, procKb(pid, 'VmRSS'))), 50);
  rx.stop = async () => {
    clearInterval(timer);
    const hwm = procKb(pid, 'VmHWM');
    await stopGently(p);
    return hwm;
  };
  return rx;
}

interface PushFigures {
  ms: number;
  manifests: number;
  kecamatanReceipts: number;
  bytes: number;
}

/** Every kecamatan database of `dir` pushes its whole outbox at once, each through its own sender run. */
async function pushAll(dir: string, kodes: string[]): Promise<PushFigures> {
  const backends = await Promise.all(
    kodes.map((k) => openBackend({ dbPath: join(dir, 'kecamatan', `${k}.db`), mode: 'web' })),
  );
  try {
    let bytes = 0;
    for (const b of backends)
      for (const row of listManifests(b.ctx.db)) {
        const m = (JSON.parse(row.envelopeJson) as SignedEnvelope<KirimManifest>).payload;
        bytes += m.objek.reduce((n, o) => n + o.ukuran, 0) + m.berkas.reduce((n, x) => n + x.ukuran, 0);
      }
    const t0 = performance.now();
    const runs = await Promise.all(
      backends.map((b) => kirimOutbox(b.ctx, { batasMs: LIMIT_MS, baseDelayMs: 200, maxDelayMs: 5_000 })),
    );
    const ms = performance.now() - t0;
    let manifests = 0;
    let kecamatanReceipts = 0;
    runs.forEach((r, i) => {
      if (!r.ok) throw new Error(`${kodes[i]}: ${r.error.message}`);
      for (const o of r.value) {
        manifests++;
        if (o.status !== 'lengkap') throw new Error(`${kodes[i]} ${o.pemilihan} ${o.urutan}: ${o.status} ${o.reason}`);
        if (latestTandaTerima(backends[i]!.ctx.db, o.manifest)?.status === 'lengkap') kecamatanReceipts++;
      }
    });
    return { ms, manifests, kecamatanReceipts, bytes };
  } finally {
    await Promise.all(backends.map((b) => b.close()));
  }
}

/** At the receiver, after it stopped: each manifest once, one lengkap receipt each, verified under its own key. */
function receiverCheck(dbPath: string): { manifests: number; chains: number; lengkap: number; verified: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const key = (db.prepare('SELECT public_key AS k FROM penerima').get() as { k: string }).k;
    const rows = db.prepare('SELECT address, envelope_json AS e FROM penerima_manifest').all() as {
      address: string;
      e: string;
    }[];
    const chains = (
      db.prepare('SELECT count(DISTINCT kecamatan || pemilihan || urutan) AS n FROM penerima_manifest').get() as {
        n: number;
      }
    ).n;
    let lengkap = 0;
    let verified = 0;
    for (const row of rows) {
      const receipts = db
        .prepare("SELECT receipt_json AS r FROM penerima_tanda_terima WHERE manifest = ? AND status = 'lengkap'")
        .all(row.address) as { r: string }[];
      if (receipts.length === 1) lengkap++;
      if (receipts.length === 0) continue;
      const payload = (JSON.parse(row.e) as SignedEnvelope<KirimManifest>).payload;
      const v = verifyTandaTerima(JSON.parse(receipts[0]!.r), key, { address: row.address, payload }, nodeCrypto);
      if (v.ok) verified++;
    }
    return { manifests: rows.length, chains, lengkap, verified };
  } finally {
    db.close();
  }
}

async function scenario(label: string, limit: number, fullPhotos: boolean) {
  const dir = mkdtempSync(join(tmpdir(), `pleno-bench-penerima-${label}-`));
  try {
    const port = await freePort();
    const t0 = performance.now();
    const demo = await writeKotabaruDemo({ dir, url: `http://127.0.0.1:${port}`, peran: ALL_FINAL, limit, fullPhotos });
    const buildS = (performance.now() - t0) / 1000;
    const kodes = demo.kecamatan.map((k) => k.kode);
    const rx = await startReceiver(join(dir, 'penerima.db'), port);
    const push = await pushAll(dir, kodes);
    const hwmKb = await rx.stop();
    const audit = auditVerify(join(dir, 'penerima.db'));
    return {
      label,
      kecamatan: kodes.length,
      tps: demo.kecamatan.reduce((n, k) => n + k.tps, 0),
      buildS,
      ...push,
      rx: { idleMb: rx.idleKb / 1024, sampledMb: rx.sampledPeakKb / 1024, hwmMb: hwmKb / 1024 },
      check: receiverCheck(join(dir, 'penerima.db')),
      audit: `exit ${audit.status}: ${audit.out.trim().split('\n').at(-1)}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 22 pushes at once, each with one photo of `mb` MiB (hand-built, tests/support/push-fixture.ts; minimal client). */
async function bigPhotos(mb: number, n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-bench-penerima-besar-'));
  try {
    const kpu = makeKecamatan().kpu;
    const ks = KOTABARU_KECAMATAN.slice(0, n).map(([kode]) => makeKecamatan(kpu, kode));
    await makeReceiverDb(join(dir, 'kab.db'), ks);
    const rx = await startReceiverProcess(join(dir, 'kab.db'), await freePort());
    const sampler = sampleRss(rx.child.pid!);
    const t0 = performance.now();
    const statuses = await Promise.all(
      ks.map(async (k) => {
        const p = makePush(k, { photoBytes: mb * 1024 * 1024 });
        await client.postManifest(rx.base, p.envelope);
        for (const [sha, env] of p.objek) await client.putObjek(rx.base, sha, env);
        for (const [sha, bytes] of p.berkas) await client.uploadBlob(rx.base, sha, bytes, 256 * 1024);
        const done = await client.commit(rx.base, p.address);
        return (done.json as { payload?: { status?: string } } | null)?.payload?.status ?? `HTTP ${done.status}`;
      }),
    );
    const ms = performance.now() - t0;
    const hwm = procKb(rx.child.pid!, 'VmHWM');
    const idle = sampler.stop();
    await stopGently(rx);
    return { n, mb, ms, lengkap: statuses.filter((s) => s === 'lengkap').length, hwmMb: hwm / 1024, ...idle };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sampleRss(pid: number): { stop(): { idleMb: number; sampledMb: number } } {
  const idle = procKb(pid, 'VmRSS');
  let peak = idle;
  const t = setInterval(() => (peak = Math.max(peak, procKb(pid, 'VmRSS'))), 50);
  return {
    stop: () => {
      clearInterval(t);
      return { idleMb: idle / 1024, sampledMb: peak / 1024 };
    },
  };
}

const big = await bigPhotos(8, KOTABARU_KECAMATAN.length);
const ref = await scenario('sendiri', 1, FULL);
const load = await scenario('semua', KOTABARU_KECAMATAN.length, FULL);
const mb = (n: number) => `${n.toFixed(0)} MB`;
for (const s of [ref, load]) {
  console.log(
    `penerima ${s.label === 'sendiri' ? 'reference, 1 kecamatan alone' : `load, ${s.kecamatan} kecamatan at once`}: ` +
      `${s.tps} TPS, ${s.manifests} manifests, ${(s.bytes / 1e6).toFixed(1)} MB of objects + blobs ` +
      `(${FULL ? '3 lembar' : '1 small sheet'} per TPS and pemilihan; demo built in ${s.buildS.toFixed(0)} s)`,
  );
  console.log(
    `  committed: ${s.check.manifests} manifests at the receiver, ${s.check.chains} distinct (kecamatan, pemilihan, urutan), ` +
      `${s.check.lengkap} with exactly one lengkap receipt, ${s.check.verified} receipts verified under the certificate key; ` +
      `${s.kecamatanReceipts}/${s.manifests} receipts held (verified) at the kecamatan`,
  );
  console.log(
    `  time: ${(s.ms / 1000).toFixed(1)} s until every manifest lengkap; receiver RSS idle ${mb(s.rx.idleMb)}, ` +
      `peak ${mb(s.rx.hwmMb)} (VmHWM; highest 50 ms sample ${mb(s.rx.sampledMb)}; aim < 300 MB); audit verify ${s.audit}`,
  );
}
console.log(
  `penerima large photos, ${big.n} pushes at once each with one ${big.mb} MiB photo (tus, 256 KiB chunks): ` +
    `${big.lengkap}/${big.n} lengkap in ${(big.ms / 1000).toFixed(1)} s; receiver RSS idle ${mb(big.idleMb)}, ` +
    `peak ${mb(big.hwmMb)} (VmHWM; highest 50 ms sample ${mb(big.sampledMb)}) for ${big.n * big.mb} MiB of blobs`,
);
if (load.check.lengkap !== load.manifests || load.check.verified !== load.manifests)
  throw new Error('not every manifest was committed exactly once with a verified receipt');
