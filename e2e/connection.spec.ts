// The connection band (issue 13 item 10): when the backend cannot be heard, the main window and the projector say
// so at once; the event stream reconnects by itself and every answer is refetched (events sent meanwhile were lost).
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { callApi, createDemo, expect, serve, test } from './fixtures';

test('a stopped backend is announced in the main window and on the projector', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-conn-'));
  const served = await serve(join(dir, 'pleno.db'));
  try {
    await createDemo(served);
    const main = await browser.newPage();
    await main.goto(served.url);
    await expect(main.getByTestId('dashboard')).toBeVisible();
    const projector = await browser.newPage();
    await projector.goto(`${served.url}#/proyektor`);
    await expect(projector.getByTestId('projector')).toBeVisible();
    await expect(main.getByTestId('connection-banner')).toHaveCount(0);

    await served.stop();
    for (const p of [main, projector]) {
      const band = p.getByRole('alert').filter({ hasText: 'Sambungan ke layanan Pleno terputus' });
      await expect(band).toBeVisible({ timeout: 10_000 });
      await expect(band).toContainText('menyambung ulang otomatis');
      await expect(band).not.toContainText(/HTTP|terminal|pleno serve/);
    }
    // The numbers stay on screen (marked as possibly old), not replaced by an error page.
    await expect(main.getByTestId('running-totals')).toBeVisible();
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the stream reconnects by itself and the screen catches up on what it missed', async ({ app, page }) => {
  await createDemo(app);
  // The event stream cannot get through (the rest of the API can): the band shows while it keeps retrying.
  await page.route('**/api/events', (route) => route.abort('connectionreset'));
  await page.goto(app.url);
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'terputus' })).toBeVisible({ timeout: 10_000 });

  // Meanwhile a decision is taken elsewhere; its event never reaches this page.
  const before = Number((await page.getByTestId('count-sesuai').textContent()) ?? 'NaN');
  const dash = await callApi<{ pemilihan: { id: string }; desa: { tiles: { tps: string; status: string }[] }[] }>(
    app,
    'plenary.dashboard',
    {},
  );
  if (!dash.ok) throw new Error(dash.error.message);
  const clean = dash.value.desa.flatMap((d) => d.tiles).find((t) => t.status === 'masuk')!;
  expect((await callApi(app, 'plenary.startSession', { member: 0 })).ok).toBe(true);
  expect((await callApi(app, 'plenary.accept', { pemilihan: dash.value.pemilihan.id, tps: clean.tps })).ok).toBe(true);
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('count-sesuai')).toHaveText(String(before));

  await page.unroute('**/api/events');
  await expect(page.getByRole('status').filter({ hasText: 'Tersambung kembali' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('count-sesuai')).toHaveText(String(before + 1));
  await expect(page.locator(`a[data-tps="${clean.tps}"]`)).toHaveAttribute('data-status', 'sesuai');
});
