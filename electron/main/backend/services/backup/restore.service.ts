// Restoring a backup on another laptop's first-run screen: find backups on the mounted drives, inspect one (opened
// read-only, its audit chain and every audited row verified — the same check as `pleno audit verify` — and every
// stored C.Hasil record against its signed envelope), and restore: the file is first copied to this laptop's data
// folder and checked again there (the drive may be pulled or the file changed meanwhile), then written over the
// empty database with the backup API, its photos and documents copied, the chain verified once more, and the restore
// recorded in the audit log. Over a damaged or read-only database the file itself is swapped: restore-over.ts.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackendContext } from '../../context';
import type { BackupCheck, BackupFound, BackupRestored } from '../../../../../shared/contracts/backup.contract';
import { fail, ok, type Result } from '../../../../../shared/contracts/result';
import { databaseIsEmpty, readBackupFacts, restoreDatabase, withBackupReadonly } from '../../db/backup';
import { runCommand } from '../../db/command';
import { latestVersion } from '../../db/migrate';
import { AUDITED_TABLES, migrations } from '../../db/migrations/index';
import { appendAudit, verifyAudit } from '../../repositories/audit.repo';
import {
  BACKUP_DB,
  BACKUP_FOLDER,
  copyMissing,
  FILE_DIRS,
  isBackupPathOn,
  readManifest,
  RESTORE_COPY_PREFIX,
} from './backup-files';
import { mountedDrives } from './backup.service';
import { checkSubmissionSources } from '../integrity/signed-sources';
import { namesIn } from '../../dir-names';

export function findBackups(): BackupFound[] {
  const out: BackupFound[] = [];
  for (const d of mountedDrives()) {
    const base = join(d.root, BACKUP_FOLDER);
    for (const k of namesIn(base)) {
      const dir = join(base, k);
      const m = readManifest(dir);
      if (!m || !existsSync(join(dir, BACKUP_DB))) continue;
      out.push({
        path: join(dir, BACKUP_DB),
        drive: d.label,
        kecamatan: m.kecamatan,
        dibuat: m.dibuat,
        entries: m.entries,
      });
    }
  }
  return out.sort((a, b) => b.dibuat.localeCompare(a.dibuat));
}

/** Opens the file read-only and verifies it; never throws for a bad file (the problems say why). */
export function checkBackupFile(file: string): Omit<BackupCheck, 'path' | 'dibuat'> {
  const bad = (problem: string) => ({ kecamatan: null, entries: 0, valid: false, problems: [problem] });
  if (!existsSync(file)) return bad('Berkas cadangan tidak ditemukan; pasang ulang drive lalu coba lagi.');
  try {
    return withBackupReadonly(file, (db) => {
      const facts = readBackupFacts(db);
      if (!facts.pleno) return bad('Berkas ini bukan basis data Pleno.');
      if (!facts.openable)
        return bad('Cadangan ini dibuat oleh versi Pleno yang lebih baru; perbarui aplikasi Pleno di laptop ini.');
      if (!facts.kecamatan) return bad('Cadangan ini belum berisi data kecamatan.');
      // Tables added by later migrations are not required of an older backup (they are created on restore).
      const current = facts.schema === latestVersion(migrations);
      const r = verifyAudit(db, current ? { requiredTables: AUDITED_TABLES } : {});
      // Every stored C.Hasil record against its signed envelope too (the tables of an older schema are migrated
      // on restore and checked by the integrity check at start).
      const signed = current ? checkSubmissionSources(db).problems : [];
      const problems = [
        ...r.problems.map((p) => `Rantai audit tidak utuh: ${p.message}.`),
        ...signed.map((p) => p.message),
      ];
      return {
        kecamatan: facts.kecamatan,
        entries: r.entries,
        valid: problems.length === 0,
        problems: problems.slice(0, 5),
      };
    });
  } catch {
    return bad('Berkas cadangan rusak atau bukan basis data SQLite; gunakan cadangan lain.');
  }
}

export function inspectBackup(file: string): Result<BackupCheck> {
  if (
    !isBackupPathOn(
      file,
      mountedDrives().map((d) => d.root),
    )
  )
    return fail('NOT_FOUND', 'Cadangan tidak ditemukan di drive yang terpasang; pasang ulang drive lalu coba lagi.');
  return ok({ path: file, dibuat: readManifest(dirname(file))?.dibuat ?? null, ...checkBackupFile(file) });
}

/**
 * The backup copied from the drive into this laptop's data folder and checked again there (the drive may be pulled
 * or the file changed meanwhile): the file that is restored is the one verified. A copy that fails its check is
 * removed at once.
 */
function verifiedLocalCopy(ctx: Pick<BackendContext, 'clock' | 'dataDir'>, file: string): Result<LocalCopy> {
  const seen = inspectBackup(file);
  if (!seen.ok) return seen;
  if (!seen.value.valid) return fail('INVALID_INPUT', seen.value.problems[0] ?? 'Cadangan tidak dapat dipakai.');
  const stamp = ctx.clock().toISOString().replace(/[:.]/g, '-');
  const local = join(ctx.dataDir, 'backups', `${RESTORE_COPY_PREFIX}${stamp}.db`);
  try {
    copyFileSync(file, local);
    const check = checkBackupFile(local);
    if (check.valid && check.kecamatan?.kode === seen.value.kecamatan?.kode)
      return ok({ local, check: { ...seen.value, ...check } });
    rmSync(local, { force: true });
    return fail('INVALID_INPUT', check.problems[0] ?? 'Cadangan berubah saat disalin; coba lagi.');
  } catch (err) {
    rmSync(local, { force: true });
    throw err;
  }
}

export interface LocalCopy {
  local: string;
  check: BackupCheck;
}

/**
 * Runs a restore on the verified local copy of `file`. When the restore is refused or fails, the copy goes: left in
 * `backups/` it would lie beside this laptop's own copies as if it were one. A restore that went through keeps it.
 */
export async function withVerifiedLocalCopy<T>(
  ctx: Pick<BackendContext, 'clock' | 'dataDir'>,
  file: string,
  restore: (copy: LocalCopy) => Promise<Result<T>>,
): Promise<Result<T>> {
  const copy = verifiedLocalCopy(ctx, file);
  if (!copy.ok) return copy;
  let done = false;
  try {
    const r = await restore(copy.value);
    done = r.ok;
    return r;
  } finally {
    if (!done) rmSync(copy.value.local, { force: true });
  }
}

/**
 * After the restored content is in place: the backup's photos and documents copied, the chain verified once more,
 * and the restore recorded in the audit log (the event makes every screen read again).
 */
export function finishRestore(
  ctx: BackendContext,
  from: string,
  action: 'backup.restore' | 'backup.restore-aside',
): number {
  for (const sub of FILE_DIRS) copyMissing(join(dirname(from), sub), join(ctx.dataDir, sub));
  const after = verifyAudit(ctx.db, { requiredTables: AUDITED_TABLES });
  if (!after.ok) throw new Error(`restored database fails audit verify: ${after.problems[0]?.english ?? ''}`);
  runCommand(ctx, (unit) => {
    appendAudit(unit.db, { actor: 'sistem', action, at: ctx.clock().toISOString() });
    unit.emit({ type: 'kecamatan-changed' });
    return ok(undefined);
  });
  return after.entries + 1;
}

export async function restoreBackup(ctx: BackendContext, file: string): Promise<Result<BackupRestored>> {
  if (!databaseIsEmpty(ctx.db))
    return fail(
      'CONFLICT',
      'Laptop ini sudah memegang data kecamatan; cadangan hanya dapat dipulihkan ke Pleno yang baru dipasang atau ke basis data yang rusak.',
    );
  return withVerifiedLocalCopy(ctx, file, async ({ local, check }) => {
    await restoreDatabase(ctx.db, local);
    const entries = finishRestore(ctx, file, 'backup.restore');
    ctx.log.info('backup restored', { from: file, local, entries });
    const k = check.kecamatan!;
    return ok({ kecamatan: { kode: k.kode, nama: k.nama }, entries, movedAside: null });
  });
}
