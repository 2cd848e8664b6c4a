// A final document whose state changes while it renders: the final's conditions (every desa locked, nothing open)
// are checked before the PDF is drawn, which takes hundreds of milliseconds on the event loop's turns; a desa
// unlocked meanwhile must not leave a final recorded (and queued for the KPU kab/kota) on a state that is no longer
// final. The issue checks again inside the command that records it, refuses in words, and keeps no file.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/contracts/result';
import { tpsCode } from '../../../../../shared/domain/model';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
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
