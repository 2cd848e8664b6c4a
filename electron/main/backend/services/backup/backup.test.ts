// Backup and restore on real databases: the hampang demo in one backend, a drive folder (PLENO_DRIVE_ROOTS), and a
// second, fresh backend restoring from it — audit chain, numbers, photos and documents compared with the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openTestBackend, type TestBackend } from '../../../../../tests/support/records';
import { dataDirFor, openBackend } from '../../backend';
import { verifyAudit } from '../../repositories/audit.repo';
import { AUDITED_TABLES } from '../../db/migrations/index';
import type { BackupCheck, BackupFound, BackupStatus } from '../../../../../shared/contracts/backup.contract';
import type { Result } from '../../../../../shared/contracts/result';

let media: string;
let drive: string;
let source: TestBackend;
/** The demo as created, before any backup drive was chosen (each test holds alone and in any order). */
let template: string;
const savedRoots = process.env.PLENO_DRIVE_ROOTS;

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

beforeAll(async () => {
  media = mkdtempSync(join(tmpdir(), 'pleno-media-'));
  drive = join(media, 'FLASHDISK');
  mkdirSync(drive);
  process.env.PLENO_DRIVE_ROOTS = media;
  source = await openTestBackend('pleno-backup-src-');
  value(await source.backend.dispatch('setup.createDemo', { preset: 'hampang' }));
  template = join(mkdtempSync(join(tmpdir(), 'pleno-backup-tpl-')), 'uji.db');
  await source.backend.ctx.db.backup(template);
  cpSync(source.backend.ctx.dataDir, dataDirFor(template), { recursive: true });
}, 120_000);

afterAll(async () => {
  await source.close();
  rmSync(media, { recursive: true, force: true });
  if (template) rmSync(join(template, '..'), { recursive: true, force: true });
  if (savedRoots === undefined) delete process.env.PLENO_DRIVE_ROOTS;
  else process.env.PLENO_DRIVE_ROOTS = savedRoots;
});

const recap = async (tb: TestBackend) => value(await tb.backend.dispatch('plenary.recap', {}));
const backupDir = () => join(drive, 'Pleno-Cadangan', '630214');

/** The source's backup on the drive, written through the handlers unless an earlier test already wrote it. */
async function ensureBackup(): Promise<void> {
  if (existsSync(join(backupDir(), 'pleno.db'))) return;
  value(await source.backend.dispatch('backup.setTarget', { root: drive }));
  value(await source.backend.dispatch('backup.now', {}));
}

describe('backup', () => {
  it('refuses a drive that is not mounted and a backup before a drive is chosen', async () => {
    // A copy of the demo before any drive was chosen.
    const own = join(mkdtempSync(join(tmpdir(), 'pleno-backup-none-')), 'uji.db');
    cpSync(template, own);
    cpSync(dataDirFor(template), dataDirFor(own), { recursive: true });
    const b = await openBackend({ dbPath: own, mode: 'web' });
    try {
      const d = b.dispatch;
      expect(await d('backup.now', {})).toMatchObject({ ok: false, error: { message: /Pilih dulu drive/ } });
      expect(await d('backup.setTarget', { root: '/etc' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const s = value(await d('backup.status', {})) as BackupStatus;
      expect(s.drives).toContainEqual({ root: drive, label: 'FLASHDISK' });
      expect(s.target).toBeNull();
    } finally {
      await b.close();
      rmSync(join(own, '..'), { recursive: true, force: true });
    }
  });

  it('writes the database, photos and manifest to the chosen drive, and again after a document is issued', async () => {
    const d = source.backend.dispatch;
    value(await d('backup.setTarget', { root: drive }));
    const s = value(await d('backup.now', {})) as BackupStatus;
    expect(s.last).toMatchObject({ reason: 'manual', path: join(drive, 'Pleno-Cadangan', '630214', 'pleno.db') });
    expect(s.lastError).toBeNull();
    const dir = join(drive, 'Pleno-Cadangan', '630214');
    expect(readdirSync(join(dir, 'photos')).length).toBe(
      readdirSync(join(source.backend.ctx.dataDir, 'photos')).length,
    );
    expect(existsSync(join(dir, 'pleno.db-wal'))).toBe(false);
    const before = s.last!.entries;

    value(await d('documents.issue', { kind: 'd-hasil', pemilihan: 'bupati' }));
    const deadline = Date.now() + 20_000;
    let after = s;
    while (Date.now() < deadline) {
      after = value(await d('backup.status', {})) as BackupStatus;
      if (after.last?.reason === 'document' && !after.running) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(after.last?.reason).toBe('document');
    expect(after.last!.entries).toBeGreaterThan(before);
    expect(readdirSync(join(dir, 'documents')).length).toBeGreaterThan(0);
  });

  it('restores into a fresh database: chain verified, same recap, photos there; a second restore refused', async () => {
    await ensureBackup();
    const fresh = await openTestBackend('pleno-backup-dst-');
    try {
      const d = fresh.backend.dispatch;
      const found = (value(await d('backup.find', {})) as { backups: BackupFound[] }).backups;
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ kecamatan: { kode: '630214', nama: 'Hampang' }, drive: 'FLASHDISK' });
      const check = value(await d('backup.inspect', { path: found[0]!.path })) as BackupCheck;
      expect(check).toMatchObject({ valid: true, problems: [], kecamatan: { nama: 'Hampang' } });

      const restored = value(await d('backup.restore', { path: found[0]!.path })) as { kecamatan: unknown };
      expect(restored.kecamatan).toEqual({ kode: '630214', nama: 'Hampang' });
      expect(value(await d('system.info', {}))).toMatchObject({ kecamatan: { nama: 'Hampang' } });
      const v = verifyAudit(fresh.backend.ctx.db, { requiredTables: AUDITED_TABLES });
      expect(v.ok).toBe(true);
      expect(v.entries).toBe(check.entries + 1);
      expect(await recap(fresh)).toEqual(await recap(source));
      const srcPhotos = readdirSync(join(source.backend.ctx.dataDir, 'photos')).sort();
      expect(readdirSync(join(fresh.backend.ctx.dataDir, 'photos')).sort()).toEqual(srcPhotos);
      const list = value(await d('audit.list', { limit: 1 })) as { entries: unknown[] };
      expect(list.entries[0]).toMatchObject({ action: 'backup.restore', actor: 'sistem' });

      expect(await d('backup.restore', { path: found[0]!.path })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
    } finally {
      await fresh.close();
    }
  });

  it('a tampered backup is reported by inspect and refused by restore; paths off the drives are refused', async () => {
    await ensureBackup();
    const dir = backupDir();
    const bad = join(drive, 'Pleno-Cadangan', '630299');
    mkdirSync(bad, { recursive: true });
    const db = new Database(join(dir, 'pleno.db'), { readonly: true });
    await db.backup(join(bad, 'pleno.db'));
    db.close();
    // Edited outside the app, as with the sqlite3 tool: the append-only trigger dropped first.
    const edit = new Database(join(bad, 'pleno.db'));
    const triggers = edit
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'desa'")
      .all() as { name: string }[];
    for (const t of triggers) edit.exec(`DROP TRIGGER "${t.name}"`);
    edit.prepare('UPDATE desa SET nama = ? WHERE rowid = 1').run('Desa Palsu');
    edit.close();
    writeFileSync(join(bad, 'cadangan.json'), '{}');

    const fresh = await openTestBackend('pleno-backup-bad-');
    try {
      const d = fresh.backend.dispatch;
      const check = value(await d('backup.inspect', { path: join(bad, 'pleno.db') })) as BackupCheck;
      expect(check.valid).toBe(false);
      expect(check.problems[0]).toMatch(/^Rantai audit tidak utuh/);
      expect(await d('backup.restore', { path: join(bad, 'pleno.db') })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(value(await d('system.info', {}))).toMatchObject({ kecamatan: null });
      expect(await d('backup.inspect', { path: fresh.dbPath })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      writeFileSync(join(bad, 'pleno.db'), 'bukan sqlite');
      const junk = value(await d('backup.inspect', { path: join(bad, 'pleno.db') })) as BackupCheck;
      expect(junk).toMatchObject({ valid: false, problems: [expect.stringMatching(/rusak atau bukan/)] });
    } finally {
      await fresh.close();
      rmSync(bad, { recursive: true, force: true }); // the other tests find exactly the source's backup
    }
  });
});
