// The receiver certificate read with the laptop camera on the Kirim screen, in Chromium with a fake camera: a real
// certificate (`pleno penerima sertifikat` from the demo's KPU key) encoded as its `PLN1:` QR text, drawn as a QR
// code into a Y4M video; the page decodes the frames itself (zxing-wasm) and the backend verifies the certificate
// against the data master. The page's CSP stays strict (no 'unsafe-eval' or inline script) and reports no violation.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { encodeQrParts } from '../shared/formats/qr';
import type { SignedEnvelope } from '../shared/domain/model';
import { axeFindings, blocking } from './axe';
import { chromiumLaunchOptions } from './chromium';
import { ARTIFACTS, callApi, expect, ROOT, test } from './fixtures';

const W = 1280;
const H = 720;
const BIN = join(ROOT, 'bin/pleno.mjs');

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pleno ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** One I420 frame: the QR code's modules (a 4-module quiet zone) as black squares centred on white. */
function qrFrame(text: string): Buffer {
  const m = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = Math.floor((H - 40) / (m.size + 8));
  const y = Buffer.alloc(W * H, 235);
  const ox = Math.floor((W - m.size * scale) / 2);
  const oy = Math.floor((H - m.size * scale) / 2);
  for (let r = 0; r < m.size; r++)
    for (let c = 0; c < m.size; c++)
      if (m.get(r, c))
        for (let j = 0; j < scale; j++)
          y.fill(16, (oy + r * scale + j) * W + ox + c * scale, (oy + r * scale + j) * W + ox + (c + 1) * scale);
  return Buffer.concat([Buffer.from('FRAME\n'), y, Buffer.alloc((W / 2) * (H / 2) * 2, 128)]);
}

// Built when this file loads (the fake camera is a browser launch flag): a demo, a receiver key, its certificate.
const DIR = mkdtempSync(join(tmpdir(), 'pleno-kirim-kamera-'));
process.on('exit', () => rmSync(DIR, { recursive: true, force: true }));
cli(['demo', join(DIR, 'demo'), '--preset', 'pulau-sembilan']);
const MASTER = join(DIR, 'demo/master.json');
const KEY = /kunci-publik: (\S+)/.exec(cli(['penerima', 'init', '--db', join(DIR, 'kab.db'), '--master', MASTER]))![1]!;
const CERT = join(DIR, 'sertifikat.json');
cli(
  ['penerima', 'sertifikat', '--kunci', join(DIR, 'demo/keys/kpu.json'), '--master', MASTER].concat([
    '--kunci-publik',
    KEY,
    '--url',
    'https://kirim.kpu-kotabaru.example/',
    '--out',
    CERT,
  ]),
);
const QR_TEXTS = encodeQrParts(JSON.parse(readFileSync(CERT, 'utf8')) as SignedEnvelope<unknown>);
const VIDEO = join(DIR, 'sertifikat.y4m');
writeFileSync(
  VIDEO,
  Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F2:1 Ip A1:1 C420jpeg\n`), ...QR_TEXTS.map(qrFrame)]),
);

test.use({
  launchOptions: chromiumLaunchOptions([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${VIDEO}`,
  ]),
  permissions: ['camera'],
});

test('the receiver certificate read by the camera: fingerprint shown, installed; CSP strict', async ({ app, page }) => {
  expect(QR_TEXTS).toHaveLength(1);
  expect(QR_TEXTS[0]).toMatch(/^PLN1:/);
  const master = readFileSync(MASTER);
  const input = { fileName: 'master.json', contentBase64: master.toString('base64') };
  const preview = await callApi<{ fingerprint: string }>(app, 'setup.previewMaster', input);
  if (!preview.ok) throw new Error(preview.error.message);
  expect(
    (await callApi(app, 'setup.importMaster', { ...input, confirmFingerprint: preview.value.fingerprint })).ok,
  ).toBe(true);
  // What the same certificate shows when read from its file: the fingerprint the camera path must show too.
  const fromFile = await callApi<{ fingerprint: string }>(app, 'kirim.previewPenerima', {
    source: 'berkas',
    contentBase64: readFileSync(CERT).toString('base64'),
  });
  if (!fromFile.ok) throw new Error(fromFile.error.message);

  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(app.url);
  const csp = res!.headers()['content-security-policy'] ?? '';
  expect(csp.split(';').map((d) => d.trim())).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("media-src 'self' blob:");
  expect(res!.headers()['permissions-policy']).toContain('camera=(self)');

  await page
    .getByRole('navigation', { name: 'Navigasi utama' })
    .getByRole('link', { name: 'Kirim', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Kirim ke KPU Kabupaten/Kota' })).toBeVisible();
  await page.getByRole('button', { name: 'Pindai QR sertifikat dengan kamera' }).click();
  const shown = page.getByRole('region', { name: 'Sertifikat penerima yang dibaca' });
  await expect(shown).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel('Sidik jari kunci penerima')).toHaveText(fromFile.value.fingerprint);
  await expect(shown).toContainText('https://kirim.kpu-kotabaru.example/');
  await expect(page.getByLabel('Pratinjau kamera sertifikat')).toBeHidden(); // the camera stopped once read
  expect(blocking(await axeFindings(page)), 'axe on the certificate read by camera').toEqual([]);
  mkdirSync(join(ARTIFACTS, 'screens'), { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'screens', 'kirim-sertifikat-kamera.png'), fullPage: true });

  await page.getByRole('button', { name: /Sidik jari sama/ }).click();
  await expect(page.getByText('Terpasang')).toBeVisible();
  const status = await callApi<{ penerima: { fingerprint: string; url: string } }>(app, 'kirim.status');
  expect(status.ok && status.value.penerima).toMatchObject({
    fingerprint: fromFile.value.fingerprint,
    url: 'https://kirim.kpu-kotabaru.example/',
  });
  expect(violations).toEqual([]);
});
