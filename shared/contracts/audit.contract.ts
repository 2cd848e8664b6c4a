// Contract methods of the audit feature: the hash-chained audit log (list, newest first) and its verification.
// Implemented by electron/main/backend/handlers/audit.handlers.ts over repositories/audit.repo.ts.
import { z } from 'zod';
import { method, type MethodDef } from './method';

export interface AuditEntryView {
  seq: number;
  /** ISO time. */
  at: string;
  actor: string;
  /** e.g. `submission.diterima`, `correction.approve`, `lock.lock`. */
  action: string;
  /** Table of the recorded row, or null. */
  entity: string | null;
  entityId: string | null;
  rowHash: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditListView {
  entries: AuditEntryView[];
  /** Total entries in the log. */
  total: number;
  /** Pass as `before` for the next (older) page; null at the start of the log. */
  nextBefore: number | null;
}

export interface AuditProblemView {
  kind:
    | 'chain' // an entry's seq, prev_hash or hash is wrong: the audit table itself was edited
    | 'changed' // an audited row no longer matches its entry's rowHash
    | 'deleted' // an entry's row is gone
    | 'inserted' // a row without an audit entry (inserted outside the app)
    | 'duplicate' // two entries for one row
    | 'unknown-entity' // an entry names a table that is not audited
    | 'registry' // an audited table of some migration is missing from audit_table
    | 'trigger'; // an append-only trigger was dropped
  seq: number | null;
  entity: string | null;
  entityId: string | null;
  /** Bahasa Indonesia, names the entry or row. */
  message: string;
}

export interface AuditVerifyView {
  ok: boolean;
  entries: number;
  rows: number;
  /** Hash of the last entry. */
  head: string;
  /** Ordered: the earliest bad entry first. */
  problems: AuditProblemView[];
}

/** An entry as a sentence for a PPK, with its place (Log Audit). */
export interface ReadableAuditEntry {
  seq: number;
  at: string;
  actor: string;
  /** First part of the action: submission, correction, lock, ... */
  kind: string;
  sentence: string;
  desa: { kode: string; nama: string } | null;
  tps: string | null;
  tpsNomor: number | null;
  /** Technical detail (shown in the entry's detail view). */
  action: string;
  hash: string;
}

export interface ReadableAuditPage {
  entries: ReadableAuditEntry[];
  /** Pass as `before` for the next (older) page; null when the log is exhausted. */
  nextBefore: number | null;
}

const readableInput = z
  .object({
    limit: z.number().int().min(1).max(500),
    before: z.number().int().min(1).optional(),
    kind: z.string().min(1).max(40).optional(),
    desa: z
      .string()
      .regex(/^\d{10}$/)
      .optional(),
    tps: z
      .string()
      .regex(/^\d{13}$/)
      .optional(),
    actor: z.string().min(1).max(100).optional(),
  })
  .strict();

const listInput = z
  .object({
    limit: z.number().int().min(1).max(1000),
    before: z.number().int().min(1).optional(),
    /** Exact action, or a prefix ending in '.' (e.g. `correction.`). */
    action: z.string().min(1).max(100).optional(),
    entity: z.string().min(1).max(100).optional(),
  })
  .strict();
const noInput = z.object({}).strict();

export const auditMethods = {
  'audit.list': method<typeof listInput, AuditListView>(listInput),
  'audit.verify': method<typeof noInput, AuditVerifyView>(noInput),
  'audit.readable': method<typeof readableInput, ReadableAuditPage>(readableInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
