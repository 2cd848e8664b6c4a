// Finding removable drives and the importable files on them (cable/USB channel).
//
//   driveParents(env, platform) → folders whose sub-folders are mounts: /media/<user>, /run/media/<user>, /mnt,
//                                 /Volumes, plus every entry of PLENO_DRIVE_ROOTS (path-delimited; tests use it)
//   listMounts(parents, platform) → mount roots currently present (Windows: drive letters other than the system's)
//   scanDrive(root, limits?) → { files, truncated }  `.pleno` bundles, envelope `.json`, QR `.png/.jpg`
//
// The scan is bounded (depth, entries visited, files listed) because a phone mounted over MTP/USB can hold tens of
// thousands of photos. Images are listed only where they look like QR exports (a file or folder name containing
// "qr", "pln" or "pleno"), never a whole DCIM camera roll; envelope `.json` files only when their first bytes name
// the C.Hasil format.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync, type Dirent } from 'node:fs';
import { basename, delimiter, join, relative } from 'node:path';
import type { DriveFileKind, DriveFileView } from '../../../../../shared/contracts/import.contract';

export interface ScanLimits {
  maxDepth: number;
  maxEntries: number;
  maxFiles: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxDepth: 4, maxEntries: 5000, maxFiles: 1000 };

const SKIP_DIRS = new Set([
  'system volume information',
  '$recycle.bin',
  'node_modules',
  'android',
  '.trash-1000',
  'lost+found',
]);
const MAX_ENVELOPE_BYTES = 2 * 1024 * 1024;
const MAX_IMAGE_BYTES = 30 * 1024 * 1024;
const QR_HINT = /qr|pln|pleno/i;

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => join(dir, d.name));
  } catch {
    return [];
  }
}

/** Folders whose sub-folders are drives. */
export function driveParents(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const out: string[] = [];
  if (platform === 'linux') {
    out.push(...subdirs('/media'), ...subdirs('/run/media'), '/mnt');
  } else if (platform === 'darwin') {
    out.push('/Volumes');
  }
  for (const p of (env.PLENO_DRIVE_ROOTS ?? '').split(delimiter)) if (p.trim() !== '') out.push(p.trim());
  return out;
}

/** Drive letters present on Windows, except the system drive. */
function windowsDrives(env: NodeJS.ProcessEnv): string[] {
  const system = (env.SystemDrive ?? 'C:').toUpperCase();
  const out: string[] = [];
  for (let c = 65; c <= 90; c++) {
    const letter = `${String.fromCharCode(c)}:`;
    if (letter === system) continue;
    try {
      if (existsSync(`${letter}\\`)) out.push(`${letter}\\`);
    } catch {
      // An empty card reader slot can throw: not a drive now.
    }
  }
  return out;
}

/** Mount roots present now, sorted. */
export function listMounts(
  parents: string[],
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const set = new Set<string>();
  for (const parent of parents) for (const d of subdirs(parent)) set.add(d);
  if (platform === 'win32') for (const d of windowsDrives(env)) set.add(d);
  return [...set].sort();
}

export function driveLabel(root: string): string {
  return basename(root.replace(/[\\/]+$/, '')) || root;
}

function headMentionsCHasil(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').includes('pleno.c-hasil/1');
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function kindOf(path: string, name: string, size: number, hinted: boolean): DriveFileKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.pleno')) return 'bundle';
  if (lower.endsWith('.json')) return size <= MAX_ENVELOPE_BYTES && headMentionsCHasil(path) ? 'envelope' : null;
  if (/\.(png|jpe?g)$/.test(lower))
    return size <= MAX_IMAGE_BYTES && (hinted || QR_HINT.test(name)) ? 'qr-image' : null;
  return null;
}

/** The importable files on a drive, breadth-first, bounded. */
export function scanDrive(
  root: string,
  limits: ScanLimits = DEFAULT_SCAN_LIMITS,
): { files: DriveFileView[]; truncated: boolean } {
  const files: DriveFileView[] = [];
  let visited = 0;
  let truncated = false;
  let queue: { dir: string; depth: number; hinted: boolean }[] = [{ dir: root, depth: 0, hinted: false }];
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const { dir, depth, hinted } of queue) {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (++visited > limits.maxEntries) {
          truncated = true;
          break;
        }
        if (e.name.startsWith('.')) continue;
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          if (depth + 1 <= limits.maxDepth && !SKIP_DIRS.has(e.name.toLowerCase())) {
            next.push({ dir: path, depth: depth + 1, hinted: hinted || QR_HINT.test(e.name) });
          }
          continue;
        }
        if (!e.isFile()) continue;
        let size: number;
        try {
          size = statSync(path).size;
        } catch {
          continue;
        }
        const kind = kindOf(path, e.name, size, hinted);
        if (!kind) continue;
        if (files.length >= limits.maxFiles) {
          truncated = true;
          break;
        }
        files.push({ path, name: relative(root, path), kind, size });
      }
      if (truncated) break;
    }
    if (truncated) break;
    queue = next;
  }
  return { files, truncated };
}
