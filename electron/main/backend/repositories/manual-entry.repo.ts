// Manual double entry (migration 0004, owned by the channels feature): each operator's entry (`manual_entry`) and
// the agreed result that went through the import service (`manual_result`). Insert (audited) and read only;
// inserts must run inside the caller's transaction.
import type { Db } from '../context';
import type { CHasilCounts, PemilihanId } from '../../../../shared/domain/model';
import { camelRow, insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

export interface ManualEntryRow {
  id: number;
  tps: string;
  pemilihan: PemilihanId;
  slot: 1 | 2;
  operator: string;
  counts: CHasilCounts;
  enteredAt: string;
}

export interface ManualResultRow {
  id: number;
  tps: string;
  pemilihan: PemilihanId;
  entry1Id: number;
  entry2Id: number;
  operator1: string;
  operator2: string;
  sha256: string;
  outcome: 'diterima' | 'duplikat' | 'konflik' | 'ditolak';
  reason: string | null;
  createdAt: string;
}

export function insertManualEntry(
  db: WritableDb,
  e: Omit<ManualEntryRow, 'id' | 'counts'> & { countsJson: string },
): number {
  return Number(
    insertAudited(
      db,
      'manual_entry',
      {
        tps: e.tps,
        pemilihan: e.pemilihan,
        slot: e.slot,
        operator: e.operator,
        counts_json: e.countsJson,
        entered_at: e.enteredAt,
      },
      { actor: e.operator, action: 'manual.entry', at: e.enteredAt },
    ),
  );
}

export function insertManualResult(db: WritableDb, r: Omit<ManualResultRow, 'id'>, actor: string): number {
  return Number(
    insertAudited(
      db,
      'manual_result',
      {
        tps: r.tps,
        pemilihan: r.pemilihan,
        entry1_id: r.entry1Id,
        entry2_id: r.entry2Id,
        operator1: r.operator1,
        operator2: r.operator2,
        sha256: r.sha256,
        outcome: r.outcome,
        reason: r.reason,
        created_at: r.createdAt,
      },
      { actor, action: 'manual.result', at: r.createdAt },
    ),
  );
}

function toEntry(row: Record<string, unknown>): ManualEntryRow {
  const r = camelRow<Omit<ManualEntryRow, 'counts'> & { countsJson: string }>(row);
  return {
    id: r.id,
    tps: r.tps,
    pemilihan: r.pemilihan,
    slot: r.slot,
    operator: r.operator,
    counts: JSON.parse(r.countsJson) as CHasilCounts,
    enteredAt: r.enteredAt,
  };
}

/** The latest agreed result for a TPS + pemilihan, if any. */
export function latestManualResult(db: Db, tps: string, pemilihan: string): ManualResultRow | undefined {
  const row = stmt(db, 'SELECT * FROM manual_result WHERE tps = ? AND pemilihan = ? ORDER BY id DESC LIMIT 1').get(
    tps,
    pemilihan,
  ) as Record<string, unknown> | undefined;
  return row ? camelRow<ManualResultRow>(row) : undefined;
}

/** The latest entry of a slot made after entry id `afterId` (0 = ever). */
export function latestManualEntry(
  db: Db,
  tps: string,
  pemilihan: string,
  slot: 1 | 2,
  afterId: number,
): ManualEntryRow | undefined {
  const row = stmt(
    db,
    'SELECT * FROM manual_entry WHERE tps = ? AND pemilihan = ? AND slot = ? AND id > ? ORDER BY id DESC LIMIT 1',
  ).get(tps, pemilihan, slot, afterId) as Record<string, unknown> | undefined;
  return row ? toEntry(row) : undefined;
}

export function getManualEntry(db: Db, id: number): ManualEntryRow | undefined {
  const row = stmt(db, 'SELECT * FROM manual_entry WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return row ? toEntry(row) : undefined;
}
