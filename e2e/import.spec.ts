// Impor screen flows in Chromium against `pleno serve`: QR images (a multi-part code opened one picture at a time,
// in shuffled order, with progress "i dari n", decoded in the browser with the bundled zxing-wasm), and a full
// manual double entry with one mismatch found and resolved. Screenshots go to artifacts/.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { forEachCount } from '../shared/domain/labels';
import { countsFor } from '../tests/support/records';
import { ARTIFACTS, callApi, expect, importDemoMaster, test, type PlenoApp } from './fixtures';
import { axeFindings, blocking } from './axe';

/** axe-core on the screen state as shown: no critical or serious finding (issue 13). */
async function axeCheck(page: Page, state: string) {
  const found = blocking(await axeFindings(page));
  expect(found, `${state}: ${JSON.stringify(found)}`).toEqual([]);
}

interface DemoMaster {
  payload: {
    desa: { kode: string; nama: string; tps: { nomor: number; dpt: { l: number; p: number } }[] }[];
    ppk: { nama: string; jabatan: string }[];
  };
}

/** The demo files with only their data master imported (e2e/fixtures importDemoMaster), the master parsed. */
async function demoMaster(app: PlenoApp): Promise<{ dir: string; master: DemoMaster }> {
  const { dir, masterText } = await importDemoMaster(app);
  return { dir, master: JSON.parse(masterText) as DemoMaster };
}

async function openImport(page: Page, app: PlenoApp, tab: string) {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Impor' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

test('QR images: a 3-part code opened in shuffled order shows "i dari 3", then the result', async ({ app, page }) => {
  const { dir, master } = await demoMaster(app);
  const qrFiles = readdirSync(join(dir, 'qr')).sort();
  const parts = qrFiles.filter((f) => /-bupati-\dof3\.png$/.test(f));
  expect(parts).toHaveLength(3);
  const tps = parts[0]!.slice(0, 13);
  // Decoding must happen in the browser, with the wasm served by Pleno itself (no backend fallback, no CDN).
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openImport(page, app, 'QR');

  const input = page.getByLabel('Gambar kode QR');
  const order = [parts[2]!, parts[0]!, parts[1]!];
  await input.setInputFiles(join(dir, 'qr', order[0]!));
  await expect(page.getByTestId('qr-progress')).toContainText('1 dari 3');
  await input.setInputFiles(join(dir, 'qr', order[1]!));
  await expect(page.getByTestId('qr-progress')).toContainText('2 dari 3');
  await page.screenshot({ path: join(ARTIFACTS, 'import-qr-2-dari-3.png') });
  await input.setInputFiles(join(dir, 'qr', order[2]!));
  await expect(page.getByTestId('qr-status')).toContainText('Selesai');
  const results = page.getByRole('table', { name: 'Hasil dari kode QR' });
  await expect(results).toContainText('Diterima');
  // Words, not ids (issue 13): the desa by name, the TPS by number, the pemilihan by name; no 13-digit code.
  const desaNama = master.payload.desa.find((d) => d.kode === tps.slice(0, 10))!.nama;
  const title = `Desa ${desaNama} TPS ${tps.slice(10)}, Bupati`;
  await expect(page.getByTestId('qr-status')).toContainText(`Kode QR lengkap — ${title}: diterima`);
  await expect(results).toContainText(`Desa ${desaNama} TPS ${tps.slice(10)}`);
  await expect(page.getByTestId('qr-status')).not.toContainText(tps); // (file names may carry it; the words do not)
  await axeCheck(page, 'import-qr-selesai');

  // A single-part code of another TPS, opened as a picture too.
  const single = qrFiles.find((f) => /-gubernur\.png$/.test(f))!;
  await input.setInputFiles(join(dir, 'qr', single));
  await expect(results.getByText('Diterima', { exact: true })).toHaveCount(2);
  await page.screenshot({ path: join(ARTIFACTS, 'import-qr-selesai.png') });

  // Opened again after "Mulai ulang": the same code is a duplicate, said in words.
  await page.getByRole('button', { name: 'Mulai ulang' }).click();
  await input.setInputFiles(join(dir, 'qr', order[0]!));
  await input.setInputFiles(join(dir, 'qr', order[1]!));
  await input.setInputFiles(join(dir, 'qr', order[2]!));
  await expect(page.getByTestId('qr-status')).toContainText(
    `Kode QR lengkap — ${title}: sudah pernah diimpor (duplikat), tidak disimpan lagi`,
  );
  await expect(results.getByText('Sudah ada (duplikat)')).toHaveCount(1);
  expect(requests.filter((u) => u.includes('/api/import.qrText')).length).toBeGreaterThanOrEqual(4);
  expect(requests.filter((u) => u.includes('/api/import.qrImage'))).toEqual([]);
  const wasm = requests.filter((u) => u.endsWith('.wasm'));
  expect(wasm.length).toBeGreaterThanOrEqual(1);
  for (const u of wasm) expect(u.startsWith(app.origin)).toBe(true);
  expect(requests.filter((u) => !u.startsWith(app.origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual(
    [],
  );

  // The same code again (another session, as the backend path does for pictures) is a duplicate.
  const again = await callApi<{ state: string; results: { status: string }[] }>(app, 'import.qrImage', {
    session: 'cek',
    name: order[0]!,
    contentBase64: readFileSync(join(dir, 'qr', single)).toString('base64'),
  });
  expect(again.ok && again.value.results[0]?.status).toBe('duplikat');
});

/** The form's values of a consistent C.Hasil for a TPS with this DPT and n choices (the test records' builder). */
function recordFor(dpt: { l: number; p: number }, n: number): Record<string, number> {
  const v: Record<string, number> = {};
  forEachCount(countsFor(dpt, n), (path, value) => (v[path] = value));
  return v;
}

/** Types every box with the keyboard only: focus the first box, then value + Enter, in form order. */
async function typeForm(page: Page, values: Record<string, number>) {
  const paths = await page
    .locator('table.mform input[data-path]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-path')!));
  await page.locator(`table.mform input[data-path="${paths[0]}"]`).focus();
  for (const p of paths) {
    await page.keyboard.type(String(values[p]));
    await page.keyboard.press('Enter');
  }
  return paths;
}

test('Entri manual: two operators, one mismatch highlighted and resolved, then the record is created', async ({
  app,
  page,
}) => {
  const { master } = await demoMaster(app);
  const desa = master.payload.desa[0]!;
  const tpsKode = `${desa.kode}${String(desa.tps[0]!.nomor).padStart(3, '0')}`;
  const good = recordFor(desa.tps[0]!.dpt, 3);
  await openImport(page, app, 'Entri manual');

  await page.getByLabel('Desa/kelurahan').selectOption(desa.kode);
  await page.getByLabel('TPS', { exact: true }).selectOption(tpsKode);
  const pem = page.getByLabel('Pemilihan');
  await pem.selectOption({ index: 2 }); // the second pemilihan in the master (bupati)
  await expect(page.getByRole('table', { name: 'Formulir entri C.Hasil' })).toBeVisible();

  // The DPT of this TPS in the data master is shown beside the form; the operator is chosen from the master's PPK.
  const dpt = desa.tps[0]!.dpt;
  const n = (x: number) => x.toLocaleString('id-ID');
  await expect(page.getByTestId('manual-dpt')).toContainText(
    `laki-laki ${n(dpt.l)}, perempuan ${n(dpt.p)}, jumlah ${n(dpt.l + dpt.p)}`,
  );
  const [ani, budi] = [master.payload.ppk[1]!.nama, master.payload.ppk[2]!.nama];
  const operator = page.getByLabel('Operator (anggota PPK)');
  expect(await operator.locator('option').allTextContents()).toEqual([
    '— pilih operator —',
    ...master.payload.ppk.map((p) => `${p.nama} (${p.jabatan})`),
  ]);
  await axeCheck(page, 'import-manual-entri-1');

  // Entry 1 by the first anggota, keyboard only; the rules panel follows live.
  await operator.selectOption(ani);
  const paths = await typeForm(page, good);
  expect(paths).toContain('suara.paslon.2');
  await expect(page.locator('#manual-save')).toBeFocused();
  await expect(page.locator('.manual-rules')).not.toContainText('R05');
  await page.screenshot({ path: join(ARTIFACTS, 'import-manual-entri-1.png'), fullPage: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('manual-status')).toContainText('Menunggu entri 2');

  // Entry 2 by another anggota, blind, with one misread box (a 1 read as 9 style error); the first operator cannot
  // be chosen for it.
  await expect(page.getByRole('radio', { name: 'Entri 2' })).toBeChecked();
  await expect(operator.locator('option', { hasText: ani })).toBeDisabled();
  await operator.selectOption(budi);
  const typo = { ...good, 'suara.paslon.1': good['suara.paslon.1']! + 800 };
  await typeForm(page, typo);
  await expect(page.locator('.manual-rules')).toContainText('R05'); // the sum no longer matches: shown live
  await page.keyboard.press('Enter');
  const status = page.getByTestId('manual-status');
  await expect(status).toContainText('Entri berbeda di 1 kotak');
  await expect(status).toContainText('IV.A.2');
  await expect(page.locator('td[data-field="suara.paslon.1"][data-mismatch]')).toBeVisible();
  const subs0 = await callApi<{ state: string }>(app, 'import.manualStatus', { tps: tpsKode, pemilihan: 'bupati' });
  expect(subs0.ok && subs0.value.state).toBe('berbeda');
  await page.screenshot({ path: join(ARTIFACTS, 'import-manual-berbeda.png'), fullPage: true });

  await axeCheck(page, 'import-manual-berbeda');

  // The second operator checks the paper and fixes the entry: the mismatching box gets the focus.
  await page.getByRole('button', { name: `Perbaiki entri 2 (${budi})` }).click();
  await expect(page.locator('input[data-path="suara.paslon.1"]')).toBeFocused();
  await page.keyboard.type(String(good['suara.paslon.1']));
  await page.getByRole('button', { name: 'Simpan entri 2' }).click();
  await expect(status).toContainText('Kedua entri sama');
  await expect(status).toContainText(`Hasil Desa ${desa.nama} TPS 001 pemilihan Bupati disimpan sebagai hasil entri`);
  await expect(status).toContainText(ani);
  await expect(status).toContainText(budi);
  await expect(status).toContainText('Diterima');
  await axeCheck(page, 'import-manual-sepakat');
  await page.screenshot({ path: join(ARTIFACTS, 'import-manual-sepakat.png'), fullPage: true });

  const final = await callApi<{ state: string; result: { outcome: string; operators: string[] } }>(
    app,
    'import.manualStatus',
    {
      tps: tpsKode,
      pemilihan: 'bupati',
    },
  );
  expect(final.ok && final.value.result).toMatchObject({ outcome: 'diterima', operators: [ani, budi] });
});

test('LAN: the PPK starts the receiver, a phone pushes a bundle, devices seen (unknown ones too) are listed', async ({
  app,
  page,
}) => {
  const { dir } = await demoMaster(app);
  await openImport(page, app, 'LAN');
  await expect(page.getByText('Penerima LAN mati')).toBeVisible();
  await page.getByLabel('Port').fill('0'); // any free port (tests run in parallel)
  await page.getByRole('button', { name: 'Nyalakan penerima LAN' }).click();
  await expect(page.getByRole('img', { name: /alamat penerima dan kunci PPK/ })).toBeVisible();
  const url = (await page.locator('.lan-urls li').filter({ hasText: '127.0.0.1' }).textContent())!.trim();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const bundle = readdirSync(join(dir, 'tps')).sort()[0]!;
  const ok = await app.cli(['kpps', 'push', '--to', url, join(dir, 'tps', bundle)]);
  expect(ok.code, ok.stderr).toBe(0);
  expect(ok.stdout).toContain('tanda terima sah');

  // A phone whose key is not in the data master.
  const env = JSON.parse(readFileSync(join(dir, 'master.json'), 'utf8')) as {
    payload: { perangkat: { id: string; tps: string }[] };
  };
  const tps = env.payload.perangkat[1]!.tps;
  const { writeFileSync } = await import('node:fs');
  const stranger = join(app.dir, 'asing.json');
  writeFileSync(
    stranger,
    JSON.stringify({
      payload: { format: 'pleno.c-hasil/1', tps, pemilihan: 'bupati', perangkat: 'hp-asing' },
      signature: { alg: 'Ed25519', keyId: 'hp-asing', sig: 'A'.repeat(86) },
    }),
  );
  const bad = await app.cli(['kpps', 'push', '--to', url, stranger]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('(401)');

  const devices = page.getByRole('table', { name: 'Perangkat yang menghubungi' });
  await expect(devices).toContainText('hp-asing');
  await expect(devices).toContainText('tidak terdaftar');
  await expect(devices).toContainText('1 diterima');
  await page.screenshot({ path: join(ARTIFACTS, 'import-lan.png'), fullPage: true });
  await page.getByRole('button', { name: 'Hentikan penerima' }).click();
  await expect(page.getByText('Penerima LAN mati')).toBeVisible();
});

test('Kabel/USB: files picked by hand are imported with a summary listing the rejected file and its reason', async ({
  app,
  page,
}) => {
  const { dir } = await demoMaster(app);
  const bundles = readdirSync(join(dir, 'tps'))
    .filter((f) => f.endsWith('.pleno'))
    .sort()
    .slice(0, 3);
  const { writeFileSync } = await import('node:fs');
  const broken = join(app.dir, 'rusak.pleno');
  writeFileSync(broken, readFileSync(join(dir, 'tps', bundles[0]!)).subarray(0, 300));
  await openImport(page, app, 'Kabel/USB');
  await expect(
    page
      .getByText('Belum ada flashdisk atau ponsel terpasang')
      .or(page.getByRole('list', { name: 'Perangkat penyimpanan' })),
  ).toBeVisible();
  await page.getByLabel('Berkas hasil TPS').setInputFiles([...bundles.map((b) => join(dir, 'tps', b)), broken]);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('4 berkas dibaca');
  await expect(summary).toContainText('6 baru diterima'); // three bundles, two pemilihan each
  await expect(summary).toContainText('1 berkas ditolak');
  const rejected = page.getByRole('table', { name: 'Berkas ditolak' });
  await expect(rejected).toContainText('rusak.pleno');
  await expect(rejected).toContainText(/bundel|ZIP/);
  await page.screenshot({ path: join(ARTIFACTS, 'import-kabel-ringkasan.png'), fullPage: true });

  // The same files again: the counts and the rows agree, in words (issue 13: "0 diterima · 51 duplikat" beside
  // "Semua hasil (53)"), and every TPS is named by its desa and number, never by its code.
  await page.getByLabel('Berkas hasil TPS').setInputFiles([...bundles.map((b) => join(dir, 'tps', b)), broken]);
  await expect(summary).toContainText('0 baru diterima');
  await expect(summary).toContainText('6 sudah ada sebelumnya (duplikat)');
  await summary.getByText(/^Rincian per berkas/).click();
  await expect(summary.getByText(/^Rincian per berkas/)).toHaveText(
    'Rincian per berkas (7 baris: 6 hasil TPS, 1 berkas ditolak)',
  );
  const rows = summary.getByRole('table', { name: 'Rincian impor per berkas' }).locator('tbody tr');
  await expect(rows).toHaveCount(7);
  await expect(rows.filter({ hasText: 'Sudah ada (duplikat)' })).toHaveCount(6);
  const tpsCells = await rows.locator('td:nth-child(3)').allTextContents();
  expect(tpsCells.filter((t) => /^Desa .+ TPS \d{3}$/.test(t))).toHaveLength(6);
  expect(tpsCells.join(' ')).not.toMatch(/\d{13}|\d{2}\.\d{2}\.\d{2}/);
  await axeCheck(page, 'import-kabel-ringkasan');
});
