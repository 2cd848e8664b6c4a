// The receiver's drive watcher in Chromium (docs/design.md §4.4): `pleno serve` on a receiver database with a test
// drive folder (PLENO_DRIVE_ROOTS); a flashdisk holding two `.pleno-kirim` bundles appears on the Flashdisk screen by
// itself, is imported through the UI, the receipts are written beside the bundles, and each receipt is shown as a QR
// that — read back with zxing from a screenshot of the screen — is exactly the receipt file. axe-core on each state;
// screenshots at 1366×768 and 1280×720 in artifacts/screens/.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { decodeQrImage } from '../electron/main/backend/services/qr/qr-image';
import { decodeQrText } from '../shared/formats/qr';
import { bundleFileName, kirimBundle } from '../tests/support/kirim-bundle';
import { freePort, makeReceiverDb } from '../tests/support/penerima-process';
import { makeKecamatan, makePush } from '../tests/support/push-fixture';
import { axeFindings, blocking } from './axe';
import { ARTIFACTS, ROOT, expect, spawnServed, test, type Served } from './fixtures';

test.setTimeout(120_000);
const SCREENS = join(ARTIFACTS, 'screens');
mkdirSync(SCREENS, { recursive: true });

let dir: string;
let media: string;
let app: Served;
const k = makeKecamatan(undefined, '630214');
const p1 = makePush(k);
const p2 = makePush(k, { urutan: 2, sebelumnya: p1.address });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-flashdisk-'));
  media = join(dir, 'media');
  mkdirSync(media);
  await makeReceiverDb(join(dir, 'kab.db'), [k]);
  const args = ['serve', '--db', join(dir, 'kab.db'), '--port', '0', '--penerima-port', String(await freePort())];
  app = await spawnServed(process.execPath, [join(ROOT, 'bin/pleno.mjs'), ...args], { PLENO_DRIVE_ROOTS: media });
});

test.afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(blocking(await axeFindings(page)), `axe on ${name}`).toEqual([]);
  for (const [w, h] of [
    [1366, 768],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(SCREENS, `penerima-flashdisk-${name}-${w}x${h}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('a flashdisk with bundles appears, is imported, its receipts are written back and shown as QR', async ({
  page,
}) => {
  await page.goto(app.url);
  await expect(page.getByTestId('header-penerima')).toBeVisible();
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Flashdisk' }).click();
  await expect(page.getByText('Belum ada flashdisk berisi berkas kiriman')).toBeVisible();
  await checkScreen(page, 'kosong');

  // the PPK plugs in a flashdisk: its folder is made elsewhere and appears whole, as a mount does
  const staging = join(dir, 'staging', 'Pleno-Kirim');
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, bundleFileName(p2)), kirimBundle(p2));
  writeFileSync(join(staging, bundleFileName(p1)), kirimBundle(p1));
  const drive = join(media, 'USB-PPK-630214');
  cpSync(join(dir, 'staging'), drive, { recursive: true });
  const table = page.getByRole('table', { name: 'Berkas kiriman di flashdisk USB-PPK-630214' });
  await expect(table).toBeVisible({ timeout: 10_000 });
  await expect(table.getByText('Belum diimpor')).toHaveCount(2);
  await expect(table.getByText('Kecamatan 630214 (630214)').first()).toBeVisible();
  await checkScreen(page, 'baru');
  // the dashboard offers it too, and leads back here
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  await nav.getByRole('link', { name: 'Kecamatan' }).click();
  const offer = page.getByTestId('flashdisk-offer');
  await expect(offer).toContainText('Flashdisk USB-PPK-630214 berisi 2 berkas kiriman yang belum diterima lengkap.');
  await checkScreen(page, 'tawaran');
  await offer.getByRole('link', { name: 'Buka layar Flashdisk untuk mengimpornya' }).click();
  await expect(table).toBeVisible();

  await page.getByRole('button', { name: 'Impor berkas kiriman dari USB-PPK-630214' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 dari 2 berkas kiriman diterima' })).toBeVisible();
  await expect(table.getByText('Sudah diterima, lengkap')).toHaveCount(2);
  for (const p of [p1, p2]) {
    const name = bundleFileName(p);
    const file = join(drive, 'Pleno-Kirim', 'tanda-terima', `${p.address}.json`);
    expect(existsSync(file), `${file} written`).toBe(true);
    const receipt = readFileSync(file, 'utf8');
    await expect(page.getByTestId(`kata-${name}`)).toContainText(`urutan ${p.manifest.urutan}: lengkap`);
    const qr = page.getByTestId(`qr-${name}`);
    await qr.scrollIntoViewIfNeeded();
    const shot = await qr.screenshot();
    const decoded = decodeQrText(await decodeQrImage(new Uint8Array(shot)));
    expect(decoded.ok, 'the QR on screen reads back').toBe(true);
    if (decoded.ok) expect(JSON.parse(decoded.value)).toEqual(JSON.parse(receipt));
  }
  await page.getByRole('heading', { name: 'Hasil impor dari USB-PPK-630214' }).scrollIntoViewIfNeeded();
  await checkScreen(page, 'tanda-terima');
  await nav.getByRole('link', { name: 'Kecamatan' }).click();
  await expect(page.getByTestId('ringkasan-bupati')).toContainText('1 dari 1 kecamatan masuk');
  await expect(page.getByTestId('flashdisk-offer')).toHaveCount(0);
});
