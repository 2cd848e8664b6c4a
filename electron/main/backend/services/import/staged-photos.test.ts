// A verified bundle's photos are written by the reader as temp files beside their place and never cross to the main
// thread (services/photos/photo-files.ts): staged only when every record verified, not written again when already in
// place, taken over by the command or removed on a refusal; a refusal after a clean read quarantines the file as it
// is read again then (its bytes were let go after the read).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { makeBundle, makeFixture, openTestBackend, type TestBackend } from '../../../../../tests/support/records';
import { sha256Hex } from '../../crypto';
import { listQuarantine } from '../../repositories/quarantine.repo';
import { importMaster } from '../master/master.service';
import { entriesOf, readBundleInThread, readBundleVerified, type BundleRead } from './bundle-read';
import { bundleIn } from './import-inputs';
import { inCommand, newSession } from './import-session';
import { importBundleBytes, importPaths } from './import.service';

const fx = makeFixture({ desaCount: 1, tpsPerDesa: 3 });
const [T1, T2] = fx.tpsCodes as [string, string];
let tb: TestBackend;
/** The photos folder of the test's data folder. */
let dir: string;

beforeEach(async () => {
  tb = await openTestBackend('pleno-staged-');
  expect(importMaster(tb.backend.ctx, fx.masterBytes).ok).toBe(true);
  dir = join(tb.backend.ctx.dataDir, 'photos');
});
afterEach(() => tb.close());

const files = () => (existsSync(dir) ? readdirSync(dir).sort() : []);
const read = (bytes: Uint8Array) => readBundleInThread({ bytes, master: fx.master, extra: [], photoDir: dir });
const ok = (r: BundleRead) => {
  if (!r.ok) throw new Error('read refused');
  return r;
};

describe("the reader stages a verified bundle's photos", () => {
  it('in the worker: a temp file beside the place of each photo, with exactly its bytes, and no bytes in the answer', async () => {
    const r = ok(await readBundleVerified({ bytes: makeBundle(fx, T1), master: fx.master, extra: [], photoDir: dir }));
    expect(r.allVerified).toBe(true);
    expect(r.photos.size).toBe(2);
    for (const [sha, p] of r.photos) {
      expect(p.staged).toMatch(new RegExp(`/${sha}\\.png\\.[0-9a-f]{12}\\.tmp$`));
      const bytes = readFileSync(p.staged!);
      expect(sha256Hex(bytes)).toBe(sha);
      expect(p.size).toBe(bytes.length);
    }
    expect(Object.keys([...r.photos.values()][0]!).sort()).toEqual(['ext', 'size', 'staged']);
    expect(files().filter((f) => f.endsWith('.tmp'))).toHaveLength(2);
  });

  it('writes nothing for a bundle whose signatures do not verify', () => {
    const other = makeFixture({ desaCount: 1, tpsPerDesa: 3 }); // same TPS codes, other device keys
    const r = ok(read(makeBundle(other, T1)));
    expect(entriesOf(r).map((e) => e.verified.ok)).toEqual([false, false]);
    expect([r.allVerified, r.photos.size]).toEqual([false, 0]);
    expect(files()).toEqual([]);
  });

  it('does not write a photo again that is already in place', async () => {
    const bytes = makeBundle(fx, T1);
    const [first] = await importBundleBytes(tb.backend.ctx, bytes, { channel: 'file', name: 'a.pleno' });
    expect(first!.status).toBe('diterima');
    const placed = files();
    expect(placed).toHaveLength(2);
    expect([...ok(read(bytes)).photos.values()].map((p) => p.staged)).toEqual([null, null]);
    expect(files()).toEqual(placed);
    const again = await importBundleBytes(tb.backend.ctx, bytes, { channel: 'file', name: 'a.pleno' });
    expect(again.map((o) => o.status)).toEqual(['duplikat', 'duplikat']);
    expect(files()).toEqual(placed);
  });

  it('refuses the bundle in words when a photo cannot be written, leaving nothing behind', () => {
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'bukan folder'); // the photos folder cannot be made
    const r = read(makeBundle(fx, T1));
    expect(r).toMatchObject({
      ok: false,
      refused: { reason: expect.stringMatching(/^foto dalam bundel tidak dapat ditulis ke folder data\. /) },
    });
    expect(readFileSync(dir, 'utf8')).toBe('bukan folder');
  });
});

describe('the command takes staged photos over, or removes them', () => {
  it('stored: renamed into place under their hash, no temp file left', async () => {
    const file = join(tb.dir, `${T1}.pleno`);
    writeFileSync(file, makeBundle(fx, T1));
    const [out] = await importPaths(tb.backend.ctx, [file]);
    expect(out!.status).toBe('diterima');
    const names = files();
    expect(names).toHaveLength(2);
    for (const f of names) expect(sha256Hex(readFileSync(join(dir, f)))).toBe(f.replace(/\.png$/, ''));
  });

  it('refused after a clean read: temp files removed, the file read again for the quarantine', () => {
    const ctx = tb.backend.ctx;
    const [r1, r2] = [ok(read(makeBundle(fx, T1))), ok(read(makeBundle(fx, T2)))];
    expect(files().filter((f) => f.endsWith('.tmp'))).toHaveLength(4);
    // Records of two TPS in one read: the format layer refuses such a file, so only the command's own check stands.
    const mixed: BundleRead = {
      ...r1,
      results: [entriesOf(r1)[0]!, entriesOf(r2)[1]!],
      photos: new Map([...r1.photos, ...r2.photos]),
    };
    const onDisk = utf8Encode('isi berkas saat ditolak');
    const s = newSession(ctx);
    const source = { channel: 'file' as const, name: 'campur.pleno' };
    const outs = inCommand(s, () => bundleIn(s, { size: onDisk.length, again: () => onDisk }, source, mixed));
    expect(outs).toMatchObject([{ status: 'ditolak', reason: expect.stringContaining('lebih dari satu TPS') }]);
    expect(files()).toEqual([]);
    const q = listQuarantine(ctx.db);
    expect(q).toHaveLength(1);
    expect(new Uint8Array(readFileSync(join(ctx.dataDir, 'quarantine', q[0]!.storedName)))).toEqual(onDisk);
  });
});
