// The plenary state of a TPS result (docs/design.md §2, §5.1), of a desa and of a pemilihan, derived from plain rows.
//
// deriveTpsState(input: TpsStateInput): TpsState
//   status   'belum-masuk' | 'masuk' | 'sesuai' | 'dikoreksi'
//   flags    { sengketa, konflik, bermasalah }
//   currentSource { kind: 'correction' | 'chosen' | 'accepted' | 'first-valid' | 'none', id }
//   current  the counts of the current version (null if none), violations = checkRecord(current)
// desaLockable(tps: { tps, state }[], openObjectionsOnDesa): { lockable, reasons /* Indonesian */ }
// pemilihanFinal(desa: { kode, nama, locked }[], openObjectionIds): { final, reasons }   every desa locked, none open
// lockState(events: LockEventInput[]): { locked, last }          latest event wins (highest id)
// checkLockAction(locked, action, reason?): Result<...>    lock twice / unlock an unlocked / unlock without reason
//
// The rules, as implemented (input rows map 1:1 to storage's tables; pass them as listed, any order):
// - Only valid submissions count (storage keeps only valid ones: `valid` defaults to true).
// - Current version: the latest approved correction (by decision time, then id); else the submission of the latest
//   plenary act naming one — an acceptance or a conflict choice (by decision time, then acceptance before choice
//   at the same instant, then id); else the first valid submission received (lowest id).
//   A later acceptance of a submission does not override an approved correction: to undo a correction, approve a
//   new correction (append-only, visible in the audit and D.Kejadian Khusus).
// - konflik: the TPS has ≥ 2 distinct valid contents (sha256) and some valid submission arrived after the latest
//   settling act (acceptance, conflict choice or approved correction), or there is no settling act yet. A settling
//   act at the same instant as a submission covers it (fixed clocks in tests, or the same second).
//   A new differing submission after a decision is therefore a new konflik, and counts only once chosen.
// - status: 'belum-masuk' without a valid submission; 'masuk' while there is no settling act or a konflik is
//   pending; otherwise 'dikoreksi' when the current version is a correction, else 'sesuai'.
// - bermasalah: the current version has at least one rule error (even if the plenary accepted it with a reason).
// - sengketa: at least one open keberatan about this TPS (openObjections > 0).
//
// Times are compared as instants when both parse as dates (ISO 8601 with offset), else as strings; a caller may
// also pass numbers (e.g. audit sequence numbers) for all times, compared numerically.
import { type CHasilCounts, type TpsFlags, type TpsStatus, formatKode } from './model';
import { nonEmpty } from './authority';
import { type Result, fail, ok } from './result';
import { type RuleContext, type Violation, checkRecord, hasBlockingError } from './rules/index';

export type Instant = string | number;

/**
 * The rules' verdict on a frozen record, kept with it: stored submissions' counts are frozen and cached per
 * connection (repositories/submission.repo.ts), and every read of a 600-TPS pemilihan (recap, dashboard, projector)
 * re-derives them; the rules are a pure function of the counts and the RuleContext, so an unchanged record is checked
 * once. Counts that are not frozen (a correction being built) are checked every time.
 */
const checked = new WeakMap<CHasilCounts, { ctx: RuleContext; violations: readonly Violation[] }>();

function checkOnce(counts: CHasilCounts, ctx: RuleContext): Violation[] {
  if (!Object.isFrozen(counts)) return checkRecord(counts, ctx);
  const hit = checked.get(counts);
  const same =
    hit !== undefined &&
    hit.ctx.pilihanCount === ctx.pilihanCount &&
    hit.ctx.dptMaster.l === ctx.dptMaster.l &&
    hit.ctx.dptMaster.p === ctx.dptMaster.p;
  if (same) return [...hit.violations];
  const violations = checkRecord(counts, ctx);
  for (const v of violations) Object.freeze(Object.freeze(v).fields);
  checked.set(counts, { ctx: { dptMaster: { ...ctx.dptMaster }, pilihanCount: ctx.pilihanCount }, violations });
  return [...violations];
}

export interface SubmissionInput {
  id: number;
  /** SHA-256 of JCS(payload): equal hashes are the same content. */
  sha256: string;
  receivedAt: Instant;
  counts: CHasilCounts;
  /** Parsed and verified; storage only keeps valid ones (default true). */
  valid?: boolean;
}

/** The plenary accepted a submission as read (table acceptance). */
export interface AcceptanceInput {
  id: number;
  submissionId: number;
  decidedAt: Instant;
}

/** The plenary chose the submission that counts among differing ones (table conflict_choice). */
export interface ChoiceInput {
  id: number;
  submissionId: number;
  decidedAt: Instant;
}

/** A correction with its decision, if any (tables correction + correction_decision). */
export interface CorrectionInput {
  id: number;
  counts: CHasilCounts;
  decision: 'approved' | 'rejected' | null;
  /** Time of the decision (null while proposed). */
  decidedAt: Instant | null;
}

export interface TpsStateInput {
  submissions: readonly SubmissionInput[];
  acceptances?: readonly AcceptanceInput[];
  choices?: readonly ChoiceInput[];
  corrections?: readonly CorrectionInput[];
  /** Open keberatan about this TPS (scope tps, for this pemilihan or for all). */
  openObjections?: number;
  /** For the rule check of the current version. */
  rules: RuleContext;
}

export type CurrentSourceKind = 'correction' | 'chosen' | 'accepted' | 'first-valid' | 'none';

export interface CurrentSource {
  kind: CurrentSourceKind;
  /** Correction id for 'correction', submission id otherwise; null for 'none'. */
  id: number | null;
}

export interface TpsState {
  status: TpsStatus;
  flags: TpsFlags;
  currentSource: CurrentSource;
  current: CHasilCounts | null;
  violations: Violation[];
  /** Number of distinct valid contents received. */
  distinctSubmissions: number;
}

/** Negative if a is before b. */
export function compareInstant(a: Instant, b: Instant): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ta = typeof a === 'number' ? a : Date.parse(a);
  const tb = typeof b === 'number' ? b : Date.parse(b);
  if (typeof a === 'string' && typeof b === 'string' && (!Number.isFinite(ta) || !Number.isFinite(tb))) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return ta - tb;
}

interface Act {
  at: Instant;
  order: number; // tie-break at the same instant
  id: number;
}

function latest<T extends Act>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const x of list) {
    if (!best) {
      best = x;
      continue;
    }
    const c = compareInstant(x.at, best.at) || x.order - best.order || x.id - best.id;
    if (c > 0) best = x;
  }
  return best;
}

export function deriveTpsState(input: TpsStateInput): TpsState {
  const valid = input.submissions.filter((s) => s.valid !== false).sort((a, b) => a.id - b.id);
  const byId = new Map(valid.map((s) => [s.id, s]));
  const approved = (input.corrections ?? []).filter((c) => c.decision === 'approved' && c.decidedAt !== null);
  const sengketa = (input.openObjections ?? 0) > 0;
  const distinct = new Set(valid.map((s) => s.sha256)).size;

  if (valid.length === 0) {
    return {
      status: 'belum-masuk',
      flags: { sengketa, konflik: false, bermasalah: false },
      currentSource: { kind: 'none', id: null },
      current: null,
      violations: [],
      distinctSubmissions: 0,
    };
  }

  // Plenary acts naming a submission (only those naming a known valid submission count).
  const namingActs = [
    ...(input.acceptances ?? [])
      .filter((a) => byId.has(a.submissionId))
      .map((a) => ({ at: a.decidedAt, order: 0, id: a.id, submissionId: a.submissionId, kind: 'accepted' as const })),
    ...(input.choices ?? [])
      .filter((c) => byId.has(c.submissionId))
      .map((c) => ({ at: c.decidedAt, order: 1, id: c.id, submissionId: c.submissionId, kind: 'chosen' as const })),
  ];
  const correctionActs = approved.map((c) => ({ at: c.decidedAt as Instant, order: 2, id: c.id, counts: c.counts }));
  const latestCorrection = latest(correctionActs);
  const latestNaming = latest(namingActs);
  const latestSettling = latest<Act>([...namingActs, ...correctionActs]);

  let currentSource: CurrentSource;
  let current: CHasilCounts;
  if (latestCorrection) {
    currentSource = { kind: 'correction', id: latestCorrection.id };
    current = latestCorrection.counts;
  } else if (latestNaming) {
    currentSource = { kind: latestNaming.kind, id: latestNaming.submissionId };
    current = byId.get(latestNaming.submissionId)!.counts;
  } else {
    const first = valid[0]!;
    currentSource = { kind: 'first-valid', id: first.id };
    current = first.counts;
  }

  const konflik =
    distinct >= 2 &&
    (latestSettling === undefined || valid.some((s) => compareInstant(s.receivedAt, latestSettling.at) > 0));

  const violations = checkOnce(current, input.rules);
  const settled = latestSettling !== undefined && !konflik;
  const status: TpsStatus = !settled ? 'masuk' : currentSource.kind === 'correction' ? 'dikoreksi' : 'sesuai';
  return {
    status,
    flags: { sengketa, konflik, bermasalah: hasBlockingError(violations) },
    currentSource,
    current,
    violations,
    distinctSubmissions: distinct,
  };
}

/** Settled by the plenary (counted as `diputuskan` in the recap). */
export function isSettled(state: Pick<TpsState, 'status'>): boolean {
  return state.status === 'sesuai' || state.status === 'dikoreksi';
}

export interface LockCheck {
  lockable: boolean;
  /** Why the desa cannot be locked yet, one line each, in Bahasa Indonesia. */
  reasons: string[];
}

/**
 * A desa can be locked when every TPS is settled (sesuai or dikoreksi), none has a pending konflik or an open
 * keberatan, and no keberatan about the desa itself is open.
 */
export function desaLockable(
  tpsStates: readonly { tps: string; state: Pick<TpsState, 'status' | 'flags'> }[],
  openObjectionsOnDesa: number,
): LockCheck {
  const reasons: string[] = [];
  for (const { tps, state } of tpsStates) {
    const name = `TPS ${tps.slice(10).padStart(3, '0')}`;
    if (state.status === 'belum-masuk') reasons.push(`${name}: data C.Hasil belum masuk`);
    else if (state.flags.konflik) reasons.push(`${name}: ada kiriman berbeda (konflik) yang belum diputuskan`);
    else if (!isSettled(state)) reasons.push(`${name}: belum diputuskan dalam pleno`);
    if (state.flags.sengketa) reasons.push(`${name}: ada keberatan yang belum diselesaikan`);
  }
  if (openObjectionsOnDesa > 0) {
    reasons.push(`Ada ${openObjectionsOnDesa} keberatan terhadap desa ini yang belum diselesaikan`);
  }
  return { lockable: reasons.length === 0, reasons };
}

export interface FinalCheck {
  final: boolean;
  reasons: string[];
}

/**
 * The one definition of "final" (docs/read-model.md): a pemilihan is final for the kecamatan when every desa is
 * locked and no keberatan about it is open (a keberatan about the procedure can be raised after the last lock).
 * Only then may a final D.Hasil be issued. `openObjections`: where each open keberatan of this pemilihan is about, in
 * words ("Desa Hampang TPS 003", "prosedur").
 */
export function pemilihanFinal(
  desaLocks: readonly { kode: string; nama: string; locked: boolean }[],
  openObjections: readonly string[] = [],
): FinalCheck {
  const reasons = desaLocks.filter((d) => !d.locked).map((d) => `Desa ${d.nama} (${formatKode(d.kode)}) belum dikunci`);
  if (desaLocks.length === 0) reasons.push('Tidak ada desa dalam data master');
  for (const where of openObjections) reasons.push(`Keberatan tentang ${where} belum diselesaikan`);
  return { final: reasons.length === 0, reasons };
}

/** One row of the lock log of a desa (or of the pemilihan as a whole). */
export interface LockEventInput {
  id: number;
  action: 'lock' | 'unlock';
  reason?: string | null;
}

/** Current lock state: the latest event (highest id) wins; no event = unlocked. */
export function lockState<E extends LockEventInput>(events: readonly E[]): { locked: boolean; last: E | null } {
  let last: E | null = null;
  for (const e of events) if (last === null || e.id > last.id) last = e;
  return { locked: last?.action === 'lock', last };
}

/** Whether `action` may be recorded now: no double lock, no unlock of an unlocked desa, unlock needs a reason. */
export function checkLockAction(
  locked: boolean,
  action: 'lock' | 'unlock',
  reason?: string | null,
): Result<{ action: 'lock' | 'unlock'; reason: string | null }> {
  if (action === 'lock') {
    if (locked) return fail('CONFLICT', 'Sudah dikunci.');
    return ok({ action, reason: nonEmpty(reason) });
  }
  if (!locked) return fail('CONFLICT', 'Belum dikunci, tidak ada yang dibuka.');
  const r = nonEmpty(reason);
  if (r === null) return fail('INVALID_INPUT', 'Membuka kunci wajib disertai alasan yang dicatat.', 'reason');
  return ok({ action, reason: r });
}
