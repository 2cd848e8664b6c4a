// Corrections (koreksi) of a TPS result in the plenary: validation, the state machine proposed → approved | rejected,
// and count diffs (correction diffs, konflik side-by-side, manual double entry).
//
// Exports:
//   CORRECTION_BASES, CORRECTION_BASIS_LABELS, formatBasis(basis, note?), basisLabel(storedText), basisCode(storedText)
//   validateCounts(counts, pilihanCount): Result<CHasilCounts>         integers 0–9999, right number of choices
//   diffCounts(a, b, pilihan?): CountDiff[]                                   { path, label, a, b }, form order
//   proposeCorrection(input, ctx): Result<CorrectionDraft>              CorrectionRecord (storage's `correction` row) + diff
//   approveCorrection(c, ctx) / rejectCorrection(c, ctx): Result<CorrectionDecisionDraft>
//   correctionState(decision | null | undefined): CorrectionState
//
// Rules chosen (docs/domain.md §3: proposed by an operator, approved by the ketua PPK in the session):
// - A correction needs a reason and a basis; basis 'lainnya' needs a note saying what the basis is.
// - It must change at least one number, every number must be a whole number 0–9999, and it is based on the version
//   that counts now (docs/design.md §5.1); a correction proposed on an older version is refused at approval (CONFLICT)
// so a
//   newer figure is never silently replaced.
// - Approval or rejection: by the ketua PPK, or by an anggota the ketua delegated for the session.
// - Four eyes: the proposer cannot approve their own correction, unless they are the ketua (the ketua is the one
//   who decides in law; an anggota-delegate who proposed must let the ketua or another delegate approve).
//   A proposer may not reject their own either unless they are ketua or a delegate (rejecting changes no number).
// - A correction of a TPS in a locked desa is refused (LOCKED), both when proposed and when approved; unlocking is
//   a recorded decision with a reason. Rejecting stays possible while locked (it changes no number).
import { countPaths, fieldLabel, getCount } from './labels';
import { type CHasilCounts, type PemilihanId, type Pilihan } from './model';
import {
  type DecisionRole,
  FORBIDDEN_DECIDER,
  type SessionAuthority,
  decisionRole,
  nonEmpty,
  samePerson,
} from './authority';
import { type Result, fail, ok } from './result';
import { type CurrentSource } from './status';

export const CORRECTION_BASES = [
  'c-hasil-plano',
  'salinan-saksi',
  'salinan-panwascam',
  'c-kejadian-tps',
  'buka-kotak',
  'hitung-ulang',
  'lainnya',
] as const;
export type CorrectionBasis = (typeof CORRECTION_BASES)[number];

export const CORRECTION_BASIS_LABELS: Record<CorrectionBasis, string> = {
  'c-hasil-plano': 'C.Hasil-KWK plano (dari kotak suara)',
  'c-kejadian-tps': 'C.Kejadian Khusus TPS',
  'salinan-saksi': 'Salinan C.Hasil saksi',
  'salinan-panwascam': 'Salinan C.Hasil Panwaslu Kecamatan',
  'buka-kotak': 'Pembukaan kotak suara',
  'hitung-ulang': 'Penghitungan suara ulang',
  lainnya: 'Lainnya',
};

/** The basis as stored (correction.basis): the code, or 'lainnya: <note>'. */
export function formatBasis(basis: CorrectionBasis, note?: string | null): string {
  const n = nonEmpty(note);
  return basis === 'lainnya' && n !== null ? `lainnya: ${n}` : basis;
}

/** Display text of a stored basis. */
export function basisLabel(stored: string): string {
  if (stored.startsWith('lainnya: ')) return `Lainnya: ${stored.slice('lainnya: '.length)}`;
  return (CORRECTION_BASIS_LABELS as Record<string, string>)[stored] ?? stored;
}

/** The code and the note of a stored basis (formatBasis's output); unknown text reads as 'lainnya' with that note. */
export function basisCode(stored: string): { basis: CorrectionBasis; note: string | null } {
  if (stored.startsWith('lainnya: ')) return { basis: 'lainnya', note: stored.slice('lainnya: '.length) };
  if ((CORRECTION_BASES as readonly string[]).includes(stored)) return { basis: stored as CorrectionBasis, note: null };
  return { basis: 'lainnya', note: stored };
}

export type CorrectionState = 'proposed' | 'approved' | 'rejected';

export const CORRECTION_STATE_LABELS: Record<CorrectionState, string> = {
  proposed: 'Diusulkan',
  approved: 'Disetujui',
  rejected: 'Ditolak',
};

export function correctionState(decision: { decision: 'approved' | 'rejected' } | null | undefined): CorrectionState {
  return decision ? decision.decision : 'proposed';
}

export interface CountDiff {
  path: string;
  /** e.g. "IV.A.1 Suara Sah Paslon Nomor Urut 1 (nama)". */
  label: string;
  a: number;
  b: number;
}

/**
 * The counts that differ between a and b, in form order. Throws if the numbers of choices differ (records of one
 * pemilihan always have the same; a mismatch is a bug upstream).
 */
export function diffCounts(a: CHasilCounts, b: CHasilCounts, pilihan?: readonly Pilihan[]): CountDiff[] {
  if (a.suara.paslon.length !== b.suara.paslon.length) {
    throw new Error(`diffCounts: choice counts differ (${a.suara.paslon.length} vs ${b.suara.paslon.length})`);
  }
  const out: CountDiff[] = [];
  for (const path of countPaths(a.suara.paslon.length)) {
    const va = getCount(a, path);
    const vb = getCount(b, path);
    if (va !== vb) out.push({ path, label: fieldLabel(path, pilihan), a: va, b: vb });
  }
  return out;
}

export const MAX_COUNT = 9999;

/** Every count present, a whole number from 0 to 9999, and one vote count per choice. */
export function validateCounts(counts: CHasilCounts, pilihanCount: number): Result<CHasilCounts> {
  const paslon = (counts as { suara?: { paslon?: unknown } }).suara?.paslon;
  if (!Array.isArray(paslon) || paslon.length !== pilihanCount) {
    return fail(
      'INVALID_INPUT',
      `Jumlah kolom perolehan suara harus ${pilihanCount} (sesuai jumlah pasangan calon/pilihan).`,
      'suara.paslon',
    );
  }
  for (const path of countPaths(pilihanCount)) {
    let v: number;
    try {
      v = getCount(counts, path);
    } catch (_e) {
      return fail('INVALID_INPUT', `Angka ${fieldLabel(path)} belum diisi.`, path);
    }
    if (!Number.isInteger(v) || v < 0 || v > MAX_COUNT) {
      return fail('INVALID_INPUT', `Angka ${fieldLabel(path)} harus bilangan bulat 0 sampai ${MAX_COUNT}.`, path);
    }
  }
  return ok(counts);
}

/** The version a correction is based on: the submission or correction that counts now, with its counts. */
export interface CorrectionBase {
  kind: 'submission' | 'correction';
  id: number;
  counts: CHasilCounts;
}

export interface CorrectionProposal {
  tps: string;
  pemilihan: PemilihanId;
  base: CorrectionBase;
  /** The full corrected counts. */
  counts: CHasilCounts;
  reason: string;
  basis: CorrectionBasis;
  /** Required for basis 'lainnya'. */
  basisNote?: string | null;
  /** SHA-256 of the photo of the corrected sheet (already stored). */
  evidencePhoto?: string | null;
  proposedBy: string;
  proposedAt: string;
}

/** A correction as stored in the `correction` table (plenary.repo NewCorrection is this type). */
export interface CorrectionRecord {
  tps: string;
  pemilihan: PemilihanId;
  /** Exactly one of the two: the version this correction is based on. */
  baseSubmissionId: number | null;
  baseCorrectionId: number | null;
  counts: CHasilCounts;
  /** Field paths changed relative to the base, e.g. ['suara.paslon.2', 'suara.sah']. */
  changedFields: string[];
  reason: string;
  /** Which document the figure comes from: formatBasis(basis, note), e.g. 'salinan-saksi' or 'lainnya: <note>'. */
  basis: string;
  /** SHA-256 of a photo already stored (photo table) showing the corrected sheet. */
  evidencePhoto: string | null;
  proposedBy: string;
  proposedAt: string;
}

/** What storage inserts into `correction`, plus the diff for display. */
export interface CorrectionDraft extends CorrectionRecord {
  changes: CountDiff[];
}

export interface ProposeContext {
  pilihanCount: number;
  desaLocked: boolean;
  /** The version that counts now (status.ts deriveTpsState().currentSource); the base must be it. */
  currentSource?: CurrentSource;
  pilihan?: readonly Pilihan[];
}

const LOCKED_MESSAGE =
  'Desa ini sudah dikunci; koreksi tidak dapat dilakukan. Buka kunci desa lebih dahulu dengan keputusan yang disertai alasan.';
const STALE_MESSAGE =
  'Koreksi ini dibuat atas versi data yang sudah tidak berlaku (ada keputusan atau koreksi yang lebih baru). Ajukan koreksi dari versi yang berlaku sekarang.';

function sameVersion(base: { kind: 'submission' | 'correction'; id: number }, current: CurrentSource): boolean {
  if (current.kind === 'none' || current.id === null) return false;
  const currentKind = current.kind === 'correction' ? 'correction' : 'submission';
  return currentKind === base.kind && current.id === base.id;
}

export function proposeCorrection(input: CorrectionProposal, ctx: ProposeContext): Result<CorrectionDraft> {
  if (ctx.desaLocked) return fail('LOCKED', LOCKED_MESSAGE);
  const proposedBy = nonEmpty(input.proposedBy);
  if (proposedBy === null) return fail('INVALID_INPUT', 'Nama pengusul koreksi wajib diisi.', 'proposedBy');
  const reason = nonEmpty(input.reason);
  if (reason === null) return fail('INVALID_INPUT', 'Alasan koreksi wajib diisi.', 'reason');
  if (!(CORRECTION_BASES as readonly string[]).includes(input.basis)) {
    return fail('INVALID_INPUT', `Dasar koreksi tidak dikenal: "${String(input.basis)}".`, 'basis');
  }
  if (input.basis === 'lainnya' && nonEmpty(input.basisNote) === null) {
    return fail(
      'INVALID_INPUT',
      'Untuk dasar koreksi "Lainnya", jelaskan dokumen atau dasar yang dipakai.',
      'basisNote',
    );
  }
  if (ctx.currentSource && !sameVersion(input.base, ctx.currentSource)) return fail('CONFLICT', STALE_MESSAGE);
  const valid = validateCounts(input.counts, ctx.pilihanCount);
  if (!valid.ok) return valid;
  const changes = diffCounts(input.base.counts, input.counts, ctx.pilihan);
  if (changes.length === 0) return fail('INVALID_INPUT', 'Koreksi tidak mengubah angka apa pun.');
  return ok({
    tps: input.tps,
    pemilihan: input.pemilihan,
    baseSubmissionId: input.base.kind === 'submission' ? input.base.id : null,
    baseCorrectionId: input.base.kind === 'correction' ? input.base.id : null,
    counts: input.counts,
    changedFields: changes.map((c) => c.path),
    reason,
    basis: formatBasis(input.basis, input.basisNote),
    evidencePhoto: input.evidencePhoto ?? null,
    proposedBy,
    proposedAt: input.proposedAt,
    changes,
  });
}

/** The parts of a stored correction the decision needs. */
export interface CorrectionUnderDecision {
  id: number;
  proposedBy: string;
  baseSubmissionId: number | null;
  baseCorrectionId: number | null;
  state: CorrectionState;
}

/** What storage inserts into `correction_decision`. */
export interface CorrectionDecisionDraft {
  correctionId: number;
  decision: 'approved' | 'rejected';
  reason: string | null;
  decidedBy: string;
  decidedAs: DecisionRole;
  decidedAt: string;
}

export interface ApproveContext {
  by: string;
  at: string;
  session: SessionAuthority;
  desaLocked: boolean;
  /** The version that counts now; the correction's base must still be it. */
  currentSource?: CurrentSource;
  /** Optional note recorded with the approval. */
  reason?: string | null;
}

function alreadyDecided(state: CorrectionState) {
  return fail(
    'CONFLICT',
    `Koreksi ini sudah ${state === 'approved' ? 'disetujui' : 'ditolak'}; keputusan tidak dapat diubah.`,
  );
}

export function approveCorrection(c: CorrectionUnderDecision, ctx: ApproveContext): Result<CorrectionDecisionDraft> {
  if (c.state !== 'proposed') return alreadyDecided(c.state);
  const role = decisionRole(ctx.by, ctx.session);
  if (role === null) return fail('FORBIDDEN', FORBIDDEN_DECIDER);
  if (samePerson(ctx.by, c.proposedBy) && role !== 'ketua') {
    return fail(
      'FORBIDDEN',
      'Pengusul koreksi tidak dapat menyetujui koreksinya sendiri; persetujuan oleh ketua PPK atau anggota lain yang diberi delegasi.',
    );
  }
  if (ctx.desaLocked) return fail('LOCKED', LOCKED_MESSAGE);
  if (ctx.currentSource) {
    const base =
      c.baseCorrectionId !== null
        ? { kind: 'correction' as const, id: c.baseCorrectionId }
        : { kind: 'submission' as const, id: c.baseSubmissionId ?? -1 };
    if (!sameVersion(base, ctx.currentSource)) return fail('CONFLICT', STALE_MESSAGE);
  }
  return ok({
    correctionId: c.id,
    decision: 'approved',
    reason: nonEmpty(ctx.reason),
    decidedBy: ctx.by.trim(),
    decidedAs: role,
    decidedAt: ctx.at,
  });
}

export interface RejectContext {
  by: string;
  at: string;
  session: SessionAuthority;
  reason: string;
}

export function rejectCorrection(c: CorrectionUnderDecision, ctx: RejectContext): Result<CorrectionDecisionDraft> {
  if (c.state !== 'proposed') return alreadyDecided(c.state);
  const role = decisionRole(ctx.by, ctx.session);
  if (role === null) return fail('FORBIDDEN', FORBIDDEN_DECIDER);
  const reason = nonEmpty(ctx.reason);
  if (reason === null) return fail('INVALID_INPUT', 'Alasan penolakan koreksi wajib diisi.', 'reason');
  return ok({
    correctionId: c.id,
    decision: 'rejected',
    reason,
    decidedBy: ctx.by.trim(),
    decidedAs: role,
    decidedAt: ctx.at,
  });
}
