// The receiver's drive watcher (docs/design.md §4.4) through the contract handlers on a real receiver database: the
// `.pleno-kirim` bundles on a test drive folder (PLENO_DRIVE_ROOTS) are listed with what the receiver holds of each,
// imported in urutan order whatever their names' order on the drive, each receipt's exact bytes written beside its
// bundle and returned as a QR that reads back (zxing) to the same receipt, with its words; a repeat changes nothing;
// a broken bundle is refused in words; only a listed drive is read; a kecamatan database is told it is not a receiver.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFileName, kirimBundle } from '../../../../../tests/support/kirim-bundle';
import { makeReceiverDb } from '../../../../../tests/support/penerima-process';
import { makeKecamatan, makePush } from '../../../../../tests/support/push-fixture';
import type { Result } from '../../../../../shared/contracts/result';
import type { DriveBundlesView, DriveImportView } from '../../../../../shared/contracts/penerima-drive.contract';
import { verifyTandaTerima } from '../../../../../shared/formats/kirim';
import { decodeQrText } from '../../../../../shared/formats/qr';
import { openBackend, type Backend } from '../../backend';
import { nodeCrypto } from '../../crypto';
import { decodeQrImage } from '../qr/qr-image';

let dir: string;
let media: string;
let backend: Backend;
let key: string;
// What the receiver answered before anything was imported, and to the first import: taken in beforeAll so each test
// reads the same answers whatever order the tests run in (the repeat test imports again; that changes nothing).
let listedFirst: Result<DriveBundlesView>;
let importedFirst: Result<DriveImportView>;
const k = makeKecamatan(undefined, '630214');
const p1 = makePush(k);
const p2 = makePush(k, { urutan: 2, sebelumnya: p1.address });
const savedRoots = process.env.PLENO_DRIVE_ROOTS;

async function call<T>(method: string, input: unknown, b: Backend = backend): Promise<Result<T>> {
  return (await b.dispatch(method, input)) as Result<T>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-penerima-drive-'));
  media = join(dir, 'media');
  const folder = join(media, 'USB-PPK-630214', 'Pleno-Kirim');
  mkdirSync(folder, { recursive: true });
  mkdirSync(join(media, 'KAMERA', 'DCIM'), { recursive: true }); // a drive without bundles is not listed
  // named so that the drive lists urutan 2 first
  writeFileSync(join(folder, 'a-kedua.pleno-kirim'), kirimBundle(p2));
  writeFileSync(join(folder, bundleFileName(p1)), kirimBundle(p1));
  writeFileSync(join(folder, 'rusak.pleno-kirim'), 'bukan zip');
  process.env.PLENO_DRIVE_ROOTS = media;
  const dbPath = join(dir, 'kab.db');
  key = await makeReceiverDb(dbPath, [k]);
  backend = await openBackend({ dbPath, mode: 'web' });
  listedFirst = await call<DriveBundlesView>('penerima.driveBundles', {});
  importedFirst = await call<DriveImportView>('penerima.importDrive', { root: join(media, 'USB-PPK-630214') });
}, 180_000);

afterAll(async () => {
  await backend?.close();
  if (savedRoots === undefined) delete process.env.PLENO_DRIVE_ROOTS;
  else process.env.PLENO_DRIVE_ROOTS = savedRoots;
  rmSync(dir, { recursive: true, force: true });
});

describe('penerima: bundles on a flashdisk', () => {
  it('lists the drive that holds bundles, each with its manifest and nothing held yet', async () => {
    const r = listedFirst;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.drives.map((d) => d.label)).toEqual(['USB-PPK-630214']);
    const rows = r.value.drives[0]!.bundles.map((b) => [
      b.name,
      b.folder,
      b.kecamatan,
      b.urutan,
      b.diterima,
      b.terbaca,
    ]);
    expect(rows).toEqual([
      ['630214-bupati-1.pleno-kirim', 'Pleno-Kirim', '630214', 1, null, true],
      ['a-kedua.pleno-kirim', 'Pleno-Kirim', '630214', 2, null, true],
      ['rusak.pleno-kirim', 'Pleno-Kirim', null, null, null, false],
    ]);
  });

  it('imports in urutan order, writes each receipt beside its bundle, and shows it as a QR that reads back', async () => {
    const root = join(media, 'USB-PPK-630214');
    const r = importedFirst;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.hasil.map((h) => [h.name, h.ok, h.tandaTerima?.status ?? null])).toEqual([
      ['630214-bupati-1.pleno-kirim', true, 'baru'],
      ['a-kedua.pleno-kirim', true, 'baru'],
      ['rusak.pleno-kirim', false, null],
    ]);
    expect(r.value.hasil[2]!.masalah.join(' ')).toMatch(/tidak dapat dibaca/);
    for (const [i, p] of [p1, p2].entries()) {
      const t = r.value.hasil[i]!.tandaTerima!;
      expect(t.berkas).toBe(join('Pleno-Kirim', 'tanda-terima', `${p.address}.json`));
      expect(readFileSync(join(root, t.berkas), 'utf8')).toBe(t.json);
      const v = verifyTandaTerima(JSON.parse(t.json), key, { address: p.address, payload: p.manifest }, nodeCrypto);
      expect(v.ok && [v.value.urutan, v.value.status]).toEqual([i + 1, 'lengkap']);
      const decoded = decodeQrText(await decodeQrImage(Buffer.from(t.qrPng, 'base64')));
      expect(decoded.ok && JSON.parse(decoded.value)).toEqual(JSON.parse(t.json));
      expect(t.kata).toMatch(new RegExp(`Kecamatan 630214.*\\(630214\\).*Bupati.*urutan ${i + 1}: lengkap`));
    }
  });

  it('a repeat answers the same receipts and leaves the files as they were; the list shows them held', async () => {
    const root = join(media, 'USB-PPK-630214');
    const file = join(root, 'Pleno-Kirim', 'tanda-terima', `${p1.address}.json`);
    const before = readFileSync(file, 'utf8');
    const r = await call<DriveImportView>('penerima.importDrive', { root });
    expect(r.ok && r.value.hasil.map((h) => h.tandaTerima?.status ?? null)).toEqual(['sama', 'sama', null]);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const list = await call<DriveBundlesView>('penerima.driveBundles', {});
    expect(list.ok && list.value.drives[0]!.bundles.map((b) => b.diterima)).toEqual(['lengkap', 'lengkap', null]);
  });

  it('reads only a drive listed now; a kecamatan database is told it is not a receiver', async () => {
    const r = await call('penerima.importDrive', { root: dir });
    expect(!r.ok && [r.error.code, r.error.message]).toEqual([
      'NOT_FOUND',
      'Flashdisk tidak ditemukan; pasang ulang flashdisk lalu coba lagi.',
    ]);
    const kec = await openBackend({ dbPath: join(dir, 'kecamatan.db'), mode: 'web' });
    try {
      const n = await call('penerima.driveBundles', {}, kec);
      expect(!n.ok && n.error.message).toMatch(/bukan penerima kabupaten\/kota/);
    } finally {
      await kec.close();
    }
  });
});
