// R14–R17 (warnings, docs/domain.md §2) for the TPS of the pemilihan the read model derives (read-model.ts): its
// counted numbers against the same TPS's counted numbers in the other pemilihan (R14), its own DPTb lists (R15), the
// photos of its counted record against the records received for other TPS (R16), and its counted record's `dibuat`
// against the election window (R17). The rules themselves are rules/r14-cross-pemilihan.ts, r15-dptb.ts,
// r16-photo.ts and r17-dibuat.ts; this file picks their inputs and keeps what concerns the TPS and pemilihan at hand,
// so the review, the dashboard and the documents read them with the other violations.
import type { CHasilCounts, FotoRef, PemilihanId } from './model';
import type { Violation } from './rules/index';
import type { CrossViolation } from './rules/cross-types';
import { checkR14, type PemilihanRecord } from './rules/r14-cross-pemilihan';
import { checkR15 } from './rules/r15-dptb';
import { checkR16, type PhotoRecord } from './rules/r16-photo';
import { checkR17 } from './rules/r17-dibuat';

export type { PemilihanRecord } from './rules/r14-cross-pemilihan';

export type CrossCode = 'R14' | 'R15' | 'R16' | 'R17';
export const CROSS_CODES: readonly CrossCode[] = ['R14', 'R15', 'R16', 'R17'];
/** What a flag on a TPS tile says (Bahasa Indonesia). */
export const CROSS_LABELS: Record<CrossCode, string> = {
  R14: 'angka berbeda antar-pemilihan',
  R15: 'pemilih DPTb ≠ pengguna DPTb',
  R16: 'foto dipakai untuk dua TPS',
  R17: 'waktu pembuatan rekaman tidak wajar',
};

/** Whether a violation is one of these warnings (the documents list them under the table). */
export function isCrossCode(code: string): code is CrossCode {
  return (CROSS_CODES as readonly string[]).includes(code);
}

/** The cross codes among a TPS's violations, each once, in code order. */
export function crossFlags(violations: readonly { code: string }[]): CrossCode[] {
  return CROSS_CODES.filter((c) => violations.some((v) => v.code === c));
}

/** A photo held by records of more than one TPS (any pemilihan of the kecamatan), with the record holding it. */
export interface SharedPhotoRowIn {
  submissionId: number;
  tps: string;
  pemilihan: PemilihanId;
  lembar: number;
  sha256: string;
}

/** What the cross checks read beyond the TPS itself, indexed once per pemilihan (crossIndex). */
export interface CrossIndex {
  /** TPS code → the counted numbers of that TPS in the other pemilihan (R14). */
  siblings: ReadonlyMap<string, readonly PemilihanRecord[]>;
  /** Shared photos by the record holding them, and by hash. */
  bySubmission: ReadonlyMap<number, readonly SharedPhotoRowIn[]>;
  bySha: ReadonlyMap<string, readonly SharedPhotoRowIn[]>;
  /** A TPS as a person reads it ("TPS 001 Cantung Kiri Hulu"). */
  shown: (tps: string) => string;
  /** R17's window (the master's import time; null: no lower bound); null: R17 is not checked. */
  dibuatWindow: { masterImported: string | null } | null;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function crossIndex(
  siblings: ReadonlyMap<string, readonly PemilihanRecord[]>,
  shared: readonly SharedPhotoRowIn[],
  shown: (tps: string) => string,
  dibuatWindow: { masterImported: string | null } | null = null,
): CrossIndex {
  const bySubmission = new Map<number, SharedPhotoRowIn[]>();
  const bySha = new Map<string, SharedPhotoRowIn[]>();
  for (const r of shared) {
    push(bySubmission, r.submissionId, r);
    push(bySha, r.sha256, r);
  }
  return { siblings, bySubmission, bySha, shown, dibuatWindow };
}

const plain = (v: CrossViolation): Violation => ({
  code: v.code,
  severity: v.severity,
  message: v.message,
  fields: v.fields,
  ...(v.lembar === undefined ? {} : { lembar: v.lembar }),
});

/**
 * R14 for one TPS: a difference is shown on the record that differs from the reference (gubernur, else the first)
 * and on the reference itself, since the room cannot tell from the numbers alone which form is wrong.
 */
function r14(pemilihan: PemilihanId, current: CHasilCounts, siblings: readonly PemilihanRecord[]): Violation[] {
  const others = siblings.filter((s) => s.pemilihan !== pemilihan);
  if (others.length === 0) return [];
  const all: PemilihanRecord[] = [{ pemilihan, counts: current }, ...others];
  const ref = all.find((r) => r.pemilihan === 'gubernur') ?? all[0]!;
  return checkR14(all)
    .filter((v) => ref.pemilihan === pemilihan || v.pemilihan === pemilihan)
    .map(plain);
}

/** R16 for one TPS: the photos of its counted record that records of other TPS also hold. */
function r16(tps: string, pemilihan: PemilihanId, submissionId: number, ix: CrossIndex): Violation[] {
  const mine = ix.bySubmission.get(submissionId);
  if (!mine) return [];
  const foto: FotoRef[] = mine.map((r) => ({ lembar: r.lembar, sha256: r.sha256 }));
  const others = new Map<number, PhotoRecord>();
  for (const f of foto)
    for (const r of ix.bySha.get(f.sha256) ?? []) {
      if (r.tps === tps) continue;
      const rec = others.get(r.submissionId) ?? { tps: r.tps, pemilihan: r.pemilihan, foto: [] };
      (rec.foto as FotoRef[]).push({ lembar: r.lembar, sha256: r.sha256 });
      others.set(r.submissionId, rec);
    }
  return checkR16([{ tps, pemilihan, foto }, ...others.values()], undefined, ix.shown)
    .filter((v) => v.tps === tps)
    .map(plain);
}

/** The R14–R17 warnings of one TPS's counted version, in code order; none without a counted version. */
export function crossViolations(
  t: {
    tps: string;
    pemilihan: PemilihanId;
    current: CHasilCounts | null;
    countedSubmissionId: number | null;
    /** The counted record's `dibuat` and when it was received (R17). */
    counted?: { dibuat?: string; receivedAt: string } | null;
  },
  ix: CrossIndex,
): Violation[] {
  if (t.current === null) return [];
  const out = [...r14(t.pemilihan, t.current, ix.siblings.get(t.tps) ?? []), ...checkR15(t.current).map(plain)];
  if (t.countedSubmissionId !== null) out.push(...r16(t.tps, t.pemilihan, t.countedSubmissionId, ix));
  const w = ix.dibuatWindow;
  if (w && t.counted?.dibuat !== undefined) {
    out.push(...checkR17(t.counted.dibuat, { masterImported: w.masterImported, received: t.counted.receivedAt }));
  }
  return out;
}
