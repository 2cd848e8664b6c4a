// First-run flows in Chromium: import a signed data master after checking its fingerprint, and one-click demo.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ARTIFACTS, expect, test } from './fixtures';

test('Impor data master: preview with the signer fingerprint grouped by 4, confirm, then the shell shows the kecamatan', async ({
  app,
  page,
}) => {
  const demoDir = join(app.dir, 'demo');
  const gen = await app.cli(['demo', demoDir, '--seed', '7']);
  expect(gen.code, gen.stderr).toBe(0);
  const kpu = /kunci KPU: ([0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4})/.exec(gen.stdout + gen.stderr)?.[1];
  expect(kpu).toBeTruthy();
  const master = JSON.parse(readFileSync(join(demoDir, 'master.json'), 'utf8')) as {
    payload: { kecamatan: { nama: string } };
  };

  await page.goto(app.url);
  await page.getByTestId('master-file').setInputFiles(join(demoDir, 'master.json'));
  const dialog = page.getByRole('dialog', { name: 'Periksa data master sebelum impor' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('master-fingerprint')).toHaveText(kpu!);
  await expect(dialog).toContainText(master.payload.kecamatan.nama);
  const importButton = dialog.getByRole('button', { name: 'Impor data master' });
  await expect(importButton).toBeDisabled();
  await page.screenshot({ path: join(ARTIFACTS, 'master-preview.png') });
  await dialog.getByRole('checkbox').check();
  await importButton.click();

  await expect(page.getByTestId('header-kecamatan')).toContainText(`Kecamatan ${master.payload.kecamatan.nama}`);
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
});

test('a file that is not a data master is refused on the first-run screen with a message', async ({ app, page }) => {
  const bogus = join(app.dir, 'bukan-master.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(bogus, JSON.stringify({ hello: 'dunia' }));
  await page.goto(app.url);
  await page.getByTestId('master-file').setInputFiles(bogus);
  await expect(page.getByRole('alert')).toContainText(/data master/i);
  await expect(page.getByRole('heading', { name: 'Selamat datang di Pleno' })).toBeVisible();
});

test('Buat kecamatan simulasi: one click, a wait state, then the shell with the SIMULASI banner', async ({
  app,
  page,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Buat kecamatan simulasi' }).click();
  await expect(page.getByRole('progressbar', { name: 'Membuat kecamatan simulasi' })).toBeVisible();
  await expect(page.getByTestId('simulasi-banner')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('header-kecamatan')).toContainText('Kecamatan Hampang');
  await page.screenshot({ path: join(ARTIFACTS, 'shell-simulasi.png') });
});
