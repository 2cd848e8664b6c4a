// Reads for the integrity check (services/integrity): SQLite's own page check, the connection's data_version (it
// changes when another connection — the sqlite3 tool, another process — commits), and the signed sources of the
// stored C.Hasil records.
import type { Db } from '../context';
import { stmt } from './statements';

/** Changes whenever another connection commits to the file (this connection's own commits leave it as is). */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/**
 * `PRAGMA quick_check`: the damage SQLite finds in the file's pages (empty when none), at most `max` lines. A file
 * too damaged to be read at all gives the error's own text.
 */
export function quickCheck(db: Db, max = 10): string[] {
  try {
    const rows = db.pragma(`quick_check(${Math.max(1, Math.floor(max))})`) as { quick_check: string }[];
    const lines = rows.map((r) => r.quick_check);
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  }
}

export interface SubmissionSource {
  id: number;
  tps: string;
  pemilihan: string;
  sha256: string;
  envelopeJson: string;
  countsJson: string;
  deviceKeyId: string;
}

/** Every stored C.Hasil record with its envelope text as received, in id order. */
export function* submissionSources(db: Db): Generator<SubmissionSource> {
  const it = stmt(
    db,
    'SELECT id, tps, pemilihan, sha256, envelope_json, counts_json, device_key_id FROM submission ORDER BY id',
  )
    .raw(true)
    .iterate() as IterableIterator<[number, string, string, string, string, string, string]>;
  for (const [id, tps, pemilihan, sha256, envelopeJson, countsJson, deviceKeyId] of it) {
    yield { id, tps, pemilihan, sha256, envelopeJson, countsJson, deviceKeyId };
  }
}

/**
 * Whether the table (and, if named, its column) exists: a database at an earlier schema (opened by the upgrade
 * tests with the migrations of its time) has no kirim tables and no perangkat.source yet.
 */
export function hasColumn(db: Db, table: string, column?: string): boolean {
  const cols = stmt(db, 'SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[];
  return column === undefined ? cols.length > 0 : cols.some((c) => c.name === column);
}

/** Refuses every further write on this connection (a file found damaged while running: storage-state.ts). */
export function stopWrites(db: Db): void {
  db.pragma('query_only = ON');
}
