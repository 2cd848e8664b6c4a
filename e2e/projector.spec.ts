// The projector (issue 13 items 11 and the projector link): opened in a new tab from Beranda's link (the token rides
// in the fragment and leaves the address bar), the corrected TPS read as "905 → 105", the C.Hasil photo toggle,
// and the kecamatan and desa figures at least 32 px at 1280×720.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ARTIFACTS, callApi, createDemo, expect, test, type PlenoApp } from './fixtures';
import { axeFindings, blocking } from './axe';
import type { DashboardView, MembersView, TpsReview } from '../shared/contracts/plenary.contract';

test.setTimeout(120_000);

async function api<T>(app: PlenoApp, method: string, input: unknown = {}): Promise<T> {
  const r = await callApi<T>(app, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** The demo's 105 → 905 misread, corrected to 105 by an anggota and approved by the ketua through the contract. */
async function correctMisread(app: PlenoApp): Promise<{ pemilihan: string; tps: string; desa: string }> {
  for (const pemilihan of ['bupati', 'gubernur']) {
    const d = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan });
    for (const desa of d.desa)
      for (const t of desa.tiles.filter((x) => x.status === 'bermasalah')) {
        const r = await api<TpsReview>(app, 'plenary.tps', { pemilihan, tps: t.tps });
        const i = r.current?.suara.paslon.indexOf(905) ?? -1;
        if (i < 0) continue;
        const m = await api<MembersView>(app, 'plenary.members');
        await api(app, 'plenary.startSession', { member: m.members.find((x) => !x.ketua)!.id });
        const c = await api<{ correctionId: number }>(app, 'plenary.proposeCorrection', {
          tps: t.tps,
          pemilihan,
          changes: [{ path: `suara.paslon.${i}`, value: 105 }],
          reason: 'Salah baca angka pada C.Hasil',
          basis: 'c-hasil-plano',
        });
        await api(app, 'plenary.startSession', { member: m.members.find((x) => x.ketua)!.id });
        // The ketua confirms with a PIN (docs/plenary-decisions.md).
        await api(app, 'plenary.setPin', { pin: '2580' });
        await api(app, 'plenary.decideCorrection', {
          correctionId: c.correctionId,
          decision: 'approved',
          pin: '2580',
        });
        return { pemilihan, tps: t.tps, desa: desa.nama };
      }
  }
  throw new Error('the demo has no 905 misread');
}

const fontPx = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('td.n')
    .evaluateAll((cells) => cells.map((c) => parseFloat(getComputedStyle(c).fontSize)));

test('the projector link works in a new tab; the token leaves the address bar; no token, no data', async ({
  app,
  page,
  browser,
}) => {
  await createDemo(app);
  await page.goto(app.url);
  const link = page.getByTestId('projector-link');
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/#\/proyektor\?token=/);
  expect(new URL(href!).search).toBe('');

  // A new tab of another browser context: nothing shared with the main page but the link itself.
  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const tab = await other.newPage();
    await tab.goto(href!);
    await expect(tab.getByTestId('projector-where')).toContainText('Kecamatan');
    expect(tab.url()).not.toContain('token');
    expect(tab.url()).toMatch(/#\/proyektor$/);
    await tab.reload();
    await expect(tab.getByTestId('projector-where')).toContainText('Kecamatan');

    const bare = await other.newPage();
    await bare.goto(`${app.origin}/#/proyektor`);
    await expect(bare.getByText('Menghubungkan ke Pleno…')).toHaveCount(0, { timeout: 15_000 });
    await expect(bare.getByTestId('projector-where')).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test('a corrected TPS reads 905 → 105; photo toggle; figures ≥ 32 px at 1280×720; axe clean', async ({ app, page }) => {
  await createDemo(app);
  const fixed = await correctMisread(app);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(app.url);
  await api(app, 'plenary.setFocus', { pemilihan: fixed.pemilihan, desa: null, tps: null });
  await page.evaluate(() => (window.location.hash = '#/proyektor'));
  await expect(page.getByTestId('projector-kecamatan-votes')).toBeVisible();
  for (const px of await fontPx(page, 'projector-kecamatan-votes')) expect(px).toBeGreaterThanOrEqual(32);

  await api(app, 'plenary.setFocus', { pemilihan: fixed.pemilihan, desa: null, tps: fixed.tps });
  await expect(page.getByTestId('projector-where')).toContainText(fixed.desa);
  await expect(page.getByTestId('projector-status')).toHaveText('Dikoreksi');
  const corrected = page.getByTestId('projector-corrected');
  await expect(corrected).toHaveCount(1);
  await expect(corrected.locator('s')).toHaveText('905');
  await expect(corrected).toHaveText('905 → 105');
  for (const id of ['projector-totals', 'projector-desa-votes'])
    for (const px of await fontPx(page, id)) expect(px).toBeGreaterThanOrEqual(32);
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
  mkdirSync(join(ARTIFACTS, 'screens'), { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'screens', 'proyektor-koreksi-1280x720.png') });
  expect(fits).toBe(true);
  expect(blocking(await axeFindings(page))).toEqual([]);

  await page.keyboard.press('f');
  await expect(page.getByRole('button', { name: /Foto C.Hasil/ })).toHaveAttribute('aria-pressed', 'true');
  const img = page.getByTestId('projector-photo').getByRole('img');
  await expect(img).toBeVisible();
  expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(100);
  await expect(page.getByTestId('projector-totals')).toHaveCount(0);
  await page.screenshot({ path: join(ARTIFACTS, 'screens', 'proyektor-foto-1280x720.png') });
  expect(blocking(await axeFindings(page))).toEqual([]);
  await page.getByRole('button', { name: /Foto C.Hasil/ }).click();
  await expect(page.getByTestId('projector-totals')).toBeVisible();
});
