// How many more files this process may open: the soft RLIMIT_NOFILE minus what is open now. POSIX only (Linux
// reads /proc, macOS asks the shell, whose limit is inherited); null where there is no such limit (Windows) or it
// cannot be read. Servers size their connection cap from it so that sockets can never take the descriptors SQLite,
// photos and the log need: running out is silent (libuv accepts and drops the pending connection), so it has to be
// prevented, not handled.
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

function softLimit(): number | null {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return m[1] === 'unlimited' ? null : Number(m[1]);
  } catch {
    // Not Linux.
  }
  if (process.platform === 'win32') return null;
  try {
    const r = spawnSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 2000 });
    const n = Number(r.stdout.trim());
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function openNow(): number | null {
  for (const dir of ['/proc/self/fd', '/dev/fd']) {
    try {
      return readdirSync(dir).length;
    } catch {
      // Try the next.
    }
  }
  return null;
}

export function freeDescriptors(): number | null {
  const limit = softLimit();
  if (limit === null) return null;
  const open = openNow();
  return Math.max(0, limit - (open ?? 64));
}
