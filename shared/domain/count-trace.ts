// The trace of a TPS's counted number (docs/read-model.md): the C.Hasil record the count starts from and the approved
// corrections applied to it, in order. It is what a `pleno.document/2` lampiran entry carries as `sumber`
// (docs/design.md §3.7): `toSumber` gives exactly that object; `applyTrace` replays it.
//
//   traceOf(input): CountTrace | null      from a TPS's rows and where its counted version comes from
//   toSumber(trace): Sumber | null          the document's `sumber` object (keys in the contract's order)
//   applyTrace(counts, changes): counts     the record's numbers with the changes applied, in order
import { basisCode, diffCounts, type CorrectionBasis } from './correction';
import { setCount } from './labels';
import type { CHasilCounts } from './model';

/** One field changed by an approved correction. */
export interface TraceChange {
  correctionId: number;
  /** Count path as in labels.ts countPaths, e.g. `suara.paslon.0`, `pengguna.dpt.l`. */
  path: string;
  from: number;
  to: number;
  basis: CorrectionBasis;
  /** What the basis is when `basis` is 'lainnya' (required there by the domain), else null. */
  basisNote: string | null;
  reason: string;
  /** Who approved and when (RFC 3339, as recorded); null only for a link without an approval (not written by Pleno). */
  approval: { by: string; at: string } | null;
}

export interface CountTrace {
  /** The submission the count starts from and the SHA-256 of JCS(payload) of its C.Hasil record. */
  record: { submissionId: number; sha256: string };
  /** Field changes in the order applied: oldest correction first, within one correction in form order. */
  changes: TraceChange[];
}

/** What traceOf reads of a TPS (a subset of the stored rows). */
export interface TraceInput {
  submissions: readonly { id: number; sha256: string; counts: CHasilCounts }[];
  corrections: readonly {
    id: number;
    baseSubmissionId: number | null;
    baseCorrectionId: number | null;
    counts: CHasilCounts;
    reason: string;
    basis: string;
  }[];
  decisions: ReadonlyMap<number, { decision: 'approved' | 'rejected'; decidedBy: string; decidedAt: string }>;
  /** Where the counted version comes from (null: nothing counted). */
  counted: { kind: 'submission'; submissionId: number } | { kind: 'correction'; correctionId: number } | null;
}

function submissionById<S extends { id: number }>(list: readonly S[], id: number): S | undefined {
  for (const s of list) if (s.id === id) return s;
  return undefined;
}

/**
 * The trace of the counted version: for a submission, its hash and no change; for a correction, the chain of
 * base_correction_id links down to the submission it started from, each link as the fields it changed relative to
 * its base. Null when nothing is counted, or when the chain is broken (a missing base or a cycle: not data Pleno
 * writes, since a correction is only proposed and approved on the version that counts).
 */
export function traceOf(input: TraceInput): CountTrace | null {
  const c = input.counted;
  if (c === null) return null;
  if (c.kind === 'submission') {
    const s = submissionById(input.submissions, c.submissionId);
    return s ? { record: { submissionId: s.id, sha256: s.sha256 }, changes: [] } : null;
  }
  const byId = new Map(input.corrections.map((x) => [x.id, x]));
  const chain: (typeof input.corrections)[number][] = [];
  let link = byId.get(c.correctionId);
  while (link && chain.length <= byId.size) {
    chain.unshift(link);
    if (link.baseSubmissionId !== null) break;
    link = link.baseCorrectionId !== null ? byId.get(link.baseCorrectionId) : undefined;
  }
  const root = chain[0];
  const record = root?.baseSubmissionId != null ? submissionById(input.submissions, root.baseSubmissionId) : undefined;
  if (!root || !record || chain.length > byId.size) return null;
  const changes: TraceChange[] = [];
  let base = record.counts;
  for (const x of chain) {
    const d = input.decisions.get(x.id);
    const approval = d?.decision === 'approved' ? { by: d.decidedBy, at: d.decidedAt } : null;
    const { basis, note } = basisCode(x.basis);
    for (const diff of diffCounts(base, x.counts)) {
      changes.push({
        correctionId: x.id,
        path: diff.path,
        from: diff.a,
        to: diff.b,
        basis,
        basisNote: note,
        reason: x.reason,
        approval,
      });
    }
    base = x.counts;
  }
  return { record: { submissionId: record.id, sha256: record.sha256 }, changes };
}

/** One entry of `sumber.koreksi` (pleno.document/2). */
export interface SumberKoreksi {
  bidang: string;
  dari: number;
  menjadi: number;
  dasar: CorrectionBasis;
  alasan: string;
  disetujui: string;
  waktu: string;
}

/** `sumber` of a pleno.document/2 lampiran entry. */
export interface Sumber {
  rekaman: string;
  koreksi: SumberKoreksi[];
}

/** Separates the note of basis 'lainnya' inside `alasan` (docs/spec-readings.md). */
export const BASIS_NOTE_MARK = '\nDasar lainnya: ';

/**
 * The document's `sumber` for a trace (null stays null). `dasar` is the basis code; the note of a 'lainnya' basis
 * is appended to `alasan` after BASIS_NOTE_MARK so it is not lost. Throws if a link has no approval: a document
 * must never present an unapproved change as approved (the caller turns it into a refused issue).
 */
export function toSumber(trace: CountTrace | null): Sumber | null {
  if (trace === null) return null;
  return {
    rekaman: trace.record.sha256,
    koreksi: trace.changes.map((c) => {
      if (c.approval === null) throw new Error(`count trace: correction #${c.correctionId} has no approval`);
      return {
        bidang: c.path,
        dari: c.from,
        menjadi: c.to,
        dasar: c.basis,
        alasan: c.basisNote === null ? c.reason : `${c.reason}${BASIS_NOTE_MARK}${c.basisNote}`,
        disetujui: c.approval.by,
        waktu: c.approval.at,
      };
    }),
  };
}

/** The record's counts with each change's `to` set at its path, in order (a verifier's replay of `sumber`). */
export function applyTrace(counts: CHasilCounts, changes: readonly { path: string; to: number }[]): CHasilCounts {
  let out = counts;
  for (const c of changes) out = setCount(out, c.path, c.to);
  return out;
}
