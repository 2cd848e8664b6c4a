// QR intake through the real dispatcher: a signed envelope encoded as PLN1 parts, rendered as images, degraded like
// phone photos, decoded by zxing-wasm, and fed in shuffled order with progress "i dari n"; garbled and foreign
// texts are quarantined; camera rescans are not imported twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import type { QrProgress } from '../../../../../shared/contracts/import.contract';
import { encodeQrParts } from '../../../../../shared/formats/qr';
import { parseEnvelopeBytes } from '../../../../../shared/formats/envelope';
import { renderQrPng } from '../qr/qr-render';
import { degradeQrPng } from '../qr/qr-degrade';
import { decodeQrImage } from '../qr/qr-image';
import { sha256Hex } from '../../crypto';

let fx: KecamatanFixture;
beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 3 });
});
afterAll(async () => {
  await fx?.close();
});

async function call(method: string, input: unknown): Promise<QrProgress> {
  const r = await fx.backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as QrProgress;
}

function partsOf(tps: string, maxTextLength: number): string[] {
  const env = parseEnvelopeBytes(fx.envelopeBytes(fx.record(tps, 'bupati')));
  if (!env.ok) throw new Error(env.error.message);
  return encodeQrParts(env.value, { maxTextLength });
}

const quarantined = () =>
  (fx.backend.ctx.db.prepare("SELECT count(*) AS n FROM quarantine_log WHERE channel = 'qr'").get() as { n: number }).n;

describe('QR sessions', () => {
  it('assembles a multi-part code from degraded images in shuffled order, with progress', async () => {
    const tps = fx.devices[0]!.tps;
    const parts = partsOf(tps, 300);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const order = parts.map((_, i) => i).reverse();
    let last: QrProgress | null = null;
    for (const [k, i] of order.entries()) {
      const photo = degradeQrPng(await renderQrPng(parts[i]!, { scale: 4 }), {
        angleDeg: k % 2 ? 3 : -2,
        noise: 20,
        contrast: 0.85,
        scale: 1.3,
        seed: k,
      });
      last = await call('import.qrImage', {
        session: 's1',
        name: `foto-${k}.png`,
        contentBase64: Buffer.from(photo).toString('base64'),
      });
      if (k < parts.length - 1) {
        expect(last.state).toBe('sebagian');
        expect([last.have, last.total]).toEqual([k + 1, parts.length]);
        expect(last.message).toContain(`${k + 1} dari ${parts.length}`);
      }
    }
    expect(last?.state).toBe('selesai');
    expect(last?.results).toEqual([expect.objectContaining({ status: 'diterima', tps, pemilihan: 'bupati' })]);
    const row = fx.backend.ctx.db.prepare('SELECT channel FROM submission WHERE tps = ?').get(tps) as {
      channel: string;
    };
    expect(row.channel).toBe('qr');

    // The camera keeps seeing the last part: answered from memory, nothing imported or quarantined again.
    const q = quarantined();
    const again = await call('import.qrText', { session: 's1', texts: [parts[0]!] });
    expect(again.results[0]?.status).toBe('diterima');
    expect(quarantined()).toBe(q);
    expect(
      (fx.backend.ctx.db.prepare('SELECT count(*) AS n FROM submission WHERE tps = ?').get(tps) as { n: number }).n,
    ).toBe(1);
  });

  it('decodes several codes from one picture and a single-part code at once', async () => {
    const tps = fx.devices[1]!.tps;
    const single = partsOf(tps, 1000);
    expect(single).toHaveLength(1);
    const texts = await decodeQrImage(
      degradeQrPng(await renderQrPng(single[0]!, { scale: 3 }), { angleDeg: 4, noise: 25 }),
    );
    const p = await call('import.qrText', { session: 's2', texts });
    expect(p.state).toBe('selesai');
    expect(p.results[0]).toMatchObject({ status: 'diterima', tps });

    // Said in words: the desa and TPS number and the pemilihan, never the 13-digit code or the id (issue 13).
    const desa = fx.master.desa.find((d) => tps.startsWith(d.kode))!.nama; // "Desa Uji 1": not prefixed twice
    const tpsLabel = `${desa} TPS ${tps.slice(10)}`;
    const title = `${tpsLabel}, Bupati`;
    expect(p.results[0]).toMatchObject({ kind: 'hasil', tpsLabel, pemilihanLabel: 'Bupati' });
    expect(p.message).toBe(`Kode QR lengkap — ${title}: diterima`);
    const again = await call('import.qrText', { session: 's2-ulang', texts });
    expect(again.message).toBe(`Kode QR lengkap — ${title}: sudah pernah diimpor (duplikat), tidak disimpan lagi`);
    expect(again.message).not.toContain(tps);
  });

  it('quarantines garbled and foreign texts with the reason, once per text', async () => {
    const q = quarantined();
    const garbled = await call('import.qrText', { session: 's3', texts: ['PLN1:1/2:abc'] });
    expect(garbled.state).toBe('ditolak');
    expect(garbled.message).toMatch(/rusak|tidak sah/);
    const foreign = await call('import.qrText', { session: 's3', texts: ['https://contoh.example/'] });
    expect(foreign.state).toBe('ditolak');
    expect(foreign.message).toContain('bukan kode QR Pleno');
    await call('import.qrText', { session: 's3', texts: ['https://contoh.example/'] });
    expect(quarantined()).toBe(q + 2);
    const reason = fx.backend.ctx.db
      .prepare("SELECT reason FROM quarantine_log WHERE channel = 'qr' ORDER BY id DESC LIMIT 1")
      .get() as { reason: string };
    expect(reason.reason).toContain('bukan kode QR Pleno');
  });

  it('a photo that follows by file after its record came by QR is matched by hash', async () => {
    const tps = fx.devices[2]!.tps;
    // A real JPEG-looking photo (JPEG magic + content): the record references its hash; QR carries only the hash.
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(`foto C.Hasil ${tps}`)]);
    const rec = { ...fx.record(tps, 'gubernur'), foto: [{ lembar: 1, sha256: sha256Hex(photo) }] };
    const env = parseEnvelopeBytes(fx.envelopeBytes(rec));
    if (!env.ok) throw new Error(env.error.message);
    const p = await call('import.qrText', { session: 's5', texts: encodeQrParts(env.value) });
    expect(p.results[0]).toMatchObject({ status: 'diterima', tps });
    const db = fx.backend.ctx.db;
    expect(db.prepare('SELECT count(*) AS n FROM photo WHERE sha256 = ?').get(sha256Hex(photo))).toEqual({ n: 0 });

    const r = await fx.backend.dispatch('import.files', {
      files: [{ name: 'foto-lembar-1.jpg', contentBase64: Buffer.from(photo).toString('base64') }],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect((r.value as { results: { status: string }[] }).results[0]).toMatchObject({ status: 'diterima', tps });
    expect(db.prepare('SELECT count(*) AS n FROM photo WHERE sha256 = ?').get(sha256Hex(photo))).toEqual({ n: 1 });
  });

  it('reports an image without a code', async () => {
    const blank = degradeQrPng(await renderQrPng('x', { scale: 1 }), { width: 320, height: 200, scale: 0.2 });
    const p = await call('import.qrImage', {
      session: 's4',
      name: 'kosong.png',
      contentBase64: Buffer.from(blank).toString('base64'),
    });
    expect(p.state).toBe('ditolak');
    expect(p.message).toContain('tidak ada kode QR');
  });
});
