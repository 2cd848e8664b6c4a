// Writing backups: the database through SQLite's online backup (db/backup.ts) to a temporary file on the chosen
// drive, renamed over the previous backup (a pulled drive never leaves a half
// backup under the real name), then the photos and documents and the manifest. One backup at a time; a request
// during a run is folded into one more run after it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendContext } from '../../context';
import type { BackupDrive, BackupReason, BackupStatus } from '../../../../../shared/contracts/backup.contract';
import { backupDatabase } from '../../db/backup';
import { getMeta } from '../../repositories/master.repo';
import { auditHead, countAudit } from '../../repositories/audit.repo';
import { userVersion } from '../../db/migrate';
import { driveLabel, driveParents, listMounts } from '../drives/drive-scan';
import { BACKUP_DB, backupDirFor, copyMissing, FILE_DIRS, MANIFEST, type BackupManifest } from './backup-files';

export const INTERVAL_MINUTES = 10;

export class BackupRefused extends Error {}

interface State {
  target: BackupDrive | null;
  last: BackupStatus['last'];
  lastError: string | null;
  running: Promise<void> | null;
  again: BackupReason | null;
  /** Audit head of the last backup written (an unchanged database is not copied again by the timer). */
  lastHead: string | null;
}

const states = new WeakMap<BackendContext, State>();
const settingsFile = (ctx: BackendContext) => join(ctx.dataDir, 'cadangan-tujuan.json');

function stateOf(ctx: BackendContext): State {
  let s = states.get(ctx);
  if (!s) {
    let target: BackupDrive | null = null;
    try {
      const t = JSON.parse(readFileSync(settingsFile(ctx), 'utf8')) as BackupDrive;
      if (typeof t.root === 'string') target = { root: t.root, label: t.label ?? driveLabel(t.root) };
    } catch {
      target = null;
    }
    s = { target, last: null, lastError: null, running: null, again: null, lastHead: null };
    states.set(ctx, s);
  }
  return s;
}

export const mountedDrives = (): BackupDrive[] =>
  listMounts(driveParents()).map((root) => ({ root, label: driveLabel(root) }));

export function backupStatus(ctx: BackendContext): BackupStatus {
  const s = stateOf(ctx);
  const drives = mountedDrives();
  return {
    target: s.target ? { ...s.target, mounted: drives.some((d) => d.root === s.target!.root) } : null,
    last: s.last,
    lastError: s.lastError,
    running: s.running !== null,
    drives,
    intervalMinutes: INTERVAL_MINUTES,
  };
}

export function setBackupTarget(ctx: BackendContext, root: string | null): BackupStatus {
  const s = stateOf(ctx);
  if (root === null) {
    s.target = null;
    rmSync(settingsFile(ctx), { force: true });
  } else {
    const d = mountedDrives().find((x) => x.root === root);
    if (!d) throw new BackupRefused('Drive tidak ditemukan; pasang drive lalu pilih lagi.');
    s.target = d;
    writeFileSync(settingsFile(ctx), JSON.stringify(d));
  }
  return backupStatus(ctx);
}

/** One backup to `root`; returns what the status shows. Throws BackupRefused with a sentence for the user. */
async function writeBackup(ctx: BackendContext, root: string, reason: BackupReason): Promise<BackupStatus['last']> {
  const meta = getMeta(ctx.db);
  if (!meta) throw new BackupRefused('Belum ada data kecamatan untuk dicadangkan.');
  const dir = backupDirFor(root, meta.kecamatanKode);
  const tmp = join(dir, `${BACKUP_DB}.tmp`);
  mkdirSync(dir, { recursive: true });
  rmSync(tmp, { force: true });
  const head = auditHead(ctx.db);
  const entries = countAudit(ctx.db);
  await backupDatabase(ctx.db, tmp);
  renameSync(tmp, join(dir, BACKUP_DB));
  for (const sub of FILE_DIRS) copyMissing(join(ctx.dataDir, sub), join(dir, sub));
  const at = ctx.clock().toISOString();
  const manifest: BackupManifest = {
    format: 'pleno.cadangan/1',
    kecamatan: { kode: meta.kecamatanKode, nama: meta.kecamatanNama },
    dibuat: at,
    entries,
    head: head.hash,
    schema: userVersion(ctx.db),
  };
  writeFileSync(join(dir, `${MANIFEST}.tmp`), JSON.stringify(manifest, null, 2));
  renameSync(join(dir, `${MANIFEST}.tmp`), join(dir, MANIFEST));
  stateOf(ctx).lastHead = head.hash;
  const path = join(dir, BACKUP_DB);
  return { at, path, entries, bytes: statSync(path).size, reason };
}

/**
 * Runs a backup to the chosen drive (queued behind a running one). `onlyIfChanged` (the timer) skips a database
 * whose audit head is the one already copied. Failures are kept in the status, never thrown, except for 'manual'.
 */
export async function runBackup(
  ctx: BackendContext,
  reason: BackupReason,
  opts: { onlyIfChanged?: boolean } = {},
): Promise<void> {
  const s = stateOf(ctx);
  if (s.running) {
    s.again = s.again ?? reason;
    return s.running;
  }
  const target = s.target;
  if (!target) {
    if (reason === 'manual') throw new BackupRefused('Pilih dulu drive tujuan cadangan.');
    return;
  }
  if (ctx.readOnly?.kind === 'damaged') {
    // A damaged file is never copied over the last good backup on the drive (the one a restore needs).
    s.lastError =
      'Basis data di laptop ini rusak: cadangan terakhir di drive tidak ditimpa. Pulihkan dari cadangan itu.';
    if (reason === 'manual') throw new BackupRefused(s.lastError);
    return;
  }
  if (opts.onlyIfChanged && s.lastHead === auditHead(ctx.db).hash) return;
  s.running = (async () => {
    try {
      if (!existsSync(target.root)) throw new BackupRefused(`Drive ${target.label} tidak terpasang.`);
      s.last = await writeBackup(ctx, target.root, reason);
      s.lastError = null;
      ctx.log.info('backup written', { path: s.last?.path, reason, entries: s.last?.entries });
    } catch (err) {
      s.lastError =
        err instanceof BackupRefused
          ? err.message
          : `Cadangan ke drive ${target.label} gagal: ${(err as Error).message}. Periksa drive lalu coba lagi.`;
      ctx.log.warn('backup failed', { reason, error: String(err) });
    } finally {
      s.running = null;
    }
  })();
  await s.running;
  const again = s.again;
  s.again = null;
  if (again) await runBackup(ctx, again);
}
