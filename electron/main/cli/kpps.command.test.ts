// `pleno kpps` end to end on plain Node: push bundles and envelopes to a real LAN receiver on 127.0.0.1 (receipts
// verified against the hello key, exit 1 when one is rejected), and write QR images that decode back to the envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKecamatanFixture, type KecamatanFixture } from '../../../tests/support/records';
import { startLanReceiver, type LanReceiver } from '../backend/lan/receiver';
import { decodeQrImage } from '../backend/services/qr/qr-image';
import { decodeQrText } from '../../../shared/formats/qr';
import { canonicalize } from '../../../shared/formats/canonical';
import { sha256Hex } from '../backend/crypto';

const BIN = fileURLToPath(new URL('../../../bin/pleno.mjs', import.meta.url));

function pleno(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

let fx: KecamatanFixture;
let rx: LanReceiver;
beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 4 });
  rx = await startLanReceiver(fx.backend.ctx, { port: 0, host: '127.0.0.1', mdns: false });
});
afterAll(async () => {
  await rx?.close();
  await fx?.close();
});

describe('pleno kpps', () => {
  it('push: sends files like a phone, verifies receipts, exit 1 when one is rejected', async () => {
    const dir = join(fx.dir, 'hp');
    mkdirSync(dir);
    const [a, b, c] = fx.devices;
    writeFileSync(join(dir, `${a!.tps}.pleno`), fx.bundleBytes(a!.tps));
    writeFileSync(join(dir, 'bupati.json'), fx.envelopeBytes(fx.record(b!.tps, 'bupati')));
    writeFileSync(join(dir, 'beda.json'), fx.envelopeBytes(fx.record(b!.tps, 'bupati', 3)));
    writeFileSync(join(dir, 'rusak.json'), '{"payload":');
    const url = `http://127.0.0.1:${rx.port}`;
    const files = ['', 'bupati.json', 'beda.json', 'rusak.json'].map((f, i) =>
      join(dir, i === 0 ? `${a!.tps}.pleno` : f),
    );

    const r1 = await pleno(['kpps', 'push', '--to', url, ...files]);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toContain('kecamatan 630214');
    expect(r1.stdout).toMatch(new RegExp(`${a!.tps}\\.pleno: diterima \\(201\\) .*tanda terima sah`));
    expect(r1.stdout).toMatch(/bupati\.json: diterima \(201\)/);
    expect(r1.stdout).toMatch(/beda\.json: konflik \(409\)/);
    expect(r1.stderr).toMatch(/rusak\.json: ditolak \(400\)/);
    expect(r1.stdout).toContain('4 berkas, 2 diterima, 0 duplikat, 1 konflik, 1 ditolak');

    const r2 = await pleno(['kpps', 'push', '--to', url, files[0]!, files[1]!]);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toMatch(/duplikat \(200\)/);

    // An unknown device is refused with 401.
    const stranger = { ...fx.record(c!.tps, 'bupati'), perangkat: 'hp-asing' };
    writeFileSync(join(dir, 'asing.json'), fx.envelopeBytes(stranger, { ...c!, id: 'hp-asing' }));
    const r3 = await pleno(['kpps', 'push', '--to', url, join(dir, 'asing.json')]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/asing\.json: ditolak \(401\)/);

    const usage = await pleno(['kpps', 'push', join(dir, 'bupati.json')]);
    expect(usage.code).toBe(2);
  });

  it('qr: writes the QR images of an envelope (multi-part when long) that decode back to it', async () => {
    const d = fx.devices[3]!;
    // Many photo hashes make the record too long for one code.
    const rec = {
      ...fx.record(d.tps, 'gubernur'),
      foto: Array.from({ length: 12 }, (_, i) => ({ lembar: i + 1, sha256: sha256Hex(new Uint8Array([i])) })),
    };
    const envPath = join(fx.dir, 'gubernur.json');
    writeFileSync(envPath, fx.envelopeBytes(rec));
    const out = join(fx.dir, 'qr');
    const r = await pleno(['kpps', 'qr', envPath, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const pngs = readdirSync(out).sort();
    expect(pngs.length).toBeGreaterThan(1);
    expect(pngs[0]).toMatch(/^gubernur-1-dari-\d+\.png$/);
    const texts: string[] = [];
    for (const f of pngs.reverse()) texts.push(...(await decodeQrImage(new Uint8Array(readFileSync(join(out, f))))));
    const decoded = decodeQrText(texts);
    expect(decoded.ok && decoded.value).toBe(canonicalize(JSON.parse(readFileSync(envPath, 'utf8'))));
  });
});
