// Restore over a damaged database (issue 13, backup and restore): the hampang demo backed up to a test drive folder,
// `pleno serve` stopped, one page of its file zeroed with a real write at the page's offset, `pleno serve` started
// again on it: the red banner says in words that the file is damaged and offers "Pulihkan dari cadangan"; the backup
// is chosen, checked, restored; the dialog says where the damaged file is kept; the same `pleno serve` (no restart)
// answers on the restored file: the banner is gone, Beranda shows the backup's numbers, the audit chain verifies.
// With the header page destroyed nothing opens the file: the start-up screen says it is damaged and offers the same
// restore, after which the same server answers on the restored file.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, createDemo, expect, ROOT, runCli, spawnServed, test } from './fixtures';
import { checkScreen } from './screen-check';
import type { DashboardView } from '../shared/contracts/plenary.contract';

test.setTimeout(180_000);

const serveWithDrives = (db: string, media: string) =>
  spawnServed(process.execPath, [join(ROOT, 'bin/pleno.mjs'), 'serve', '--db', db, '--port', '0'], {
    PLENO_DRIVE_ROOTS: media,
  });

/** Zeroes the submission table's root page (as a failing disk sector would). */
function zeroSubmissionPage(dbPath: string): void {
  const q = (sql: string) => execFileSync('sqlite3', [dbPath, sql], { encoding: 'utf8' }).trim();
  const page = Number(q("SELECT rootpage FROM sqlite_master WHERE name = 'submission'"));
  const size = Number(q('PRAGMA page_size'));
  const fd = openSync(dbPath, 'r+');
  try {
    writeSync(fd, Buffer.alloc(size), 0, size, (page - 1) * size);
  } finally {
    closeSync(fd);
  }
}

/** Zeroes the file's first page: SQLite cannot open it at all. */
function zeroHeaderPage(dbPath: string): void {
  const size = Number(execFileSync('sqlite3', [dbPath, 'PRAGMA page_size'], { encoding: 'utf8' }).trim());
  const fd = openSync(dbPath, 'r+');
  try {
    writeSync(fd, Buffer.alloc(size), 0, size, 0);
  } finally {
    closeSync(fd);
  }
}

const nf = new Intl.NumberFormat('id-ID');

/** The hampang demo on `db`, backed up to the test drive; its totals as Beranda shows them. */
async function demoBackedUp(db: string, media: string): Promise<DashboardView['totals']> {
  const a = await serveWithDrives(db, media);
  try {
    await createDemo(a);
    expect((await callApi(a, 'backup.setTarget', { root: join(media, 'FLASHDISK') })).ok).toBe(true);
    expect((await callApi(a, 'backup.now')).ok).toBe(true);
    const dash = await callApi<DashboardView>(a, 'plenary.dashboard');
    if (!dash.ok) throw new Error(dash.error.message);
    expect(dash.value.totals.sah).toBeGreaterThan(0);
    return dash.value.totals;
  } finally {
    await a.stop();
  }
}

test('a damaged database: the banner says so, the backup is restored over it, Beranda shows its numbers', async ({
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-restore-over-'));
  const media = join(dir, 'media');
  mkdirSync(join(media, 'FLASHDISK'), { recursive: true });
  const db = join(dir, 'laptop.db');
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    const totals = await demoBackedUp(db, media);
    zeroSubmissionPage(db);
    const damaged = readFileSync(db);

    const b = await serveWithDrives(db, media);
    try {
      await page.goto(b.url);
      const band = page.getByTestId('readonly-banner');
      await expect(band).toContainText('Berkas basis data rusak');
      await band.getByRole('button', { name: 'Pulihkan dari cadangan' }).click();
      const dialog = page.getByRole('dialog', { name: 'Pulihkan dari cadangan' });
      await expect(dialog).toContainText('dipindahkan ke sampingnya (tidak dihapus)');
      await dialog.getByRole('button', { name: /Kecamatan Hampang · .* WITA · FLASHDISK/ }).click();
      await expect(dialog.getByTestId('restore-check')).toContainText('Rantai audit utuh');
      await checkScreen(page, 'dialog-pulihkan-rusak');
      await dialog.getByRole('button', { name: 'Pulihkan cadangan ini' }).click();

      const done = dialog.getByTestId('restore-done');
      await expect(done).toContainText('Cadangan Kecamatan Hampang dipulihkan; rantai audit utuh');
      await expect(done).toContainText(join(dir, 'laptop.sebelum-pulih-'));
      const aside = /disimpan sebagai (\S+\.db)/.exec((await done.textContent()) ?? '')?.[1];
      expect(aside && readFileSync(aside).equals(damaged)).toBe(true);
      await expect(dialog.getByRole('button', { name: 'Lanjutkan' })).toBeFocused();
      await dialog.getByRole('button', { name: 'Lanjutkan' }).click();

      await expect(page.getByTestId('readonly-banner')).toHaveCount(0);
      await expect(page.getByTestId('total-paslon-1')).toContainText(nf.format(totals.paslon[0]!));
      await expect(page.getByTestId('total-paslon-2')).toContainText(nf.format(totals.paslon[1]!));
      const verify = await callApi<{ ok: boolean }>(b, 'audit.verify');
      expect(verify).toMatchObject({ ok: true, value: { ok: true } });
      // The restored file takes writes again, through the same server.
      expect((await callApi(b, 'plenary.startSession', { member: 0 })).ok).toBe(true);
    } finally {
      await b.stop();
    }
    expect(existsSync(db)).toBe(true);
    const verify = await runCli(['audit', 'verify', '--db', db]);
    expect(verify.stdout).toMatch(/^valid: \d+ entri audit/);
    expect(verify.code).toBe(0);
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the header page destroyed: the start-up screen offers the restore, the same server answers on the backup', async ({
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-restore-header-'));
  const media = join(dir, 'media');
  mkdirSync(join(media, 'FLASHDISK'), { recursive: true });
  const db = join(dir, 'laptop.db');
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    const totals = await demoBackedUp(db, media);
    zeroHeaderPage(db);
    const damaged = readFileSync(db);

    const b = await serveWithDrives(db, media);
    try {
      await page.goto(b.url);
      const screen = page.getByTestId('startup-error');
      await expect(screen).toContainText('Berkas basis data rusak');
      await expect(screen).toContainText('dipindahkan ke sampingnya (tidak dihapus)');
      await checkScreen(page, 'awal-berkas-rusak');
      await screen.getByRole('button', { name: 'Pulihkan dari cadangan' }).click();
      const dialog = page.getByRole('dialog', { name: 'Pulihkan dari cadangan' });
      await dialog.getByRole('button', { name: /Kecamatan Hampang · .* WITA · FLASHDISK/ }).click();
      await expect(dialog.getByTestId('restore-check')).toContainText('Rantai audit utuh');
      await checkScreen(page, 'dialog-pulihkan-tak-terbaca');
      await dialog.getByRole('button', { name: 'Pulihkan cadangan ini' }).click();

      // The shell replaces the start-up screen behind the dialog, which stays to say where the old file is.
      const done = dialog.getByTestId('restore-done');
      await expect(done).toContainText('Cadangan Kecamatan Hampang dipulihkan; rantai audit utuh');
      const aside = /disimpan sebagai (\S+\.db)/.exec((await done.textContent()) ?? '')?.[1];
      expect(aside && readFileSync(aside).equals(damaged)).toBe(true);
      await expect(page.getByTestId('startup-error')).toHaveCount(0);
      await dialog.getByRole('button', { name: 'Lanjutkan' }).click();

      await expect(page.getByTestId('total-paslon-1')).toContainText(nf.format(totals.paslon[0]!));
      await expect(page.getByTestId('total-paslon-2')).toContainText(nf.format(totals.paslon[1]!));
      expect(await callApi<{ ok: boolean }>(b, 'audit.verify')).toMatchObject({ ok: true, value: { ok: true } });
      expect((await callApi(b, 'plenary.startSession', { member: 0 })).ok).toBe(true);
    } finally {
      await b.stop();
    }
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
