// The quarantine's bounds (issue 14): rejected input from outside must not fill the disk. The folder holds at most
// maxBytes and maxFiles; to make room the oldest copies are deleted first (their quarantine_log rows, with size,
// SHA-256 and reason, stay: only the bytes go). Nothing is copied while the disk has less than minFreeBytes free,
// and that state is kept for the status banner (lowDisk).
//
//   configureQuarantine(partial) / quarantineQuota()       the limits in force (tests and the receiver set them)
//   makeRoom(dir, incomingBytes, log)                        evicts oldest-first until the incoming copy fits
//   freeBytesAt(dir) → number | null                         statfs; null where it cannot be read
//   lowDisk() → { freeBytes, at } | null                     the last low-space refusal, for the banner
import { readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../context';

export interface QuarantineQuota {
  maxBytes: number;
  maxFiles: number;
  /** Below this much free space nothing is copied (the app's database and photos need the room). */
  minFreeBytes: number;
  /** A cut-short upload keeps only this prefix (enough to see what it was). */
  truncatedPrefixBytes: number;
}

const DEFAULT_QUOTA: QuarantineQuota = {
  maxBytes: 512 * 1024 * 1024,
  maxFiles: 2000,
  minFreeBytes: 512 * 1024 * 1024,
  truncatedPrefixBytes: 64 * 1024,
};

let quota: QuarantineQuota = { ...DEFAULT_QUOTA };
let low: { freeBytes: number; at: string } | null = null;

export function configureQuarantine(partial: Partial<QuarantineQuota>): void {
  quota = { ...DEFAULT_QUOTA, ...partial };
}

export function quarantineQuota(): QuarantineQuota {
  return quota;
}

export function freeBytesAt(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

export function noteDiskSpace(freeBytes: number | null, at: string): boolean {
  const ok = freeBytes === null || freeBytes >= quota.minFreeBytes;
  low = ok ? null : { freeBytes: freeBytes, at };
  return ok;
}

export function lowDisk(): { freeBytes: number; at: string } | null {
  return low;
}

interface Item {
  /** The content's name; its reason file is `<name>.reason.txt`. */
  name: string;
  bytes: number;
  mtimeMs: number;
}

function items(dir: string): { list: Item[]; bytes: number } {
  const byName = new Map<string, Item>();
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { list: [], bytes: 0 };
  }
  for (const f of names) {
    let st;
    try {
      st = statSync(join(dir, f));
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    total += st.size;
    const name = f.endsWith('.reason.txt') ? f.slice(0, -'.reason.txt'.length) : f;
    const it = byName.get(name) ?? { name, bytes: 0, mtimeMs: st.mtimeMs };
    it.bytes += st.size;
    it.mtimeMs = Math.min(it.mtimeMs, st.mtimeMs);
    byName.set(name, it);
  }
  return {
    list: [...byName.values()].sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : 1)),
    bytes: total,
  };
}

/** Deletes the oldest items until one more item of `incoming` bytes fits; false when it cannot fit at all. */
export function makeRoom(dir: string, incoming: number, log: Pick<Logger, 'warn'>): boolean {
  if (incoming > quota.maxBytes) return false;
  const { list, bytes } = items(dir);
  let used = bytes;
  let count = list.length;
  let evicted = 0;
  for (const it of list) {
    if (used + incoming <= quota.maxBytes && count + 1 <= quota.maxFiles) break;
    rmSync(join(dir, it.name), { force: true });
    rmSync(join(dir, `${it.name}.reason.txt`), { force: true });
    used -= it.bytes;
    count -= 1;
    evicted += 1;
  }
  if (evicted > 0) log.warn('quarantine: oldest copies deleted to stay within the quota', { evicted, used });
  return used + incoming <= quota.maxBytes && count + 1 <= quota.maxFiles;
}

/** What the folder holds now (tests check the quota with it). */
export function quarantineUsage(dir: string): { bytes: number; items: number } {
  const { list, bytes } = items(dir);
  return { bytes, items: list.length };
}
