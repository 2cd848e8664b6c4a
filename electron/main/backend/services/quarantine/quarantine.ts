// Quarantine of rejected input: the bytes are copied to <dataDir>/quarantine/<timestamp>-<name>, the reason is
// written beside them in <same>.reason.txt (Bahasa Indonesia + English), and a quarantine_log row is recorded.
// Bounded (quarantine-quota.ts): bytes already held are not copied again (the row names the earlier copy), a
// cut-short upload keeps a prefix only, the folder stays within its quota by deleting the oldest copies, and
// nothing is copied while the disk is nearly full (the row still records the reason).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackendContext } from '../../context';
import { sha256Hex } from '../../crypto';
import { insertQuarantineLog, quarantinedNamesOf, type QuarantineRow } from '../../repositories/quarantine.repo';
import { freeBytesAt, makeRoom, noteDiskSpace, quarantineQuota } from './quarantine-quota';
import { runWrite } from '../../db/command';

/** Files larger than this are not copied (the reason file says so); the import already refused them. */
export const QUARANTINE_COPY_LIMIT = 64 * 1024 * 1024;

/** Folder + SHA-256 → the copy this process wrote last for those bytes. */
const recentCopies = new Map<string, string>();

export function quarantineDir(dataDir: string): string {
  return join(dataDir, 'quarantine');
}

function safeName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')) || 'masukan';
  return base.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

function writeDurable(path: string, data: Uint8Array | string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes the copy and its reason file when the disk has room and the quota allows (oldest copies make way). */
function copyWithinBounds(
  ctx: Pick<BackendContext, 'log'>,
  dir: string,
  storedName: string,
  keep: Uint8Array | null,
  text: string,
  at: string,
): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tooBig = keep !== null && keep.length > QUARANTINE_COPY_LIMIT;
    if (!noteDiskSpace(freeBytesAt(dir), at)) {
      ctx.log.warn('quarantine: disk nearly full, copy skipped', { storedName });
      return;
    }
    const size = (tooBig || keep === null ? 0 : keep.length) + Buffer.byteLength(text) + 200;
    if (!makeRoom(dir, size, ctx.log)) {
      ctx.log.warn('quarantine: copy larger than the quota, skipped', { storedName, size });
      return;
    }
    if (!tooBig && keep !== null) writeDurable(join(dir, storedName), keep);
    writeDurable(
      join(dir, `${storedName}.reason.txt`),
      text + (tooBig ? 'Isi berkas tidak disalin karena terlalu besar / content not copied (too large)\n' : ''),
    );
  } catch (err) {
    ctx.log.error('quarantine copy failed', err);
  }
}

export interface QuarantineOptions {
  channel?: string;
  /** English reason for the log and the reason file (the Indonesian one is `reason`). */
  english?: string;
  actor?: string;
  /** A cut-short upload: keep only a prefix of it. */
  truncated?: boolean;
}

/**
 * Copies rejected bytes to quarantine with the reason beside them and records it (in the caller's transaction if
 * one is open, else in its own). Never throws for an I/O problem of the copy: the log row still records the reason.
 */
export function quarantine(
  ctx: Pick<BackendContext, 'db' | 'dataDir' | 'clock' | 'log'>,
  bytes: Uint8Array,
  name: string,
  reason: string,
  opts: QuarantineOptions = {},
): QuarantineRow {
  const now = ctx.clock();
  const at = now.toISOString();
  const stamp = at.replace(/[-:]/g, '').replace(/\.(\d+)Z$/, '$1Z');
  const dir = quarantineDir(ctx.dataDir);
  const sha256 = sha256Hex(bytes);
  // Copies made by this process come first: their log rows may still sit in a batch not yet committed.
  const recent = recentCopies.get(`${dir}\0${sha256}`);
  const earlier =
    [...(recent ? [recent] : []), ...quarantinedNamesOf(ctx.db, sha256)].find((n) => existsSync(join(dir, n))) ?? null;
  const held = earlier !== null;
  let storedName = `${stamp}-${safeName(name)}`;
  for (let i = 2; existsSync(join(dir, storedName)) || existsSync(join(dir, `${storedName}.reason.txt`)); i += 1) {
    storedName = `${stamp}-${i}-${safeName(name)}`;
  }
  const keep = opts.truncated ? bytes.subarray(0, quarantineQuota().truncatedPrefixBytes) : bytes;
  const text =
    `Berkas / file: ${name}\n` +
    `Waktu / time: ${at}\n` +
    `Saluran / channel: ${opts.channel ?? 'file'}\n` +
    `Ukuran / size: ${bytes.length} byte\n` +
    `SHA-256: ${sha256}\n` +
    `Alasan ditolak: ${reason}\n` +
    `Reason (English): ${opts.english ?? reason}\n` +
    (keep.length < bytes.length
      ? `Disimpan ${keep.length} byte pertama saja / first ${keep.length} bytes kept\n`
      : '') +
    (held ? `Isi sama dengan / same content as: ${earlier}\n` : '');
  // Bytes already held are not copied again: the reason file names the earlier copy.
  copyWithinBounds(ctx, dir, storedName, held ? null : keep, text, at);
  if (!held) {
    recentCopies.set(`${dir}\0${sha256}`, storedName);
    if (recentCopies.size > 256) recentCopies.delete(recentCopies.keys().next().value!);
  }
  const row = {
    at,
    name,
    storedName,
    channel: opts.channel ?? 'file',
    size: bytes.length,
    sha256,
    reason,
  };
  // Its own command, or a savepoint of the import's command that rejected the input.
  const stored = runWrite(ctx, (unit) => insertQuarantineLog(unit.db, row, opts.actor ?? 'sistem'));
  ctx.log.warn('input quarantined', { name, storedName, reason: opts.english ?? reason });
  return stored;
}
