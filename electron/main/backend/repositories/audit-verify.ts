// Verification of the audit chain (formulas in audit.repo.ts's header): recomputes every entry's hash and every
// audited row's hash; checks each audited row has exactly one entry and each entry's row exists; checks the
// append-only triggers are still there. What the file alone cannot show (the newest rows deleted together with their
// entries) needs a witness of an earlier head: services/integrity/witness.ts.
import type { Db } from '../context';
import { stmt } from './statements';
import type { AuditProblemView, AuditVerifyView } from '../../../../shared/contracts/audit.contract';
import { auditedTables, entryHash, entryOfRow, GENESIS_HASH, rowHash, type AuditRow } from './audit-chain';

export type AuditProblemKind = AuditProblemView['kind'];

/** A problem as the contract shows it, plus the English text for logs and the CLI. */
export interface AuditProblem extends AuditProblemView {
  english: string;
}

export interface AuditReport extends Omit<AuditVerifyView, 'problems'> {
  problems: AuditProblem[];
}

function problem(
  kind: AuditProblemKind,
  seq: number | null,
  entity: string | null,
  entityId: string | null,
  message: string,
  english: string,
): AuditProblem {
  return { kind, seq, entity, entityId, message, english };
}

type Expected = Map<string, Map<string, { seq: number; rowHash: string }>>;

/** Problems ordered by entry seq (the earliest bad entry first), rows without an entry, then registry/triggers. */
interface Found {
  bySeq: AuditProblem[];
  inserted: AuditProblem[];
  other: AuditProblem[];
}

function registryProblems(tables: Map<string, string>, required: readonly string[], found: Found): void {
  for (const t of required) {
    if (tables.has(t)) continue;
    found.other.push(
      problem(
        'registry',
        null,
        t,
        null,
        `tabel ${t} hilang dari daftar tabel yang diaudit (audit_table diubah di luar aplikasi)`,
        `table ${t} missing from audit_table (edited outside the app)`,
      ),
    );
  }
}

/** The entry's own problems: its sequence number, its link to the previous entry, its hash. */
function entryProblems(r: AuditRow, lastSeq: number, prev: string): AuditProblem[] {
  const out: AuditProblem[] = [];
  const name = `entri audit #${r.seq}`;
  const target = r.entity !== null ? ` (${r.entity} ${r.entity_id})` : '';
  const chain = (message: string, english: string) =>
    out.push(problem('chain', r.seq, r.entity, r.entity_id, message, english));
  if (r.seq !== lastSeq + 1) {
    chain(
      `${name}: nomor urut melompat dari #${lastSeq} (entri dihapus di luar aplikasi)`,
      `audit entry #${r.seq}: sequence jumps from #${lastSeq} (entries deleted outside the app)`,
    );
  }
  if (r.prev_hash !== prev) {
    chain(
      `${name}${target}: prev_hash tidak cocok dengan entri sebelumnya (rantai audit diubah di luar aplikasi)`,
      `audit entry #${r.seq}${target}: prev_hash does not match the previous entry (chain edited outside the app)`,
    );
  }
  const recomputed = entryHash(r.prev_hash, entryOfRow(r));
  if (recomputed !== r.hash) {
    chain(
      `${name}${target}: hash entri tidak cocok (entri audit diubah di luar aplikasi)`,
      `audit entry #${r.seq}${target}: entry hash mismatch (audit entry edited outside the app)`,
    );
  }
  return out;
}

/** Records the row an entry names in `expected`, or the reason it cannot (unknown table, second entry). */
function expectRow(r: AuditRow, tables: Map<string, string>, expected: Expected): AuditProblem | null {
  if (r.entity === null || r.entity_id === null || r.row_hash === null) return null;
  const name = `entri audit #${r.seq}`;
  if (!tables.has(r.entity)) {
    return problem(
      'unknown-entity',
      r.seq,
      r.entity,
      r.entity_id,
      `${name}: tabel ${r.entity} tidak dikenal sebagai tabel yang diaudit`,
      `audit entry #${r.seq}: table ${r.entity} is not an audited table`,
    );
  }
  let m = expected.get(r.entity);
  if (!m) expected.set(r.entity, (m = new Map()));
  const dup = m.get(r.entity_id);
  if (dup) {
    const target = ` (${r.entity} ${r.entity_id})`;
    return problem(
      'duplicate',
      r.seq,
      r.entity,
      r.entity_id,
      `${name}${target}: baris ini sudah dicatat oleh entri #${dup.seq} (entri disisipkan di luar aplikasi)`,
      `audit entry #${r.seq}${target}: row already recorded by entry #${dup.seq} (entry inserted outside the app)`,
    );
  }
  m.set(r.entity_id, { seq: r.seq, rowHash: r.row_hash });
  return null;
}

/** 1. The chain, and the expected hash of every audited row. */
function chainPass(db: Db, tables: Map<string, string>, expected: Expected, found: Found) {
  let prev = GENESIS_HASH;
  let count = 0;
  let lastSeq = 0;
  for (const r of stmt(db, 'SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    count += 1;
    found.bySeq.push(...entryProblems(r, lastSeq, prev));
    prev = r.hash;
    lastSeq = r.seq;
    const p = expectRow(r, tables, expected);
    if (p) found.bySeq.push(p);
  }
  return { count, head: prev };
}

/** 2. Every row of one audited table against its entry; returns the number of rows read. */
function tablePass(db: Db, table: string, pk: string, expected: Expected, found: Found): number {
  const m = expected.get(table) ?? new Map<string, { seq: number; rowHash: string }>();
  const seen = new Set<string>();
  let it: IterableIterator<Record<string, unknown>>;
  try {
    it = stmt(db, `SELECT * FROM ${table}`).iterate() as IterableIterator<Record<string, unknown>>;
  } catch {
    found.other.push(
      problem(
        'registry',
        null,
        table,
        null,
        `tabel ${table} yang diaudit tidak ada (dihapus di luar aplikasi)`,
        `audited table ${table} does not exist (dropped outside the app)`,
      ),
    );
    return 0;
  }
  let rows = 0;
  for (const row of it) {
    rows += 1;
    const id = String(row[pk]);
    seen.add(id);
    const e = m.get(id);
    if (!e) {
      found.inserted.push(
        problem(
          'inserted',
          null,
          table,
          id,
          `baris ${table} ${id} tidak punya entri audit (disisipkan di luar aplikasi)`,
          `row ${table} ${id} has no audit entry (inserted outside the app)`,
        ),
      );
    } else if (rowHash(row) !== e.rowHash) {
      found.bySeq.push(
        problem(
          'changed',
          e.seq,
          table,
          id,
          `entri audit #${e.seq} (${table} ${id}): isi baris tidak cocok dengan hash yang dicatat (baris diubah di luar aplikasi)`,
          `audit entry #${e.seq} (${table} ${id}): row content does not match the recorded hash (row changed outside the app)`,
        ),
      );
    }
  }
  for (const [id, e] of m) {
    if (seen.has(id)) continue;
    found.bySeq.push(
      problem(
        'deleted',
        e.seq,
        table,
        id,
        `entri audit #${e.seq} (${table} ${id}): baris tidak ada lagi (dihapus di luar aplikasi)`,
        `audit entry #${e.seq} (${table} ${id}): row is missing (deleted outside the app)`,
      ),
    );
  }
  return rows;
}

/** 3. The append-only triggers (protection against the app's own bugs; dropping one is itself suspicious). */
function triggerProblems(db: Db, tables: Map<string, string>, found: Found): void {
  const triggers = new Set(
    (stmt(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]).map((t) => t.name),
  );
  for (const table of [...tables.keys(), 'audit']) {
    for (const kind of ['no_update', 'no_delete']) {
      const name = `${table}_${kind}`;
      if (triggers.has(name)) continue;
      found.other.push(
        problem(
          'trigger',
          null,
          table,
          null,
          `pemicu ${name} yang menjaga tabel ${table} tetap append-only telah dihapus di luar aplikasi`,
          `trigger ${name} keeping ${table} append-only was dropped outside the app`,
        ),
      );
    }
  }
}

/**
 * Recomputes the chain and every audited row's hash; checks each audited row has exactly one entry and each
 * entry's row exists. Problems are ordered: by entry seq first (the earliest bad entry is problems[0]), then rows
 * without an entry, then registry/trigger problems.
 */
export function verifyAudit(db: Db, opts: { requiredTables?: readonly string[] } = {}): AuditReport {
  const found: Found = { bySeq: [], inserted: [], other: [] };
  const tables = auditedTables(db);
  registryProblems(tables, opts.requiredTables ?? [], found);
  const expected: Expected = new Map();
  const { count, head } = chainPass(db, tables, expected, found);
  let rows = 0;
  for (const [table, pk] of tables) rows += tablePass(db, table, pk, expected, found);
  triggerProblems(db, tables, found);
  found.bySeq.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const problems = [...found.bySeq, ...found.inserted, ...found.other];
  return { ok: problems.length === 0, entries: count, rows, head, problems };
}
