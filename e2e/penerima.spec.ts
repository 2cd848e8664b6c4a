// The kab/kota receiver in Chromium on the kotabaru demo: `pleno serve` on the receiver database shows the receiver
// screens and runs the §4 receiver in the same process; kecamatan push with the real sender (`pleno kirim`) and the
// dashboard fills; a refused push shows its problems in words; a number's trace is opened down to the signed record
// and its photo; an unknown PPK key is registered with a reason and its kecamatan then arrives. axe-core on each
// receiver screen; screenshots at 1366×768 and 1280×720 in artifacts/screens/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { KabPlenoView } from '../shared/contracts/kabpleno.contract';
import type { PenerimaDashboard } from '../shared/contracts/penerima.contract';
import { axeFindings, blocking } from './axe';
import { ARTIFACTS, ROOT, callApi, expect, freePort, runCli, spawnServed, test, type Served } from './fixtures';

test.setTimeout(400_000);
const SCREENS = join(ARTIFACTS, 'screens');
mkdirSync(SCREENS, { recursive: true });

let dir: string;
let kb: string;
let app: Served;

test.beforeAll(async () => {
  test.setTimeout(400_000);
  dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-penerima-'));
  kb = join(dir, 'kotabaru');
  const port = await freePort();
  const gen = await runCli(['demo', kb, '--preset', 'kotabaru', '--url', `http://127.0.0.1:${port}`]);
  expect(gen.code, gen.stderr).toBe(0);
  app = await spawnServed(process.execPath, [
    join(ROOT, 'bin/pleno.mjs'),
    'serve',
    '--db',
    join(kb, 'penerima.db'),
    '--port',
    '0',
    '--penerima-port',
    String(port),
  ]);
});

test.afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const kirim = (kode: string) => runCli(['kirim', '--db', join(kb, 'kecamatan', `${kode}.db`), '--batas', '60']);

async function dashboard(): Promise<PenerimaDashboard> {
  const r = await callApi<PenerimaDashboard>(app, 'penerima.dashboard');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(blocking(await axeFindings(page)), `axe on ${name}`).toEqual([]);
  for (const [w, h] of [
    [1366, 768],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(SCREENS, `penerima-${name}-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('the receiver dashboard fills as kecamatan push; a trace is opened; an unknown key is registered', async ({
  page,
}) => {
  await page.goto(app.url);
  await expect(page.getByTestId('header-penerima')).toContainText('Kotabaru');
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  await expect(nav.getByRole('link', { name: 'Kecamatan' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Impor' })).toHaveCount(0);
  await expect(page.getByTestId('ringkasan-bupati')).toHaveText('0 dari 22 kecamatan masuk · 0 final');

  for (const kode of ['630201', '630202', '630203', '630208']) {
    const r = await kirim(kode);
    expect(r.stdout).toContain(`${kode} bupati urutan 1: lengkap`);
  }
  await expect(page.getByTestId('ringkasan-bupati')).toHaveText('4 dari 22 kecamatan masuk · 2 final');
  await expect(page.getByTestId('ditolak-630203')).toContainText('jumlah desa tidak sama');

  // The kab/kota total is the sum of the final kecamatan only (computed here from the rows).
  const bupati = (await dashboard()).pemilihan.find((p) => p.id === 'bupati')!;
  const finals = bupati.daftar.filter((d) => d.status === 'final');
  expect(finals.map((d) => d.kode)).toEqual(['630201', '630202']);
  expect(bupati.total.suara.sah).toBe(finals.reduce((n, d) => n + d.total!.suara.sah, 0));
  await page.goto(`${app.url}#/penerima/bupati`);
  await expect(page.getByRole('table', { name: /Kecamatan, / })).toContainText(
    bupati.total.suara.sah.toLocaleString('id-ID'),
  );
  await checkScreen(page, 'dasbor');

  // Drill down: kecamatan → desa → TPS → the trace of its numbers, down to the signed record and its photo.
  await page.getByRole('link', { name: 'Pulau Sembilan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kecamatan Pulau Sembilan');
  await checkScreen(page, 'kecamatan');
  await page
    .getByRole('link', { name: /TPS 001 — jejak angka/ })
    .first()
    .click();
  const jejak = page.getByTestId('jejak');
  await expect(jejak.getByRole('heading', { level: 1 })).toContainText('Jejak angka');
  await expect(jejak).toContainText('Ditandatangani perangkat kpps-');
  await expect(jejak.getByRole('img', { name: 'Foto lembar C.Hasil dari TPS ini' })).toBeVisible();
  await checkScreen(page, 'jejak');

  // An unknown key: refused, listed; registered with a reason; the kecamatan then arrives.
  const asing = await kirim('630210');
  expect(asing.stdout).toContain('belum terkirim');
  await nav.getByRole('link', { name: 'Kunci PPK' }).click();
  const row = page.getByRole('row', { name: /Kelumpang Utara/ });
  await expect(row).toBeVisible();
  await checkScreen(page, 'kunci');
  await row.getByRole('button', { name: 'Daftarkan' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Alasan wajib diisi.');
  await dialog.getByLabel('Alasan pendaftaran').fill('Sidik jari dicocokkan dengan halaman D.Hasil');
  await dialog.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(page.getByText('Tidak ada kunci yang belum dikenal.')).toBeVisible();
  expect((await kirim('630210')).stdout).toContain('630210 bupati urutan 1: lengkap');
  await nav.getByRole('link', { name: 'Kecamatan' }).click();
  await expect(page.getByTestId('ringkasan-bupati')).toHaveText('5 dari 22 kecamatan masuk · 3 final');
});

// The kab/kota plenary on what the first test pushed (docs/receiver-plenary.md): a final kecamatan accepted, a TPS
// figure corrected and approved with the ketua's PIN (shown "x → y", listed in the trace), the kecamatan locked after
// its totals are read out, and a D.Hasil Kabupaten/Kota draft previewed by pdf.js; the PDF is kept and rendered to PNG
// in artifacts/documents/.
test('the kab/kota plenary: accept, correct, lock with PIN; a D.Hasil Kabupaten draft previews', async ({ page }) => {
  const state = async () => {
    const r = await callApi<KabPlenoView>(app, 'kabpleno.state', { pemilihan: 'bupati' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const k0 = (await state()).model.kecamatan.find((k) => k.status === 'final')!;
  const tps = k0.desa[0]!.tps[0]!;
  const dari = tps.counts!.suara.paslon[0]!;
  await page.goto(`${app.url}#/pleno-kab/bupati`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rapat pleno KPU');
  await checkScreen(page, 'pleno-kab');
  const row = () => page.getByRole('row', { name: new RegExp(k0.nama) });
  await row().getByRole('button', { name: 'Terima', exact: true }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel(/PIN Rusdiansyah Noor/).fill('2580');
  await dialog.getByRole('button', { name: 'Terima', exact: true }).click();
  await expect(row()).toContainText('Diterima pleno');

  await row().getByRole('button', { name: 'Koreksi', exact: true }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Angka yang benar').fill(String(dari - 1));
  await dialog.getByLabel('Alasan koreksi').fill('Salinan saksi dan Bawaslu sama');
  await checkScreen(page, 'pleno-kab-koreksi');
  await dialog.getByRole('button', { name: 'Usulkan' }).click();
  await page.getByRole('button', { name: 'Setujui / tolak' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel(/PIN Rusdiansyah Noor/).fill('2580');
  await dialog.getByRole('button', { name: 'Setujui', exact: true }).click();
  const was = k0.totalDiterima!.suara.paslon[0]!;
  await expect(row()).toContainText(`${was.toLocaleString('id-ID')} → ${(was - 1).toLocaleString('id-ID')}`);

  // Paslon 1 alone changed, so suara sah no longer adds up: the lock dialog says so instead of asking for the PIN.
  await row().getByRole('button', { name: 'Kunci', exact: true }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('kunci-ditolak')).toContainText(
    `TPS ${String(tps.nomor).padStart(3, '0')}: Jumlah suara sah (${tps.counts!.suara.sah})`,
  );
  await checkScreen(page, 'pleno-kab-kunci-ditolak');
  await dialog.getByRole('button', { name: 'Tutup' }).click();
  // Suara sah and the total follow (proposed and approved through the API; the dialogs were exercised above).
  for (const [bidang, menjadi] of [
    ['suara.sah', tps.counts!.suara.sah - 1],
    ['suara.total', tps.counts!.suara.total - 1],
  ] as const) {
    const p = await callApi<{ id: number }>(app, 'kabpleno.proposeKoreksi', {
      kecamatan: k0.kode,
      pemilihan: 'bupati',
      tps: tps.tps,
      bidang,
      menjadi,
      dasar: 'salinan-saksi',
      alasan: 'Menyesuaikan jumlah',
      oleh: 'Rusdiansyah Noor',
    });
    if (!p.ok) throw new Error(p.error.message);
    const d = await callApi(app, 'kabpleno.decideKoreksi', {
      id: p.value.id,
      pemilihan: 'bupati',
      keputusan: 'disetujui',
      pin: '2580',
    });
    if (!d.ok) throw new Error(d.error.message);
  }
  await page.reload();
  await row().getByRole('button', { name: 'Kunci', exact: true }).click();
  dialog = page.getByRole('dialog');
  const after = (await state()).model.kecamatan.find((k) => k.kode === k0.kode)!;
  await expect(dialog.getByTestId('bacaan-kunci')).toContainText(after.total!.suara.paslon[0]!.toLocaleString('id-ID'));
  await expect(dialog.getByTestId('bacaan-kunci')).toContainText(after.total!.suara.sah.toLocaleString('id-ID'));
  await checkScreen(page, 'pleno-kab-kunci');
  await dialog.getByLabel(/PIN Rusdiansyah Noor/).fill('2580');
  await dialog.getByRole('button', { name: 'Kunci', exact: true }).click();
  await expect(row()).toContainText('Dikunci');

  // The trace of that TPS lists the kab/kota correction.
  await page.goto(`${app.url}#/penerima/bupati/${k0.kode}/${tps.tps}`);
  await expect(page.getByTestId('koreksi-kab')).toContainText(`${dari} → ${dari - 1}`);

  // A D.Hasil Kabupaten/Kota draft, previewed in the renderer by pdf.js.
  await page.goto(`${app.url}#/pleno-kab/bupati`);
  await page.getByRole('button', { name: 'Terbitkan draf D.Hasil Kabupaten/Kota' }).click();
  const canvas = page.getByTestId('pratinjau-kab').locator('canvas');
  await expect(canvas).toHaveAttribute('data-drawn', 'true', { timeout: 60_000 });
  await checkScreen(page, 'pleno-kab-dokumen');
  const docs = await callApi<{ dokumen: { id: number }[] }>(app, 'kabpleno.documents', { pemilihan: 'bupati' });
  if (!docs.ok) throw new Error(docs.error.message);
  const file = await callApi<{ base64: string }>(app, 'kabpleno.file', { id: docs.value.dokumen[0]!.id });
  if (!file.ok) throw new Error(file.error.message);
  const out = join(ARTIFACTS, 'documents');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'd-hasil-kabupaten-draf.pdf'), Buffer.from(file.value.base64, 'base64'));
  const png = spawnSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    join(out, 'd-hasil-kabupaten-draf.pdf'),
    join(out, 'd-hasil-kabupaten-draf'),
  ]);
  expect(png.status).toBe(0);
});
