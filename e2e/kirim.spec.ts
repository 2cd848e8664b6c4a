// The Kirim screen against Pleno's own receiver (`pleno penerima serve`) through the fault-injecting proxy started
// here: the receiver set up by its typed address (fingerprint confirmed), a push whose PDF upload breaks and resumes,
// photos held back until allowed, then lengkap with the receipt's time and audit head; and a bundle round trip on a
// drive (export → `pleno penerima impor` → the receipt read back from the drive). axe on each state; screenshots.
import { expect, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../electron/main/backend/backend';
import { forgeNext, tamperTotals } from '../electron/main/backend/services/demo/kotabaru-kecamatan';
import { startFaultProxy, type FaultProxy } from '../tests/support/fault-proxy';
import { axeFindings, blocking } from './axe';
import { ARTIFACTS, callApi, ROOT, runCli, spawnServed, test, type Served } from './fixtures';

const BIN = join(ROOT, 'bin/pleno.mjs');
const SCREENS = join(ARTIFACTS, 'screens');
mkdirSync(SCREENS, { recursive: true });

interface World {
  dir: string;
  kec: Served;
  kab: Served | null;
  kabDb: string;
  proxy: FaultProxy | null;
  media: string;
}

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A kecamatan (pulau-sembilan demo, bupati D.Hasil issued as draft) served with a drive folder; a receiver db. */
async function world(beforeServe?: (kecDb: string) => Promise<void>): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-kirim-'));
  const kecDb = join(dir, 'kecamatan.db');
  const kabDb = join(dir, 'kabkota.db');
  await cli(['demo', join(dir, 'demo'), '--preset', 'pulau-sembilan']);
  await cli(['init', '--db', kecDb, '--master', join(dir, 'demo/master.json')]);
  await runCli(['import', '--db', kecDb, join(dir, 'demo/tps')]); // exit 1: the demo's rejected files
  await cli(['document', 'd-hasil', '--db', kecDb, '--pemilihan', 'bupati', '--out', join(dir, 'dh.pdf')]);
  await cli(['penerima', 'init', '--db', kabDb, '--master', join(dir, 'demo/master.json')]);
  await beforeServe?.(kecDb);
  const media = join(dir, 'media');
  mkdirSync(join(media, 'FLASHDISK'), { recursive: true });
  const kec = await spawnServed(process.execPath, [BIN, 'serve', '--db', kecDb, '--port', '0'], {
    PLENO_DRIVE_ROOTS: media,
  });
  return { dir, kec, kab: null, kabDb, proxy: null, media };
}

/** Certificate naming `url`, the kecamatan's PPK key registered at the receiver. Returns the certificate file. */
async function prepareReceiver(w: World, url: string): Promise<string> {
  const key = /kunci-publik: (\S+)/.exec(
    await cli(['penerima', 'init', '--db', w.kabDb, '--master', join(w.dir, 'demo/master.json')]),
  )![1]!;
  const cert = join(w.dir, 'sertifikat.json');
  await cli([
    'penerima',
    'sertifikat',
    '--kunci',
    join(w.dir, 'demo/keys/kpu.json'),
    '--master',
    join(w.dir, 'demo/master.json'),
    '--kunci-publik',
    key,
    '--url',
    url,
    '--out',
    cert,
  ]);
  await cli(['penerima', 'pasang', '--db', w.kabDb, cert]);
  const status = await callApi<{ ppk: { publicKey: string } }>(w.kec, 'kirim.status');
  if (!status.ok) throw new Error(status.error.message);
  await cli([
    'penerima',
    'kunci-ppk',
    '--db',
    w.kabDb,
    '--kecamatan',
    '630201',
    '--kunci-publik',
    status.value.ppk.publicKey,
    '--alasan',
    'sidik jari dicocokkan dengan halaman D.Hasil',
  ]);
  return cert;
}

async function startReceiver(w: World, port: number): Promise<void> {
  // `pleno penerima serve` prints "listening on port N", not the web line: wait for its port to answer instead
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [BIN, 'penerima', 'serve', '--db', w.kabDb, '--port', String(port)], {
    cwd: ROOT,
  });
  w.kab = {
    url: '',
    origin: '',
    token: '',
    child,
    stderr: () => '',
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
    },
  };
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${port}/v1/hello`).catch(() => null))?.status ?? 0, {
      timeout: 20_000,
    })
    .toBe(200);
}

async function closeWorld(w: World): Promise<void> {
  await w.proxy?.close();
  await w.kab?.stop();
  await w.kec.stop();
  rmSync(w.dir, { recursive: true, force: true });
}

async function shoot(page: Page, name: string): Promise<void> {
  expect(blocking(await axeFindings(page)), `axe on ${name}`).toEqual([]);
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENS, `kirim-${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function openKirim(page: Page, w: World): Promise<void> {
  await page.goto(w.kec.url);
  await page
    .getByRole('navigation', { name: 'Navigasi utama' })
    .getByRole('link', { name: 'Kirim', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Kirim ke KPU Kabupaten/Kota' })).toBeVisible();
}

const push = (page: Page) => page.getByRole('listitem', { name: 'Bupati · kiriman urutan 1' });

test('a push through a broken link: receiver by address, the PDF upload breaks and resumes, photos when allowed', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const w = await world();
  try {
    const port = await freePort();
    w.proxy = await startFaultProxy(`http://127.0.0.1:${port}`);
    await prepareReceiver(w, w.proxy.url);
    await startReceiver(w, port);
    await openKirim(page, w);
    await expect(push(page)).toContainText('Menunggu');
    await shoot(page, 'belum-dipasang');

    await page.getByLabel('Atau alamat penerima').fill(w.proxy.url);
    await page.getByRole('button', { name: 'Ambil sertifikat' }).click();
    const fp = page.getByLabel('Sidik jari kunci penerima');
    await expect(fp).toHaveText(/^([0-9a-f]{4} ){3}[0-9a-f]{4}$/);
    await shoot(page, 'sidik-jari');
    // the link: slow, and the first blob upload cut after 6 KB
    w.proxy.plan.bitsPerSecond = 400_000;
    w.proxy.plan.dropAfterBytes = { path: /^\/v1\/berkas\//, method: 'PATCH', bytes: 6_000, times: 1 };
    await page.getByRole('button', { name: /Sidik jari sama/ }).click();
    await expect(page.getByText('Terpasang')).toBeVisible();
    await expect(push(page)).toContainText(/Mengirim|Angka diterima/, { timeout: 30_000 });
    await expect(push(page)).toContainText('Angka diterima, menunggu berkas', { timeout: 60_000 });
    expect(w.proxy.stats.faultsApplied).toBe(1);
    await expect(page.getByText(/foto, sekitar [\d,]+ MB/)).toBeVisible();
    await shoot(page, 'menunggu-berkas');

    w.proxy.plan.bitsPerSecond = undefined;
    const foto = page.getByRole('checkbox', { name: /Kirim foto juga/ });
    await foto.click(); // the box follows the stored setting once the backend has recorded it
    await expect(foto).toBeChecked();
    await expect(push(page)).toContainText('Lengkap', { timeout: 60_000 });
    await expect(push(page)).toContainText(/log audit yang disaksikan: entri ke-\d+, kepala [0-9a-f]{16}/);
    await shoot(page, 'lengkap');
    await w.kab!.stop(); // one process per database: the recap reads it after the receiver stops
    const recap = JSON.parse(await cli(['penerima', 'recap', '--db', w.kabDb, '--json'])) as {
      pemilihan: { id: string; daftar: { kode: string; urutan: number }[] }[];
    };
    const bupati = recap.pemilihan.find((p) => p.id === 'bupati')!;
    expect(bupati.daftar.filter((d) => d.urutan !== null).map((d) => [d.kode, d.urutan])).toEqual([['630201', 1]]);
  } finally {
    await closeWorld(w);
  }
});

test('a bundle round trip on a drive: export, pleno penerima impor, the receipt imported back', async ({ page }) => {
  test.setTimeout(180_000);
  const w = await world();
  try {
    const dead = await freePort(); // no receiver listens there: the push waits
    const cert = await prepareReceiver(w, `http://127.0.0.1:${dead}`);
    await openKirim(page, w);
    await page.locator('input[type=file][accept^=".json"]').first().setInputFiles(cert);
    await page.getByRole('button', { name: /Sidik jari sama/ }).click();
    await expect(page.getByText('Terpasang')).toBeVisible();
    await expect(page.getByText(/Dicoba lagi otomatis/)).toBeVisible({
      timeout: 30_000,
    });
    // Times in the kecamatan's local time with its zone (Kalimantan Selatan: WITA), as in the plenary.
    await expect(page.getByText(/Dicoba lagi otomatis \d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA/)).toBeVisible();
    await expect(push(page)).toContainText(/dibuat \d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA/);
    await shoot(page, 'luring');

    await page.getByRole('button', { name: 'Simpan berkas kiriman ke FLASHDISK' }).click();
    await expect(page.getByText(/1 berkas kiriman ditulis/)).toBeVisible();
    const folder = join(w.media, 'FLASHDISK', 'Pleno-Kirim');
    expect(readdirSync(folder)).toEqual(['630201-bupati-1.pleno-kirim']);
    await cli(['penerima', 'impor', '--db', w.kabDb, join(folder, '630201-bupati-1.pleno-kirim')]);
    expect(readdirSync(join(folder, 'tanda-terima'))).toHaveLength(1);

    await page.getByRole('button', { name: 'Impor tanda terima dari FLASHDISK' }).click();
    await expect(page.getByRole('list', { name: 'Hasil impor tanda terima' })).toContainText(
      '630201 bupati urutan 1: lengkap',
    );
    await expect(push(page)).toContainText('Lengkap');
    await expect(push(page)).toContainText('dibawa dengan flashdisk');
    await shoot(page, 'tanda-terima-flashdisk');
  } finally {
    await closeWorld(w);
  }
});

test('a push the receiver refuses shows Ditolak with its problems, and still after the app restarts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // urutan 2 of bupati: its D.Hasil says a desa total 10 votes off the sum of its TPS (re-signed by the PPK key)
  const w = await world(async (kecDb) => {
    const b = await openBackend({ dbPath: kecDb, mode: 'web' });
    try {
      forgeNext(b, (m, objek) => tamperTotals(b, m, objek));
    } finally {
      await b.close();
    }
  });
  const second = page.getByRole('listitem', { name: 'Bupati · kiriman urutan 2' });
  try {
    const port = await freePort();
    w.proxy = await startFaultProxy(`http://127.0.0.1:${port}`);
    const cert = await prepareReceiver(w, w.proxy.url);
    await startReceiver(w, port);
    await openKirim(page, w);
    await page.locator('input[type=file][accept^=".json"]').first().setInputFiles(cert);
    await page.getByRole('button', { name: /Sidik jari sama/ }).click();
    await expect(push(page)).toContainText(/Angka diterima|Lengkap/, { timeout: 60_000 });
    await expect(second).toContainText('Ditolak', { timeout: 60_000 });
    await expect(second).toContainText(/ditolak penerima: .*jumlah desa tidak sama/);
    await shoot(page, 'ditolak');

    // The app stops and starts again while the receiver cannot be reached: the refusal is read from the database.
    const kecDb = join(w.dir, 'kecamatan.db');
    await w.kec.stop();
    w.proxy.plan.answer = { status: 503, body: '{"masalah":["pemeliharaan"]}' };
    w.kec = await spawnServed(process.execPath, [BIN, 'serve', '--db', kecDb, '--port', '0'], {
      PLENO_DRIVE_ROOTS: w.media,
    });
    await openKirim(page, w);
    await expect(second).toContainText('Ditolak');
    await expect(second).toContainText(/ditolak penerima: .*jumlah desa tidak sama/);
    await expect(push(page)).not.toContainText('Ditolak');
  } finally {
    await closeWorld(w);
  }
});
