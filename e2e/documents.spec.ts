// Dokumen screen in Chromium on the hampang demo: issue a D.Hasil draft (FINAL not possible while desa are unlocked,
// the reasons listed), see it in the list with its hash, preview its pages (pdf.js in the page, no backend images),
// verify it, print it (the PDF itself in the browser's viewer); the PDF is downloadable.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { ARTIFACTS, callApi, createDemo, expect, ROOT, spawnServed, test } from './fixtures';
import { checkScreen } from './screen-check';

test('the Dokumen screen issues a draft D.Hasil for the demo, lists it, previews and verifies it', async ({
  app,
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
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

  // The new document is selected: hashes, and its pages drawn here by pdf.js from the kept PDF (no page images from
  // the backend), with page navigation.
  await expect(page.getByTestId('doc-hashes')).toContainText(/SHA-256 data: [0-9a-f]{64}/);
  const fileSha = /SHA-256 berkas: ([0-9a-f]{64})/.exec(
    (await page.getByTestId('doc-hashes').textContent()) ?? '',
  )?.[1];
  expect(fileSha).toBeDefined();
  const first = page.getByRole('img', { name: /^Halaman 1 dari \d+$/ });
  await expect(first).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
  const pageCount = Number(/dari (\d+)$/.exec((await first.getAttribute('aria-label')) ?? '')?.[1]);
  expect(pageCount).toBeGreaterThan(1);
  const inkOf = (name: RegExp) =>
    page.getByRole('img', { name }).evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! + px[i + 1]! + px[i + 2]! < 300) dark++;
      return { dark, width: canvas.width, height: canvas.height };
    });
  const ink1 = await inkOf(/^Halaman 1 dari/);
  expect(ink1.width).toBeGreaterThan(ink1.height); // the D.Hasil is landscape
  expect(ink1.dark).toBeGreaterThan(2000); // text and table rules, not a blank page
  await page.getByRole('button', { name: 'Berikutnya ›' }).click();
  await expect(page.getByRole('img', { name: /^Halaman 2 dari \d+$/ })).toHaveAttribute('data-drawn', 'true', {
    timeout: 20_000,
  });
  expect((await inkOf(/^Halaman 2 dari/)).dark).toBeGreaterThan(2000);

  await page.getByRole('button', { name: 'Periksa' }).click();
  await expect(page.getByTestId('doc-verify')).toContainText('Sah');

  // Cetak in web mode: the kept vector PDF itself opens in the browser's PDF viewer (a new tab on an object URL of
  // the file's bytes), never page images. The bytes the tab holds are the issued file (same SHA-256).
  await page.evaluate(() => {
    // Keep each object URL's Blob to read back what was handed to the viewer (the CSP refuses fetch on blob: URLs).
    const kept = new Map<string, Blob>();
    (window as unknown as { __blobs: Map<string, Blob> }).__blobs = kept;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (b: Blob | MediaSource) => {
      const url = create(b);
      if (b instanceof Blob) kept.set(url, b);
      return url;
    };
  });
  const [viewer] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Cetak' }).click()]);
  const viewerUrl = viewer.url();
  expect(viewerUrl.startsWith(`blob:${new URL(app.url).origin}/`)).toBe(true);
  const printed = await page.evaluate(async (url) => {
    const blob = (window as unknown as { __blobs: Map<string, Blob> }).__blobs.get(url)!;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return {
      type: blob.type,
      head: new TextDecoder().decode(bytes.subarray(0, 5)),
      sha: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
    };
  }, viewerUrl);
  expect(printed).toEqual({ type: 'application/pdf', head: '%PDF-', sha: fileSha });
  await viewer.waitForLoadState();
  expect(await viewer.evaluate(() => document.contentType)).toBe('application/pdf');
  await expect(page.getByText('PDF dibuka di tab baru')).toBeVisible();
  await viewer.close();

  // pdf.js ran from the app's own files (its worker included), nothing came from elsewhere, and no page was
  // requested as an image from the backend.
  expect(requests.some((u) => /\/assets\/pdf\.worker\.min-[\w-]+\.js$/.test(u))).toBe(true);
  expect(requests.filter((u) => !u.startsWith(new URL(app.url).origin) && !u.startsWith('blob:'))).toEqual([]);
  expect(requests.filter((u) => /documents\.page|\.png$/.test(u))).toEqual([]);

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

test('"Simpan ke drive" asks which drive when two are attached and copies the PDF to the one chosen', async ({
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-drive-'));
  const media = join(dir, 'media');
  for (const d of ['FLASHDISK-A', 'FLASHDISK-B']) mkdirSync(join(media, d), { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const served = await spawnServed(
    process.execPath,
    [join(ROOT, 'bin/pleno.mjs'), 'serve', '--db', join(dir, 'pleno.db'), '--port', '0'],
    { PLENO_DRIVE_ROOTS: media },
  );
  try {
    await createDemo(served);
    expect((await callApi(served, 'documents.issue', { kind: 'd-hasil', pemilihan: 'bupati' })).ok).toBe(true);
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Dokumen' }).click();
    const row = page.getByRole('table', { name: 'Dokumen yang diterbitkan' }).getByRole('row').nth(1);
    await expect(row).toContainText('DRAF');
    await row.click();
    await page.getByRole('button', { name: 'Simpan ke drive' }).click();
    const chooser = page.getByRole('group', { name: 'Pilih drive' });
    await expect(chooser.getByRole('button', { name: 'FLASHDISK-B' })).toBeVisible();
    await expect(chooser.getByRole('button', { name: 'FLASHDISK-A' })).toBeVisible();
    await chooser.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await checkScreen(page, 'dokumen-pilih-drive');
    await chooser.getByRole('button', { name: 'FLASHDISK-B' }).click();
    await expect(page.getByText('Disimpan ke FLASHDISK-B')).toBeVisible();
    expect(readdirSync(join(media, 'FLASHDISK-B', 'Pleno-Dokumen'))).toEqual([
      expect.stringMatching(/^DHASIL-630214-.*\.pdf$/),
    ]);
    expect(readdirSync(join(media, 'FLASHDISK-A'))).toEqual([]);
  } finally {
    await page.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
