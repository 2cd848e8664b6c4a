// The offline push (docs/design.md §4.4) into a real receiver database: bundles built by hand from the text
// (tests/support/kirim-bundle.ts), the same checks as the online path, all or nothing, the receipt written back
// beside the bundle and read back from its QR picture; `pleno penerima impor` as a real process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFileName, kirimBundle } from '../../../../../tests/support/kirim-bundle';
import { keyed, makeKecamatan, makePush, type Kecamatan } from '../../../../../tests/support/push-fixture';
import { verifyTandaTerima } from '../../../../../shared/formats/kirim';
import { decodeQrText } from '../../../../../shared/formats/qr';
import { openBackend, type Backend } from '../../backend';
import { generateKeyPair, nodeCrypto } from '../../crypto';
import { listUnknownKeys } from '../../repositories/penerima.repo';
import { decodeQrImage } from '../qr/qr-image';
import { berkasDir } from './berkas-store';
import { importKirimBundle } from './bundle-import.service';
import { receiptQrPngs } from './receipt-file';
import { initPenerima, registerPpkKey } from './setup.service';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
let dir: string;
let backend: Backend;
let receiverKey: string;
let hampang: Kecamatan;
let other: Kecamatan;

async function receiver(path: string, ks: Kecamatan[]): Promise<{ b: Backend; key: string }> {
  const b = await openBackend({ dbPath: path, mode: 'web' });
  const masters = ks.map((k, i) => ({ name: `m${i}.json`, bytes: bytes(k.masterEnvelope) }));
  const init = initPenerima(b.ctx, masters, 'uji');
  if (!init.ok) throw new Error(init.error.message);
  for (const k of ks) {
    const r = registerPpkKey(b.ctx, {
      kecamatan: k.master.kecamatan.kode,
      publicKey: k.ppk.publicKey,
      alasan: 'sidik jari dibandingkan dengan halaman D.Hasil',
      actor: 'uji',
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  return { b, key: init.value.publicKey };
}

/** Everything a push could leave behind: rows of the push tables and files in the blob folder. */
function stored(b: Backend): number[] {
  const n = (t: string) => (b.ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const tables = ['penerima_manifest', 'penerima_objek', 'penerima_berkas', 'penerima_tanda_terima'];
  return [...tables.map(n), readdirSync(berkasDir(b.ctx)).length];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-impor-'));
  hampang = makeKecamatan(undefined, '630214');
  other = makeKecamatan(hampang.kpu, '630201');
  ({ b: backend, key: receiverKey } = await receiver(join(dir, 'kotabaru.db'), [hampang, other]));
});

afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('penerima impor: a good bundle', () => {
  it('commits the whole push, answers the same receipt bytes again, and its QR reads back to the receipt', async () => {
    const p = makePush(hampang);
    const first = await importKirimBundle(backend.ctx, bundleFileName(p), kirimBundle(p));
    expect([first.status, first.receiptStatus, first.masalah]).toEqual([201, 'lengkap', []]);
    const v = verifyTandaTerima(
      JSON.parse(first.receiptJson!),
      receiverKey,
      { address: p.address, payload: p.manifest },
      nodeCrypto,
    );
    expect(v.ok && [v.value.urutan, v.value.berkasKurang]).toEqual([1, 0]);
    const [sha, photo] = [...p.berkas][0]!;
    expect(new Uint8Array(readFileSync(join(backend.ctx.dataDir, 'berkas', sha)))).toEqual(photo);

    const before = stored(backend);
    const again = await importKirimBundle(backend.ctx, bundleFileName(p), kirimBundle(p));
    expect([again.status, again.receiptJson]).toEqual([200, first.receiptJson]);
    expect(stored(backend)).toEqual(before);

    const [png] = await receiptQrPngs(first.receiptJson!);
    const decoded = decodeQrText(await decodeQrImage(png!));
    expect(decoded.ok && JSON.parse(decoded.value)).toEqual(JSON.parse(first.receiptJson!));
  });

  it('without its photo: menunggu-berkas; the full bundle then upgrades the receipt to lengkap', async () => {
    const k = makeKecamatan(hampang.kpu, '630214');
    const { b } = await receiver(join(dir, 'partial.db'), [k]);
    try {
      const p = makePush(k);
      const [sha] = [...p.berkas.keys()];
      const zip = kirimBundle(p, (f) => delete f[`berkas/${sha}`]);
      const partial = await importKirimBundle(b.ctx, bundleFileName(p), zip);
      expect([partial.status, partial.receiptStatus]).toEqual([201, 'menunggu-berkas']);
      const full = await importKirimBundle(b.ctx, bundleFileName(p), kirimBundle(p));
      expect([full.status, full.receiptStatus]).toEqual([201, 'lengkap']);
      expect((await importKirimBundle(b.ctx, bundleFileName(p), zip)).receiptJson).toBe(full.receiptJson);
    } finally {
      await b.close();
    }
  });
});

describe('penerima impor: bad bundles are answered as §4.3 and nothing is stored', () => {
  const cases: [string, (k: Kecamatan) => { name: string; zip: Uint8Array }, number, RegExp][] = [
    [
      'an extra entry',
      (k) => {
        const p = makePush(k);
        return { name: bundleFileName(p), zip: kirimBundle(p, (f) => (f['catatan.txt'] = bytes('x'))) };
      },
      400,
      /tidak dikenal/,
    ],
    [
      'a traversal entry',
      (k) => {
        const p = makePush(k);
        return { name: bundleFileName(p), zip: kirimBundle(p, (f) => (f['../../etc/passwd'] = bytes('x'))) };
      },
      400,
      /"\.\."/,
    ],
    [
      'a blob of the wrong size',
      (k) => {
        const p = makePush(k);
        const [sha, photo] = [...p.berkas][0]!;
        return { name: bundleFileName(p), zip: kirimBundle(p, (f) => (f[`berkas/${sha}`] = photo.subarray(1))) };
      },
      400,
      /Ukuran berkas/,
    ],
    [
      'a blob whose bytes differ from its hash',
      (k) => {
        const p = makePush(k);
        const [sha, photo] = [...p.berkas][0]!;
        const flipped = photo.slice();
        flipped[5] = flipped[5]! ^ 1;
        return { name: bundleFileName(p), zip: kirimBundle(p, (f) => (f[`berkas/${sha}`] = flipped)) };
      },
      400,
      /tidak sesuai dengan hash/,
    ],
    [
      'a manifest replayed under another kecamatan (signed by this PPK key, claiming the other)',
      (k) => {
        const p = makePush(k);
        const replay = { ...p, envelope: keyed({ ...p.manifest, kecamatan: '630201' }, k.ppk) };
        return { name: '630201-bupati-1.pleno-kirim', zip: kirimBundle(replay) };
      },
      403,
      /terdaftar untuk kecamatan 630214/,
    ],
    [
      "another kecamatan's bundle renamed",
      (k) => {
        const p = makePush(k);
        return { name: '630201-bupati-1.pleno-kirim', zip: kirimBundle(p) };
      },
      400,
      /tidak sesuai dengan isi manifest/,
    ],
    [
      'a D.Hasil that does not add up to its sources',
      (k) => {
        const p = makePush(k, {
          tamper: (doc) => {
            const l = doc.lampiran as { tps: { counts: { suara: { paslon: number[] } } }[] }[];
            l[0]!.tps[0]!.counts.suara.paslon[0] = 905;
          },
        });
        return { name: bundleFileName(p), zip: kirimBundle(p) };
      },
      422,
      /tidak sama dengan rekaman/,
    ],
    [
      'an object listed but missing',
      (k) => {
        const p = makePush(k);
        const first = [...p.objek.keys()][0]!;
        return { name: bundleFileName(p), zip: kirimBundle(p, (f) => delete f[`objek/${first}.json`]) };
      },
      409,
      /tidak memuat 1 objek/,
    ],
    [
      'urutan 2 before urutan 1',
      (k) => {
        const p = makePush(k, { urutan: 2, sebelumnya: makePush(k).address });
        return { name: bundleFileName(p), zip: kirimBundle(p) };
      },
      409,
      /impor urutan 1 dulu/,
    ],
    ['not a ZIP', () => ({ name: 'x.pleno-kirim', zip: bytes('bukan zip') }), 400, /tidak dapat dibaca/],
  ];

  for (const [what, make, status, message] of cases) {
    it(what, async () => {
      const fresh = makeKecamatan(hampang.kpu, '630214');
      const { b } = await receiver(join(dir, `bad-${cases.findIndex((c) => c[0] === what)}.db`), [fresh, other]);
      try {
        const before = stored(b);
        const { name, zip } = make(fresh);
        const o = await importKirimBundle(b.ctx, name, zip);
        expect(o.status).toBe(status);
        expect(o.masalah.join(' ')).toMatch(message);
        expect([o.receiptJson, o.manifest]).toEqual([null, null]);
        expect(stored(b)).toEqual(before);
      } finally {
        await b.close();
      }
    });
  }

  it('an unknown PPK key: 401, nothing stored, and the key is listed for the operator', async () => {
    const stranger = { ...other, ppk: generateKeyPair() };
    const p = makePush(stranger);
    const before = stored(backend);
    const o = await importKirimBundle(backend.ctx, bundleFileName(p), kirimBundle(p));
    expect(o.status).toBe(401);
    expect(stored(backend)).toEqual(before);
    expect(listUnknownKeys(backend.ctx.db).map((k) => [k.keyId, k.kecamatan])).toContainEqual([
      stranger.ppk.fingerprint,
      '630201',
    ]);
  });
});

describe('penerima impor: bundles out of order', () => {
  it('a later urutan waits (not quarantined); a bundle that does not follow what was taken is refused and quarantined', async () => {
    const k = makeKecamatan(hampang.kpu, '630214');
    const { b } = await receiver(join(dir, 'urutan.db'), [k]);
    const quarantinedAs = (name: string) =>
      b.ctx.db.prepare('SELECT reason FROM quarantine_log WHERE name = ?').all(name) as { reason: string }[];
    const push = async (p: ReturnType<typeof makePush>, name = bundleFileName(p)) => {
      const o = await importKirimBundle(b.ctx, name, kirimBundle(p));
      return { status: o.status, masalah: o.masalah, quarantined: quarantinedAs(name).map((q) => q.reason) };
    };
    try {
      const p1 = makePush(k);
      expect((await push(p1)).status).toBe(201);
      const p2 = makePush(k, { urutan: 2, sebelumnya: p1.address });
      const p3 = makePush(k, { urutan: 3, sebelumnya: p2.address });
      const waiting = 'Urutan kiriman tidak menyambung: yang terakhir diterima urutan 1; impor urutan 2 dulu.';
      expect(await push(p3)).toEqual({ status: 409, masalah: [waiting], quarantined: [] });

      // Urutan 1 again with other contents (another photo): not the push that was taken, and no earlier file helps.
      const fork = makePush(k, { photoBytes: 150_000 });
      expect(fork.address).not.toBe(p1.address);
      const notNext = (u: number) =>
        `Kiriman urutan ${u} bukan lanjutan kiriman yang sudah diterima (yang terakhir diterima urutan 1); ` +
        'berkas ini tidak diimpor.';
      expect(await push(fork, 'salinan-lain-1.pleno-kirim')).toEqual({
        status: 409,
        masalah: [notNext(1)],
        quarantined: [notNext(1)],
      });
      // Urutan 2 in number, but following the other urutan 1.
      const after = makePush(k, { urutan: 2, sebelumnya: fork.address });
      expect(await push(after, 'salinan-lain-2.pleno-kirim')).toEqual({
        status: 409,
        masalah: [notNext(2)],
        quarantined: [notNext(2)],
      });
      // The waiting one is taken once the file before it is.
      expect((await push(p2)).status).toBe(201);
      expect((await push(p3)).status).toBe(201);
      expect(b.ctx.db.prepare('SELECT count(*) AS n FROM penerima_manifest').get()).toEqual({ n: 3 });
    } finally {
      await b.close();
    }
  });
});

describe('pleno penerima impor (a real process)', () => {
  it('imports bundles in urutan order whatever the order given, writes each receipt beside its bundle', async () => {
    const k = makeKecamatan(hampang.kpu, '630214');
    const dbPath = join(dir, 'cli.db');
    const { b, key } = await receiver(dbPath, [k]);
    await b.close();
    const drive = join(dir, 'FLASHDISK', 'kirim');
    mkdirSync(drive, { recursive: true });
    const p1 = makePush(k);
    const p2 = makePush(k, { urutan: 2, sebelumnya: p1.address });
    for (const p of [p1, p2]) writeFileSync(join(drive, bundleFileName(p)), kirimBundle(p));
    writeFileSync(join(drive, 'rusak.pleno-kirim'), bytes('bukan zip'));
    const run = (...files: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/pleno.mjs'), 'penerima', 'impor', '--db', dbPath, ...files], {
        cwd: root,
        encoding: 'utf8',
      });
    const paths = [p2, p1].map((p) => join(drive, bundleFileName(p)));
    const r = run('--qr', ...paths, join(drive, 'rusak.pleno-kirim'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('630214-bupati-1.pleno-kirim: 630214 bupati urutan 1: lengkap');
    expect(r.stdout).toContain('630214-bupati-2.pleno-kirim: 630214 bupati urutan 2: lengkap');
    expect(r.stdout.indexOf('urutan 1:')).toBeLessThan(r.stdout.indexOf('urutan 2:'));
    expect(r.stdout).toMatch(/[█▀▄]/);
    expect(r.stderr).toMatch(/rusak\.pleno-kirim: ditolak: .*tidak dapat dibaca/);
    for (const p of [p1, p2]) {
      const file = join(drive, 'tanda-terima', `${p.address}.json`);
      expect(existsSync(file)).toBe(true);
      const v = verifyTandaTerima(
        JSON.parse(readFileSync(file, 'utf8')),
        key,
        { address: p.address, payload: p.manifest },
        nodeCrypto,
      );
      expect(v.ok && v.value.status).toBe('lengkap');
    }
    const receipt1 = readFileSync(join(drive, 'tanda-terima', `${p1.address}.json`), 'utf8');
    const again = run(paths[1]!);
    expect([again.status, again.stdout]).toEqual([0, expect.stringContaining('(sudah diterima sebelumnya)')]);
    expect(readFileSync(join(drive, 'tanda-terima', `${p1.address}.json`), 'utf8')).toBe(receipt1);
  }, 60_000);
});
