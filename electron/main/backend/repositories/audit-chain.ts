// The audit chain's hashing primitives (docs/design.md §1), shared by appending (audit.repo.ts) and verifying
// (audit-verify.ts). Formulas in audit.repo.ts's header.
import type { Db } from '../context';
import { canonicalize } from '../../../../shared/formats/canonical';
import { sha256HexOfText } from '../crypto';
import { stmt } from './statements';
import type { AuditEntryView } from '../../../../shared/contracts/audit.contract';

export const GENESIS_HASH = '0'.repeat(64);

/** An audit row as stored. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entity_id: string | null;
  row_hash: string | null;
  prev_hash: string;
  hash: string;
}

export const NAME = /^[a-z_][a-z0-9_]*$/;

/** SHA-256 of JCS(row). */
export function rowHash(row: Record<string, unknown>): string {
  return sha256HexOfText(canonicalize(row));
}

/** The chain hash of an entry given the previous hash. */
export function entryHash(prevHash: string, e: Omit<AuditEntryView, 'prevHash' | 'hash'>): string {
  const canonical = canonicalize({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    rowHash: e.rowHash,
  });
  return sha256HexOfText(prevHash + canonical);
}

/** An entry as the contract shows it (and as `entryHash` reads it). */
export function entryOfRow(r: AuditRow): AuditEntryView {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    rowHash: r.row_hash,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Audited tables and their primary-key column, from `audit_table`. */
export function auditedTables(db: Db): Map<string, string> {
  const rows = stmt(db, 'SELECT name, pk FROM audit_table ORDER BY name').all() as { name: string; pk: string }[];
  const out = new Map<string, string>();
  for (const r of rows) {
    if (NAME.test(r.name) && NAME.test(r.pk)) out.set(r.name, r.pk);
  }
  return out;
}
