// The cross checks R14–R16 on screen (issue 10; issue 13 item 1): the hampang demo's reused photo — Hampang TPS 002
// bupati, lembar 3 is Cantung Kiri Hulu TPS 001's sheet — is flagged on Beranda (tile mark and the list of flagged
// TPS) and in the TPS review (the warning with its rule code, the marked sheet opened first), never "Semua
// pemeriksaan … terpenuhi"; axe-core on both states.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ARTIFACTS, callApi, createDemo, expect, test } from './fixtures';
import { axeFindings, blocking } from './axe';
import type { DashboardView } from '../shared/contracts/plenary.contract';

test.setTimeout(120_000);

test('the reused photo of Hampang TPS 002 (bupati) is flagged on Beranda and in its review', async ({ app, page }) => {
  await createDemo(app);
  const dash = await callApi<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  if (!dash.ok) throw new Error(dash.error.message);
  const hampang = dash.value.desa.find((d) => d.nama === 'Hampang')!;
  const tps002 = hampang.tiles.find((t) => t.nomor === 2)!;
  expect(tps002.flags).toEqual(['R16']);
  mkdirSync(join(ARTIFACTS, 'screens'), { recursive: true });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.url}#/beranda/bupati`);
  const tile = page.locator(`a.tile[data-tps="${tps002.tps}"]`);
  await expect(tile).toHaveAttribute('data-flags', 'R16');
  await expect(tile).toHaveAttribute('aria-label', /peringatan: foto dipakai untuk dua TPS/);
  const flags = page.getByTestId('cross-flags');
  await expect(flags).toContainText('2 TPS dengan peringatan pemeriksaan silang');
  await expect(flags.getByRole('listitem').filter({ hasText: 'Hampang TPS 002' })).toContainText(
    'foto dipakai untuk dua TPS (R16)',
  );
  await expect(flags.getByRole('listitem').filter({ hasText: 'Cantung Kiri Hulu TPS 001' })).toBeVisible();
  expect(blocking(await axeFindings(page))).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'screens', 'beranda-r16-1366.png') });

  await flags.getByRole('link', { name: 'Hampang TPS 002' }).click();
  await expect(page).toHaveURL(new RegExp(`#/pleno/bupati/${tps002.tps}$`));
  await expect(page.getByTestId('review')).toHaveAttribute('aria-busy', 'false');
  const warning = page.getByTestId('violations').locator('li[data-code="R16"]');
  await expect(warning).toContainText(
    'Foto lembar 3 sama persis dengan foto TPS 001 Cantung Kiri Hulu: satu foto dipakai untuk dua TPS',
  );
  await expect(page.getByText(/Semua pemeriksaan .* terpenuhi/)).toHaveCount(0);
  await expect(page.getByTestId('checks-ok')).toHaveCount(0);
  // The sheet concerned is marked and shown first.
  const sheet = page.getByRole('button', { name: /^Lembar 3/ });
  await expect(sheet).toHaveAttribute('data-flagged', 'true');
  await expect(sheet).toHaveAttribute('aria-pressed', 'true');
  expect(blocking(await axeFindings(page))).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'screens', 'pleno-r16-1366.png') });

  // A TPS without a cross warning still reads as fully checked, with R01–R17 named.
  const clean = hampang.tiles.find((t) => t.flags.length === 0 && t.errors + t.warnings === 0 && t.status === 'masuk');
  expect(clean, 'a clean TPS in Hampang').toBeTruthy();
  await page.evaluate((tps) => (window.location.hash = `#/pleno/bupati/${tps}`), clean!.tps);
  await expect(page.getByTestId('checks-ok')).toHaveText('Semua pemeriksaan R01–R17 terpenuhi.');
});
