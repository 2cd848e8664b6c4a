// Decisions with weight in Chromium on the hampang demo (issue 13 items 2 and 7): a Sesuai withdrawn (batalkan) with
// a reason and the decider's PIN — the TPS returns to its earlier state and the history keeps the decision marked
// "Dibatalkan"; and a sidang opened in the review toolbar with the PPK, a saksi and Panwaslu recorded present, whose
// names appear on the signature page of a D.Hasil draft issued from Dokumen (the PDF read back with pdftotext).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createDemo, expect, test } from './fixtures';
import { api, chooseOperator, members, PIN, recapOf } from './pleno-helpers';
import { checkScreen } from './screen-check';
import type { DashboardView, TpsReview } from '../shared/contracts/plenary.contract';

test.setTimeout(180_000);

test('batalkan: a Sesuai withdrawn with a reason and the PIN returns the TPS to Masuk; history shows Dibatalkan', async ({
  app,
  page,
}) => {
  await createDemo(app);
  const who = await members(app);
  const dash = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  const tile = dash.desa.flatMap((d) => d.tiles).find((t) => t.status === 'masuk')!;
  const before = await recapOf(app, 'bupati');

  await page.goto(app.url);
  await page.evaluate((t) => (window.location.hash = `#/pleno/bupati/${t}`), tile.tps);
  await expect(page.getByTestId('review-status')).toHaveText('Masuk');
  await chooseOperator(page, who.ketua, who.ketuaNama);

  // Sesuai: the confirmation reads out what is accepted; its action button has the focus (docs/plenary-decisions.md).
  const sesuai = page.getByRole('button', { name: /^Sesuai/ });
  await sesuai.click();
  const confirm = page.getByRole('dialog', { name: /^Sesuai/ });
  await expect(confirm.getByRole('button', { name: 'Terima sesuai dibacakan' })).toBeFocused();
  await checkScreen(page, 'dialog-sesuai');
  // Escape cancels and gives the focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(sesuai).toBeFocused();
  await sesuai.click();
  await confirm.getByRole('button', { name: 'Terima sesuai dibacakan' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Sesuai');
  expect((await recapOf(app, 'bupati')).tps.diputuskan).toBe(before.tps.diputuskan + 1);

  const decision = page.locator('[data-testid^="decision-acceptance-"]');
  await expect(decision).toHaveCount(1);
  await decision.getByRole('button', { name: 'Batalkan' }).click();
  const withdraw = page.getByRole('dialog', { name: 'Batalkan: keputusan Sesuai' });
  await expect(withdraw.getByRole('button', { name: 'Batalkan keputusan' })).toBeDisabled();
  await withdraw.getByLabel('Alasan membatalkan (wajib)').fill('Salah TPS: yang dibacakan TPS sebelahnya');
  await withdraw.getByTestId('pin').fill('9999');
  await checkScreen(page, 'dialog-batalkan');
  await withdraw.getByRole('button', { name: 'Batalkan keputusan' }).click();
  await expect(withdraw.getByTestId('action-error')).toContainText('PIN');
  await expect(page.getByTestId('review-status')).toHaveText('Sesuai');
  await withdraw.getByTestId('pin').fill(PIN);
  await withdraw.getByRole('button', { name: 'Batalkan keputusan' }).click();
  await expect(withdraw).toHaveCount(0);

  await expect(page.getByTestId('review-status')).toHaveText('Masuk');
  await expect(decision).toContainText('Dibatalkan');
  await expect(decision).toContainText(`dibatalkan ${who.ketuaNama}`);
  await expect(decision).toContainText('Salah TPS: yang dibacakan TPS sebelahnya');
  await expect(decision.getByRole('button', { name: 'Batalkan' })).toHaveCount(0);
  await expect(sesuai).toBeEnabled();
  await checkScreen(page, 'pleno-review-dibatalkan', { fitHeight: true });
  const after = await recapOf(app, 'bupati');
  expect(after.tps.diputuskan).toBe(before.tps.diputuskan);
  expect(after.total).toEqual(before.total);
  const review = await api<TpsReview>(app, 'plenary.tps', { pemilihan: 'bupati', tps: tile.tps });
  expect(review.status).toBe('masuk');
  expect(review.acceptances[0]!.withdrawn).toMatchObject({ by: who.ketuaNama });
});

test('a sidang with attendance recorded in the UI appears on the D.Hasil signature page', async ({ app, page }) => {
  await createDemo(app);
  const who = await members(app);
  const dash = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  const paslon = dash.pemilihan.pilihan.filter((p) => p.kind !== 'kolom-kosong');

  await page.goto(app.url);
  await page.evaluate((t) => (window.location.hash = `#/pleno/bupati/${t}`), dash.desa[0]!.tiles[0]!.tps);
  await chooseOperator(page, who.ketua, who.ketuaNama);
  const opener = page.getByTestId('sidang-button');
  await expect(opener).toContainText('Belum dibuka');
  await opener.click();
  let dialog = page.getByRole('dialog', { name: /Sidang/ });
  await dialog.getByRole('button', { name: 'Buka sidang' }).click();
  await expect(dialog).toHaveAccessibleName(/Sidang hari ke-1/);

  // The PPK member is chosen from the data master's list; saksi per paslon and Panwaslu are typed.
  await dialog.getByLabel('Hadir sebagai').selectOption('ppk');
  await dialog.getByLabel('Anggota PPK yang hadir').selectOption({ label: who.ketuaNama });
  await dialog.getByRole('button', { name: 'Catat hadir' }).click();
  await expect(dialog.getByTestId('hadir')).toContainText(who.ketuaNama);
  const saksi = ['Budi Santoso', 'Siti Aminah'];
  for (const [i, nama] of saksi.entries()) {
    await dialog.getByLabel('Hadir sebagai').selectOption('saksi');
    await dialog.getByLabel('Saksi pasangan calon').selectOption(String(paslon[i]!.nomor));
    await dialog.getByLabel('Nama yang hadir').fill(nama);
    await dialog.getByRole('button', { name: 'Catat hadir' }).click();
    await expect(dialog.getByTestId('hadir')).toContainText(nama);
  }
  await dialog.getByLabel('Hadir sebagai').selectOption('panwaslu');
  await dialog.getByLabel('Nama yang hadir').fill('Rahmat Hidayat');
  await dialog.getByRole('button', { name: 'Catat hadir' }).click();
  await expect(dialog.getByTestId('hadir')).toContainText('Rahmat Hidayat');
  // A mistaken entry (a saksi on the wrong paslon's line) is withdrawn with a reason: kept, no longer listed.
  await dialog.getByLabel('Hadir sebagai').selectOption('saksi');
  await dialog.getByLabel('Saksi pasangan calon').selectOption(String(paslon[0]!.nomor));
  await dialog.getByLabel('Nama yang hadir').fill('Salah Catat');
  await dialog.getByRole('button', { name: 'Catat hadir' }).click();
  await expect(dialog.getByTestId('hadir').getByRole('listitem')).toHaveCount(5);
  await checkScreen(page, 'dialog-sidang');
  await dialog.getByRole('button', { name: 'Tarik kehadiran Salah Catat' }).click();
  const tarik = page.getByRole('dialog', { name: 'Tarik kehadiran Salah Catat' });
  await tarik.getByLabel('Alasan menarik (wajib)').fill('Nama tertukar; bukan saksi paslon ini');
  await checkScreen(page, 'dialog-tarik-kehadiran');
  await tarik.getByRole('button', { name: 'Tarik kehadiran' }).click();
  await expect(tarik).toHaveCount(0);
  await expect(dialog.getByTestId('hadir').getByRole('listitem')).toHaveCount(4);
  await expect(dialog.getByTestId('hadir')).not.toContainText('Salah Catat');

  // Skors needs a reason; Escape closes and the focus returns to the toolbar button.
  await dialog.getByRole('button', { name: 'Skors' }).click();
  await expect(dialog.getByTestId('action-error')).toContainText('alasan skors');
  await dialog.getByLabel(/^Catatan/).fill('Istirahat salat');
  await dialog.getByRole('button', { name: 'Skors' }).click();
  await expect(dialog).toHaveAccessibleName(/Diskors/);
  await dialog.getByRole('button', { name: 'Lanjutkan sidang' }).click();
  await expect(dialog).toHaveAccessibleName(/Sidang berjalan/);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  await expect(opener).toContainText('hari ke-1');

  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Dokumen' }).click();
  await page.getByLabel('Pemilihan', { exact: true }).selectOption({ label: dash.pemilihan.nama });
  await checkScreen(page, 'dokumen-terbitkan');
  await page.getByRole('button', { name: 'Terbitkan DRAF' }).click();
  const row = page.getByRole('table', { name: 'Dokumen yang diterbitkan' }).getByRole('row').nth(1);
  await expect(row).toContainText('DRAF');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Unduh PDF' }).click(),
  ]);
  const file = join(app.dir, 'd-hasil.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const sign = text.slice(text.lastIndexOf('SAKSI PASANGAN CALON'));
  expect(sign).toContain('Budi Santoso');
  expect(sign).toContain('Siti Aminah');
  expect(sign.indexOf('Budi Santoso')).toBeLessThan(sign.indexOf('Siti Aminah'));
  expect(sign).toMatch(/Nama:\s+Rahmat Hidayat/);
  expect(text).toContain(who.ketuaNama);
  expect(text).not.toContain('Salah Catat');
  dialog = page.getByRole('dialog');
  await expect(dialog).toHaveCount(0);
});

test('the PIN, delegation and kejadian khusus dialogs pass the screen check (issue 13: axe on every state)', async ({
  app,
  page,
}) => {
  await createDemo(app);
  const who = await members(app);
  const [d1, d2] = who.all.filter((m) => !m.ketua);
  const dash = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  await page.goto(app.url);
  await page.evaluate((t) => (window.location.hash = `#/pleno/bupati/${t}`), dash.desa[0]!.tiles[0]!.tps);
  await expect(page.getByTestId('review')).toHaveAttribute('aria-busy', 'false');

  // The ketua starts the session and is asked to set a PIN.
  await page.locator('#operator-select').selectOption(String(who.ketua));
  const setPin = page.getByRole('dialog', { name: `Atur PIN ${who.ketuaNama}` });
  await setPin.getByLabel('PIN baru', { exact: true }).fill(PIN);
  await setPin.getByLabel('Ulangi PIN baru').fill(PIN);
  await checkScreen(page, 'dialog-atur-pin');
  await setPin.getByRole('button', { name: 'Simpan PIN' }).click();
  await expect(setPin).toHaveCount(0);

  // Delegation to two anggota, confirmed with the ketua's PIN.
  const delegasi = page.getByRole('dialog', { name: 'Delegasi hak memutuskan' });
  await page.getByRole('button', { name: 'Delegasi', exact: true }).click();
  await delegasi.getByTestId('pin').fill(PIN);
  for (const m of [d1!, d2!]) {
    const row = delegasi.getByRole('row').filter({ hasText: m.nama });
    await row.getByRole('button', { name: 'Beri delegasi' }).click();
    await expect(row).toContainText('Didelegasikan');
  }
  await checkScreen(page, 'dialog-delegasi');
  await delegasi.getByRole('button', { name: 'Selesai' }).click();
  await expect(delegasi).toHaveCount(0);

  // Each delegate sets a PIN; the ketua returns.
  await chooseOperator(page, d1!.id, d1!.nama, '7294');
  await chooseOperator(page, d2!.id, d2!.nama, '8351');
  await chooseOperator(page, who.ketua, who.ketuaNama);

  // The ketua's own forgotten PIN: two delegates with their PINs and a reason.
  await page.getByRole('button', { name: 'Ganti PIN' }).click();
  const ganti = page.getByRole('dialog', { name: `Ganti PIN ${who.ketuaNama}` });
  await ganti.getByLabel('PIN lama').fill(PIN);
  await checkScreen(page, 'dialog-ganti-pin');
  await ganti.getByRole('button', { name: /^Lupa PIN Ketua/ }).click();
  const resetKetua = page.getByRole('dialog', { name: `Atur ulang PIN ${who.ketuaNama}` });
  await resetKetua.getByLabel('Anggota 1', { exact: true }).selectOption(String(d1!.id));
  await resetKetua.getByLabel('PIN anggota 1').fill('7294');
  await resetKetua.getByLabel('Anggota 2', { exact: true }).selectOption(String(d2!.id));
  await resetKetua.getByLabel('PIN anggota 2').fill('8351');
  await resetKetua.getByLabel('Alasan (wajib)').fill('Ketua lupa PIN setelah skors');
  await expect(resetKetua.getByRole('button', { name: 'Atur ulang PIN Ketua' })).toBeEnabled();
  await checkScreen(page, 'dialog-atur-ulang-pin-ketua');
  await resetKetua.getByRole('button', { name: 'Batal' }).click();
  await expect(resetKetua).toHaveCount(0);
  await ganti.getByRole('button', { name: 'Batal' }).click();
  await expect(ganti).toHaveCount(0);

  // The ketua resets a delegate's forgotten PIN from the delegation dialog.
  await page.getByRole('button', { name: 'Delegasi', exact: true }).click();
  await delegasi.getByRole('row').filter({ hasText: d1!.nama }).getByRole('button', { name: 'Atur ulang PIN' }).click();
  const reset = page.getByRole('dialog', { name: `Atur ulang PIN ${d1!.nama}` });
  await reset.getByLabel('Alasan (wajib)').fill('Lupa PIN');
  await reset.getByLabel('PIN Ketua PPK').fill(PIN);
  await checkScreen(page, 'dialog-atur-ulang-pin');
  await reset.getByRole('button', { name: 'Atur ulang PIN' }).click();
  await expect(reset).toHaveCount(0);
  await delegasi.getByRole('button', { name: 'Selesai' }).click();

  // Kejadian khusus, here for the whole kecamatan.
  await page.getByRole('button', { name: /^Kejadian khusus/ }).click();
  const kejadian = page.getByRole('dialog', { name: 'Catat kejadian khusus' });
  await kejadian.getByLabel('Tentang').selectOption('kecamatan');
  await kejadian.getByLabel('Kejadian').fill('Listrik padam 20 menit; rapat dilanjutkan dengan genset');
  await checkScreen(page, 'dialog-kejadian');
  await kejadian.getByRole('button', { name: 'Simpan' }).click();
  await expect(kejadian).toHaveCount(0);

  // Closing it: how it was settled (printed on the Model D.Kejadian Khusus). A kecamatan-level kejadian is listed
  // in the sidang dialog.
  await page.getByTestId('sidang-button').click();
  const sidang = page.getByRole('dialog', { name: /Sidang/ });
  const item = sidang.locator('[data-testid^="kejadian-"]').filter({ hasText: 'Listrik padam 20 menit' });
  await item.getByRole('button', { name: 'Nyatakan selesai' }).click();
  const selesai = page.getByRole('dialog', { name: 'Kejadian khusus selesai' });
  await selesai
    .getByLabel(/^Bagaimana diselesaikan/)
    .fill('Listrik kembali menyala pukul 14.20; tidak ada suara terganggu');
  await checkScreen(page, 'dialog-kejadian-selesai');
  await selesai.getByRole('button', { name: 'Simpan' }).click();
  await expect(selesai).toHaveCount(0);
  await expect(item).toContainText('Selesai');
});
