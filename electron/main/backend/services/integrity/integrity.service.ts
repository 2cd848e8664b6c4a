// Numbers read are numbers signed (docs/storage.md, "Integrity"): the state every screen, the recap and the documents
// are checked against. One full check — the audit chain and every audited row's hash (repositories/audit-verify.ts),
// the heads witnessed by the receiver's receipts, and every stored C.Hasil record against its own signed envelope —
// runs at start and again whenever another connection has written to the file (PRAGMA data_version: the sqlite3
// tool, another process). The app's own writes go through the audited command unit and cannot change a checked row,
// so they do not trigger a new full check; `audit.verify` (and `force`) always re-checks.
import type { BackendContext, Db } from '../../context';
import { verifyAudit } from '../../repositories/audit.repo';
import { auditHead } from '../../repositories/audit.repo';
import { AUDITED_TABLES } from '../../db/migrations/index';
import { dataVersion, hasColumn } from '../../repositories/integrity.repo';
import { witnessedHeadProblems } from '../kirim/anchor';
import { checkSubmissionSources } from './signed-sources';
import { storageMessage } from '../../unexpected';

export interface IntegrityProblem {
  /** Bahasa Indonesia. */
  message: string;
  english: string;
}

export interface IntegrityCheck {
  ok: boolean;
  /** When the full check ran (ISO). */
  checkedAt: string;
  problems: IntegrityProblem[];
  /** Stored C.Hasil records whose numbers differ from their signed envelope (or whose envelope fails). */
  tamperedSubmissions: number[];
  /** Audit entries and rows checked. */
  entries: number;
  rows: number;
  /** The file could not be read to its end (a damaged page): the cause is damage, not an edit. */
  damaged?: true;
}

/** What the check reads. */
export type ClockedDb = Pick<BackendContext, 'db'>;

interface Cached {
  version: number;
  check: IntegrityCheck;
}

const cache = new WeakMap<Db, Cached>();

/** The full check, now. */
export function runIntegrityCheck(ctx: ClockedDb): IntegrityCheck {
  const audit = verifyAudit(ctx.db, { requiredTables: AUDITED_TABLES });
  const anchors = hasColumn(ctx.db, 'kirim_tanda_terima') ? witnessedHeadProblems(ctx.db) : [];
  const sources = checkSubmissionSources(ctx.db);
  const problems: IntegrityProblem[] = [
    ...sources.problems,
    ...audit.problems.map((p) => ({ message: p.message, english: p.english })),
    ...anchors,
  ];
  return {
    ok: problems.length === 0,
    // Wall time, not ctx.clock: the injected clock of tests and documents must not move for a background check.
    checkedAt: new Date().toISOString(),
    problems,
    tamperedSubmissions: sources.tampered,
    entries: audit.entries,
    rows: audit.rows,
  };
}

/** A file too damaged to be read to its end fails the check (it does not throw). */
function safeCheck(ctx: ClockedDb): IntegrityCheck {
  try {
    return runIntegrityCheck(ctx);
  } catch (err) {
    if (storageMessage(err) === null) throw err;
    const problem = {
      message: 'Berkas basis data rusak dan tidak dapat dibaca seluruhnya; angka yang tampil belum tentu lengkap.',
      english: `integrity check could not read the file: ${(err as Error).message}`,
    };
    const at = new Date().toISOString();
    return {
      ok: false,
      checkedAt: at,
      problems: [problem],
      tamperedSubmissions: [],
      entries: 0,
      rows: 0,
      damaged: true,
    };
  }
}

/** The last full check, re-run when another connection wrote to the file since (or when forced). */
export function integrityCheck(ctx: ClockedDb, opts: { force?: boolean } = {}): IntegrityCheck {
  const version = dataVersion(ctx.db);
  const hit = cache.get(ctx.db);
  if (hit && hit.version === version && opts.force !== true) return hit.check;
  const check = safeCheck(ctx);
  cache.set(ctx.db, { version, check });
  return check;
}

/** The audit head now (entries and newest hash): what documents, receipts and backups witness. */
export function currentAuditHead(db: Db): { jumlah: number; kepala: string } {
  const h = auditHead(db);
  return { jumlah: h.seq, kepala: h.hash };
}

/** The sentence shown beside every number while the check fails (null when it passes). */
export function integrityWarning(check: IntegrityCheck): string | null {
  if (check.ok) return null;
  if (check.damaged === true)
    return 'Berkas basis data rusak dan tidak dapat dibaca seluruhnya: angka yang tampil belum tentu lengkap; dokumen final tidak dapat diterbitkan. Pulihkan dari cadangan.';
  const n = check.problems.length;
  return `Pemeriksaan keutuhan data gagal (${n} temuan): data diubah di luar aplikasi. Angka yang tampil belum tentu angka yang ditandatangani; dokumen final tidak dapat diterbitkan. Rincian di menu Audit.`;
}
