// Files of a backup beside its database: the folder layout on the drive, the manifest, and the content-addressed
// photos/ and documents/ copied incrementally (a file already there with the same size is not copied again).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** `<drive>/Pleno-Cadangan/<kode kecamatan>/pleno.db` (+ cadangan.json, photos/, documents/). */
export const BACKUP_FOLDER = 'Pleno-Cadangan';
export const BACKUP_DB = 'pleno.db';
export const MANIFEST = 'cadangan.json';
export const FILE_DIRS = ['photos', 'documents'] as const;
/** A restore's verified local copy in `<data>/backups/`: not a backup of this laptop, never taken for one. */
export const RESTORE_COPY_PREFIX = 'pulih-';

export interface BackupManifest {
  format: 'pleno.cadangan/1';
  kecamatan: { kode: string; nama: string };
  dibuat: string;
  entries: number;
  head: string;
  schema: number;
}

export const backupDirFor = (root: string, kecamatanKode: string): string => join(root, BACKUP_FOLDER, kecamatanKode);

export function readManifest(dir: string): BackupManifest | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as BackupManifest;
    return m && m.format === 'pleno.cadangan/1' && typeof m.kecamatan?.nama === 'string' ? m : null;
  } catch {
    return null;
  }
}

/** True when `file` is a backup database inside one of the mounted drives' backup folders. */
export function isBackupPathOn(file: string, mounts: string[]): boolean {
  const abs = resolve(file);
  if (!abs.endsWith(`${sep}${BACKUP_DB}`)) return false;
  return mounts.some((m) => {
    const rel = relative(join(resolve(m), BACKUP_FOLDER), abs);
    return rel !== '' && !rel.startsWith('..') && rel.split(sep).length === 2;
  });
}

function walk(dir: string, out: string[], depth = 0): void {
  if (depth > 4 || !existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out, depth + 1);
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(p);
  }
}

/** Copies every file of `from` missing (or of another size) in `to`, through a temporary name; returns the count. */
export function copyMissing(from: string, to: string): number {
  const files: string[] = [];
  walk(from, files);
  let copied = 0;
  for (const f of files) {
    const target = join(to, relative(from, f));
    if (existsSync(target) && statSync(target).size === statSync(f).size) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(f, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    copied += 1;
  }
  return copied;
}
