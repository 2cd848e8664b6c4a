// The kab/kota plenary's keberatan, kejadian khusus and refused corrections through the screens (issue: receiver
// plenary, docs/receiver-plenary.md), on a small receiver of two kecamatan of the kotabaru demo so that every
// kecamatan can be locked and the final reached: `pleno penerima init` from two masters, its certificate signed by the
// demo's KPU key, both kecamatan re-pointed to it and their PPK keys registered, then pushed with `pleno kirim`.
// A correction is rejected with a reason and the PIN; a keberatan is recorded and holds the final back until the
// ketua resolves it; a kejadian khusus is recorded and declared settled; the D.Kejadian Khusus draft is downloaded with the Unduh PDF
// button and read back with pdftotext. Each new dialog: axe 0 critical/serious, screenshots at both laptop sizes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KabPlenoView } from '../shared/contracts/kabpleno.contract';
import { ROOT, callApi, expect, freePort, runCli, spawnServed, test, type Served } from './fixtures';
import { checkScreen } from './screen-check';

test.setTimeout(300_000);

let dir: string;
let app: Served;
let penerimaPort: number;
const KETUA = 'Rusdiansyah Noor';
const KECAMATAN = ['630201', '630202'];

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code, `pleno ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

const lastValue = (out: string, key: string) => new RegExp(`^${key}: (\\S+)$`, 'm').exec(out)![1]!;

test.beforeAll(async () => {
  test.setTimeout(400_000);
  dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-kabpleno-'));
  const kb = join(dir, 'kotabaru');
  penerimaPort = await freePort();
  await cli(['demo', kb, '--preset', 'kotabaru', '--no-photos']);
  const db = join(dir, 'kecil.db');
  const masters = KECAMATAN.flatMap((k) => ['--master', join(kb, 'master', `${k}.json`)]);
  const pub = lastValue(await cli(['penerima', 'init', '--db', db, ...masters]), 'kunci-publik');
  const sert = join(dir, 'sertifikat.json');
  await cli([
    'penerima',
    'sertifikat',
    '--kunci',
    join(kb, 'keys', 'kpu.json'),
    '--master',
    join(kb, 'master', `${KECAMATAN[0]}.json`),
    // A base64url key may begin with "-": given as --opt=value so it is not read as an option.
    `--kunci-publik=${pub}`,
    '--url',
    `http://127.0.0.1:${penerimaPort}`,
    '--out',
    sert,
  ]);
  await cli(['penerima', 'pasang', '--db', db, sert]);
  for (const k of KECAMATAN) {
    const ppk = lastValue(
      await cli(['kirim', 'penerima', '--db', join(kb, 'kecamatan', `${k}.db`), sert]),
      'kunci-ppk',
    );
    await cli([
      'penerima',
      'kunci-ppk',
      '--db',
      db,
      '--kecamatan',
      k,
      `--kunci-publik=${ppk}`,
      '--alasan',
      'Dicocokkan',
    ]);
  }
  await cli(['penerima', 'anggota', '--db', db, '--nama', KETUA, '--jabatan', 'ketua', '--pin', '2580']);
  await cli(['penerima', 'anggota', '--db', db, '--nama', 'Siti Aminah', '--jabatan', 'anggota']);
  app = await spawnServed(process.execPath, [
    join(ROOT, 'bin/pleno.mjs'),
    'serve',
    '--db',
    db,
    '--port',
    '0',
    '--penerima-port',
    String(penerimaPort),
  ]);
  for (const k of KECAMATAN)
    expect(await cli(['kirim', '--db', join(kb, 'kecamatan', `${k}.db`), '--batas', '60'])).toContain(
      `${k} bupati urutan 1: lengkap`,
    );
});

test.afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function api<T>(method: string, input: unknown): Promise<T> {
  const r = await callApi<T>(app, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

const state = () => api<KabPlenoView>('kabpleno.state', { pemilihan: 'bupati' });

test('keberatan, kejadian khusus and a refused correction through the screens; the final waits for the keberatan', async ({
  page,
}) => {
  // The dashboard says where the kecamatan push: this laptop's addresses with the receiver's port, and the key.
  await page.goto(`${app.url}#/penerima`);
  const alamat = page.getByTestId('alamat-penerima');
  await expect(alamat).toContainText(`http://127.0.0.1:${penerimaPort}`);
  await expect(alamat).toContainText(/Sidik jari kunci penerima: [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}/);
  await expect(alamat).toContainText(`alamat pada sertifikat: http://127.0.0.1:${penerimaPort}`);
  await checkScreen(page, 'penerima-pleno-alamat');

  const v0 = await state();
  const [k1, k2] = v0.model.kecamatan;
  for (const k of [k1!, k2!])
    await api('kabpleno.accept', { kecamatan: k.kode, pemilihan: 'bupati', keputusan: 'diterima', pin: '2580' });
  const tps = k1!.desa[0]!.tps[0]!;
  await api('kabpleno.proposeKoreksi', {
    kecamatan: k1!.kode,
    pemilihan: 'bupati',
    tps: tps.tps,
    bidang: 'suara.paslon.0',
    menjadi: tps.counts!.suara.paslon[0]! + 3,
    dasar: 'salinan-saksi',
    alasan: 'Menurut salinan saksi paslon 2',
    oleh: 'Siti Aminah',
  });
  await page.goto(`${app.url}#/pleno-kab/bupati`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rapat pleno KPU');

  // Tolak a pending kab/kota correction: a reason and the ketua's PIN; a wrong PIN is refused in words.
  await page.getByRole('button', { name: 'Setujui / tolak' }).click();
  let dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Tolak', exact: true })).toBeDisabled();
  await dialog.getByLabel('Catatan (wajib bila ditolak)').fill('Salinan saksi tidak dapat ditunjukkan di rapat');
  await dialog.getByLabel(`PIN ${KETUA} (Ketua KPU)`).fill('1357');
  await dialog.getByRole('button', { name: 'Tolak', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('PIN');
  await checkScreen(page, 'penerima-pleno-koreksi-tolak');
  await dialog.getByLabel(`PIN ${KETUA} (Ketua KPU)`).fill('2580');
  await dialog.getByRole('button', { name: 'Tolak', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText(`Ditolak ${KETUA}: Salinan saksi tidak dapat ditunjukkan di rapat`)).toBeVisible();
  expect((await state()).model.kecamatan[0]!.koreksi[0]!.state).toBe('ditolak');

  for (const k of [k1!, k2!]) await api('kabpleno.lock', { kecamatan: k.kode, pemilihan: 'bupati', pin: '2580' });
  await expect(page.getByTestId('ringkasan-pleno-kab')).toContainText('2 dari 2 kecamatan dikunci · siap final');

  // A keberatan by the saksi of paslon 1 about one kecamatan: Escape closes the form without recording anything.
  const catat = page.getByRole('button', { name: 'Catat keberatan' });
  await catat.click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(catat).toBeFocused();
  await catat.click();
  dialog = page.getByRole('dialog', { name: 'Catat keberatan' });
  await dialog.getByLabel('Tentang').selectOption({ label: `Kecamatan ${k1!.nama}` });
  const saksi = v0.pemilihan.pilihan[0]!;
  await dialog.getByLabel('Diajukan oleh').selectOption({ label: `Saksi paslon ${saksi.nomor} (${saksi.nama})` });
  await dialog.getByLabel('Isi keberatan').fill('Jumlah pemilih di TPS 001 tidak sesuai DPT');
  await dialog.getByLabel('Dicatat oleh').selectOption({ label: 'Siti Aminah (Anggota)' });
  await checkScreen(page, 'penerima-pleno-keberatan');
  await dialog.getByRole('button', { name: 'Catat keberatan' }).click();
  const item = page.getByTestId('keberatan-ke-1');
  await expect(item).toContainText(`Kecamatan ${k1!.nama} · Saksi Paslon ${saksi.nomor} (${saksi.nama})`);
  await expect(item).toContainText('Belum diselesaikan');
  await expect(item).toContainText(/WITA/);

  // The final is refused while it is open: the button waits, the reason is said, and the backend refuses too.
  await expect(page.getByRole('button', { name: 'Terbitkan D.Hasil final' })).toBeDisabled();
  await expect(page.getByText('Belum dapat final: 1 keberatan belum diselesaikan.')).toBeVisible();
  const refused = await callApi(app, 'kabpleno.issue', { kind: 'd-hasil-kabko', pemilihan: 'bupati', final: true });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toContain('keberatan');

  // A kejadian khusus of the whole sidang, reported by Bawaslu.
  await page.getByRole('button', { name: 'Catat kejadian khusus' }).click();
  dialog = page.getByRole('dialog', { name: 'Catat kejadian khusus' });
  await dialog.getByLabel('Dilaporkan oleh').selectOption({ label: 'Bawaslu Kabupaten/Kota' });
  await dialog.getByLabel('Kejadian').fill('Listrik padam 20 menit; rapat diskors lalu dilanjutkan');
  await checkScreen(page, 'penerima-pleno-kejadian');
  await dialog.getByRole('button', { name: 'Simpan kejadian' }).click();
  const kejadian = page.getByRole('list', { name: 'Kejadian khusus' });
  await expect(kejadian).toContainText('Seluruh Kotabaru · Bawaslu Kabupaten/Kota: Listrik padam 20 menit');
  // Declared settled, with how (printed as its penyelesaian), as at the kecamatan level.
  await kejadian.getByRole('button', { name: 'Nyatakan selesai' }).click();
  dialog = page.getByRole('dialog', { name: 'Kejadian khusus selesai' });
  await dialog
    .getByLabel('Bagaimana diselesaikan (dicetak pada D.Kejadian Khusus)')
    .fill('Genset menyala; rapat dilanjutkan pukul 14.20');
  await checkScreen(page, 'penerima-pleno-kejadian-selesai');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(kejadian).toContainText('Selesai Genset menyala; rapat dilanjutkan pukul 14.20');

  // The ketua resolves the keberatan with a decision text and the PIN.
  await item.getByRole('button', { name: 'Selesaikan' }).click();
  dialog = page.getByRole('dialog', { name: 'Selesaikan keberatan ke-1' });
  await expect(dialog).toContainText('Jumlah pemilih di TPS 001 tidak sesuai DPT');
  await dialog
    .getByLabel('Keputusan rapat pleno (dicetak pada D.Kejadian Khusus)')
    .fill('DPT dan daftar hadir cocok setelah dibacakan');
  await dialog.getByLabel(`PIN ${KETUA} (Ketua KPU)`).fill('2580');
  await checkScreen(page, 'penerima-pleno-keberatan-selesai');
  await dialog.getByRole('button', { name: 'Keberatan ditolak' }).click();
  await expect(item).toContainText('Ditolak');
  await expect(item).toContainText(`DPT dan daftar hadir cocok setelah dibacakan (${KETUA}`);
  await expect(page.getByTestId('ringkasan-pleno-kab')).toContainText('siap final');

  // The D.Kejadian Khusus draft, downloaded with its button and read back: the keberatan, its resolution, the kejadian.
  await page.getByRole('button', { name: 'Terbitkan draf D.Kejadian Khusus' }).click();
  const selected = page.getByTestId('pratinjau-kab');
  await expect(selected).toContainText('D.Kejadian Khusus versi 1');
  await expect(selected.locator('canvas')).toHaveAttribute('data-drawn', 'true', { timeout: 60_000 });
  const download = page.waitForEvent('download');
  await selected.getByRole('button', { name: 'Unduh PDF' }).click();
  const pdf = join(dir, 'kejadian-kabko.pdf');
  await (await download).saveAs(pdf);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text.status).toBe(0);
  const flat = text.stdout.replace(/\s+/g, ' ');
  for (const words of [
    'Jumlah pemilih di TPS 001 tidak sesuai DPT',
    'DPT dan daftar hadir cocok setelah dibacakan',
    'Listrik padam 20 menit',
    'Genset menyala; rapat dilanjutkan',
  ])
    expect(flat, words).toContain(words.split(' ').slice(0, 4).join(' '));

  // Without --db, `pleno verify` names the receiver's key (KPU kabupaten/kota) as the signer to confirm.
  const verify = await runCli(['verify', pdf]);
  expect(verify.stdout).toContain('sidik kunci penerima KPU Kabupaten/Kota yang diumumkan KPU Kabupaten/Kota');

  // Now the final is allowed.
  await page.getByRole('button', { name: 'Terbitkan D.Hasil final' }).click();
  await expect(selected).toContainText('D.Hasil Kabupaten/Kota versi 1');
  const docs = await api<{ dokumen: { kind: string; final: boolean }[] }>('kabpleno.documents', {
    pemilihan: 'bupati',
  });
  expect(docs.dokumen.filter((d) => d.kind === 'd-hasil-kabko').map((d) => d.final)).toEqual([true]);
});
