// Camera scanning in Chromium with a fake camera: the demo's 3-part QR code is played as a Y4M video (one part per
// frame, looping), as an operator holding the phone up part by part; the scan loop decodes frames in the browser
// and the backend assembles the parts. A second test checks the Indonesian message when the camera is refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ARTIFACTS, callApi, expect, ROOT, test } from './fixtures';
import { chromiumLaunchOptions } from './chromium';

const W = 1280;
const H = 720;

/** One grayscale I420 frame with the PNG centred on white. */
function frame(png: PNG): Buffer {
  const y = Buffer.alloc(W * H, 235);
  const ox = Math.floor((W - png.width) / 2);
  const oy = Math.floor((H - png.height) / 2);
  for (let j = 0; j < png.height; j++) {
    for (let i = 0; i < png.width; i++) {
      const k = (j * png.width + i) * 4;
      y[(oy + j) * W + ox + i] = png.data[k]! < 128 ? 16 : 235;
    }
  }
  const uv = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  return Buffer.concat([Buffer.from('FRAME\n'), y, uv]);
}

/** Scales a PNG up by an integer factor (nearest neighbour) so modules are several pixels wide on the frame. */
function scaled(png: PNG, f: number): PNG {
  const out = new PNG({ width: png.width * f, height: png.height * f });
  for (let j = 0; j < out.height; j++) {
    for (let i = 0; i < out.width; i++) {
      const s = (Math.floor(j / f) * png.width + Math.floor(i / f)) * 4;
      const d = (j * out.width + i) * 4;
      out.data[d] = png.data[s]!;
      out.data[d + 1] = png.data[s + 1]!;
      out.data[d + 2] = png.data[s + 2]!;
      out.data[d + 3] = 255;
    }
  }
  return out;
}

// Built when this file loads (the fake camera is a browser launch flag): a demo kecamatan and a video of its codes.
const DEMO = mkdtempSync(join(tmpdir(), 'pleno-camera-'));
process.on('exit', () => rmSync(DEMO, { recursive: true, force: true }));
const gen = spawnSync(process.execPath, [join(ROOT, 'bin/pleno.mjs'), 'demo', DEMO], { cwd: ROOT, encoding: 'utf8' });
if (gen.status !== 0) throw new Error(`pleno demo failed: ${gen.stderr}`);
const PARTS = readdirSync(join(DEMO, 'qr'))
  .filter((f) => /-bupati-\dof3\.png$/.test(f))
  .sort();
const VIDEO = join(DEMO, 'kamera.y4m');
{
  const frames = PARTS.map((f) => {
    const png = PNG.sync.read(readFileSync(join(DEMO, 'qr', f)));
    return frame(scaled(png, png.height * 2 <= H - 40 ? 2 : 1));
  });
  // Shuffled order (3, 1, 2), two frames per second: each part stays in view for half a second.
  writeFileSync(
    VIDEO,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F2:1 Ip A1:1 C420jpeg\n`), frames[2]!, frames[0]!, frames[1]!]),
  );
}

test.use({
  launchOptions: chromiumLaunchOptions([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${VIDEO}`,
  ]),
  permissions: ['camera'],
});

test('scanning a 3-part code with the camera shows progress and imports the record', async ({ app, page }) => {
  expect(PARTS).toHaveLength(3);
  const bytes = readFileSync(join(DEMO, 'master.json'));
  const input = { fileName: 'master.json', contentBase64: bytes.toString('base64') };
  const preview = await callApi<{ fingerprint: string }>(app, 'setup.previewMaster', input);
  if (!preview.ok) throw new Error(preview.error.message);
  const imported = await callApi(app, 'setup.importMaster', {
    ...input,
    confirmFingerprint: preview.value.fingerprint,
  });
  expect(imported.ok).toBe(true);

  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Impor' }).click();
  await page.getByRole('tab', { name: 'QR' }).click();
  await page.getByRole('button', { name: 'Nyalakan kamera' }).click();
  await expect(page.getByLabel('Pratinjau kamera')).toBeVisible();
  await expect(page.getByTestId('qr-progress').or(page.getByTestId('qr-status'))).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: join(ARTIFACTS, 'import-qr-kamera.png') });
  const results = page.getByRole('table', { name: 'Hasil dari kode QR' });
  await expect(results).toContainText('Diterima', { timeout: 30_000 });
  await expect(results).toContainText(`TPS ${PARTS[0]!.slice(10, 13)}`);
  await page.getByRole('button', { name: 'Matikan kamera' }).click();
});

test('a refused camera permission is explained in Indonesian', async ({ app, page }) => {
  const bytes = readFileSync(join(DEMO, 'master.json'));
  const input = { fileName: 'master.json', contentBase64: bytes.toString('base64') };
  const preview = await callApi<{ fingerprint: string }>(app, 'setup.previewMaster', input);
  if (!preview.ok) throw new Error(preview.error.message);
  await callApi(app, 'setup.importMaster', { ...input, confirmFingerprint: preview.value.fingerprint });
  // No camera permission granted in this context: getUserMedia is refused.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) },
    });
  });
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Impor' }).click();
  await page.getByRole('tab', { name: 'QR' }).click();
  await page.getByRole('button', { name: 'Nyalakan kamera' }).click();
  await expect(page.getByRole('alert')).toContainText('Izin kamera ditolak');
});
