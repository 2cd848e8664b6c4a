// Log Audit as a PPK reads it (issue 13 item 5): sentences with the desa and TPS, filtered by desa + TPS and by
// person, a detail view on click, older pages on demand; no table names or row ids in the lines.
import { callApi, createDemo, expect, test } from './fixtures';
import type { DashboardView } from '../shared/contracts/plenary.contract';

test.setTimeout(120_000);

test('the audit log reads as sentences, filters by desa, TPS and person, and opens an entry', async ({ app, page }) => {
  await createDemo(app);
  const dash = await callApi<DashboardView>(app, 'plenary.dashboard');
  if (!dash.ok) throw new Error(dash.error.message);
  const desa = dash.value.desa.find((d) => d.tiles.length >= 2 && d.tiles[1]!.status !== 'belum-masuk')!;
  const tps = desa.tiles[1]!;

  await page.goto(app.url);
  await page.getByRole('link', { name: 'Log Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log Audit' })).toBeVisible();
  const rows = page.getByRole('list', { name: 'Log audit' }).getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) {
    expect(text).not.toMatch(/submission_photo|lock_event|_json|\bdocument\.issue|lan\.contact/);
  }

  await page.getByTestId('audit-filter-desa').selectOption(desa.kode);
  await page.getByTestId('audit-filter-tps').fill(String(tps.nomor));
  const place = `Desa ${desa.nama} TPS ${String(tps.nomor).padStart(3, '0')}`;
  await expect(rows.first()).toContainText(place);
  const texts = await rows.allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) expect(t).toContain(place);
  await expect(rows.filter({ hasText: 'menerima kiriman C.Hasil' })).not.toHaveCount(0);

  await page.getByLabel('Oleh (nama)').fill('tidak ada orang ini');
  await expect(page.getByText('Tidak ada entri untuk saringan ini.')).toBeVisible();
  await page.getByLabel('Oleh (nama)').fill('');

  const first = rows.first();
  await first.getByRole('button').click();
  await expect(first.getByRole('button')).toHaveAttribute('aria-expanded', 'true');
  await expect(first.getByTestId('audit-detail')).toContainText(place);
});
