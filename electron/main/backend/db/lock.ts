// The single-instance lock of a Pleno database: an exclusive lock file `<db>.lock` (created with O_EXCL, holding
// pid, host and a nonce). A lock whose pid is dead on this host is stale and taken over; one from another host or a
// live pid refuses the open. Why a lock file rather than SQLite's locking_mode=EXCLUSIVE: see open.ts.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DbOpenError, ioError } from './open-errors';

export interface LockInfo {
  pid: number;
  host: string;
  nonce: string;
  since: string;
}

export interface LockHandle {
  path: string;
  release(): void;
}

export function acquireLock(dbPath: string): LockHandle {
  const path = `${dbPath}.lock`;
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    nonce: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify(info) + '\n');
      } finally {
        closeSync(fd);
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          // Only remove the lock if it is still ours (a stale-lock takeover by another process must survive).
          if ((readLock(path)?.nonce ?? '') === info.nonce) unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
      process.on('exit', release);
      return { path, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(dbPath, err);
    }
    const holder = readLock(path);
    if (holder && !isStale(holder)) {
      const who =
        holder.host === hostname() ? `proses ${holder.pid}` : `proses ${holder.pid} di komputer ${holder.host}`;
      throw new DbOpenError(
        'locked',
        dbPath,
        `Basis data ${dbPath} sedang dibuka oleh Pleno lain (${who}, sejak ${holder.since}). Tutup Pleno yang lain itu lebih dulu. Jika yakin tidak ada Pleno lain yang berjalan, hapus berkas ${path}.`,
        `${dbPath} is open in another Pleno (pid ${holder.pid} on ${holder.host} since ${holder.since}). Close it first; if none is running, delete ${path}.`,
      );
    }
    // Stale (dead pid on this host) or unreadable/half-written: take it over.
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(dbPath, err);
    }
  }
  throw new DbOpenError(
    'locked',
    dbPath,
    `Kunci basis data ${path} tidak dapat diambil.`,
    `Could not take the lock ${path}.`,
  );
}

export function readLock(path: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return {
      pid: parsed.pid,
      host: parsed.host,
      nonce: String(parsed.nonce ?? ''),
      since: String(parsed.since ?? '?'),
    };
  } catch {
    return null;
  }
}

function isStale(holder: LockInfo): boolean {
  // A lock from another machine (shared folder) cannot be checked: treat it as live.
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
