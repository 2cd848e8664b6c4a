// Received C.Hasil records (submission) and the photos they reference (submission_photo). Kept as received;
// never updated. Exports: insertSubmission, findSubmission, getSubmission, listSubmissions, submissionPhotos,
// countSubmissions.
import type { Db } from '../context';
import type { CHasilCounts, FotoRef, PemilihanId } from '../../../../shared/domain/model';
import { insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';
import { rowCache } from '../db/row-cache';

export type Channel = 'file' | 'qr' | 'lan' | 'manual';

export interface NewSubmission {
  tps: string;
  pemilihan: PemilihanId;
  /** SHA-256 of JCS(payload). */
  sha256: string;
  /** The envelope text as received (file/LAN/bundle entry), or its canonical JSON (QR). */
  envelopeJson: string;
  counts: CHasilCounts;
  /** JCS of `counts` (computed by the service with the formats' canonicalize). */
  countsJson: string;
  deviceKeyId: string;
  dibuat: string;
  channel: Channel;
  sourceName: string;
  outcome: 'diterima' | 'konflik';
  receivedAt: string;
  foto: FotoRef[];
}

/** A stored submission without the envelope text (what status, recap and lists need). `counts` is frozen. */
export interface SubmissionSummary extends Omit<NewSubmission, 'envelopeJson' | 'countsJson' | 'foto'> {
  id: number;
}

export interface Submission extends SubmissionSummary {
  envelopeJson: string;
}

interface Row {
  id: number;
  tps: string;
  pemilihan: PemilihanId;
  sha256: string;
  envelope_json?: string;
  counts_json?: string;
  device_key_id: string;
  dibuat: string;
  channel: Channel;
  source_name: string;
  outcome: 'diterima' | 'konflik';
  received_at: string;
}

// Submissions are never updated, so their parsed counts can be cached for the connection (the recap of 600 TPS
// otherwise spends most of its time re-parsing counts_json); dropped on a rollback (db/row-cache.ts). Cached objects
// are frozen: shared.
const COUNTS = 'submission.counts';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** The counts of a stored submission (parsed once, frozen). */
export function submissionCounts(db: Db, id: number, countsJson?: string): CHasilCounts {
  const m = rowCache<CHasilCounts>(db, COUNTS);
  let c = m.get(id);
  if (!c) {
    const json =
      countsJson ??
      (stmt(db, 'SELECT counts_json FROM submission WHERE id = ?').get(id) as { counts_json: string }).counts_json;
    c = deepFreeze(JSON.parse(json) as CHasilCounts);
    m.set(id, c);
  }
  return c;
}

function toSummary(db: Db, r: Row): SubmissionSummary {
  return {
    id: r.id,
    tps: r.tps,
    pemilihan: r.pemilihan,
    sha256: r.sha256,
    counts: submissionCounts(db, r.id, r.counts_json),
    deviceKeyId: r.device_key_id,
    dibuat: r.dibuat,
    channel: r.channel,
    sourceName: r.source_name,
    outcome: r.outcome,
    receivedAt: r.received_at,
  };
}

/** Inserts the record and its photo references, each audited. Run inside a transaction. */
export function insertSubmission(db: WritableDb, s: NewSubmission, actor: string): number {
  const id = Number(
    insertAudited(
      db,
      'submission',
      {
        tps: s.tps,
        pemilihan: s.pemilihan,
        sha256: s.sha256,
        envelope_json: s.envelopeJson,
        counts_json: s.countsJson,
        device_key_id: s.deviceKeyId,
        dibuat: s.dibuat,
        channel: s.channel,
        source_name: s.sourceName,
        outcome: s.outcome,
        received_at: s.receivedAt,
      },
      { actor, action: s.outcome === 'konflik' ? 'submission.konflik' : 'submission.diterima', at: s.receivedAt },
    ),
  );
  const seen = new Set<string>();
  for (const f of s.foto) {
    const key = `${f.lembar}:${f.sha256}`;
    if (seen.has(key)) continue;
    seen.add(key);
    insertAudited(
      db,
      'submission_photo',
      { submission_id: id, lembar: f.lembar, sha256: f.sha256 },
      { actor, action: 'submission.foto', at: s.receivedAt },
    );
  }
  return id;
}

/** The stored submission with exactly this content for the TPS+pemilihan, if any. */
export function findSubmission(db: Db, tps: string, pemilihan: string, sha256: string): { id: number } | undefined {
  return stmt(db, 'SELECT id FROM submission WHERE tps = ? AND pemilihan = ? AND sha256 = ?').get(
    tps,
    pemilihan,
    sha256,
  ) as { id: number } | undefined;
}

/** Whether any submission exists for the TPS+pemilihan. */
export function hasSubmissionFor(db: Db, tps: string, pemilihan: string): boolean {
  return stmt(db, 'SELECT 1 FROM submission WHERE tps = ? AND pemilihan = ? LIMIT 1').get(tps, pemilihan) !== undefined;
}

export function getSubmission(db: Db, id: number): Submission | undefined {
  const r = stmt(db, 'SELECT * FROM submission WHERE id = ?').get(id) as Row | undefined;
  return r ? { ...toSummary(db, r), envelopeJson: r.envelope_json! } : undefined;
}

const SUMMARY_COLS = 'id, tps, pemilihan, sha256, device_key_id, dibuat, channel, source_name, outcome, received_at';

/** Submissions in arrival (id) order, without the envelope text. */
export function listSubmissions(
  db: Db,
  f: { pemilihan?: PemilihanId; tps?: string; desa?: string } = {},
): SubmissionSummary[] {
  const w: string[] = [];
  const args: string[] = [];
  if (f.pemilihan !== undefined) {
    w.push('pemilihan = ?');
    args.push(f.pemilihan);
  }
  if (f.tps !== undefined) {
    w.push('tps = ?');
    args.push(f.tps);
  }
  if (f.desa !== undefined) {
    // TPS codes are the desa code + 3 digits: a range on the (pemilihan, tps) index.
    w.push('tps BETWEEN ? AND ?');
    args.push(`${f.desa}000`, `${f.desa}999`);
  }
  const where = w.length ? 'WHERE ' + w.join(' AND ') : '';
  // A row is never updated, so its summary is built once per connection and shared (frozen); a read lists the ids
  // only (one integer per row, raw mode: the 1,200 rows of a 600-TPS kecamatan re-read on every change). These SQL
  // texts are only prepared here, so raw mode on the cached statement affects no other reader.
  const ids = stmt(db, `SELECT id FROM submission ${where} ORDER BY id`)
    .raw(true)
    .all(...args) as [number][];
  const cache = rowCache<SubmissionSummary>(db, SUMMARIES);
  if (ids.some(([id]) => !cache.has(id))) {
    // Not read yet (the first read of a connection, or new records): one query for all of them, not one per record.
    const rows = stmt(db, `SELECT ${SUMMARY_COLS}, counts_json FROM submission ${where}`)
      .raw(true)
      .all(...args) as [...SummaryTuple, string][];
    for (const r of rows) if (!cache.has(r[0])) cache.set(r[0], summaryOf(db, r));
  }
  return ids.map(([id]) => cache.get(id)!);
}

const SUMMARIES = 'submission.summary';

function summaryOf(db: Db, r: [...SummaryTuple, string]): SubmissionSummary {
  const [id, tps, pemilihan, sha256, deviceKeyId, dibuat, channel, sourceName, outcome, receivedAt, countsJson] = r;
  return Object.freeze({
    id,
    tps,
    pemilihan,
    sha256,
    counts: submissionCounts(db, id, countsJson),
    deviceKeyId,
    dibuat,
    channel,
    sourceName,
    outcome,
    receivedAt,
  });
}

/** A row of SUMMARY_COLS, in that order. */
type SummaryTuple = [
  id: number,
  tps: string,
  pemilihan: PemilihanId,
  sha256: string,
  deviceKeyId: string,
  dibuat: string,
  channel: Channel,
  sourceName: string,
  outcome: 'diterima' | 'konflik',
  receivedAt: string,
];

export interface SubmissionPhoto {
  lembar: number;
  sha256: string;
  /** The photo bytes are in the store (they may arrive after the record). */
  present: boolean;
  ext: 'jpg' | 'png' | null;
}

export function submissionPhotos(db: Db, submissionId: number): SubmissionPhoto[] {
  const rows = stmt(
    db,
    `SELECT sp.lembar, sp.sha256, p.ext FROM submission_photo sp LEFT JOIN photo p ON p.sha256 = sp.sha256
     WHERE sp.submission_id = ? ORDER BY sp.lembar, sp.id`,
  ).all(submissionId) as { lembar: number; sha256: string; ext: 'jpg' | 'png' | null }[];
  return rows.map((r) => ({ lembar: r.lembar, sha256: r.sha256, present: r.ext !== null, ext: r.ext }));
}

/**
 * Every photo reference whose photo is also referenced by a record of another TPS (rule R16), with the record holding
 * it; one query, normally returning nothing.
 */
export function listSharedPhotos(
  db: Db,
): { submissionId: number; tps: string; pemilihan: PemilihanId; lembar: number; sha256: string }[] {
  return stmt(
    db,
    `SELECT sp.submission_id AS submissionId, s.tps, s.pemilihan, sp.lembar, sp.sha256
     FROM submission_photo sp JOIN submission s ON s.id = sp.submission_id
     WHERE sp.sha256 IN (SELECT p.sha256 FROM submission_photo p JOIN submission t ON t.id = p.submission_id
                         GROUP BY p.sha256 HAVING COUNT(DISTINCT t.tps) > 1)
     ORDER BY sp.id`,
  ).all() as { submissionId: number; tps: string; pemilihan: PemilihanId; lembar: number; sha256: string }[];
}

/** A record that references the photo `sha256` (its TPS and pemilihan), or undefined. */
export function recordReferencingPhoto(db: Db, sha256: string): { tps: string; pemilihan: PemilihanId } | undefined {
  return stmt(
    db,
    'SELECT s.tps, s.pemilihan FROM submission_photo sp JOIN submission s ON s.id = sp.submission_id WHERE sp.sha256 = ? LIMIT 1',
  ).get(sha256) as { tps: string; pemilihan: PemilihanId } | undefined;
}

export function missingPhotoHashes(db: Db): string[] {
  return (
    stmt(
      db,
      'SELECT DISTINCT sp.sha256 FROM submission_photo sp LEFT JOIN photo p ON p.sha256 = sp.sha256 WHERE p.sha256 IS NULL',
    ).all() as {
      sha256: string;
    }[]
  ).map((r) => r.sha256);
}

export function countSubmissions(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM submission').get() as { n: number }).n;
}

/** A stored record with this payload hash (its TPS and numbers), for `pleno verify --db`'s trace check. */
export function recordBySha256(db: Db, sha256: string): { tps: string; counts: CHasilCounts } | undefined {
  const r = stmt(db, 'SELECT id, tps, counts_json FROM submission WHERE sha256 = ? ORDER BY id LIMIT 1').get(sha256) as
    { id: number; tps: string; counts_json: string } | undefined;
  return r ? { tps: r.tps, counts: submissionCounts(db, r.id, r.counts_json) } : undefined;
}
