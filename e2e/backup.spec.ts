// Backup to a drive and restore on another laptop (issue 13 item 8): a backup written to a test drive folder from
// the header's "Cadangan" dialog (and by itself after a document is issued), then restored from the first-run screen
// of a second `pleno serve` on a fresh data directory; `pleno audit verify` passes on the restored database.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, createDemo, expect, ROOT, runCli, spawnServed, test } from './fixtures';
import { checkScreen } from './screen-check';

test.setTimeout(180_000);

const serveWithDrives = (db: string, media: string) =>
  spawnServed(process.execPath, [join(ROOT, 'bin/pleno.mjs'), 'serve', '--db', db, '--port', '0'], {
    PLENO_DRIVE_ROOTS: media,
  });

test('a backup on a drive folder restores into a fresh data directory with the audit chain verified', async ({
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-backup-'));
  const media = join(dir, 'media');
  const drive = join(media, 'FLASHDISK');
  mkdirSync(drive, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    const a = await serveWithDrives(join(dir, 'laptop-a.db'), media);
    try {
      await createDemo(a);
      await page.goto(a.url);
      const pill = page.getByTestId('backup-pill');
      await expect(pill).toHaveText('Cadangan belum diatur');
      await pill.click();
      const dialog = page.getByRole('dialog', { name: 'Cadangan ke drive' });
      await dialog.getByRole('radio', { name: 'FLASHDISK' }).click();
      await expect(dialog.getByRole('radio', { name: 'FLASHDISK' })).toBeChecked();
      await dialog.getByRole('button', { name: 'Cadangkan sekarang' }).click();
      await expect(dialog.getByTestId('backup-last')).toContainText('(diminta)');
      await checkScreen(page, 'cadangan');
      await page.keyboard.press('Escape');
      await expect(pill).toBeFocused();
      await expect(pill).toHaveText(/^Cadangan \d\d\.\d\d WITA$/);

      // Issuing a document makes a backup by itself.
      expect((await callApi(a, 'documents.issue', { kind: 'd-hasil', pemilihan: 'bupati' })).ok).toBe(true);
      await expect
        .poll(
          async () => {
            const s = await callApi<{ last: { reason: string } | null }>(a, 'backup.status');
            return s.ok ? s.value.last?.reason : null;
          },
          { timeout: 20_000 },
        )
        .toBe('document');
    } finally {
      await a.stop();
    }
    expect(existsSync(join(drive, 'Pleno-Cadangan', '630214', 'pleno.db'))).toBe(true);

    const freshDb = join(dir, 'laptop-b', 'pleno.db');
    mkdirSync(join(dir, 'laptop-b'));
    const b = await serveWithDrives(freshDb, media);
    try {
      await page.goto(b.url);
      const card = page.getByRole('region', { name: 'Pulihkan dari cadangan' });
      await expect(page.getByRole('heading', { name: 'Selamat datang di Pleno' })).toBeVisible();
      await card.getByRole('button', { name: /Kecamatan Hampang · .* · FLASHDISK/ }).click();
      await expect(card.getByTestId('restore-check')).toContainText('Rantai audit utuh');
      await checkScreen(page, 'pulihkan');
      await card.getByRole('button', { name: 'Pulihkan cadangan ini' }).click();
      await expect(page.getByTestId('header-kecamatan')).toContainText('Kecamatan Hampang');
      await expect(page.getByTestId('dashboard')).toBeVisible();
    } finally {
      await b.stop();
    }
    const verify = await runCli(['audit', 'verify', '--db', freshDb]);
    expect(verify.stdout).toMatch(/^valid: \d+ entri audit/);
    expect(verify.code).toBe(0);
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
