// Numbers read are numbers signed (issue 14 item 4): a counted record edited with the sqlite3 tool while the app runs
// (the append-only trigger dropped and restored) puts a red band on every screen — main window and projector — that
// says the numbers may not be the signed ones and that no final document can be issued.
import { execFileSync } from 'node:child_process';
import { callApi, createDemo, expect, test } from './fixtures';

function sqlite(dbPath: string, sql: string): string {
  return execFileSync('sqlite3', [dbPath], { input: sql, encoding: 'utf8' });
}

test('an edited row shows the integrity band on the dashboard and the projector', async ({ app, browser }) => {
  await createDemo(app);
  const page = await browser.newPage();
  await page.goto(app.url);
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('integrity-banner')).toHaveCount(0);

  const id = sqlite(app.dbPath, 'SELECT id FROM submission ORDER BY id LIMIT 1;').trim();
  const counts = JSON.parse(sqlite(app.dbPath, `SELECT counts_json FROM submission WHERE id = ${id};`)) as {
    suara: { paslon: number[] };
  };
  counts.suara.paslon[0]! += 300;
  const trigger = sqlite(app.dbPath, "SELECT sql FROM sqlite_master WHERE name = 'submission_no_update';").trim();
  sqlite(
    app.dbPath,
    `DROP TRIGGER submission_no_update;\nUPDATE submission SET counts_json = '${JSON.stringify(counts)}' WHERE id = ${id};\n${trigger};`,
  );
  // Any change refetches the band; a decision elsewhere is the quickest (it would otherwise come within 20 s).
  expect((await callApi(app, 'plenary.startSession', { member: 0 })).ok).toBe(true);

  const band = page.getByTestId('integrity-banner');
  await expect(band).toBeVisible({ timeout: 25_000 });
  await expect(band).toContainText('Pemeriksaan keutuhan data gagal');
  await expect(band).toContainText('dokumen final tidak dapat diterbitkan');
  await expect(band).not.toContainText(/SqliteError|counts_json|HTTP/);
  await expect(page.getByTestId('running-totals')).toBeVisible();

  const projector = await browser.newPage();
  await projector.goto(`${app.url}#/proyektor`);
  await expect(projector.getByTestId('projector')).toBeVisible();
  await expect(projector.getByTestId('integrity-banner')).toBeVisible();
});
