// A refused restore leaves nothing behind: the backup's verified local copy (`backups/pulih-<time>.db`) is removed
// when the restore is refused after the copy was made, and such a copy is never taken for one of this laptop's own
// copies. Real files: two kecamatan databases (630214 Hampang, 630215 Kelumpang), the second backed up to a drive
// folder (PLENO_DRIVE_ROOTS); the hosted backend (as `pleno serve` holds it) restores over a read-only or unreadable
// copy of the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createKecamatanFixture } from '../../../../../tests/support/records';
import { dataDirFor } from '../../backend';
import { openHostedBackend } from '../../hosted';

let root: string;
let drive: string;
/** Hampang (630214) with its data folder, closed. */
let hampang: string;
/** Kelumpang (630215), closed; its backup is on the drive. */
let kelumpang: string;
let kelumpangBackup: string;
const savedRoots = process.env.PLENO_DRIVE_ROOTS;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pleno-restore-refused-'));
  drive = join(root, 'media', 'FLASHDISK');
  mkdirSync(drive, { recursive: true });
  process.env.PLENO_DRIVE_ROOTS = join(root, 'media');
  const a = await createKecamatanFixture({ desa: 1, tpsPerDesa: 1, dir: mkdtempSync(join(root, 'a-')) });
  hampang = a.dbPath;
  await a.close();
  const b = await createKecamatanFixture({
    desa: 1,
    tpsPerDesa: 1,
    dir: mkdtempSync(join(root, 'b-')),
    kecamatan: { kode: '630215', nama: 'Kelumpang' },
  });
  kelumpang = b.dbPath;
  try {
    for (const [method, input] of [
      ['backup.setTarget', { root: drive }],
      ['backup.now', {}],
    ] as const) {
      const r = await b.backend.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    }
  } finally {
    await b.close();
  }
  kelumpangBackup = join(drive, 'Pleno-Cadangan', '630215', 'pleno.db');
}, 120_000);

afterAll(() => {
  if (root) {
    execFileSync('chmod', ['-R', 'u+w', root]);
    rmSync(root, { recursive: true, force: true });
  }
  if (savedRoots === undefined) delete process.env.PLENO_DRIVE_ROOTS;
  else process.env.PLENO_DRIVE_ROOTS = savedRoots;
});

/** A copy of `dbPath` with its data folder, in a folder of its own. */
function copyOf(dbPath: string, name: string): string {
  const to = join(mkdtempSync(join(root, `${name}-`)), 'kecamatan.db');
  cpSync(dbPath, to);
  cpSync(dataDirFor(dbPath), dataDirFor(to), { recursive: true });
  return to;
}

/** A self-contained copy, as db/open.ts makes this laptop's own copies before a schema update. */
function vacuumInto(from: string, to: string): void {
  const db = new Database(from, { readonly: true });
  try {
    db.prepare('VACUUM INTO ?').run(to);
  } finally {
    db.close();
  }
}

const backupsOf = (dbPath: string) => readdirSync(join(dataDirFor(dbPath), 'backups')).sort();

describe('a refused restore leaves no copy of the backup behind', () => {
  it('over a read-only database of another kecamatan: refused, the copy removed, the file untouched', async () => {
    const dbPath = copyOf(hampang, 'readonly');
    chmodSync(dbPath, 0o444);
    const bytes = readFileSync(dbPath);
    const before = backupsOf(dbPath);
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    try {
      const r = await h.dispatch('backup.restore', { path: kelumpangBackup });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: /^Cadangan ini milik Kecamatan Kelumpang, sedangkan .* Kecamatan Hampang/ },
      });
      expect(backupsOf(dbPath)).toEqual(before);
      expect(readFileSync(dbPath).equals(bytes)).toBe(true);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('over an unreadable file: an old restore copy is not taken for a copy of this laptop, and the new one goes too', async () => {
    const dbPath = copyOf(hampang, 'header');
    const backups = join(dataDirFor(dbPath), 'backups');
    // This laptop's own copy (as a schema update makes it), and a restore copy of another kecamatan left by an
    // earlier version: sorted last-first, the restore copy would come first if it counted.
    vacuumInto(hampang, join(backups, 'kecamatan-v12-20261101T080000Z.db'));
    vacuumInto(kelumpang, join(backups, 'pulih-2026-11-30T08-00-00-000Z.db'));
    const fd = openSync(dbPath, 'r+');
    try {
      writeSync(fd, Buffer.alloc(4096), 0, 4096, 0);
    } finally {
      closeSync(fd);
    }
    const before = backupsOf(dbPath);
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    try {
      expect(h.startupError()).toMatchObject({ kind: 'not-sqlite', restorable: true });
      const r = await h.dispatch('backup.restore', { path: kelumpangBackup });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: /salinan lokal laptop ini Kecamatan Hampang/ },
      });
      expect(backupsOf(dbPath)).toEqual(before);
    } finally {
      await h.close();
    }
  }, 60_000);
});
