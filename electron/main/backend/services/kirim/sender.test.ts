// The push client over real HTTP on 127.0.0.1: a real kecamatan database (imported bundles, issued documents), the
// fault-injecting proxy, and a minimal §4 receiver written from the text (tests/support/mini-receiver.ts).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import { signPayload } from '../../crypto';
import { issueOk } from '../../../../../tests/support/issue-document';
import { installPenerima } from './penerima';
import { kirimOutbox, outcomeLine } from './sender';
import { listManifests, listTandaTerima } from '../../repositories/kirim.repo';
import { verifyAudit } from '../../repositories/audit.repo';
import { startMiniReceiver, type MiniReceiver } from '../../../../../tests/support/mini-receiver';
import { startFaultProxy, type FaultProxy } from '../../../../../tests/support/fault-proxy';
import type { Result } from '../../../../../shared/domain/result';
import type { SignedEnvelope } from '../../../../../shared/domain/model';
import type { KirimManifest } from '../../../../../shared/formats/kirim';

const FAST = { baseDelayMs: 50, maxDelayMs: 400, chunkSize: 16 * 1024 };

interface Setup {
  fx: KecamatanFixture;
  receiver: MiniReceiver;
  proxy: FaultProxy;
  recvDir: string;
  key: { publicKey: string; privateKey: string; fingerprint: string };
}
const open: Setup[] = [];

async function setup(): Promise<Setup> {
  const fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 2 });
  const r = (await fx.backend.dispatch('import.files', {
    files: fx.devices.map((d) => ({
      name: `${d.tps}.pleno`,
      contentBase64: Buffer.from(fx.bundleBytes(d.tps)).toString('base64'),
    })),
  })) as Result<unknown>;
  expect(r.ok).toBe(true);
  const recvDir = mkdtempSync(path.join(tmpdir(), 'pleno-recv-'));
  const { generateKeyPair } = await import('../../crypto');
  const key = generateKeyPair();
  const ppk = fx.backend.ctx.db.prepare('SELECT public_key FROM ppk_key').get() as { public_key: string };
  const receiver = await startMiniReceiver({ dir: recvDir, ppkKey: ppk.public_key, kecamatan: '630214', key });
  const proxy = await startFaultProxy(receiver.url);
  const cert = signPayload(
    {
      format: 'pleno.penerima/1',
      kabkota: { kode: '6302', nama: 'Kotabaru' },
      url: proxy.url,
      publicKey: receiver.publicKey,
      dibuat: '2024-11-30T08:00:00Z',
    },
    fx.kpu.privateKey,
    fx.kpu.fingerprint,
    { includePublicKey: true },
  );
  expect(installPenerima(fx.backend.ctx, cert, 'uji').ok).toBe(true);
  const s = { fx, receiver, proxy, recvDir, key };
  open.push(s);
  return s;
}

afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.proxy.close();
    await s.receiver.close();
    await s.fx.close();
    rmSync(s.recvDir, { recursive: true, force: true });
  }
});

const issue = (s: Setup, kind: 'd-hasil' | 'kejadian-khusus', pemilihan = 'bupati') =>
  issueOk(s.fx.backend.ctx, { kind, pemilihan, actor: 'uji' });

const pdfOf = (s: Setup) => manifests(s)[0]!.berkas.find((b) => b.jenis === 'pdf')!.sha256;

const manifests = (s: Setup) =>
  listManifests(s.fx.backend.ctx.db).map((m) => (JSON.parse(m.envelopeJson) as SignedEnvelope<KirimManifest>).payload);

describe('kirim outbox', () => {
  it('issuing a document writes the frozen push in the same command; the next one is urutan + 1 naming it', async () => {
    const s = await setup();
    await issue(s, 'd-hasil');
    const [m1] = manifests(s);
    expect(m1!.urutan).toBe(1);
    expect(m1!.sebelumnya).toBeNull();
    expect(m1!.objek.map((o) => o.jenis).sort()).toEqual(['c-hasil', 'c-hasil', 'd-hasil']);
    expect(m1!.berkas.filter((b) => b.jenis === 'pdf')).toHaveLength(1);
    expect(m1!.berkas.filter((b) => b.jenis === 'foto')).toHaveLength(2);
    await issue(s, 'kejadian-khusus');
    const rows = listManifests(s.fx.backend.ctx.db);
    const m2 = manifests(s)[1]!;
    expect(m2.urutan).toBe(2);
    expect(m2.sebelumnya).toBe(rows[0]!.sha256);
    // The latest D.Hasil is carried forward beside the new D.Kejadian, with both PDFs and the same C.Hasil.
    expect(m2.objek.map((o) => o.jenis).sort()).toEqual(['c-hasil', 'c-hasil', 'd-hasil', 'kejadian-khusus']);
    expect(m2.berkas.filter((b) => b.jenis === 'pdf')).toHaveLength(2);
    expect(verifyAudit(s.fx.backend.ctx.db).ok).toBe(true);
  }, 60_000);
});

describe('kirim sender over real HTTP', () => {
  it('delivers numbers, PDFs and photos; a second push of the same outbox is the same single delivery', async () => {
    const s = await setup();
    await issue(s, 'd-hasil');
    const r = await kirimOutbox(s.fx.backend.ctx, { batasMs: 20_000, ...FAST });
    expect(r.ok && r.value.map(outcomeLine)).toEqual(['630214 bupati urutan 1: lengkap']);
    const receipts = listTandaTerima(s.fx.backend.ctx.db);
    expect(receipts.at(-1)!.status).toBe('lengkap');
    const again = await kirimOutbox(s.fx.backend.ctx, { batasMs: 5_000, ...FAST });
    expect(again.ok && again.value[0]!.status).toBe('lengkap');
    expect(Object.keys(s.receiver.state().manifests)).toHaveLength(1);
    // numbers committed (menunggu-berkas) first, then upgraded to lengkap: two commits, no more
    expect(s.receiver.state().commits).toBe(2);
    expect(listTandaTerima(s.fx.backend.ctx.db).map((t) => t.status)).toEqual(['menunggu-berkas', 'lengkap']);
    expect(verifyAudit(s.fx.backend.ctx.db).ok).toBe(true);
  }, 60_000);

  it('a 200 without a receipt is not delivery and is retried', async () => {
    const s = await setup();
    await issue(s, 'd-hasil');
    s.proxy.plan.replaceAnswer = { path: /\/selesai$/, status: 200, body: '{}', times: 2 };
    const r = await kirimOutbox(s.fx.backend.ctx, { batasMs: 20_000, ...FAST });
    expect(r.ok && r.value[0]!.status).toBe('lengkap');
    expect(s.proxy.stats.faultsApplied).toBe(2);
    const none = await (async () => {
      const t = await setup();
      await issue(t, 'd-hasil');
      t.proxy.plan.replaceAnswer = { path: /\/selesai$/, status: 200, body: '{}' };
      return kirimOutbox(t.fx.backend.ctx, { batasMs: 1_500, ...FAST });
    })();
    expect(none.ok && outcomeLine(none.value[0]!)).toMatch(
      /^630214 bupati urutan 1: belum terkirim: jawaban tanpa tanda terima/,
    );
  }, 60_000);

  it('a blob upload broken mid-way resumes from the held offset (at most one chunk re-sent)', async () => {
    const clean = await setup();
    await issue(clean, 'd-hasil');
    expect((await kirimOutbox(clean.fx.backend.ctx, { batasMs: 20_000, ...FAST })).ok).toBe(true);
    const broken = await setup();
    await issue(broken, 'd-hasil');
    broken.proxy.plan.dropAfterBytes = { path: /^\/v1\/berkas\//, method: 'PATCH', bytes: 5_000, times: 3 };
    const r = await kirimOutbox(broken.fx.backend.ctx, { batasMs: 20_000, ...FAST });
    expect(r.ok && r.value[0]!.status).toBe('lengkap');
    expect(broken.proxy.stats.faultsApplied).toBe(3);
    const manifestGz = gzipSync(listManifests(broken.fx.backend.ctx.db)[0]!.envelopeJson).length;
    const extra = broken.proxy.stats.bodyBytesUp - clean.proxy.stats.bodyBytesUp;
    // each break loses at most the chunk in flight; each round also re-posts the manifest
    expect(extra).toBeLessThanOrEqual(3 * (5_000 + manifestGz));
    expect(extra).toBeGreaterThan(0);
  }, 90_000);

  it('a request that never gets an answer (dead link) is abandoned after the timeout and retried', async () => {
    const s = await setup();
    await issue(s, 'd-hasil');
    s.proxy.plan.hang = { path: /^\/v1\/berkas\//, method: 'PATCH', times: 1 };
    const started = Date.now();
    const r = await kirimOutbox(s.fx.backend.ctx, { batasMs: 20_000, ...FAST, timeoutMs: 500 });
    expect(r.ok && r.value.map(outcomeLine)).toEqual(['630214 bupati urutan 1: lengkap']);
    expect(s.proxy.stats.faultsApplied).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    s.proxy.plan.hang = { path: /^\/v1\/kirim$/, times: 1 };
    await issue(s, 'kejadian-khusus');
    const again = await kirimOutbox(s.fx.backend.ctx, { batasMs: 20_000, ...FAST, timeoutMs: 500 });
    expect(again.ok && again.value.map((o) => o.status)).toEqual(['lengkap', 'lengkap']);
    expect(s.proxy.stats.faultsApplied).toBe(2);
  }, 60_000);

  it('photos wait while not allowed: numbers and PDFs go, the manifest stays menunggu-berkas', async () => {
    const s = await setup();
    await issue(s, 'd-hasil');
    const events: string[] = [];
    const r = await kirimOutbox(s.fx.backend.ctx, {
      batasMs: 20_000,
      ...FAST,
      foto: false,
      onEvent: (e) => events.push(e.stage),
    });
    expect(r.ok && r.value.map(outcomeLine)).toEqual(['630214 bupati urutan 1: menunggu-berkas']);
    expect(s.proxy.stats.byRoute.get('PATCH /v1/berkas/' + pdfOf(s))).toBeGreaterThan(0);
    const photos = manifests(s)[0]!.berkas.filter((b) => b.jenis === 'foto');
    expect(photos.length).toBeGreaterThan(0);
    for (const p of photos) expect(s.proxy.stats.byRoute.get(`PATCH /v1/berkas/${p.sha256}`)).toBeUndefined();
    expect(events).toContain('selesai');
    const later = await kirimOutbox(s.fx.backend.ctx, { batasMs: 20_000, ...FAST });
    expect(later.ok && later.value.map(outcomeLine)).toEqual(['630214 bupati urutan 1: lengkap']);
  }, 60_000);

  it('a receiver restarted mid-commit ends with exactly one committed manifest', async () => {
    const s = await setup();
    await issue(s, 'd-hasil');
    s.proxy.plan.resetAfterForward = { path: /\/selesai$/, times: 1 };
    const first = await kirimOutbox(s.fx.backend.ctx, { batasMs: 0, ...FAST });
    expect(first.ok && first.value[0]!.status).toBe('belum');
    await s.receiver.close();
    s.receiver = await startMiniReceiver({
      dir: s.recvDir,
      ppkKey: s.receiver.state()
        ? (s.fx.backend.ctx.db.prepare('SELECT public_key FROM ppk_key').get() as { public_key: string }).public_key
        : '',
      kecamatan: '630214',
      key: s.key,
      port: s.receiver.port,
    });
    const r = await kirimOutbox(s.fx.backend.ctx, { batasMs: 20_000, ...FAST });
    expect(r.ok && r.value[0]!.status).toBe('lengkap');
    const st = s.receiver.state();
    expect(Object.values(st.manifests).filter((m) => m.receipt !== null)).toHaveLength(1);
    expect(st.last['630214/bupati']!.urutan).toBe(1);
  }, 60_000);

  it('a second document issued while the first is still sending becomes urutan + 1 and follows it', async () => {
    const s = await setup();
    await issue(s, 'd-hasil');
    s.proxy.plan.latencyMs = 150;
    const sending = kirimOutbox(s.fx.backend.ctx, { batasMs: 30_000, ...FAST });
    await issue(s, 'kejadian-khusus');
    await sending;
    const r = await kirimOutbox(s.fx.backend.ctx, { batasMs: 30_000, ...FAST });
    expect(r.ok && r.value.map(outcomeLine)).toEqual([
      '630214 bupati urutan 1: lengkap',
      '630214 bupati urutan 2: lengkap',
    ]);
    const rows = listManifests(s.fx.backend.ctx.db);
    expect(s.receiver.state().last['630214/bupati']).toEqual({ urutan: 2, manifest: rows[1]!.sha256 });
  }, 90_000);

  it('exports an upload bundle per manifest without a receipt, and imports a receipt carried back', async () => {
    const s = await setup();
    await issue(s, 'd-hasil');
    const out = mkdtempSync(path.join(tmpdir(), 'pleno-drive-'));
    const { exportBundles, importReceiptFile } = await import('./bundle');
    const e = exportBundles(s.fx.backend.ctx, out);
    expect(e.ok && e.value).toEqual(['630214-bupati-1.pleno-kirim']);
    expect(readdirSync(out)).toEqual(['630214-bupati-1.pleno-kirim']);
    // the receiver's answer, as it would be carried back: push online to get one, then import it on a copy
    const r = await kirimOutbox(s.fx.backend.ctx, { batasMs: 20_000, ...FAST });
    expect(r.ok).toBe(true);
    const receipt = listTandaTerima(s.fx.backend.ctx.db).at(-1)!.envelopeJson;
    const file = path.join(out, 'tt.json');
    writeFileSync(file, receipt);
    const again = importReceiptFile(s.fx.backend.ctx, Buffer.from(receipt));
    expect(again.ok).toBe(true);
    const bad = importReceiptFile(s.fx.backend.ctx, Buffer.from(receipt.replace('lengkap', 'menunggu-berkas')));
    expect(bad.ok).toBe(false);
    rmSync(out, { recursive: true, force: true });
  }, 60_000);
});
