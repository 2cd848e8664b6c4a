// "Tunda (PSU/PSS/PSL)" in the TPS review (issue 10): the ketua puts a TPS on hold through the dialog (jenis, dasar,
// alasan, PIN); the TPS shows as held in the review (Sesuai and Koreksi disabled, saying why) and on Beranda, leaves the running
// totals and the recap, and the D.Hasil draft issued next names it "DITUNDA PSU" (the PDF read back with pdftotext
// and its embedded data). An anggota is not offered the button. axe-core on the open dialog and the held review.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, callApi, createDemo, expect, test, type PlenoApp } from './fixtures';
import { axeFindings, blocking } from './axe';
import type { DashboardView, MembersView, TpsReview } from '../shared/contracts/plenary.contract';
import type { DocumentFile, DocumentItem } from '../shared/contracts/documents.contract';
import type { RecapJson } from '../shared/domain/recap';
import type { DHasilData } from '../shared/documents/types';
import { readEmbeddedData } from '../electron/main/backend/services/documents/verify-pdf';

test.setTimeout(150_000);
const PIN = '2580';

async function api<T>(app: PlenoApp, method: string, input: unknown = {}): Promise<T> {
  const r = await callApi<T>(app, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Chooses the operator; the ketua without a PIN sets PIN when asked. */
async function chooseOperator(page: Page, id: number, nama: string) {
  await page.locator('#operator-select').selectOption(String(id));
  await expect(page.getByText(`Operator: ${nama}`)).toBeVisible();
  const setPin = page.getByRole('dialog', { name: `Atur PIN ${nama}` });
  if (
    await setPin.waitFor({ timeout: 2000 }).then(
      () => true,
      () => false,
    )
  ) {
    await setPin.getByLabel('PIN baru', { exact: true }).fill(PIN);
    await setPin.getByLabel('Ulangi PIN baru').fill(PIN);
    await setPin.getByRole('button', { name: 'Simpan PIN' }).click();
    await expect(setPin).toHaveCount(0);
  }
}

test('the ketua holds a TPS for PSU: it leaves the totals and the D.Hasil draft names it DITUNDA', async ({
  app,
  page,
}) => {
  await createDemo(app);
  const m = await api<MembersView>(app, 'plenary.members');
  const ketua = m.members.find((x) => x.ketua)!;
  const anggota = m.members.find((x) => !x.ketua && !x.delegate)!;
  const before = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  const desa = before.desa.find((d) => d.nama === 'Lalapin')!;
  const tile = desa.tiles.find((t) => t.status === 'masuk')!;
  const review = await api<TpsReview>(app, 'plenary.tps', { pemilihan: 'bupati', tps: tile.tps });
  const sah = review.current!.suara.sah;
  const nomor = String(tile.nomor).padStart(3, '0');

  await page.goto(`${app.url}#/pleno/bupati/${tile.tps}`);
  await chooseOperator(page, anggota.id, anggota.nama);
  await expect(page.getByTestId('review-status')).toHaveText('Masuk');
  await expect(page.getByRole('button', { name: 'Tunda (PSU/PSS/PSL)' })).toHaveCount(0);

  await chooseOperator(page, ketua.id, ketua.nama);
  await page.getByRole('button', { name: 'Tunda (PSU/PSS/PSL)' }).click();
  const dialog = page.getByRole('dialog', { name: `Tunda TPS ${nomor} Lalapin (PSU/PSS/PSL)` });
  await dialog.getByLabel('Jenis').selectOption('PSU');
  await expect(dialog.getByLabel('Dasar')).toHaveValue('Rekomendasi Panwaslu Kecamatan');
  await dialog.getByLabel('Dasar').fill('Rekomendasi Panwaslu Kecamatan Nomor 12/PM.01/K.KS-02/XII/2024');
  await dialog.getByLabel('Alasan (wajib)').fill('Pemilih dari luar DPT memilih tanpa hak di TPS ini');
  await expect(dialog.getByRole('button', { name: 'Tunda TPS ini' })).toBeDisabled();
  await dialog.getByTestId('pin').fill(PIN);
  expect(blocking(await axeFindings(page))).toEqual([]);
  await dialog.getByRole('button', { name: 'Tunda TPS ini' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('review-status')).toHaveText('Ditunda (PSU/PSS/PSL)');
  await expect(page.getByTestId('review-tunda')).toContainText('Ditunda (PSU)');
  await expect(page.getByTestId('review-tunda')).toContainText('Nomor 12/PM.01/K.KS-02/XII/2024');
  await expect(page.getByRole('button', { name: 'Tunda (PSU/PSS/PSL)' })).toHaveCount(0);
  // The old result can be neither accepted nor corrected while the hold stands; the reason stands next to the
  // disabled buttons, and their keys open nothing.
  await expect(page.getByRole('button', { name: /^Sesuai/ })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Koreksi/ })).toBeDisabled();
  await expect(page.getByTestId('sesuai-tunda')).toHaveText(
    'TPS ditunda (PSU): tunggu hasil pemungutan ulang; hasil lama tidak dapat diterima atau dikoreksi',
  );
  await page.keyboard.press('s');
  await page.keyboard.press('c');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(blocking(await axeFindings(page))).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'screens', 'pleno-tunda-1366.png') });

  // Out of the running totals and the recap; the tile reads as held.
  const after = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  expect(after.totals.sah).toBe(before.totals.sah - sah);
  expect(after.counts.ditunda).toBe(1);
  const recap = (await api<RecapJson>(app, 'plenary.recap', { pemilihan: 'bupati' })).pemilihan[0]!;
  expect(recap.total.suara.sah).toBe(before.totals.sah - sah);
  await page.getByRole('link', { name: 'Beranda' }).click();
  await expect(page.locator(`a.tile[data-tps="${tile.tps}"]`)).toHaveAttribute('data-status', 'ditunda');
  await expect(page.getByText(new Intl.NumberFormat('id-ID').format(after.totals.sah)).first()).toBeVisible();

  // The D.Hasil draft: the column names the hold, the data carries it and no numbers for that TPS.
  const doc = await api<DocumentItem>(app, 'documents.issue', { kind: 'd-hasil', pemilihan: 'bupati' });
  const file = await api<DocumentFile>(app, 'documents.file', { id: doc.id });
  const path = join(app.dir, 'dhasil-tunda.pdf');
  const bytes = Buffer.from(file.base64, 'base64');
  writeFileSync(path, bytes);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(`TPS ${nomor} (DITUNDA PSU)`);
  const data = (JSON.parse(new TextDecoder().decode((await readEmbeddedData(bytes))!)) as { payload: DHasilData })
    .payload;
  const entry = data.lampiran.find((d) => d.kode === desa.kode)!.tps.find((t) => t.nomor === tile.nomor)!;
  expect(entry).toEqual({
    nomor: tile.nomor,
    counts: null,
    sumber: null,
    tunda: { jenis: 'PSU', dasar: 'Rekomendasi Panwaslu Kecamatan Nomor 12/PM.01/K.KS-02/XII/2024' },
  });
  expect(data.recap.total.suara.sah).toBe(before.totals.sah - sah);
});
