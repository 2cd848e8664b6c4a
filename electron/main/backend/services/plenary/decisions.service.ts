// Plenary decisions on a TPS: accept as read (sesuai), propose and decide corrections (koreksi), choose among
// differing submissions (konflik), record kejadian khusus. Each is one command (db/command.ts): it re-reads the state,
// checks it with the domain, inserts its row(s) with their audit entries and queues `pleno-changed`, sent after the
// commit. Refusals are returned as failed Results.
import type { BackendContext } from '../../context';
import type { CHasilCounts, PemilihanId } from '../../../../../shared/domain/model';
import { isCountPath, setCount } from '../../../../../shared/domain/labels';
import {
  approveCorrection,
  correctionState,
  proposeCorrection as domainProposeCorrection,
  rejectCorrection,
} from '../../../../../shared/domain/correction';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { hasBlockingError } from '../../../../../shared/domain/rules/index';
import { receivedAfterHold } from '../../../../../shared/domain/read-model';
import type { CorrectionBasis, FieldChange } from '../../../../../shared/contracts/plenary.contract';
import {
  getCorrection,
  insertAcceptance,
  insertConflictChoice,
  insertCorrection,
  insertCorrectionDecision,
  insertKejadian,
} from '../../repositories/plenary.repo';
import { sha256Hex } from '../../crypto';
import { storePhoto } from '../photos/photo-store';
import { detectPhotoExt } from '../photos/photo-files';
import { runCommand, type CommandUnit } from '../../db/command';
import {
  findDesa,
  findTps,
  findTpsInDesa,
  loadForTps,
  loadSnapshot,
  type PemilihanSnapshot,
  type TpsSnapshot,
} from './plenary-snapshot';
import { type Actor, decidedBy, operatorCommand, requireOperator, sessionAuthority } from './members.service';
import { requireDeciderPin, verifyPin } from './pins.service';

/** Queues `pleno-changed` for the command's scope (sent after the commit). */
export function emitChanged(
  unit: Pick<CommandUnit, 'emit'>,
  pemilihan: string | null,
  desa: string | null,
  tps: string | null,
): void {
  unit.emit({ type: 'pleno-changed', pemilihan: pemilihan as PemilihanId | null, desa, tps });
}

/** Refused when the desa is locked for this pemilihan (or unknown). */
export function desaUnlocked(snap: PemilihanSnapshot, desa: string): Result<void> {
  const d = findDesa(snap, desa);
  if (!d.ok) return d;
  if (d.value.locked) {
    return fail(
      'LOCKED',
      `Desa ${d.value.row.nama} sudah dikunci untuk pemilihan ${snap.pemilihan.nama}; data tidak dapat diubah. Buka kunci desa lebih dulu (dengan alasan).`,
    );
  }
  return ok(undefined);
}

function tpsName(t: TpsSnapshot): string {
  return `TPS ${String(t.row.nomor).padStart(3, '0')}`;
}

/** Who decides (a session must be started), and the TPS of an unlocked desa (in its desa's snapshot) decided on. */
function openTpsDecision(
  ctx: BackendContext,
  pemilihan: string,
  tps: string,
): Result<{ actor: Actor; snap: PemilihanSnapshot; t: TpsSnapshot }> {
  const actor = requireOperator(ctx);
  if (!actor.ok) return actor;
  const snap = loadForTps(ctx, pemilihan, tps);
  if (!snap.ok) return snap;
  const t = findTps(snap.value, tps);
  if (!t.ok) return t;
  const unlocked = desaUnlocked(snap.value, t.value.row.desa);
  return unlocked.ok ? ok({ actor: actor.value, snap: snap.value, t: t.value }) : unlocked;
}

/**
 * Why the counted result of a TPS held for PSU/PSS/PSL cannot be decided on (`what`: "diterima", "dikoreksi"), or
 * null: while the hold stands only a result received after it may be accepted, chosen or corrected
 * (shared/domain/read-model.ts holdInForce).
 */
function holdBlocker(t: TpsSnapshot, what: string): string | null {
  const hold = t.derived.tunda;
  if (!hold || receivedAfterHold(hold, t.derived.countedSubmissionId)) return null;
  return `${tpsName(t)} ditunda (${hold.jenis}): tunggu hasil pemungutan ulang; hasil lama tidak dapat ${what}.`;
}

// ---- Sesuai ----

/** Why a TPS cannot be accepted as read, or null. */
function acceptBlocker(t: TpsSnapshot): string | null {
  const d = t.derived;
  if (d.base === 'belum-masuk' || d.countedSubmissionId === null)
    return `${tpsName(t)} belum punya data C.Hasil yang masuk.`;
  if (d.konflik) return `${tpsName(t)} punya kiriman yang berbeda: pilih dulu kiriman yang berlaku (Konflik).`;
  const held = holdBlocker(t, 'diterima');
  if (held) return held;
  if (d.currentSource?.kind === 'correction')
    return `${tpsName(t)} sudah dikoreksi; angka yang berlaku adalah hasil koreksi yang disetujui.`;
  if (d.pendingCorrectionId !== null) return `${tpsName(t)} punya usulan koreksi yang belum diputuskan.`;
  return null;
}

export function accept(
  ctx: BackendContext,
  input: { tps: string; pemilihan: string; overrideReason?: string; pin?: string },
): Result<{ acceptanceId: number }> {
  return runCommand(ctx, (unit) => {
    const found = openTpsDecision(ctx, input.pemilihan, input.tps);
    if (!found.ok) return found;
    const { actor, snap, t } = found.value;
    const blocker = acceptBlocker(t);
    if (blocker) return fail('CONFLICT', blocker);
    let overrideReason: string | null = null;
    let decider: Actor = actor;
    if (hasBlockingError(t.violations)) {
      overrideReason = input.overrideReason?.trim() || null;
      if (!overrideReason) {
        return fail(
          'INVALID_INPUT',
          `Data ${tpsName(t)} punya ${t.violations.filter((v) => v.severity === 'error').length} galat pemeriksaan. Menerima apa adanya wajib disertai alasan yang dicatat.`,
          'overrideReason',
        );
      }
      const pinned = requireDeciderPin(ctx, 'Menerima data yang bergalat', input.pin);
      if (!pinned.ok) return pinned;
      decider = { nama: actor.nama, as: pinned.value.as };
    } else if (t.violations.some((v) => v.severity === 'warning')) {
      // Accepting despite a warning (e.g. R16, a photo also sent for another TPS): the reason given is kept and
      // printed in the D.Kejadian Khusus; it is not required and needs no PIN.
      overrideReason = input.overrideReason?.trim() || null;
    }
    const row = insertAcceptance(unit.db, {
      tps: input.tps,
      pemilihan: snap.pemilihan.id,
      submissionId: t.derived.countedSubmissionId!,
      overrideReason,
      ...decidedBy(ctx, decider),
    });
    emitChanged(unit, input.pemilihan, input.tps.slice(0, 10), input.tps);
    return ok({ acceptanceId: row.id });
  });
}

// ---- Koreksi ----

export interface ProposeInput {
  tps: string;
  pemilihan: string;
  changes: { path: string; value: number }[];
  reason: string;
  basis: CorrectionBasis;
  basisNote?: string;
  evidence?: { base64: string; ext: 'jpg' | 'png' };
  objectionId?: number;
}

/** The full corrected counts: the counted version with the requested paths set (unknown paths refused). */
export function applyChanges(
  base: CHasilCounts,
  changes: readonly { path: string; value: number }[],
  pilihanCount: number,
): Result<CHasilCounts> {
  let counts = base;
  for (const c of changes) {
    if (!isCountPath(c.path, pilihanCount))
      return fail('INVALID_INPUT', `Kolom "${c.path}" tidak ada pada formulir C.Hasil.`, c.path);
    counts = setCount(counts, c.path, c.value);
  }
  return ok(counts);
}

type Evidence = { sha256: string; ext: 'jpg' | 'png'; bytes: Uint8Array };

function readEvidence(input: ProposeInput): Result<Evidence | null> {
  if (!input.evidence) return ok(null);
  const bytes = new Uint8Array(Buffer.from(input.evidence.base64, 'base64'));
  const ext = detectPhotoExt(bytes);
  if (!ext) return fail('INVALID_INPUT', 'Foto bukti harus berupa berkas JPEG atau PNG.', 'evidence');
  return ok({ sha256: sha256Hex(bytes), ext, bytes });
}

/** Why the TPS's counted version cannot be corrected now (an unlocked desa; a locked one is refused by the domain). */
function correctBlocker(t: TpsSnapshot): string | null {
  const d = t.derived;
  if (!d.current || !d.currentSource) return `${tpsName(t)} belum punya data C.Hasil untuk dikoreksi.`;
  if (d.konflik) return `${tpsName(t)} punya kiriman yang berbeda: pilih dulu kiriman yang berlaku, lalu koreksi.`;
  if (d.pendingCorrectionId !== null) return `${tpsName(t)} sudah punya usulan koreksi yang belum diputuskan.`;
  return holdBlocker(t, 'dikoreksi');
}

export function proposeCorrection(
  ctx: BackendContext,
  input: ProposeInput,
): Result<{ correctionId: number; changes: FieldChange[] }> {
  return operatorCommand(ctx, (unit, actor) => {
    const evidence = readEvidence(input);
    if (!evidence.ok) return evidence;
    const found = loadForTps(ctx, input.pemilihan, input.tps);
    if (!found.ok) return found;
    const snap = found.value;
    const td = findTpsInDesa(snap, input.tps);
    if (!td.ok) return td;
    const { t, d: desa } = td.value;
    const d = t.derived;
    const blocker = desa.locked ? null : correctBlocker(t);
    if (blocker) return fail('CONFLICT', blocker);
    if (!d.current || !d.currentSource)
      return fail('CONFLICT', `${tpsName(t)} belum punya data C.Hasil untuk dikoreksi.`);
    const counts = applyChanges(d.current, input.changes, snap.pemilihan.pilihan.length);
    if (!counts.ok) return counts;
    const src = d.currentSource;
    const at = ctx.clock().toISOString();
    const draft = domainProposeCorrection(
      {
        tps: input.tps,
        pemilihan: snap.pemilihan.id,
        base:
          src.kind === 'correction'
            ? { kind: 'correction', id: src.correctionId, counts: d.current }
            : { kind: 'submission', id: src.submissionId, counts: d.current },
        counts: counts.value,
        reason: input.reason,
        basis: input.basis,
        basisNote: input.basisNote ?? null,
        evidencePhoto: evidence.value?.sha256 ?? null,
        proposedBy: actor.nama,
        proposedAt: at,
      },
      {
        pilihanCount: snap.pemilihan.pilihan.length,
        desaLocked: desa.locked,
        currentSource: d.domainSource,
        pilihan: snap.pemilihan.pilihan,
      },
    );
    if (!draft.ok) return draft;
    if (evidence.value) {
      storePhoto(unit.db, ctx.dataDir, {
        ...evidence.value,
        source: `koreksi ${input.tps}`,
        at,
        actor: actor.nama,
      });
    }
    const { changes, ...row } = draft.value;
    const c = insertCorrection(unit.db, row);
    emitChanged(unit, input.pemilihan, input.tps.slice(0, 10), input.tps);
    return ok({
      correctionId: c.id,
      changes: changes.map((x) => ({ path: x.path, label: x.label, from: x.a, to: x.b })),
    });
  });
}

export function decideCorrection(
  ctx: BackendContext,
  input: { correctionId: number; decision: 'approved' | 'rejected'; reason?: string; pin?: string },
): Result<{ correctionId: number; state: 'approved' | 'rejected' }> {
  return operatorCommand(ctx, (unit, actor) => {
    const c = getCorrection(unit.db, input.correctionId);
    if (!c) return fail('NOT_FOUND', 'Koreksi itu tidak ditemukan; muat ulang layar.');
    const snap = loadForTps(ctx, c.pemilihan, c.tps);
    if (!snap.ok) return snap;
    const td = findTpsInDesa(snap.value, c.tps);
    if (!td.ok) return td;
    const { t, d } = td.value;
    const under = {
      id: c.id,
      proposedBy: c.proposedBy,
      baseSubmissionId: c.baseSubmissionId,
      baseCorrectionId: c.baseCorrectionId,
      state: correctionState(t.decisions.get(c.id)),
    };
    const at = ctx.clock().toISOString();
    const session = sessionAuthority(ctx);
    const by = actor.nama;
    const draft =
      input.decision === 'approved'
        ? approveCorrection(under, {
            by,
            at,
            session,
            desaLocked: d.locked,
            currentSource: t.derived.domainSource,
            reason: input.reason ?? null,
          })
        : rejectCorrection(under, { by, at, session, reason: input.reason ?? '' });
    if (!draft.ok) return draft;
    // Approving changes the counted numbers: refused on the old result of a held TPS, like Sesuai and Konflik.
    // Rejecting changes no number and stays possible.
    const held = input.decision === 'approved' ? holdBlocker(t, 'dikoreksi') : null;
    if (held) return fail('CONFLICT', held);
    const pin = verifyPin(ctx, by, input.pin);
    if (!pin.ok) return pin;
    insertCorrectionDecision(unit.db, draft.value);
    emitChanged(unit, c.pemilihan, c.tps.slice(0, 10), c.tps);
    return ok({ correctionId: c.id, state: input.decision });
  });
}

// ---- Konflik ----

export function chooseSubmission(
  ctx: BackendContext,
  input: { tps: string; pemilihan: string; submissionId: number; reason: string },
): Result<{ choiceId: number }> {
  return runCommand(ctx, (unit) => {
    const found = openTpsDecision(ctx, input.pemilihan, input.tps);
    if (!found.ok) return found;
    const { actor, snap, t } = found.value;
    const s = t.submissions.find((x) => x.id === input.submissionId);
    if (!s) return fail('NOT_FOUND', `Kiriman yang dipilih bukan kiriman untuk ${tpsName(t)}.`);
    const hold = t.derived.tunda;
    if (hold && !receivedAfterHold(hold, s.id))
      return fail('CONFLICT', `${tpsName(t)} ditunda (${hold.jenis}): pilih hasil yang masuk setelah penundaan.`);
    if (new Set(t.submissions.map((x) => x.sha256)).size < 2)
      return fail('CONFLICT', `${tpsName(t)} tidak punya kiriman yang berbeda.`);
    if (t.derived.pendingCorrectionId !== null) {
      return fail('CONFLICT', `${tpsName(t)} punya usulan koreksi yang belum diputuskan.`);
    }
    const reason = input.reason.trim();
    if (!reason) return fail('INVALID_INPUT', 'Alasan memilih kiriman wajib diisi.', 'reason');
    const row = insertConflictChoice(unit.db, {
      tps: input.tps,
      pemilihan: snap.pemilihan.id,
      submissionId: s.id,
      reason,
      ...decidedBy(ctx, actor),
    });
    emitChanged(unit, input.pemilihan, input.tps.slice(0, 10), input.tps);
    return ok({ choiceId: row.id });
  });
}

// ---- Kejadian khusus ----

export function addKejadian(
  ctx: BackendContext,
  input: { pemilihan?: string; desa?: string; tps?: string; text: string; who?: string },
): Result<{ kejadianId: number }> {
  const desa = input.tps ? input.tps.slice(0, 10) : (input.desa ?? null);
  return operatorCommand(ctx, (unit, actor) => {
    if (input.pemilihan && desa) {
      const snap = loadSnapshot(ctx, input.pemilihan, { desa });
      if (!snap.ok) return snap;
      if (input.tps) {
        const t = findTps(snap.value, input.tps);
        if (!t.ok) return t;
      }
      const unlocked = desaUnlocked(snap.value, desa);
      if (!unlocked.ok) return unlocked;
    }
    const at = ctx.clock().toISOString();
    const row = insertKejadian(unit.db, {
      at,
      tps: input.tps ?? null,
      desa,
      pemilihan: (input.pemilihan as PemilihanId | undefined) ?? null,
      who: input.who?.trim() || actor.nama,
      text: input.text.trim(),
      recordedBy: actor.nama,
      recordedAt: at,
    });
    emitChanged(unit, input.pemilihan ?? null, desa, input.tps ?? null);
    return ok({ kejadianId: row.id });
  });
}
