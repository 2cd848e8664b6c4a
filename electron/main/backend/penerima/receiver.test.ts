// The §4 receiver over real HTTP on 127.0.0.1, driven by a minimal client written from the text
// (tests/support/mini-kirim-client.ts) with pushes built by hand (tests/support/push-fixture.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from '../../../../tests/support/mini-kirim-client';
import { keyed, makeKecamatan, makePush, type Kecamatan } from '../../../../tests/support/push-fixture';
import { verifyPenerimaCert, verifyTandaTerima } from '../../../../shared/formats/kirim';
import { openBackend, type Backend } from '../backend';
import { generateKeyPair, nodeCrypto } from '../crypto';
import { listUnknownKeys } from '../repositories/penerima.repo';
import { penerimaRecap } from '../services/penerima/recap.service';
import { addTotals } from '../../../../shared/domain/recap';
import type { Totals } from '../../../../shared/domain/model';
import { initPenerima, installSertifikat, registerPpkKey } from '../services/penerima/setup.service';
import { makeSertifikat } from '../services/penerima/sertifikat';
import { startPenerimaServer, type PenerimaServer } from './receiver-server';

let dir: string;
let backend: Backend;
let server: PenerimaServer;
let base: string;
let hampang: Kecamatan;
let other: Kecamatan;
let receiverKey: string;
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-penerima-'));
  backend = await openBackend({ dbPath: join(dir, 'kotabaru.db'), mode: 'web' });
  hampang = makeKecamatan(undefined, '630214');
  other = makeKecamatan(hampang.kpu, '630201');
  const init = initPenerima(
    backend.ctx,
    [
      { name: 'hampang.json', bytes: bytes(hampang.masterEnvelope) },
      { name: 'pulau-sembilan.json', bytes: bytes(other.masterEnvelope) },
    ],
    'test',
  );
  if (!init.ok) throw new Error(init.error.message);
  receiverKey = init.value.publicKey;
  server = await startPenerimaServer(backend.ctx, { port: 0, host: '127.0.0.1' });
  base = server.url;
  const kpuFile = bytes({ keyId: hampang.kpu.fingerprint, privateKey: hampang.kpu.privateKey });
  const cert = makeSertifikat({
    kpuKeyFile: kpuFile,
    master: bytes(hampang.masterEnvelope),
    publicKey: receiverKey,
    url: base,
    now: new Date('2024-11-20T00:00:00Z'),
  });
  if (!cert.ok) throw new Error(cert.error.message);
  const installed = installSertifikat(backend.ctx, new TextEncoder().encode(cert.value.text), 'test');
  if (!installed.ok) throw new Error(installed.error.message);
  for (const k of [hampang, other]) {
    const r = registerPpkKey(backend.ctx, {
      kecamatan: k.master.kecamatan.kode,
      publicKey: k.ppk.publicKey,
      alasan: 'sidik jari dibandingkan dengan D.Hasil',
      actor: 'test',
    });
    if (!r.ok) throw new Error(r.error.message);
  }
});

afterAll(async () => {
  await server?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('penerima: a whole push', () => {
  it('serves its certificate, verifiable against the master signer', async () => {
    const h = await client.hello(base);
    expect(h.status).toBe(200);
    const body = h.json as { kabkota: string; format: string; sertifikat: unknown };
    expect([body.kabkota, body.format]).toEqual(['6302', 'pleno.kirim/1']);
    const v = verifyPenerimaCert(body.sertifikat, hampang.kpu.publicKey, nodeCrypto, '6302');
    expect(v.ok && v.value.cert.publicKey).toBe(receiverKey);
  });

  it('takes the manifest, the objects, commits with blobs missing, then completes; same bytes on repeat', async () => {
    const p = makePush(hampang);
    const m = await client.postManifest(base, p.envelope, true);
    expect(m.status).toBe(200);
    const kurang = (m.json as { kurang: { objek: string[]; berkas: { sha256: string; diterima: number }[] } }).kurang;
    expect(new Set(kurang.objek)).toEqual(new Set(p.objek.keys()));
    expect(kurang.berkas).toEqual([{ sha256: [...p.berkas.keys()][0], diterima: 0 }]);

    expect((await client.commit(base, p.address)).status).toBe(409);
    for (const [sha, env] of p.objek) expect((await client.putObjek(base, sha, env)).status).toBe(201);
    const again = await client.putObjek(base, [...p.objek.keys()][0]!, [...p.objek.values()][0]);
    expect(again.status).toBe(200);

    const first = await client.commit(base, p.address);
    expect(first.status).toBe(201);
    const r1 = verifyTandaTerima(first.json, receiverKey, { address: p.address, payload: p.manifest }, nodeCrypto);
    expect(r1.ok && [r1.value.status, r1.value.berkasKurang]).toEqual(['menunggu-berkas', 1]);

    const [sha, photo] = [...p.berkas][0]!;
    const created = await client.createUpload(base, sha, photo.length);
    expect(created.status).toBe(201);
    expect((await client.patchUpload(base, sha, 0, photo.subarray(0, 70_000))).status).toBe(204);
    const held = await client.postManifest(base, p.envelope);
    expect((held.json as { kurang: { berkas: unknown[] } }).kurang.berkas).toEqual([{ sha256: sha, diterima: 70_000 }]);
    expect((await client.uploadBlob(base, sha, photo)).status).toBe(204);

    const done = await client.commit(base, p.address);
    expect(done.status).toBe(201);
    const r2 = verifyTandaTerima(done.json, receiverKey, { address: p.address, payload: p.manifest }, nodeCrypto);
    expect(r2.ok && [r2.value.status, r2.value.berkasKurang]).toEqual(['lengkap', 0]);
    const repeat = await client.commit(base, p.address);
    expect([repeat.status, repeat.text]).toEqual([200, done.text]);
    const last = await client.postManifest(base, p.envelope);
    expect(last.json).toEqual({ manifest: p.address, kurang: { objek: [], berkas: [] } });
  });

  it('takes urutan 2 only after urutan 1 and naming it; 409 names the last confirmed', async () => {
    const p1 = makePush(other);
    const early = makePush(other, { urutan: 2, sebelumnya: p1.address });
    expect((await client.postManifest(base, early.envelope)).json).toEqual({ terakhir: null });
    expect((await client.postManifest(base, p1.envelope)).status).toBe(200);
    for (const [sha, env] of p1.objek) await client.putObjek(base, sha, env);
    expect((await client.commit(base, p1.address)).status).toBe(201);
    const wrong = makePush(other, { urutan: 2, sebelumnya: 'd'.repeat(64) });
    const r = await client.postManifest(base, wrong.envelope);
    expect([r.status, r.json]).toEqual([409, { terakhir: { urutan: 1, manifest: p1.address } }]);
    expect((await client.postManifest(base, early.envelope)).status).toBe(200);
  });
});

describe('penerima: refusals of §4.3, nothing stored', () => {
  it('401 for an unknown PPK key (named, and listed for the operator) and for a bad signature', async () => {
    const stranger = { ...hampang, ppk: generateKeyPair() };
    const p = makePush(stranger);
    const r = await client.postManifest(base, p.envelope);
    expect(r.status).toBe(401);
    expect((r.json as { keyId: string }).keyId).toBe(stranger.ppk.fingerprint);
    expect(listUnknownKeys(backend.ctx.db).map((k) => k.keyId)).toContain(stranger.ppk.fingerprint);
    const forged = { ...p.envelope, payload: { ...p.manifest, urutan: 5 } };
    expect((await client.postManifest(base, forged)).status).toBe(401);
  });

  it('403 for a key registered for another kecamatan; 400 malformed; 413 oversize', async () => {
    const p = makePush(hampang);
    const asOther = keyed({ ...p.manifest, kecamatan: '630201' }, hampang.ppk);
    expect((await client.postManifest(base, asOther)).status).toBe(403);
    expect((await client.postManifest(base, { payload: {} })).status).toBe(400);
    const bad = keyed({ ...p.manifest, urutan: 0 }, hampang.ppk);
    expect((await client.postManifest(base, bad)).status).toBe(400);
    const huge = await fetch(`${base}/v1/kirim`, { method: 'POST', body: new Uint8Array(9 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('objects: hash mismatch, path-like address, unlisted → 400; blobs: wrong length, unlisted → 400', async () => {
    const p = makePush(makeKecamatan(hampang.kpu, '630203'));
    const [sha, env] = [...p.objek][0]!;
    expect((await client.putObjek(base, 'f'.repeat(64), env)).status).toBe(400);
    expect((await fetch(`${base}/v1/objek/..%2F..%2Fetc`, { method: 'PUT', body: '{}' })).status).toBe(400);
    expect((await client.putObjek(base, sha, env)).status).toBe(400);
    const [bsha, photo] = [...makePush(hampang).berkas][0]!;
    expect((await client.createUpload(base, bsha, photo.length + 1)).status).toBe(400);
    expect((await client.createUpload(base, 'a'.repeat(64), 10)).status).toBe(400);
  });

  it('422 with its masalah when the D.Hasil does not add up to its sources', async () => {
    const third = makeKecamatan(hampang.kpu, '630202');
    const init = initPenerima(backend.ctx, [{ name: 'x.json', bytes: bytes(third.masterEnvelope) }], 'test');
    expect(init.ok).toBe(true);
    registerPpkKey(backend.ctx, { kecamatan: '630202', publicKey: third.ppk.publicKey, alasan: 'uji', actor: 'test' });
    const p = makePush(third, {
      tamper: (doc) => {
        const l = doc.lampiran as { tps: { counts: { suara: { paslon: number[] } } }[] }[];
        l[0]!.tps[0]!.counts.suara.paslon[0] = 905;
      },
    });
    expect((await client.postManifest(base, p.envelope)).status).toBe(200);
    for (const [sha, env] of p.objek) expect((await client.putObjek(base, sha, env)).status).toBe(201);
    const r = await client.commit(base, p.address);
    expect(r.status).toBe(422);
    const masalah = (r.json as { masalah: string[] }).masalah;
    expect(masalah.some((x) => x.includes('TPS 001') && x.includes('tidak sama dengan rekaman'))).toBe(true);
    expect(masalah.some((x) => x.startsWith('Desa') && x.includes('jumlah desa'))).toBe(true);
  });
});

describe('penerima: recap JSON (§5.2)', () => {
  it('lists every kecamatan in master order, sums the finals only, counts masuk and final', async () => {
    const a = makeKecamatan(hampang.kpu, '630205');
    const b = makeKecamatan(hampang.kpu, '630206');
    const c = makeKecamatan(hampang.kpu, '630207');
    for (const k of [a, b, c]) {
      expect(initPenerima(backend.ctx, [{ name: 'm.json', bytes: bytes(k.masterEnvelope) }], 'test').ok).toBe(true);
      const kode = k.master.kecamatan.kode;
      expect(
        registerPpkKey(backend.ctx, { kecamatan: kode, publicKey: k.ppk.publicKey, alasan: 'uji', actor: 't' }).ok,
      ).toBe(true);
    }
    const final = makePush(a);
    const draf = makePush(b, { tamper: (doc) => ((doc.meta as { final: boolean }).final = false) });
    for (const p of [final, draf]) {
      expect((await client.postManifest(base, p.envelope)).status).toBe(200);
      for (const [sha, env] of p.objek) await client.putObjek(base, sha, env);
      expect((await client.commit(base, p.address)).status).toBe(201);
    }
    const r = penerimaRecap(backend.ctx.db)!;
    expect(r.kabkota).toBe('6302');
    const bupati = r.pemilihan.find((p) => p.id === 'bupati')!;
    const mine = bupati.daftar.filter((d) => ['630205', '630206', '630207'].includes(d.kode));
    expect(mine.map((d) => [d.kode, d.status, d.urutan])).toEqual([
      ['630205', 'final', 1],
      ['630206', 'draf', 1],
      ['630207', 'belum', null],
    ]);
    const totalOf = (p: typeof final) => (p.dHasil as { payload: { recap: { total: Totals } } }).payload.recap.total;
    expect(mine[1]!.total).toEqual(totalOf(draf));
    // Every <Totals> in the C.Hasil's order (§5.1), a kecamatan's as the kab/kota's, though objects are stored as JCS.
    const order = (t: Totals | null) => JSON.stringify(t, (_k, v: unknown) => (typeof v === 'number' ? 0 : v));
    expect(order(mine[0]!.total)).toBe(order(bupati.total));
    expect(Object.keys(mine[1]!.total!)).toEqual(['pemilih', 'pengguna', 'disabilitas', 'suratSuara', 'suara']);
    const finals = bupati.daftar.filter((d) => d.status === 'final');
    expect(bupati.total).toEqual(finals.map((d) => d.total!).reduce((x, y) => addTotals(x, y)));
    expect(bupati.total).not.toEqual(addTotals(bupati.total, totalOf(draf)));
    expect(bupati.kecamatan.final).toBe(finals.length);
    expect(bupati.kecamatan.total).toBe(bupati.daftar.length);
    expect(bupati.daftar.map((d) => d.kode)).toEqual([...bupati.daftar.map((d) => d.kode)].sort());
  });
});
