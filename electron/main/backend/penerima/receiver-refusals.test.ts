// The refusals of docs/design.md §4.3 that receiver.test.ts does not cover, each with its exact answer and nothing
// stored (no row in the push tables, no file in the blob folder): over real HTTP on 127.0.0.1, pushes built by hand
// (tests/support/push-fixture.ts), JSON by the minimal client written from the text, blobs by a real tus client
// (tus-js-client) and by raw tus requests. Also the 503 of a receiver whose database is read-only.
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from '../../../../tests/support/mini-kirim-client';
import { keyed, makeKecamatan, makePush, type Kecamatan, type Push } from '../../../../tests/support/push-fixture';
import { makeReceiverDb } from '../../../../tests/support/penerima-process';
import { sampleRecord } from '../../../../tests/support/format-samples';
import { envelopeAddress, envelopeSize, type KirimManifest } from '../../../../shared/formats/kirim';
import { openBackend, type Backend } from '../backend';
import { generateKeyPair, nodeCrypto, signPayload } from '../crypto';
import { ok } from '../../../../shared/domain/result';
import { runCommand } from '../db/command';
import { insertPpkBinding, listUnknownKeys } from '../repositories/penerima.repo';
import { initPenerima, registerPpkKey } from '../services/penerima/setup.service';
import { berkasDir } from '../services/penerima/berkas-store';
import { startPenerimaServer, type PenerimaServer } from './receiver-server';

const utf8 = (s: string) => new TextEncoder().encode(s);
let dir: string;
let backend: Backend;
let server: PenerimaServer;
let base: string;
const kpu = generateKeyPair();
const ks = ['630201', '630202', '630203', '630204', '630205', '630206'].map((k) => makeKecamatan(kpu, k));
const [a, b, c, d, e, f] = ks as [Kecamatan, Kecamatan, Kecamatan, Kecamatan, Kecamatan, Kecamatan];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-penerima-tolak-'));
  await makeReceiverDb(join(dir, 'kab.db'), ks);
  backend = await openBackend({ dbPath: join(dir, 'kab.db'), mode: 'web' });
  server = await startPenerimaServer(backend.ctx, { port: 0, host: '127.0.0.1' });
  base = server.url;
});

afterAll(async () => {
  await server?.close();
  await backend?.close();
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** Everything a push could leave: rows of the push tables, unknown keys listed, files in the blob folder. */
function stored(bk: Backend = backend): number[] {
  const n = (t: string) => (bk.ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const tables = ['penerima_manifest', 'penerima_objek', 'penerima_berkas', 'penerima_tanda_terima', 'audit'];
  return [...tables.map(n), readdirSync(berkasDir(bk.ctx)).length];
}

/** The push re-listed after `edit` changed its objects, re-signed by the kecamatan's PPK key. */
function relisted(k: Kecamatan, p: Push, objek: Map<string, unknown>, jenis: (env: unknown) => string): Push {
  const manifest: KirimManifest = {
    ...p.manifest,
    objek: [...objek].map(([sha256, env]) => ({
      sha256,
      jenis: jenis(env) as KirimManifest['objek'][number]['jenis'],
      ukuran: envelopeSize(env),
    })),
  };
  const envelope = keyed(manifest, k.ppk);
  return { ...p, manifest, envelope, address: envelopeAddress(envelope, nodeCrypto), objek };
}

async function take(p: Push): Promise<void> {
  expect((await client.postManifest(base, p.envelope)).status).toBe(200);
}

describe('POST /v1/kirim', () => {
  it('401 for a bad signature names the keyId; nothing stored', async () => {
    const p = makePush(a);
    const before = stored();
    const forged = { ...p.envelope, payload: { ...p.manifest, urutan: 7 } };
    const r = await client.postManifest(base, forged);
    expect([r.status, (r.json as { keyId: string }).keyId]).toEqual([401, a.ppk.fingerprint]);
    expect((r.json as { masalah: string[] }).masalah[0]).toMatch(/Tanda tangan manifest tidak sah/);
    expect(stored()).toEqual(before);
  });

  it('403 for a kecamatan not in the masters (registered key); 401 first when the key is unknown too', async () => {
    const p = makePush(a);
    const before = stored();
    const outside = await client.postManifest(base, keyed({ ...p.manifest, kecamatan: '639901' }, a.ppk));
    expect(outside.status).toBe(403);
    expect((outside.json as { masalah: string[] }).masalah[0]).toMatch(/tidak termasuk kab\/kota/);
    const stranger = generateKeyPair();
    const both = await client.postManifest(base, keyed({ ...p.manifest, kecamatan: '639901' }, stranger));
    expect([both.status, (both.json as { keyId: string }).keyId]).toEqual([401, stranger.fingerprint]);
    expect(stored()).toEqual(before);
    expect(listUnknownKeys(backend.ctx.db).some((u) => u.keyId === stranger.fingerprint)).toBe(false);
  });

  it('409 when audit.jumlah is below the last confirmed one; the terakhir named', async () => {
    const p1 = makePush(b);
    await take(p1);
    for (const [sha, env] of p1.objek) await client.putObjek(base, sha, env);
    expect((await client.commit(base, p1.address)).status).toBe(201);
    const p2 = makePush(b, { urutan: 2, sebelumnya: p1.address });
    const shorter = keyed({ ...p2.manifest, audit: { jumlah: 50, kepala: 'e'.repeat(64) } }, b.ppk);
    const before = stored();
    const r = await client.postManifest(base, shorter);
    expect([r.status, r.json]).toEqual([409, { terakhir: { urutan: 1, manifest: p1.address } }]);
    expect(stored()).toEqual(before);
  });

  it('400 for a broken gzip body, 413 for a gzip bomb; nothing stored', async () => {
    const before = stored();
    const post = (body: Uint8Array) =>
      fetch(`${base}/v1/kirim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: new Uint8Array(body),
      });
    const broken = await post(new TextEncoder().encode('bukan gzip'));
    expect([broken.status, await broken.json()]).toEqual([400, { masalah: ['Isi gzip rusak.'] }]);
    const bomb = await post(gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20)));
    expect([bomb.status, await bomb.json()]).toEqual([413, { masalah: ['Isi kiriman terlalu besar.'] }]);
    expect(stored()).toEqual(before);
  });

  it('"x-gzip" is gzip (any case, spaces around); another content coding is 415, nothing stored', async () => {
    const p = makePush(a);
    const before = stored();
    for (const coding of ['deflate', 'br', 'gzip, gzip', 'x-compress']) {
      const r = await client.postManifest(base, p.envelope, coding);
      expect([r.status, r.json]).toEqual([
        415,
        { masalah: ['Pengodean isi kiriman tidak dikenal; kirim JSON apa adanya atau dengan gzip.'] },
      ]);
    }
    expect(stored()).toEqual(before);
    expect((await client.postManifest(base, p.envelope, ' X-GZIP ')).status).toBe(200);
    for (const [sha, env] of p.objek) expect((await client.putObjek(base, sha, env, 'x-gzip')).status).toBe(201);
    expect((await client.commit(base, p.address)).status).toBe(201);
  });
});

describe('PUT /v1/objek/<sha256>', () => {
  it('400 for a body that is not JSON; 401 for a document not signed by the registered PPK key', async () => {
    const p = makePush(c);
    const forgedDoc = keyed((p.dHasil as { payload: unknown }).payload, generateKeyPair());
    const objek = new Map([...p.objek].filter(([, env]) => env !== p.dHasil));
    objek.set(envelopeAddress(forgedDoc, nodeCrypto), forgedDoc);
    const q = relisted(c, p, objek, (env) => (env === forgedDoc ? 'd-hasil' : 'c-hasil'));
    await take(q);
    const before = stored();
    const notJson = await fetch(`${base}/v1/objek/${'a'.repeat(64)}`, { method: 'PUT', body: '{"payload":' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { masalah: string[] }).masalah[0]).toMatch(/bukan JSON yang sah/);
    const r = await client.putObjek(base, envelopeAddress(forgedDoc, nodeCrypto), forgedDoc);
    expect(r.status).toBe(401);
    expect((r.json as { masalah: string[] }).masalah[0]).toMatch(/tidak ditandatangani kunci PPK terdaftar/);
    expect(stored()).toEqual(before);
  });

  it('401 for a C.Hasil signed by a device of another TPS', async () => {
    const p = makePush(d);
    const [tpsA, tpsB] = [...d.devices.keys()] as [string, string];
    const rec = { ...sampleRecord(), tps: tpsA, perangkat: `kpps-${tpsB}` };
    const wrong = signPayload(rec, d.devices.get(tpsB)!.privateKey, `kpps-${tpsB}`);
    const objek = new Map(p.objek);
    objek.set(envelopeAddress(wrong, nodeCrypto), wrong);
    const q = relisted(d, p, objek, (env) => (env === p.dHasil ? 'd-hasil' : 'c-hasil'));
    await take(q);
    const before = stored();
    const r = await client.putObjek(base, envelopeAddress(wrong, nodeCrypto), wrong);
    expect(r.status).toBe(401);
    expect((r.json as { masalah: string[] }).masalah[0]).toMatch(/^C\.Hasil tidak sah/);
    expect(stored()).toEqual(before);
  });
});

/** A real tus client's upload; resolves with the HTTP status it ended on (0 when it never got one). */
function tusUpload(sha256: string, bytes: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    new tus.Upload(Buffer.from(bytes), {
      endpoint: `${base}/v1/berkas`,
      chunkSize: 64 * 1024,
      metadata: { sha256 },
      retryDelays: [],
      storeFingerprintForResuming: false,
      onSuccess: () => resolve(204),
      onError: (err) => resolve((err as tus.DetailedError).originalResponse?.getStatus() ?? 0),
    }).start();
  });
}

describe('tus blobs at /v1/berkas', () => {
  it('a blob over its listed size (tus-js-client): 400 at creation, nothing stored', async () => {
    const p = makePush(e);
    await take(p);
    const [sha, photo] = [...p.berkas][0]!;
    const before = stored();
    const over = new Uint8Array(photo.length + 1);
    over.set(photo);
    expect(await tusUpload(sha, over)).toBe(400);
    expect(stored()).toEqual(before);
  });

  it('PATCH bytes beyond the listed length are refused and not kept', async () => {
    const p = makePush(e);
    await take(p); // the blob is listed by a manifest taken here, whichever test ran before
    const [sha, photo] = [...p.berkas][0]!;
    expect((await client.createUpload(base, sha, photo.length)).status).toBe(201);
    const over = new Uint8Array(photo.length + 4096);
    const r = await client.patchUpload(base, sha, 0, over);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(Number((await client.headUpload(base, sha)).headers.get('upload-offset'))).toBe(0);
    expect(backend.ctx.db.prepare('SELECT count(*) AS n FROM penerima_berkas').get()).toEqual({ n: 0 });
  });

  it('bytes of the right length that differ from the hash: 400 on completion, discarded', async () => {
    const p = makePush(f);
    await take(p);
    const [sha, photo] = [...p.berkas][0]!;
    const flipped = photo.slice();
    flipped[100] = flipped[100]! ^ 1;
    const rows = () => backend.ctx.db.prepare('SELECT count(*) AS n FROM penerima_berkas').get();
    const before = rows();
    const r = await client.uploadBlob(base, sha, flipped);
    expect(r.status).toBe(400);
    expect((r.json as { masalah: string[] }).masalah[0]).toMatch(/tidak sesuai dengan hash/);
    expect(rows()).toEqual(before);
    expect(readdirSync(berkasDir(backend.ctx)).filter((x) => x.startsWith(sha))).toEqual([]);
    const head = await client.headUpload(base, sha);
    expect(head.status).toBe(404); // the upload starts over from nothing
  });

  it('path-like and malformed hashes: 400 at creation, 404 on HEAD/PATCH; nothing stored', async () => {
    const before = stored();
    const meta = (s: string) => `sha256 ${Buffer.from(s).toString('base64')}`;
    for (const s of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64)]) {
      const r = await fetch(`${base}/v1/berkas`, {
        method: 'POST',
        headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': meta(s) },
      });
      expect(r.status).toBe(400);
    }
    for (const path of ['..%2F..%2Fetc%2Fpasswd', `${'a'.repeat(64)}%2F..`, '.', 'x'.repeat(64)]) {
      expect(
        (await fetch(`${base}/v1/berkas/${path}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } })).status,
      ).toBe(404);
    }
    expect(stored()).toEqual(before);
  });
});

describe('POST /v1/kirim/<manifest>/selesai', () => {
  it('409 lists the kurang; 404 for a manifest never taken; 400 for a path-like address', async () => {
    const fresh = makePush(f);
    await take(fresh);
    const r = await client.commit(base, fresh.address);
    expect(r.status).toBe(409);
    expect(new Set((r.json as { kurang: { objek: string[] } }).kurang.objek)).toEqual(new Set(fresh.objek.keys()));
    const before = stored();
    const unknown = await client.commit(base, 'b'.repeat(64));
    expect([unknown.status, (unknown.json as { masalah: string[] }).masalah[0]]).toEqual([
      404,
      'Manifest ini belum diterima; kirim manifestnya lebih dulu.',
    ]);
    expect((await client.commit(base, '..%2F..')).status).toBe(400);
    expect(stored()).toEqual(before);
  });

  it('422 when a sumber names a C.Hasil the push did not carry; no receipt', async () => {
    const g = makeKecamatan(kpu, '630207');
    // a kecamatan of its own receiver: this test needs a fresh chain
    const own = join(dir, 'rekaman.db');
    await makeReceiverDb(own, [g]);
    const bk = await openBackend({ dbPath: own, mode: 'web' });
    const srv = await startPenerimaServer(bk.ctx, { port: 0, host: '127.0.0.1' });
    try {
      const p = makePush(g);
      const dropped = [...p.objek.keys()].find((sha) => p.objek.get(sha) !== p.dHasil)!;
      const objek = new Map([...p.objek].filter(([sha]) => sha !== dropped));
      const q = relisted(g, p, objek, (env) => (env === p.dHasil ? 'd-hasil' : 'c-hasil'));
      expect((await client.postManifest(srv.url, q.envelope)).status).toBe(200);
      for (const [sha, env] of q.objek) expect((await client.putObjek(srv.url, sha, env)).status).toBe(201);
      const tables = () => stored(bk).slice(3, 4);
      const r = await client.commit(srv.url, q.address);
      expect(r.status).toBe(422);
      const masalah = (r.json as { masalah: string[] }).masalah;
      expect(masalah.some((m) => m.includes('rekaman C.Hasil yang menjadi sumbernya tidak ikut dikirim'))).toBe(true);
      expect(tables()).toEqual([0]);
    } finally {
      await srv.close();
      await bk.close();
    }
  });
});

describe('a PPK key is the whole key, not its fingerprint (§4.1)', () => {
  it('a manifest under another key with the registered fingerprint is 401, and that key cannot be registered', async () => {
    const g = makeKecamatan(kpu, '630209');
    const own = join(dir, 'sidik-sama.db');
    await makeReceiverDb(own, [a]);
    const bk = await openBackend({ dbPath: own, mode: 'web' });
    const srv = await startPenerimaServer(bk.ctx, { port: 0, host: '127.0.0.1' });
    try {
      expect(initPenerima(bk.ctx, [{ name: 'g.json', bytes: utf8(JSON.stringify(g.masterEnvelope)) }], 'uji').ok).toBe(
        true,
      );
      // What a 64-bit fingerprint collision would leave: g's fingerprint registered with another key.
      const other = generateKeyPair();
      runCommand(bk.ctx, (unit) => {
        insertPpkBinding(unit.db, {
          keyId: g.ppk.fingerprint,
          publicKey: other.publicKey,
          kecamatan: g.master.kecamatan.kode,
          alasan: 'uji',
          actor: 'uji',
          createdAt: '2024-11-30T08:00:00.000Z',
        });
        return ok(null);
      });
      const before = stored(bk);
      const r = await client.postManifest(srv.url, makePush(g).envelope);
      expect([r.status, (r.json as { keyId: string }).keyId]).toEqual([401, g.ppk.fingerprint]);
      expect(stored(bk)).toEqual(before);
      const again = registerPpkKey(bk.ctx, {
        kecamatan: g.master.kecamatan.kode,
        publicKey: g.ppk.publicKey,
        alasan: 'uji',
        actor: 'uji',
      });
      expect(again.ok ? again.value : again.error.code).toBe('CONFLICT');
    } finally {
      await srv.close();
      await bk.close();
    }
  });
});

describe('a receiver whose database is read-only', () => {
  it('answers 503 with the reason in words and Retry-After for every write; hello still answers', async () => {
    const g = makeKecamatan(kpu, '630208');
    const own = join(dir, 'hanya-baca.db');
    await makeReceiverDb(own, [g]);
    chmodSync(own, 0o444);
    const bk = await openBackend({ dbPath: own, mode: 'web' });
    const srv = await startPenerimaServer(bk.ctx, { port: 0, host: '127.0.0.1' });
    try {
      expect(bk.ctx.readOnly?.kind).toBe('read-only-file');
      const p = makePush(g);
      const answers = [
        await client.postManifest(srv.url, p.envelope),
        await client.putObjek(srv.url, [...p.objek.keys()][0]!, [...p.objek.values()][0]),
        await client.commit(srv.url, p.address),
        await client.createUpload(srv.url, [...p.berkas.keys()][0]!, 10),
      ];
      for (const r of answers) {
        expect(r.status).toBe(503);
        expect(r.headers.get('retry-after')).toBe('60');
        expect((r.json as { masalah: string[] }).masalah[0]).toMatch(/tidak dapat menyimpan kiriman.*hanya-baca/);
      }
      // reads still pass: hello answers as it would on a writable file (this receiver has no certificate yet)
      const hello = await client.hello(srv.url);
      expect((hello.json as { masalah: string[] }).masalah).toEqual(['Penerima ini belum memasang sertifikatnya.']);
    } finally {
      await srv.close();
      await bk.close();
    }
  });
});
