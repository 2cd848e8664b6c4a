// Quarantine of rejected input: the bytes are copied to <dataDir>/quarantine/<timestamp>-<name>, the reason is
// written beside them in <same>.reason.txt (Bahasa Indonesia + English), and a quarantine_log row is recorded.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackendContext } from '../../context';
import { sha256Hex } from '../../crypto';
import { insertQuarantineLog, type QuarantineRow } from '../../repositories/quarantine.repo';
import { runWrite } from '../../db/command';

/** Files larger than this are not copied (the reason file says so); the import already refused them. */
export const QUARANTINE_COPY_LIMIT = 64 * 1024 * 1024;

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

export interface QuarantineOptions {
  channel?: string;
  /** English reason for the log and the reason file (the Indonesian one is `reason`). */
  english?: string;
  actor?: string;
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
  let storedName = `${stamp}-${safeName(name)}`;
  for (let i = 2; existsSync(join(dir, storedName)) || existsSync(join(dir, `${storedName}.reason.txt`)); i += 1) {
    storedName = `${stamp}-${i}-${safeName(name)}`;
  }
  const copied = bytes.length <= QUARANTINE_COPY_LIMIT;
  const text =
    `Berkas / file: ${name}\n` +
    `Waktu / time: ${at}\n` +
    `Saluran / channel: ${opts.channel ?? 'file'}\n` +
    `Ukuran / size: ${bytes.length} byte\n` +
    `SHA-256: ${sha256Hex(bytes)}\n` +
    `Alasan ditolak: ${reason}\n` +
    `Reason (English): ${opts.english ?? reason}\n` +
    (copied ? '' : `Isi berkas tidak disalin karena terlalu besar / content not copied (too large)\n`);
  try {
    mkdirSync(dir, { recursive: true });
    if (copied) writeDurable(join(dir, storedName), bytes);
    writeDurable(join(dir, `${storedName}.reason.txt`), text);
  } catch (err) {
    ctx.log.error('quarantine copy failed', err);
  }
  const row = {
    at,
    name,
    storedName,
    channel: opts.channel ?? 'file',
    size: bytes.length,
    sha256: sha256Hex(bytes),
    reason,
  };
  // Its own command, or a savepoint of the import's command that rejected the input.
  const stored = runWrite(ctx, (unit) => insertQuarantineLog(unit.db, row, opts.actor ?? 'sistem'));
  ctx.log.warn('input quarantined', { name, storedName, reason: opts.english ?? reason });
  return stored;
}
