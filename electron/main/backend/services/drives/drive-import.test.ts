// Cable/USB channel end to end through the real dispatcher: a folder that appears under PLENO_DRIVE_ROOTS during
// the test is picked up by the polling watcher (drives-changed), listed, and imported with progress events and a
// summary (rejected files with their reasons, quarantined); the file-picker path does the same for uploads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import type { DriveView, ImportSummary } from '../../../../../shared/contracts/import.contract';
import type { PlenoEvent } from '../../../../../shared/contracts/events';
import { parseEnvelopeBytes } from '../../../../../shared/formats/envelope';
import { encodeQrParts } from '../../../../../shared/formats/qr';
import { renderQrPng } from '../qr/qr-render';

let fx: KecamatanFixture;
let parent: string;
const events: PlenoEvent[] = [];

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'pleno-media-'));
  process.env.PLENO_DRIVE_ROOTS = parent;
  fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 3 });
  fx.backend.events.subscribe((e) => events.push(e));
});

afterAll(async () => {
  await fx?.close();
  rmSync(parent, { recursive: true, force: true });
  delete process.env.PLENO_DRIVE_ROOTS;
});

/** Only the drives under the test's folder (the machine may have real mounts under /mnt or /media). */
async function testDrives(): Promise<DriveView[]> {
  return (await call<{ drives: DriveView[] }>('import.drives', {})).drives.filter((d) => d.root.startsWith(parent));
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await fx.backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('drives', () => {
  it('picks up a drive that appears, imports everything on it, and reports rejections', async () => {
    expect(await testDrives()).toEqual([]);
    // the picker test adds its own rows to the same database: count what this test adds
    const n = (sql: string) => (fx.backend.ctx.db.prepare(sql).get() as { n: number }).n;
    const FILE = "SELECT count(*) AS n FROM submission WHERE channel = 'file'";
    const QR = "SELECT count(*) AS n FROM submission WHERE channel = 'qr'";
    const QUARANTINE = 'SELECT count(*) AS n FROM quarantine_log';
    const start = { file: n(FILE), qr: n(QR), quarantine: n(QUARANTINE) };

    // The phone is plugged in: its folder appears while the watcher polls.
    const root = join(parent, 'HP-KPPS-01');
    mkdirSync(join(root, 'Pleno'), { recursive: true });
    const [a, b, c] = fx.devices;
    writeFileSync(join(root, 'Pleno', `${a!.tps}.pleno`), fx.bundleBytes(a!.tps));
    writeFileSync(join(root, 'Pleno', `${b!.tps}-bupati.json`), fx.envelopeBytes(fx.record(b!.tps, 'bupati')));
    // A QR picture of another record, in a folder the scan recognises as QR exports.
    mkdirSync(join(root, 'Pleno', 'qr'));
    const env = parseEnvelopeBytes(fx.envelopeBytes(fx.record(b!.tps, 'gubernur')));
    if (!env.ok) throw new Error(env.error.message);
    const qrParts = encodeQrParts(env.value, { maxTextLength: 400 }); // several pictures for one code
    for (const [i, t] of qrParts.entries())
      writeFileSync(join(root, 'Pleno', 'qr', `gubernur-${i + 1}.png`), await renderQrPng(t));
    const bad = fx.bundleBytes(c!.tps);
    writeFileSync(join(root, 'Pleno', `${c!.tps}.pleno`), bad.subarray(0, bad.length - 40)); // cut short
    const before = events.length;
    await waitFor(() => events.slice(before).some((e) => e.type === 'drives-changed'), 6000);

    const drives = await testDrives();
    expect(drives).toHaveLength(1);
    expect(drives[0]!.label).toBe('HP-KPPS-01');
    const qrCount = qrParts.length;
    expect(qrCount).toBeGreaterThan(1);
    expect(drives[0]!.files.map((f) => f.kind).sort()).toEqual([
      'bundle',
      'bundle',
      'envelope',
      ...Array<string>(qrCount).fill('qr-image'),
    ]);

    const s = await call<ImportSummary>('import.fromDrive', { root: drives[0]!.root });
    expect([s.files, s.diterima, s.duplikat, s.konflik, s.ditolak]).toEqual([3 + qrCount, 4, 0, 0, 1]);
    const rejected = s.results.filter((r) => r.status === 'ditolak');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.name.replace(/\\/g, '/')).toBe(`Pleno/${c!.tps}.pleno`);
    expect(rejected[0]!.reason).toBe('berkas bundel tidak dapat dibaca (bukan ZIP atau terpotong)');
    const progress = events.filter(
      (e): e is Extract<PlenoEvent, { type: 'import-progress' }> => e.type === 'import-progress' && e.jobId === s.jobId,
    );
    expect(progress.at(-1)).toMatchObject({ done: 3 + qrCount, total: 3 + qrCount });
    expect({ file: n(FILE), qr: n(QR), quarantine: n(QUARANTINE) }).toEqual({
      file: start.file + 3,
      qr: start.qr + 1,
      quarantine: start.quarantine + 1,
    });

    // The rows agree with the counts (issue 13: "0 diterima · 51 duplikat" beside "Semua hasil (53)"): one `hasil`
    // row per counted result, one `berkas` row per refused file, the other QR pictures as `bagian-qr`.
    const kinds = (x: ImportSummary) => {
      const k: Record<string, number> = {};
      for (const r of x.results) k[r.kind ?? '?'] = (k[r.kind ?? '?'] ?? 0) + 1;
      return k;
    };
    expect(kinds(s)).toEqual({ hasil: 4, berkas: 1, 'bagian-qr': qrCount - 1 });
    expect(s.results.filter((r) => r.kind === 'hasil').map((r) => r.tpsLabel)).toEqual(
      expect.arrayContaining([`Desa Uji 1 TPS 001`, `Desa Uji 1 TPS 002`]),
    );
    expect(
      s.results.every((r) => r.kind !== 'hasil' || r.pemilihanLabel === 'Bupati' || r.pemilihanLabel === 'Gubernur'),
    ).toBe(true);

    // Again: everything is a duplicate, nothing new stored.
    const again = await call<ImportSummary>('import.fromDrive', { root: drives[0]!.root });
    expect([again.diterima, again.duplikat, again.ditolak, again.foto]).toEqual([0, 4, 1, 0]);
    expect(kinds(again)).toEqual(kinds(s));

    // Unplugged.
    rmSync(root, { recursive: true });
    const before2 = events.length;
    await waitFor(() => events.slice(before2).some((e) => e.type === 'drives-changed'), 6000);
    expect(await testDrives()).toEqual([]);
    const gone = await fx.backend.dispatch('import.fromDrive', { root });
    expect(gone.ok).toBe(false);
  });

  it('imports files uploaded through the picker (base64), keeping the original names', async () => {
    const d = fx.devices[3]!;
    const s = await call<ImportSummary>('import.files', {
      files: [
        {
          name: 'tps 4 gubernur.json',
          contentBase64: Buffer.from(fx.envelopeBytes(fx.record(d.tps, 'gubernur'))).toString('base64'),
        },
        { name: 'catatan.txt', contentBase64: Buffer.from('bukan hasil').toString('base64') },
      ],
    });
    expect(s.results.map((r) => [r.name, r.status])).toEqual([
      ['tps 4 gubernur.json', 'diterima'],
      ['catatan.txt', 'ditolak'],
    ]);
    expect(s.results[0]).toMatchObject({ tps: d.tps, pemilihan: 'gubernur' });
  });
});
