// Foundation flows in Chromium: first-run screen on a new database, token handling, CSP-clean page, the
// "backend cannot start" screen, and navigation once a kecamatan exists.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { ARTIFACTS, createDemo, expect, serve, test } from './fixtures';

test('a new database shows the first-run screen with both choices, and the token leaves the address bar', async ({
  app,
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Selamat datang di Pleno' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Impor data master' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Buat kecamatan simulasi' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toHaveCount(0);
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => sessionStorage.getItem('pleno.token'))).toBe(app.token);

  // A reload keeps working from sessionStorage.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Selamat datang di Pleno' })).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'first-run.png') });
  expect(problems, 'console errors / CSP violations').toEqual([]);
});

test('without the token the page says how to connect instead of showing data', async ({ app, page }) => {
  await page.goto(`${app.origin}/`);
  await expect(page.getByRole('heading', { name: 'Tidak dapat terhubung ke layanan Pleno' })).toBeVisible();
  await expect(page.getByText('?token=')).toBeVisible();
});

test('a database open in another Pleno shows the "cannot start" screen with the reason', async ({ app, page }) => {
  const second = await serve(app.dbPath);
  try {
    await page.goto(second.url);
    const screen = page.getByTestId('startup-error');
    await expect(screen).toHaveAttribute('data-kind', 'locked');
    await expect(page.getByRole('heading', { name: 'Basis data sedang dibuka oleh Pleno lain' })).toBeVisible();
    await expect(screen).toContainText(app.dbPath);
    await page.screenshot({ path: join(ARTIFACTS, 'startup-locked.png') });
  } finally {
    await second.stop();
  }
});

test('a file that is not a Pleno database shows the "cannot start" screen', async ({ app, page }) => {
  const bogus = join(app.dir, 'catatan.db');
  writeFileSync(bogus, 'ini catatan rapat, bukan basis data\n'.repeat(8));
  const s = await serve(bogus);
  try {
    await page.goto(s.url);
    await expect(page.getByRole('heading', { name: 'Berkas ini bukan basis data Pleno' })).toBeVisible();
  } finally {
    await s.stop();
  }
});

test('navigation between the screens once a kecamatan exists', async ({ app, page }) => {
  // Building the demo kecamatan took 44 s of a 60 s limit at load 20 (a timeout seen in 1 of 10 repeats).
  test.setTimeout(120_000);
  await createDemo(app, 1);
  await page.goto(app.url);
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  await expect(nav).toBeVisible();
  await expect(page.getByTestId('simulasi-banner')).toBeVisible();
  for (const label of ['Beranda', 'Impor', 'Pleno', 'Dokumen', 'Kirim', 'Log Audit']) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await expect(nav.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  await expect(page.getByRole('heading', { name: 'Kirim ke KPU Kabupaten/Kota' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Kirim', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kirim ke KPU Kabupaten/Kota' })).toBeVisible();
});

// The flake of the test above (issue 16): Pleno opened without a TPS jumps to the next problem once the dashboard
// answers; under load that answer could land just after the click on Dokumen, and the jump took the user back to
// Pleno. Here the address moves on before the held answer is released (the state of that race, made certain).
test("Pleno's opening jump does not undo a move to another screen made while it waited", async ({ app, page }) => {
  test.setTimeout(120_000);
  await createDemo(app, 1);
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/plenary.dashboard', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(app.url);
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  await nav.getByRole('link', { name: 'Pleno', exact: true }).click();
  await expect(page.getByText('Membuka TPS berikutnya…')).toBeVisible();
  // The address is on Dokumen; React has not yet been told (no hashchange), as between a click and its event.
  await page.evaluate(() => history.replaceState(history.state, '', '#/dokumen'));
  const answered = page.waitForResponse('**/api/plenary.dashboard');
  release();
  await answered;
  // Let React render the answer and run its effects (two frames and a task), then some more time.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))),
  );
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => location.hash)).toBe('#/dokumen');
  await page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
  await expect(nav.getByRole('link', { name: 'Dokumen', exact: true })).toHaveAttribute('aria-current', 'page');
});

test('an unexpected backend error shows a toast with its reference id', async ({ app, page }) => {
  // The backend answers INTERNAL only on a bug; the transport's reply is substituted here to show what the user sees.
  await page.route('**/api/setup.createDemo', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'Terjadi kesalahan tak terduga. Sebutkan kode referensi E-7K2Q saat melapor.',
          ref: 'E-7K2Q',
        },
      }),
    }),
  );
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Buat kecamatan simulasi' }).click();
  const toast = page.locator('.toast-error');
  await expect(toast).toContainText('Terjadi kesalahan tak terduga');
  await expect(toast).toContainText('Kode referensi: E-7K2Q');
  await page.screenshot({ path: join(ARTIFACTS, 'error-toast.png') });
  await toast.getByRole('button', { name: 'Tutup pemberitahuan' }).click();
  await expect(toast).toHaveCount(0);
});
