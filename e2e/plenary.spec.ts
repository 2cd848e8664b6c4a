// Plenary flows in Chromium against the web mode, on the hampang demo (setup.createDemo): each asserts what the
// user sees and the recap that results (contract plenary.recap, the same service as `pleno recap --json`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, callApi, createDemo, expect, test, type PlenoApp } from './fixtures';
import { api, chooseOperator, fmt, members, PIN, recapOf } from './pleno-helpers';
import { checkScreen } from './screen-check';
import type { DashboardView, TpsReview } from '../shared/contracts/plenary.contract';
import type { ImportSummary } from '../shared/contracts/import.contract';
import type { PemilihanId } from '../shared/domain/model';

test.setTimeout(120_000);

/** Every pemilihan's dashboard. */
async function dashboards(app: PlenoApp): Promise<DashboardView[]> {
  const first = await api<DashboardView>(app, 'plenary.dashboard');
  return Promise.all(first.pemilihanList.map((p) => api<DashboardView>(app, 'plenary.dashboard', { pemilihan: p.id })));
}

/** The demo's 105 → 905 misread: a bermasalah TPS whose record has a choice at 905. */
async function findMisread(
  app: PlenoApp,
): Promise<{ pemilihan: PemilihanId; tps: string; index: number; desa: string }> {
  for (const d of await dashboards(app)) {
    for (const desa of d.desa) {
      for (const t of desa.tiles.filter((x) => x.status === 'bermasalah')) {
        const r = await api<TpsReview>(app, 'plenary.tps', { pemilihan: d.pemilihan.id, tps: t.tps });
        const index = r.current?.suara.paslon.indexOf(905) ?? -1;
        if (index >= 0) return { pemilihan: d.pemilihan.id, tps: t.tps, index, desa: desa.nama };
      }
    }
  }
  throw new Error('the demo has no 905 misread');
}

test('misread 105/905: correction proposed by an anggota, approved by the ketua; totals change and the audit log shows it', async ({
  app,
  page,
}) => {
  await createDemo(app);
  const mis = await findMisread(app);
  const who = await members(app);
  const before = await recapOf(app, mis.pemilihan);

  await page.goto(app.url);
  await page.getByRole('link', { name: 'Beranda' }).click();
  await page
    .getByRole('group', { name: 'Pilih pemilihan' })
    .getByRole('button', { name: mis.pemilihan === 'bupati' ? 'Bupati' : 'Gubernur' })
    .click();
  const tile = page.locator(`a.tile[data-tps="${mis.tps}"]`);
  await expect(tile).toHaveAttribute('data-status', 'bermasalah');
  await expect(page.getByTestId(`total-paslon-${mis.index + 1}`)).toContainText(
    fmt(before.total.suara.paslon[mis.index]!),
  );
  await page.screenshot({ path: join(ARTIFACTS, 'pleno-dashboard.png') });

  await tile.click();
  await expect(page.getByTestId('review-title')).toContainText(mis.desa);
  const cell = page.locator(`td[data-field="suara.paslon.${mis.index}"]`);
  await expect(cell).toHaveText('905');
  await expect(cell).toHaveAttribute('data-severity', 'error');
  await expect(page.getByTestId('violations').locator('li[data-code="R05"]')).toBeVisible();
  await expect(page.getByTestId('photo-viewer').locator('img')).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'pleno-review.png') });
  const zoom = page.getByTestId('photo-zoom');
  const zoomBefore = await zoom.textContent();
  await page.getByRole('button', { name: 'Perbesar' }).click();
  await expect(zoom).not.toHaveText(zoomBefore!);
  await page.getByRole('button', { name: 'Pas lebar' }).click();

  // Proposed by an anggota (keyboard: C opens the correction dialog).
  await chooseOperator(page, who.anggota, who.anggotaNama);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog');
  await dialog.locator(`input[data-field="suara.paslon.${mis.index}"]`).fill('105');
  await expect(dialog.getByTestId('correction-diff')).toContainText('905');
  await dialog
    .getByLabel('Alasan koreksi (wajib)')
    .fill('Angka 105 terbaca 905; sesuai C.Hasil plano dan salinan saksi');
  // Evidence: a photo of the corrected sheet (any PNG will do here).
  const evidence = await page.screenshot({ clip: { x: 0, y: 0, width: 200, height: 120 } });
  // The picker speaks Indonesian (never the browser's "Choose File") and opens from the keyboard.
  const picker = dialog.getByRole('button', { name: 'Pilih foto…' });
  await expect(dialog.getByTestId('file-picker-state')).toHaveText('Belum ada berkas dipilih');
  await picker.focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: evidence });
  await expect(dialog.getByTestId('file-picker-state')).toHaveText('Dipilih: bukti.png');
  await checkScreen(page, 'dialog-koreksi');
  await dialog.getByRole('button', { name: /Usulkan koreksi/ }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const corr = page.locator('[data-testid^="correction-"]').first();
  await expect(corr).toContainText('Diusulkan');
  // Proposing alone changes nothing counted.
  expect((await recapOf(app, mis.pemilihan)).total.suara.paslon[mis.index]).toBe(before.total.suara.paslon[mis.index]);

  // The proposal shows on its own field and in the header while it waits.
  await expect(page.getByTestId(`pending-suara.paslon.${mis.index}`)).toContainText('→ 105');
  await expect(cell).toContainText('905 → 105 (menunggu persetujuan)');
  await expect(page.getByTestId('review-pending')).toContainText('menunggu persetujuan');
  // The anggota is not offered Setujui at all.
  await expect(corr.getByRole('button', { name: 'Setujui' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Setujui koreksi/ })).toHaveCount(0);
  await expect(page.getByTestId('not-decider').first()).toContainText('Ketua PPK');

  // The ketua approves from the top of the review (Y), with the PIN.
  await chooseOperator(page, who.ketua, who.ketuaNama);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await expect(page.getByRole('button', { name: /Tolak koreksi/ })).toBeVisible();
  await checkScreen(page, 'pleno-koreksi-ketua');
  // Tolak's dialog, looked at and left (Escape) before approving.
  await page.keyboard.press('t');
  const reject = page.getByRole('dialog', { name: /Tolak koreksi/ });
  await expect(reject.getByRole('button', { name: 'Tolak' })).toBeVisible();
  await checkScreen(page, 'dialog-tolak-koreksi');
  await page.keyboard.press('Escape');
  await expect(reject).toHaveCount(0);
  await page.keyboard.press('y');
  const approve = page.getByRole('dialog', { name: /Setujui koreksi/ });
  await expect(approve.getByRole('button', { name: 'Setujui' })).toBeDisabled();
  await checkScreen(page, 'dialog-setujui-koreksi');
  await approve.getByTestId('pin').fill('9999');
  await approve.getByRole('button', { name: 'Setujui' }).click();
  await expect(approve.getByTestId('action-error')).toContainText('salah');
  await expect(page.getByTestId('review-status')).not.toHaveText('Dikoreksi');
  await approve.getByTestId('pin').fill(PIN);
  await approve.getByRole('button', { name: 'Setujui' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Dikoreksi');
  await expect(cell).toContainText('105');
  await expect(corr).toContainText('Disetujui');
  await corr.getByRole('button', { name: 'Lihat foto bukti' }).click();
  await expect(corr.locator('img[alt^="Foto C.Hasil"]')).toBeVisible();

  const after = await recapOf(app, mis.pemilihan);
  expect(after.total.suara.paslon[mis.index]).toBe(before.total.suara.paslon[mis.index]! - 800);
  expect(after.tps.diputuskan).toBe(before.tps.diputuskan + 1);

  await page.getByRole('link', { name: 'Beranda' }).click();
  await expect(page.getByTestId(`total-paslon-${mis.index + 1}`)).toContainText(
    fmt(after.total.suara.paslon[mis.index]!),
  );
  await expect(page.locator(`a.tile[data-tps="${mis.tps}"]`)).toHaveAttribute('data-status', 'dikoreksi');

  await page.getByRole('link', { name: 'Log Audit' }).click();
  await page.getByTestId('audit-filter-action').selectOption('correction');
  const rows = page.getByRole('list', { name: 'Log audit' }).getByTestId('audit-row');
  const place = `Desa ${mis.desa} TPS ${mis.tps.slice(10)}`;
  await expect(rows.filter({ hasText: `${who.ketuaNama} menyetujui koreksi ${place}: ` })).toHaveCount(1);
  const proposed = rows.filter({ hasText: `${who.anggotaNama} mengusulkan koreksi ${place}: ` });
  await expect(proposed).toHaveCount(1);
  await expect(proposed).toContainText('905 → 105');
  await proposed.getByRole('button').click();
  await expect(proposed.getByTestId('audit-detail')).toContainText('correction.propose');
  await expect(page.getByTestId('audit-verify')).toContainText('Utuh');
  await page.screenshot({ path: join(ARTIFACTS, 'pleno-audit.png') });
});

test('an open objection prevents locking the desa until it is resolved', async ({ app, page }) => {
  await createDemo(app);
  const who = await members(app);
  // A desa whose TPS all arrived without a problem.
  const dash = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  const desa = dash.desa.find((d) => d.tiles.length >= 2 && d.tiles.every((t) => t.status === 'masuk'))!;
  expect(desa, 'a desa with every TPS masuk').toBeTruthy();

  await page.goto(app.url);
  await page.evaluate((tps) => (window.location.hash = `#/pleno/bupati/${tps}`), desa.tiles[0]!.tps);
  await chooseOperator(page, who.ketua, who.ketuaNama);
  for (const [i, t] of desa.tiles.entries()) {
    if (i > 0) await page.keyboard.press('j');
    await expect(page.getByTestId('review-title')).toContainText(`TPS ${String(t.nomor).padStart(3, '0')}`);
    await page.getByRole('button', { name: /^Sesuai/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Terima sesuai dibacakan' }).click();
    await expect(page.getByTestId('review-status')).toHaveText('Sesuai');
  }
  // Panwascam objects to the last TPS.
  await page.getByRole('button', { name: /^Keberatan/ }).click();
  const d = page.getByRole('dialog');
  await d.getByLabel('Diajukan oleh').selectOption('panwascam');
  await d.getByLabel('Isi keberatan').fill('Jumlah suara tidak sah berbeda dengan salinan Panwascam');
  await checkScreen(page, 'dialog-keberatan');
  await d.getByRole('button', { name: 'Catat keberatan' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Sengketa');

  await page.getByRole('button', { name: 'Kunci desa' }).click();
  await expect(page.getByTestId('lock-refused')).toContainText('keberatan');
  await page.getByRole('dialog').getByRole('button', { name: 'Tutup' }).click();
  expect((await api<{ locked: boolean }>(app, 'plenary.desa', { pemilihan: 'bupati', desa: desa.kode })).locked).toBe(
    false,
  );

  await page.getByRole('button', { name: 'Selesaikan' }).click();
  const r = page.getByRole('dialog');
  await r.getByLabel('Ditolak').check();
  await r.getByLabel('Alasan penolakan').fill('Salinan Panwascam sama dengan C.Hasil plano setelah dicocokkan');
  await r.getByTestId('pin').fill(PIN);
  await checkScreen(page, 'dialog-selesaikan-keberatan');
  await r.getByRole('button', { name: 'Simpan keputusan' }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Sesuai');

  // The lock reads the desa's totals out and asks the PIN.
  await page.getByRole('button', { name: 'Kunci desa' }).click();
  const lock = page.getByRole('dialog', { name: /Kunci desa/ });
  const totals = (
    await api<{ totals: { sah: number; tidakSah: number; total: number; paslon: number[] } }>(app, 'plenary.desa', {
      pemilihan: 'bupati',
      desa: desa.kode,
    })
  ).totals;
  const read = lock.getByTestId('lock-totals');
  // Each figure in its own row's number cell (a row's text also holds the paslon's number and name).
  const cell = (row: RegExp) => read.getByRole('row', { name: row }).locator('td.num');
  await expect(cell(/^Suara sah/)).toHaveText(fmt(totals.sah));
  await expect(cell(/^Suara tidak sah/)).toHaveText(fmt(totals.tidakSah));
  await expect(cell(/^Jumlah suara/)).toHaveText(fmt(totals.total));
  expect(totals.paslon.length).toBeGreaterThan(1);
  for (const [i, v] of totals.paslon.entries()) await expect(cell(new RegExp(`^Paslon ${i + 1} `))).toHaveText(fmt(v));
  await expect(lock.getByRole('button', { name: 'Kunci desa' })).toBeDisabled();
  await lock.getByTestId('pin').fill(PIN);
  await checkScreen(page, 'dialog-kunci-desa');
  await lock.getByRole('button', { name: 'Kunci desa' }).click();
  await expect(page.getByText('Desa terkunci')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Buka kunci desa' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sesuai/ })).toBeDisabled();

  const recap = await recapOf(app, 'bupati');
  const rd = recap.desa.find((x) => x.kode === desa.kode)!;
  expect(rd.tps).toEqual({
    total: desa.tiles.length,
    masuk: desa.tiles.length,
    diputuskan: desa.tiles.length,
    konflik: 0,
  });
  const locked = await callApi(app, 'plenary.accept', { pemilihan: 'bupati', tps: desa.tiles[0]!.tps });
  expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
});

test('a konflik resolved by choosing the second submission: it becomes the counted version', async ({ app, page }) => {
  await createDemo(app);
  const who = await members(app);
  let found: { pemilihan: PemilihanId; tps: string } | null = null;
  for (const d of await dashboards(app)) {
    const t = d.desa.flatMap((x) => x.tiles).find((x) => x.status === 'konflik');
    if (t) found = { pemilihan: d.pemilihan.id, tps: t.tps };
  }
  expect(found, 'the demo has a konflik TPS').not.toBeNull();
  const { pemilihan, tps } = found!;
  const review = await api<TpsReview>(app, 'plenary.tps', { pemilihan, tps });
  const [first, second] = review.submissions;
  const before = await recapOf(app, pemilihan);
  expect(before.tps.konflik).toBeGreaterThanOrEqual(1);

  await page.goto(app.url);
  await page.evaluate(([p, t]) => (window.location.hash = `#/pleno/${p}/${t}`), [pemilihan, tps]);
  await expect(page.getByTestId('review-status')).toHaveText('Konflik');
  await chooseOperator(page, who.anggota, who.anggotaNama);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('f');
  const d = page.getByRole('dialog');
  await expect(d.getByRole('table', { name: 'Perbandingan kiriman' })).toContainText(review.conflictDiff[0]!.label);
  await d.getByLabel('Pilih kiriman 2').check();
  await d.getByLabel('Alasan memilih (wajib)').fill('Kiriman kedua sesuai C.Hasil plano yang dibacakan');
  await checkScreen(page, 'dialog-konflik');
  await d.getByRole('button', { name: 'Pilih kiriman ini' }).click();
  await expect(page.getByTestId('review-status')).not.toHaveText('Konflik');
  await expect(page.getByTestId(`submission-${second!.id}`)).toContainText('Dipakai');

  const after = await recapOf(app, pemilihan);
  expect(after.tps.konflik).toBe(before.tps.konflik - 1);
  for (let i = 0; i < first!.counts.suara.paslon.length; i += 1) {
    expect(after.total.suara.paslon[i]).toBe(
      before.total.suara.paslon[i]! - first!.counts.suara.paslon[i]! + second!.counts.suara.paslon[i]!,
    );
  }
});

test('the projector view (a second page) follows the operator', async ({ app, page }) => {
  await createDemo(app);
  const dash = await api<DashboardView>(app, 'plenary.dashboard', { pemilihan: 'bupati' });
  const desa = dash.desa.find(
    (x) => x.tiles.length >= 2 && x.tiles[0]!.status === 'masuk' && x.tiles[1]!.status !== 'belum-masuk',
  )!;
  await page.goto(app.url);
  await page.evaluate((t) => (window.location.hash = `#/pleno/bupati/${t}`), desa.tiles[0]!.tps);
  await expect(page.getByTestId('review-title')).toContainText('TPS 001');

  const [projector] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Proyektor' }).click(),
  ]);
  await projector.setViewportSize({ width: 1366, height: 768 });
  await expect(projector.getByTestId('projector-where')).toHaveText(`${desa.nama} · TPS 001`);
  await expect(projector.locator('nav')).toHaveCount(0);
  // A demo database is marked SIMULASI on the screen the whole room sees, too.
  await expect(projector.getByTestId('simulasi-banner')).toBeVisible();
  // The figure in the "Suara sah" row itself, not a number found anywhere in the table.
  const sah = (table: string) =>
    projector
      .getByTestId(table)
      .getByRole('row', { name: /^Suara sah/ })
      .locator('td.n');
  const t1 = await api<TpsReview>(app, 'plenary.tps', { pemilihan: 'bupati', tps: desa.tiles[0]!.tps });
  await expect(sah('projector-tps-votes')).toHaveText(String(t1.current!.suara.sah));

  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('j');
  await expect(page.getByTestId('review-title')).toContainText(`TPS ${String(desa.tiles[1]!.nomor).padStart(3, '0')}`);
  await expect(projector.getByTestId('projector-where')).toHaveText(
    `${desa.nama} · TPS ${String(desa.tiles[1]!.nomor).padStart(3, '0')}`,
  );
  const t2 = await api<TpsReview>(app, 'plenary.tps', { pemilihan: 'bupati', tps: desa.tiles[1]!.tps });
  await expect(sah('projector-tps-votes')).toHaveText(String(t2.current!.suara.sah));
  const totals = await recapOf(app, 'bupati');
  await expect(sah('projector-totals')).toHaveText(fmt(totals.total.suara.sah));
  await projector.screenshot({ path: join(ARTIFACTS, 'pleno-projector.png') });
});

test('a result arriving while Beranda is open appears without reloading (results-changed)', async ({ app, page }) => {
  // The demo files (pleno demo <dir>): the master first, the TPS bundles arrive while the dashboard is open.
  const dir = join(app.dir, 'demo-files');
  const gen = await app.cli(['demo', dir]);
  expect(gen.code, gen.stderr).toBe(0);
  const masterB64 = readFileSync(join(dir, 'master.json')).toString('base64');
  const preview = await api<{ fingerprint: string }>(app, 'setup.previewMaster', {
    fileName: 'master.json',
    contentBase64: masterB64,
  });
  await api(app, 'setup.importMaster', {
    fileName: 'master.json',
    contentBase64: masterB64,
    confirmFingerprint: preview.fingerprint,
  });
  const bundle = readdirSync(join(dir, 'tps'))
    .filter((f) => f.endsWith('.pleno'))
    .sort()[0]!;
  const tps = bundle.slice(0, 13);

  await page.goto(app.url);
  await page.getByRole('group', { name: 'Pilih pemilihan' }).getByRole('button', { name: 'Bupati' }).click();
  const tile = page.locator(`a.tile[data-tps="${tps}"]`);
  await expect(tile).toHaveAttribute('data-status', 'belum-masuk');
  await expect(page.getByTestId('count-belum-masuk')).toHaveText(String(await page.locator('a.tile').count()));

  const r = await api<ImportSummary>(app, 'import.files', {
    files: [{ name: bundle, contentBase64: readFileSync(join(dir, 'tps', bundle)).toString('base64') }],
  });
  // one bundle, both pemilihan inside: two records accepted
  expect(r).toMatchObject({ files: 1, diterima: 2, duplikat: 0, konflik: 0, ditolak: 0 });
  await expect(tile).not.toHaveAttribute('data-status', 'belum-masuk');
  await expect(page.getByTestId('count-belum-masuk')).toHaveText(String((await page.locator('a.tile').count()) - 1));
  const recap = await recapOf(app, 'bupati');
  expect(recap.tps.masuk).toBe(1);
  expect(recap.desa.find((d) => d.kode === tps.slice(0, 10))!.tps.masuk).toBe(1);
});
