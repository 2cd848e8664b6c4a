// Restore over a damaged or read-only database on real files: the hampang demo backed up to a drive folder
// (PLENO_DRIVE_ROOTS), then its file damaged (one page zeroed by a real write at the page's offset) or marked 0444;
// the hosted backend (as `pleno serve` and the Electron host hold it) opens it read-only, restores the backup over
// it, moves the old file aside (kept, same bytes), and answers on the restored file without a restart. A file whose
// header page is destroyed opens no backend at all: the start-up error says it can be restored, and the same
// restore runs from there.
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
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dataDirFor, openBackend } from '../../backend';
import { openHostedBackend, type HostedBackend } from '../../hosted';
import type { BackupFound, BackupRestored } from '../../../../../shared/contracts/backup.contract';
import type { IntegrityView } from '../../../../../shared/contracts/system.contract';
import type { Result } from '../../../../../shared/contracts/result';

let root: string;
let media: string;
let drive: string;
/** The demo as backed up (closed, checkpointed); each test works on its own copy. */
let template: string;
let recapBefore: unknown;
let backupPath: string;
const savedRoots = process.env.PLENO_DRIVE_ROOTS;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pleno-restore-over-'));
  media = join(root, 'media');
  drive = join(media, 'FLASHDISK');
  mkdirSync(drive, { recursive: true });
  process.env.PLENO_DRIVE_ROOTS = media;
  template = join(root, 'template', 'kecamatan.db');
  mkdirSync(join(root, 'template'));
  const b = await openBackend({ dbPath: template, mode: 'web' });
  try {
    value(await b.dispatch('setup.createDemo', { preset: 'hampang' }));
    value(await b.dispatch('backup.setTarget', { root: drive }));
    value(await b.dispatch('backup.now', {}));
    recapBefore = value(await b.dispatch('plenary.recap', {}));
  } finally {
    await b.close();
  }
  backupPath = join(drive, 'Pleno-Cadangan', '630214', 'pleno.db');
}, 120_000);

afterAll(() => {
  if (root) {
    execFileSync('chmod', ['-R', 'u+w', root]);
    rmSync(root, { recursive: true, force: true });
  }
  if (savedRoots === undefined) delete process.env.PLENO_DRIVE_ROOTS;
  else process.env.PLENO_DRIVE_ROOTS = savedRoots;
});

function copyOf(name: string): string {
  const dbPath = join(mkdtempSync(join(root, `${name}-`)), 'kecamatan.db');
  cpSync(template, dbPath);
  cpSync(dataDirFor(template), dataDirFor(dbPath), { recursive: true });
  return dbPath;
}

/** Zeroes the file's first page (the header SQLite needs to open it at all). */
function zeroHeaderPage(dbPath: string): void {
  const size = Number(execFileSync('sqlite3', [dbPath, 'PRAGMA page_size'], { encoding: 'utf8' }).trim());
  const fd = openSync(dbPath, 'r+');
  try {
    writeSync(fd, Buffer.alloc(size), 0, size, 0);
  } finally {
    closeSync(fd);
  }
}

/** Zeroes the submission table's root page with a write at its offset (as a failing disk sector would). */
function zeroSubmissionPage(dbPath: string): void {
  const q = (sql: string) => execFileSync('sqlite3', [dbPath, sql], { encoding: 'utf8' }).trim();
  const page = Number(q("SELECT rootpage FROM sqlite_master WHERE name = 'submission'"));
  const size = Number(q('PRAGMA page_size'));
  expect(page).toBeGreaterThan(1);
  const fd = openSync(dbPath, 'r+');
  try {
    writeSync(fd, Buffer.alloc(size), 0, size, (page - 1) * size);
  } finally {
    closeSync(fd);
  }
}

const integrity = async (h: HostedBackend) => value<IntegrityView>(await h.dispatch('system.integrity', {}));

async function restoreFromDrive(h: HostedBackend): Promise<BackupRestored> {
  const found = value<{ backups: BackupFound[] }>(await h.dispatch('backup.find', {})).backups;
  const ours = found.find((f) => f.path === backupPath);
  expect(ours).toBeDefined();
  return value<BackupRestored>(await h.dispatch('backup.restore', { path: ours!.path }));
}

/** After the restore: writable, the integrity check passes, the backup's numbers, and a write succeeds. */
async function expectWorking(h: HostedBackend, r: BackupRestored): Promise<void> {
  expect(r.kecamatan).toEqual({ kode: '630214', nama: 'Hampang' });
  const v = await integrity(h);
  expect(v).toMatchObject({ ok: true, storage: { readOnly: false, canRestore: false } });
  expect(h.current()?.ctx.readOnly ?? null).toBeNull();
  expect(value(await h.dispatch('plenary.recap', {}))).toEqual(recapBefore);
  const verify = value<{ ok: boolean; entries: number }>(await h.dispatch('audit.verify', {}));
  expect(verify).toMatchObject({ ok: true, entries: r.entries });
  const last = value<{ entries: { action: string }[] }>(await h.dispatch('audit.list', { limit: 1 }));
  expect(last.entries[0]).toMatchObject({ action: 'backup.restore-aside' });
  expect(value(await h.dispatch('plenary.startSession', { member: 0 }))).toBeDefined();
}

describe('restore over a damaged or read-only database (hosted backend)', () => {
  it('one zeroed page: opened read-only, restored from the drive, the damaged file kept aside with its bytes', async () => {
    const dbPath = copyOf('zeroed');
    zeroSubmissionPage(dbPath);
    const damagedBytes = readFileSync(dbPath);
    const events: string[] = [];
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    const off = h.events.subscribe((e) => events.push(e.type));
    try {
      const before = await integrity(h);
      expect(before.storage).toMatchObject({ readOnly: true, canRestore: true });
      expect(before.storage.message).toMatch(/rusak/);
      // A damaged file is never copied over the good backup on the drive.
      expect(await h.dispatch('backup.now', {})).toMatchObject({ ok: false, error: { message: /tidak ditimpa/ } });

      const r = await restoreFromDrive(h);
      expect(r.movedAside).toMatch(/kecamatan\.sebelum-pulih-.*\.db$/);
      expect(readFileSync(r.movedAside!).equals(damagedBytes)).toBe(true);
      await expectWorking(h, r);
      expect(events).toContain('kecamatan-changed');
      expect(execFileSync('sqlite3', [dbPath, 'PRAGMA quick_check'], { encoding: 'utf8' }).trim()).toBe('ok');
    } finally {
      off();
      await h.close();
    }
  }, 60_000);

  it('damage found while running: read-only at once, the restore offered without a restart', async () => {
    const dbPath = copyOf('running');
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    try {
      expect((await integrity(h)).storage).toMatchObject({ readOnly: false, canRestore: false });
      zeroSubmissionPage(dbPath);
      // The connection's page cache let go, as it does under memory pressure: the next read meets the damage.
      h.current()!.ctx.db.pragma('shrink_memory');
      const read = await h.dispatch('plenary.recap', {});
      expect(read).toMatchObject({ ok: false, error: { code: 'DB_ERROR', message: /^Berkas basis data rusak/ } });
      const v = await integrity(h);
      expect(v.storage).toMatchObject({ readOnly: true, canRestore: true });
      expect(v.storage.message).toMatch(/^Berkas basis data rusak/);
      // Nothing more is written to the damaged file, and it is not backed up over the good backup.
      expect(await h.dispatch('plenary.startSession', { member: 0 })).toMatchObject({
        ok: false,
        error: { code: 'DB_ERROR' },
      });
      expect(await h.dispatch('backup.now', {})).toMatchObject({ ok: false, error: { message: /tidak ditimpa/ } });
      const r = await restoreFromDrive(h);
      await expectWorking(h, r);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a server that fails to restart on the restored file does not undo the restore', async () => {
    const dbPath = copyOf('listener');
    chmodSync(dbPath, 0o444);
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    let starts = 0;
    await h.follow(async () => {
      starts += 1;
      if (starts > 1) throw new Error('port taken');
      return null;
    });
    try {
      const r = await restoreFromDrive(h);
      expect(starts).toBe(2);
      expect(statSync(dbPath).mode & 0o200).toBe(0o200);
      await expectWorking(h, r);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a file marked 0444: restored over, the new file writable, the old one kept aside still read-only', async () => {
    const dbPath = copyOf('readonly');
    chmodSync(dbPath, 0o444);
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    try {
      expect((await integrity(h)).storage).toMatchObject({ readOnly: true, canRestore: true });
      const r = await restoreFromDrive(h);
      expect(statSync(r.movedAside!).mode & 0o777).toBe(0o444);
      expect(statSync(dbPath).mode & 0o200).toBe(0o200);
      await expectWorking(h, r);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a backup that fails its check replaces nothing: the old file stays in place, still read-only', async () => {
    const dbPath = copyOf('tampered');
    zeroSubmissionPage(dbPath);
    const bad = join(drive, 'Pleno-Cadangan', '630299');
    mkdirSync(bad, { recursive: true });
    cpSync(backupPath, join(bad, 'pleno.db'));
    cpSync(join(drive, 'Pleno-Cadangan', '630214', 'cadangan.json'), join(bad, 'cadangan.json'));
    const edit = new Database(join(bad, 'pleno.db'));
    const triggers = edit
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'desa'")
      .all() as { name: string }[];
    for (const t of triggers) edit.exec(`DROP TRIGGER "${t.name}"`);
    edit.prepare('UPDATE desa SET nama = ? WHERE rowid = 1').run('Desa Palsu');
    edit.close();
    const damagedBytes = readFileSync(dbPath);
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    try {
      const r = await h.dispatch('backup.restore', { path: join(bad, 'pleno.db') });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /^Rantai audit tidak utuh/ } });
      expect(readFileSync(dbPath).equals(damagedBytes)).toBe(true);
      expect((await integrity(h)).storage.readOnly).toBe(true);
    } finally {
      await h.close();
      rmSync(bad, { recursive: true, force: true });
    }
  }, 60_000);

  it('a backend opened alone (CLI) refuses: only the app can reopen on the restored file', async () => {
    const dbPath = copyOf('alone');
    chmodSync(dbPath, 0o444);
    const b = await openBackend({ dbPath, mode: 'web' });
    try {
      expect(await b.dispatch('backup.restore', { path: backupPath })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: /hanya dapat dijalankan dari aplikasi Pleno/ },
      });
    } finally {
      await b.close();
    }
  }, 60_000);

  it('the header page destroyed: no backend opens, the start-up error offers the restore, and it runs from there', async () => {
    const dbPath = copyOf('header');
    zeroHeaderPage(dbPath);
    const damagedBytes = readFileSync(dbPath);
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    try {
      expect(h.current()).toBeNull();
      expect(h.startupError()).toMatchObject({ kind: 'not-sqlite', restorable: true });
      const info = value<{ startupError: unknown }>(await h.dispatch('system.info', {}));
      expect(info.startupError).toMatchObject({ restorable: true });
      // Nothing else answers while no backend is open.
      expect(await h.dispatch('plenary.recap', {})).toMatchObject({ ok: false, error: { code: 'DB_ERROR' } });
      const check = value<{ valid: boolean }>(await h.dispatch('backup.inspect', { path: backupPath }));
      expect(check.valid).toBe(true);
      const r = await restoreFromDrive(h);
      expect(r.movedAside).toMatch(/kecamatan\.sebelum-pulih-.*\.db$/);
      expect(readFileSync(r.movedAside!).equals(damagedBytes)).toBe(true);
      expect(h.startupError()).toBeNull();
      await expectWorking(h, r);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('an unreadable file that never was a Pleno database (no data folder beside it): nothing offered, nothing moved', async () => {
    const dir = mkdtempSync(join(root, 'stranger-'));
    const dbPath = join(dir, 'catatan.db');
    writeFileSync(dbPath, 'bukan basis data '.repeat(400));
    const h = await openHostedBackend({ dbPath, mode: 'web' });
    try {
      expect(h.startupError()).toMatchObject({ kind: 'not-sqlite' });
      expect(h.startupError()?.restorable).toBeUndefined();
      expect(await h.dispatch('backup.restore', { path: backupPath })).toMatchObject({
        ok: false,
        error: { code: 'DB_ERROR' },
      });
      expect(readFileSync(dbPath, 'utf8')).toBe('bukan basis data '.repeat(400));
    } finally {
      await h.close();
    }
  }, 60_000);
});
