// Finding a TPS (issue 13 item 6): the "/" search box from any screen, Beranda's desa and status filters, and the
// 600-TPS Beranda folded per desa so the page fits the window.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ARTIFACTS, callApi, createDemo, expect, test, type PlenoApp } from './fixtures';
import type { DashboardView } from '../shared/contracts/plenary.contract';
import { checkScreen } from './screen-check';

test.setTimeout(180_000);

async function dashboard(app: PlenoApp): Promise<DashboardView> {
  const r = await callApi<DashboardView>(app, 'plenary.dashboard');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

test('"/" from any screen jumps to a TPS by desa name and number; Escape returns focus', async ({ app, page }) => {
  await createDemo(app);
  const dash = await dashboard(app);
  const desa = dash.desa.find((d) => d.tiles.length >= 3)!;
  const target = desa.tiles[2]!;

  await page.goto(app.url);
  await page.getByRole('link', { name: 'Dokumen' }).click();
  await expect(page.getByRole('main')).toBeVisible();
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'Cari TPS atau desa' });
  await expect(box).toBeFocused();
  await box.fill(`${desa.nama.toLowerCase()} ${target.nomor}`);
  const option = page.getByRole('option', { name: `${desa.nama} · TPS 00${target.nomor}` });
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await checkScreen(page, 'cari-tps-daftar');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/pleno/${dash.pemilihan.id}/${target.tps}$`));
  await expect(page.getByTestId('review')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('review')).toContainText(desa.nama);

  // A desa name alone offers the desa; choosing it filters Beranda to that desa.
  await page.getByRole('link', { name: 'Log Audit' }).focus();
  await page.keyboard.press('/');
  await box.fill(desa.nama);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/beranda/${dash.pemilihan.id}\\?desa=${desa.kode}$`));
  await expect(page.locator('.desa-row')).toHaveCount(1);
  await expect(page.locator('a.tile[data-tps]')).toHaveCount(desa.tiles.length);

  // Escape closes the list and gives focus back to what had it.
  const opener = page.getByRole('link', { name: 'Impor' });
  await opener.focus();
  await page.keyboard.press('/');
  await box.fill('zzz');
  await expect(page.getByRole('option', { name: 'Tidak ada TPS atau desa yang cocok' })).toBeVisible();
  await checkScreen(page, 'cari-tps-tidak-cocok');
  await page.keyboard.press('Escape');
  await expect(opener).toBeFocused();
  await expect(page.getByRole('listbox')).toHaveCount(0);
});

test('Beranda filters by status and desa, kept in the address', async ({ app, page }) => {
  await createDemo(app);
  const dash = await dashboard(app);
  const problem = dash.desa.flatMap((d) => d.tiles).filter((t) => t.status === 'bermasalah');
  expect(problem.length).toBeGreaterThan(0);

  await page.goto(app.url);
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await page.getByTestId('filter-status').selectOption('bermasalah');
  await expect(page.locator('a.tile[data-tps]')).toHaveCount(problem.length);
  for (const s of await page
    .locator('a.tile[data-tps]')
    .evaluateAll((a) => a.map((x) => x.getAttribute('data-status'))))
    expect(s).toBe('bermasalah');
  await expect(page).toHaveURL(/status=bermasalah/);

  await page.reload();
  await expect(page.getByTestId('filter-status')).toHaveValue('bermasalah');
  await expect(page.locator('a.tile[data-tps]')).toHaveCount(problem.length);

  const desa = dash.desa[0]!;
  await page.getByTestId('filter-status').selectOption('');
  await page.getByTestId('filter-desa').selectOption(desa.kode);
  await expect(page.locator('.desa-row')).toHaveCount(1);
  await expect(page.locator('a.tile[data-tps]')).toHaveCount(desa.tiles.length);
  await page.getByTestId('filter-status').selectOption('masuk');
  await checkScreen(page, 'beranda-saringan');
  await page.getByRole('button', { name: 'Hapus saringan' }).click();
  await expect(page.locator('.desa-row')).toHaveCount(dash.desa.length);
});

test('the 600-TPS Beranda fits the window: desa folded to one line, opened on click', async ({ app, page }) => {
  const r = await callApi(app, 'setup.createDemo', { preset: 'besar' });
  if (!r.ok) throw new Error(r.error.message);
  const dash = await dashboard(app);
  expect(dash.tpsTotal).toBe(600);
  mkdirSync(join(ARTIFACTS, 'screens'), { recursive: true });

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await page.goto(app.url);
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await expect(page.locator('.desa-row')).toHaveCount(dash.desa.length);
    await page.screenshot({ path: join(ARTIFACTS, 'screens', `beranda-600-${size.width}x${size.height}.png`) });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(size.height);
  }
  await expect(page.locator('a.tile[data-tps]')).toHaveCount(0);
  const first = dash.desa[0]!;
  await page.getByTestId(`desa-${first.kode}`).getByRole('button', { name: first.nama }).click();
  await expect(page.getByTestId(`desa-${first.kode}`).locator('a.tile[data-tps]')).toHaveCount(first.tiles.length);
  await expect(page.locator('a.tile[data-tps]')).toHaveCount(first.tiles.length);
});
