// quarantine_log: one row per rejected input copied to <dataDir>/quarantine/.
import type { Db } from '../context';
import { camelRow, insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

export interface QuarantineRow {
  id: number;
  at: string;
  /** The original file name (or LAN/QR source label). */
  name: string;
  /** File name under <dataDir>/quarantine/ (the reason is in `<storedName>.reason.txt`). */
  storedName: string;
  channel: string;
  size: number;
  sha256: string;
  /** Bahasa Indonesia. */
  reason: string;
}

/** Run inside a transaction. */
export function insertQuarantineLog(db: WritableDb, q: Omit<QuarantineRow, 'id'>, actor: string): QuarantineRow {
  const id = Number(
    insertAudited(
      db,
      'quarantine_log',
      {
        at: q.at,
        name: q.name,
        stored_name: q.storedName,
        channel: q.channel,
        size: q.size,
        sha256: q.sha256,
        reason: q.reason,
      },
      { actor, action: 'quarantine.add', at: q.at },
    ),
  );
  return { id, ...q };
}

export function listQuarantine(db: Db, limit = 200): QuarantineRow[] {
  return (
    stmt(db, 'SELECT * FROM quarantine_log ORDER BY id DESC LIMIT ?').all(limit) as Record<string, unknown>[]
  ).map((r) => camelRow<QuarantineRow>(r));
}

export function countQuarantine(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM quarantine_log').get() as { n: number }).n;
}

/** Stored names of the newest quarantine rows for these bytes (duplicates name the copy they share). */
export function quarantinedNamesOf(db: Db, sha256: string, limit = 20): string[] {
  return (
    stmt(db, 'SELECT stored_name FROM quarantine_log WHERE sha256 = ? ORDER BY id DESC LIMIT ?').all(sha256, limit) as {
      stored_name: string;
    }[]
  ).map((r) => r.stored_name);
}
