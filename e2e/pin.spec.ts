// Decisions need a PIN (issue 13, decisions with weight), in the browser: delegating needs the ketua's PIN (none:
// the buttons stay disabled; a wrong one: refused in words and nothing granted), and the ketua's own forgotten PIN
// is reset by two current delegates with their PINs and a reason (a wrong delegate PIN refused first); the ketua is
// then asked at once to set a new PIN, and Log Audit says "A dan B mengatur ulang PIN <ketua>".
import { createDemo, expect, test } from './fixtures';
import { api, chooseOperator, members, PIN } from './pleno-helpers';
import type { DashboardView, MembersView } from '../shared/contracts/plenary.contract';

test.setTimeout(180_000);

test('delegation needs the ketua PIN; the ketua PIN is reset by two delegates', async ({ app, page }) => {
  await createDemo(app);
  const who = await members(app);
  const [d1, d2] = who.all.filter((m) => !m.ketua);
  const delegated = async () =>
    (await api<MembersView>(app, 'plenary.members')).members.filter((m) => m.delegate).map((m) => m.id);
  const dash = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  await page.goto(app.url);
  await page.evaluate((t) => (window.location.hash = `#/pleno/bupati/${t}`), dash.desa[0]!.tiles[0]!.tps);
  await expect(page.getByTestId('review')).toHaveAttribute('aria-busy', 'false');
  await chooseOperator(page, who.ketua, who.ketuaNama);

  // Delegation: no PIN, no button; a wrong PIN refused in words; the ketua's PIN grants.
  await page.getByRole('button', { name: 'Delegasi', exact: true }).click();
  const delegasi = page.getByRole('dialog', { name: 'Delegasi hak memutuskan' });
  const row1 = delegasi.getByRole('row').filter({ hasText: d1!.nama });
  await expect(row1.getByRole('button', { name: 'Beri delegasi' })).toBeDisabled();
  await delegasi.getByTestId('pin').fill('9999');
  await row1.getByRole('button', { name: 'Beri delegasi' }).click();
  await expect(delegasi.getByRole('alert')).toContainText(/PIN .*salah/);
  await expect(row1).not.toContainText('Didelegasikan');
  expect(await delegated()).toEqual([]);
  await delegasi.getByTestId('pin').fill(PIN);
  for (const m of [d1!, d2!]) {
    const row = delegasi.getByRole('row').filter({ hasText: m.nama });
    await row.getByRole('button', { name: 'Beri delegasi' }).click();
    await expect(row).toContainText('Didelegasikan');
  }
  expect((await delegated()).sort()).toEqual([d1!.id, d2!.id].sort());
  await delegasi.getByRole('button', { name: 'Selesai' }).click();
  await expect(delegasi).toHaveCount(0);

  // Each delegate sets a PIN; the ketua returns and has forgotten theirs.
  await chooseOperator(page, d1!.id, d1!.nama, '7294');
  await chooseOperator(page, d2!.id, d2!.nama, '8351');
  await chooseOperator(page, who.ketua, who.ketuaNama);
  await page.getByRole('button', { name: 'Ganti PIN' }).click();
  const ganti = page.getByRole('dialog', { name: `Ganti PIN ${who.ketuaNama}` });
  await ganti.getByRole('button', { name: /^Lupa PIN Ketua/ }).click();
  const reset = page.getByRole('dialog', { name: `Atur ulang PIN ${who.ketuaNama}` });
  await reset.getByLabel('Anggota 1', { exact: true }).selectOption(String(d1!.id));
  await reset.getByLabel('PIN anggota 1').fill('7294');
  await reset.getByLabel('Anggota 2', { exact: true }).selectOption(String(d2!.id));
  await reset.getByLabel('PIN anggota 2').fill('0000');
  await reset.getByLabel('Alasan (wajib)').fill('Ketua lupa PIN setelah skors');
  await reset.getByRole('button', { name: 'Atur ulang PIN Ketua' }).click();
  await expect(reset.getByTestId('action-error')).toContainText(/salah/);
  await reset.getByLabel('PIN anggota 2').fill('8351');
  await reset.getByRole('button', { name: 'Atur ulang PIN Ketua' }).click();
  await expect(reset).toHaveCount(0);

  // The ketua's PIN is gone: the ketua, still the operator, is asked at once to set a new one.
  const setPin = page.getByRole('dialog', { name: `Atur PIN ${who.ketuaNama}` });
  await expect(setPin).toBeVisible();
  await expect(ganti).toHaveCount(0);
  await setPin.getByLabel('PIN baru', { exact: true }).fill('4826');
  await setPin.getByLabel('Ulangi PIN baru').fill('4826');
  await setPin.getByRole('button', { name: 'Simpan PIN' }).click();
  await expect(setPin).toHaveCount(0);

  await page.getByRole('link', { name: 'Log Audit' }).click();
  const rows = page.getByRole('list', { name: 'Log audit' }).getByTestId('audit-row');
  await expect(rows.filter({ hasText: `${d1!.nama} dan ${d2!.nama} mengatur ulang PIN ${who.ketuaNama}` })).toHaveCount(
    1,
  );
  await expect(rows.filter({ hasText: `${who.ketuaNama} memberi delegasi persetujuan` })).toHaveCount(2);
});
