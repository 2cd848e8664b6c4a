// A final document whose state changes while it renders: the final's conditions (every desa locked, nothing open)
// are checked before the PDF is drawn, which takes hundreds of milliseconds on the event loop's turns; a desa
// unlocked meanwhile must not leave a final recorded (and queued for the KPU kab/kota) on a state that is no longer
// final. The issue checks again inside the command that records it, refuses in words, and keeps no file. The same at
// the kab/kota level (a receiver database): a keberatan raised, or a kecamatan's new push taken, while the final
// D.Hasil Kabupaten/Kota-KWK renders.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/contracts/result';
import { tpsCode } from '../../../../../shared/domain/model';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import { KETUA_PIN, startKabReceiver, type KabReceiver } from '../../../../../tests/support/kab-receiver';
import { makePush, type Push } from '../../../../../tests/support/push-fixture';
import { listKabDokumen } from '../../repositories/kab-pleno.repo';
import { issueKabDocument } from '../penerima/pleno/kab-documents.service';
import { issueDocument, issuedDocuments } from './documents.service';
import { documentsDir } from './issue';

const PIN = '2580';
let fx: KecamatanFixture;

const call = async (m: string, input: unknown) => {
  const r = (await fx.backend.dispatch(m, input)) as Result<unknown>;
  if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
  return r.value;
};

beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 2 });
  await call('import.files', {
    files: fx.devices.map((d) => ({
      name: `${d.tps}.pleno`,
      contentBase64: Buffer.from(fx.bundleBytes(d.tps)).toString('base64'),
    })),
  });
  await call('plenary.startSession', { member: 0 });
  await call('plenary.setPin', { pin: PIN, currentPin: PIN });
  for (const d of fx.master.desa) {
    for (const t of d.tps)
      await call('plenary.accept', { pin: PIN, tps: tpsCode(d.kode, t.nomor), pemilihan: 'bupati' });
    await call('plenary.lockDesa', { pin: PIN, desa: d.kode, pemilihan: 'bupati' });
  }
}, 120_000);

afterAll(async () => {
  await fx?.close();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

describe('a final D.Hasil and a change while it renders', () => {
  it('a desa unlocked while the final renders: refused in words, no row, no kept file', async () => {
    const ctx = fx.backend.ctx;
    const issuing = issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: true });
    // The checks run at once; the drawing yields to the event loop (zlib's thread pool) before it records.
    await new Promise((r) => setImmediate(r));
    const desa = fx.master.desa[0]!;
    await call('plenary.unlockDesa', {
      pin: PIN,
      desa: desa.kode,
      pemilihan: 'bupati',
      reason: 'Saksi minta hitung ulang',
    });
    const r = await issuing;
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^Dokumen final tidak diterbitkan: keadaan pleno berubah/),
      },
    });
    expect(issuedDocuments(ctx, { pemilihan: 'bupati' })).toEqual([]);
    const dir = documentsDir(ctx);
    expect(existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.pdf')) : []).toEqual([]);

    // Locked again, the same final is issued.
    await call('plenary.lockDesa', { pin: PIN, desa: desa.kode, pemilihan: 'bupati' });
    const again = await issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: true });
    expect(again.ok).toBe(true);
    expect(again.ok && existsSync(path.join(dir, again.value.row.fileName))).toBe(true);
  }, 120_000);
});

/** Both kecamatan of the kab/kota receiver accepted and locked (630201 after its final push, urutan 2). */
async function kabReadyForFinal(r: KabReceiver): Promise<Push> {
  const second = makePush(r.kec.draf, {
    urutan: 2,
    sebelumnya: r.pushes.draf.address,
    tamper: (d) => ((d.meta as { version: number }).version = 2),
  });
  await r.push(second);
  for (const kecamatan of ['630214', '630201']) {
    await r.call('kabpleno.accept', { kecamatan, pemilihan: 'bupati', keputusan: 'diterima', pin: KETUA_PIN });
    await r.call('kabpleno.lock', { kecamatan, pemilihan: 'bupati', pin: KETUA_PIN });
  }
  return second;
}

/** Issues the final kab/kota D.Hasil, runs `change` once the drawing has yielded, and returns the issue's answer. */
async function kabFinalWith(r: KabReceiver, change: () => Promise<unknown>) {
  const issuing = issueKabDocument(r.b.ctx, { kind: 'd-hasil-kabko', pemilihan: 'bupati', final: true, actor: 'uji' });
  await new Promise((done) => setImmediate(done));
  await change();
  return issuing;
}

function expectNothingKept(r: KabReceiver): void {
  expect(listKabDokumen(r.b.ctx.db)).toEqual([]);
  const dir = documentsDir(r.b.ctx);
  expect(existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.pdf')) : []).toEqual([]);
}

const changedWhileDrawn = {
  ok: false,
  error: {
    code: 'CONFLICT',
    message: expect.stringMatching(/^Dokumen final tidak diterbitkan: keadaan pleno berubah/),
  },
};

describe('a final kab/kota D.Hasil and a change while it renders', () => {
  let r: KabReceiver;
  let second: Push;
  beforeAll(async () => {
    r = await startKabReceiver();
    second = await kabReadyForFinal(r);
  }, 120_000);
  afterAll(async () => {
    await r?.close();
  });

  it('a keberatan raised while the final renders: refused in words, no row, no kept file', async () => {
    let id = 0;
    const answer = await kabFinalWith(r, async () => {
      ({ id } = await r.call<{ id: number }>('kabpleno.raiseKeberatan', {
        kecamatan: '630214',
        pemilihan: 'bupati',
        pihak: 'Saksi Paslon 2',
        uraian: 'Selisih suara di TPS 001 belum dijelaskan',
        oleh: 'Fitriani Hasanah',
      }));
    });
    expect(answer).toMatchObject(changedWhileDrawn);
    expectNothingKept(r);
    await r.call('kabpleno.resolveKeberatan', {
      id,
      hasil: 'ditolak',
      alasan: 'Selisih sudah dijelaskan dalam rapat',
      pin: KETUA_PIN,
    });
  }, 120_000);

  it("a kecamatan's new push taken while the final renders: refused; once accepted and locked again, issued", async () => {
    const next = makePush(r.kec.draf, {
      urutan: 3,
      sebelumnya: second.address,
      tamper: (d) => ((d.meta as { version: number }).version = 3),
    });
    const answer = await kabFinalWith(r, () => r.push(next));
    expect(answer).toMatchObject(changedWhileDrawn);
    expectNothingKept(r);
    // The new push waits for the plenary: accepted and locked again, the same final is issued.
    await r.call('kabpleno.accept', {
      kecamatan: '630201',
      pemilihan: 'bupati',
      keputusan: 'diterima',
      pin: KETUA_PIN,
    });
    await r.call('kabpleno.lock', { kecamatan: '630201', pemilihan: 'bupati', pin: KETUA_PIN });
    const again = await issueKabDocument(r.b.ctx, {
      kind: 'd-hasil-kabko',
      pemilihan: 'bupati',
      final: true,
      actor: 'uji',
    });
    expect(again.ok).toBe(true);
    expect(again.ok && existsSync(path.join(documentsDir(r.b.ctx), again.value.fileName))).toBe(true);
  }, 120_000);
});
