// Dokumen screen in Chromium on the hampang demo: issue a D.Hasil draft (FINAL not possible while desa are unlocked,
// the reasons listed), see it in the list with its hash, preview its pages, verify it; the PDF is downloadable.
import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { ARTIFACTS, createDemo, expect, test } from './fixtures';

test('the Dokumen screen issues a draft D.Hasil for the demo, lists it, previews and verifies it', async ({
  app,
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await createDemo(app);
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Dokumen' }).click();
  await expect(page.getByRole('heading', { name: 'Terbitkan dokumen' })).toBeVisible();

  // Nothing is locked in the fresh demo: FINAL is disabled and the unlocked desa are named.
  const finalBox = page.getByRole('checkbox', { name: /FINAL/ });
  await expect(finalBox).toBeDisabled();
  await expect(page.getByRole('list', { name: 'Yang belum selesai' })).toContainText('belum dikunci');
  await expect(page.getByText('Belum ada dokumen yang diterbitkan.')).toBeVisible();

  await page.getByRole('button', { name: 'Terbitkan DRAF' }).click();
  const table = page.getByRole('table', { name: 'Dokumen yang diterbitkan' });
  const row = table.getByRole('row').filter({ hasText: 'D.Hasil Kecamatan' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('DRAF');
  await expect(row).toContainText('SIMULASI');

  // The new document is selected: hashes, page preview (PNG from the backend), page navigation.
  await expect(page.getByTestId('doc-hashes')).toContainText(/SHA-256 data: [0-9a-f]{64}/);
  const img = page.getByRole('img', { name: /^Halaman 1 dari \d+$/ });
  await expect(img).toBeVisible({ timeout: 20_000 });
  const pageCount = Number(/dari (\d+)$/.exec((await img.getAttribute('alt')) ?? '')?.[1]);
  expect(pageCount).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Berikutnya ›' }).click();
  await expect(page.getByRole('img', { name: /^Halaman 2 dari \d+$/ })).toBeVisible({ timeout: 20_000 });

  await page.getByRole('button', { name: 'Periksa' }).click();
  await expect(page.getByTestId('doc-verify')).toContainText('Sah');

  // Cetak: every page is fetched as a PNG and handed to the browser's print dialog (a no-op in headless Chromium).
  await page.evaluate(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed += document.querySelectorAll('.doc-print img').length;
    };
  });
  await page.getByRole('button', { name: 'Cetak' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed), { timeout: 30_000 })
    .toBe(pageCount);
  await expect(page.locator('.doc-print')).toHaveCount(0);

  mkdirSync(join(ARTIFACTS, 'documents'), { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'documents', 'dokumen-screen.png') });

  // Download the PDF: the bytes are the kept file (pdf header, same SHA-256 as listed).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Unduh PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^DHASIL-630214-.*-v1-draf\.pdf$/);
  const file = join(app.dir, 'unduhan.pdf');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const verify = await app.cli(['verify', file]);
  expect(verify.code).toBe(0);

  expect(problems, 'console errors / CSP violations').toEqual([]);
});
