// Plenary decisions on a TPS: accept as read (sesuai), propose and decide corrections (koreksi), choose among
// differing submissions (konflik), record kejadian khusus. Each runs in one IMMEDIATE transaction that re-reads the
// state, checks it with the domain, inserts its row(s) and their audit entries, then emits `pleno-changed`.
import type { BackendContext } from '../../context';
import type { CHasilCounts, PemilihanId } from '../../../../../shared/domain/model';
import { isCountPath, setCount } from '../../../../../shared/domain/labels';
import {
  approveCorrection,
  correctionState,
  proposeCorrection as domainProposeCorrection,
  rejectCorrection,
} from '../../../../../shared/domain/correction';
import type { DomainResult } from '../../../../../shared/domain/result';
import { hasBlockingError } from '../../../../../shared/domain/rules/index';
import type { CorrectionBasis, FieldChange } from '../../../../../shared/contracts/pleno.contract';
import {
  getCorrection,
  insertAcceptance,
  insertConflictChoice,
  insertCorrection,
  insertCorrectionDecision,
  insertKejadian,
} from '../../repositories/pleno.repo';
import { sha256Hex } from '../../crypto';
import { detectPhotoExt, storePhoto } from '../photos/photo-store';
import { refuse } from './plenary-errors';
import {
  loadForTps,
  loadSnapshot,
  tpsOrThrow,
  desaOrThrow,
  type PemilihanSnapshot,
  type TpsSnapshot,
} from './plenary-snapshot';
import { requireDecider, requireOperator, sessionAuthority } from './members.service';

export function emitChanged(
  ctx: BackendContext,
  pemilihan: string | null,
  desa: string | null,
  tps: string | null,
): void {
  ctx.events.emit({ type: 'pleno-changed', pemilihan: pemilihan as PemilihanId | null, desa, tps });
}

/** Runs `fn` in an IMMEDIATE transaction (one writer; state re-read inside). */
export function tx<T>(ctx: BackendContext, fn: () => T): T {
  return ctx.db.transaction(fn).immediate();
}

export function assertDesaUnlocked(snap: PemilihanSnapshot, desa: string): void {
  const d = desaOrThrow(snap, desa);
  if (d.locked) {
    refuse(
      'LOCKED',
      `Desa ${d.row.nama} sudah dikunci untuk pemilihan ${snap.pemilihan.nama}; data tidak dapat diubah. Buka kunci desa lebih dulu (dengan alasan).`,
    );
  }
}

function tpsName(t: TpsSnapshot): string {
  return `TPS ${String(t.row.nomor).padStart(3, '0')}`;
}

// ---- Sesuai ----

export function accept(
  ctx: BackendContext,
  input: { tps: string; pemilihan: string; overrideReason?: string },
): { acceptanceId: number } {
  const actor = requireOperator(ctx);
  const id = tx(ctx, () => {
    const snap = loadForTps(ctx, input.pemilihan, input.tps);
    const t = tpsOrThrow(snap, input.tps);
    assertDesaUnlocked(snap, t.row.desa);
    const d = t.derived;
    if (d.base === 'belum-masuk' || d.countedSubmissionId === null)
      refuse('CONFLICT', `${tpsName(t)} belum punya data C.Hasil yang masuk.`);
    if (d.konflik)
      refuse('CONFLICT', `${tpsName(t)} punya kiriman yang berbeda: pilih dulu kiriman yang berlaku (Konflik).`);
    if (d.currentSource?.kind === 'correction') {
      refuse('CONFLICT', `${tpsName(t)} sudah dikoreksi; angka yang berlaku adalah hasil koreksi yang disetujui.`);
    }
    if (d.pendingCorrectionId !== null) {
      refuse('CONFLICT', `${tpsName(t)} punya usulan koreksi #${d.pendingCorrectionId} yang belum diputuskan.`);
    }
    let overrideReason: string | null = null;
    let decidedAs: 'ketua' | 'delegate' | 'operator' = actor.as;
    if (hasBlockingError(t.violations)) {
      overrideReason = input.overrideReason?.trim() || null;
      if (!overrideReason) {
        refuse(
          'INVALID_INPUT',
          `Data ${tpsName(t)} punya ${t.violations.filter((v) => v.severity === 'error').length} galat pemeriksaan. Menerima apa adanya wajib disertai alasan yang dicatat.`,
          'overrideReason',
        );
      }
      decidedAs = requireDecider(ctx, 'Menerima data yang bergalat').as;
    }
    return insertAcceptance(ctx.db, {
      tps: input.tps,
      pemilihan: snap.pemilihan.id,
      submissionId: d.countedSubmissionId!,
      overrideReason,
      decidedBy: actor.nama,
      decidedAs,
      decidedAt: ctx.clock().toISOString(),
    }).id;
  });
  emitChanged(ctx, input.pemilihan, input.tps.slice(0, 10), input.tps);
  return { acceptanceId: id };
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
): CHasilCounts {
  let counts = base;
  for (const c of changes) {
    if (!isCountPath(c.path, pilihanCount))
      refuse('INVALID_INPUT', `Kolom "${c.path}" tidak ada pada formulir C.Hasil.`, c.path);
    counts = setCount(counts, c.path, c.value);
  }
  return counts;
}

function domainOrRefuse<T>(r: DomainResult<T>): T {
  if (!r.ok) return refuse(r.error.code, r.error.message, r.error.field);
  return r.value;
}

export function proposeCorrection(
  ctx: BackendContext,
  input: ProposeInput,
): { correctionId: number; changes: FieldChange[] } {
  const actor = requireOperator(ctx);
  let evidence: { sha256: string; ext: 'jpg' | 'png'; bytes: Uint8Array } | null = null;
  if (input.evidence) {
    const bytes = new Uint8Array(Buffer.from(input.evidence.base64, 'base64'));
    const ext = detectPhotoExt(bytes);
    if (!ext) refuse('INVALID_INPUT', 'Foto bukti harus berupa berkas JPEG atau PNG.', 'evidence');
    evidence = { sha256: sha256Hex(bytes), ext: ext!, bytes };
  }
  const result = tx(ctx, () => {
    const snap = loadForTps(ctx, input.pemilihan, input.tps);
    const t = tpsOrThrow(snap, input.tps);
    const d = t.derived;
    const desaLocked = desaOrThrow(snap, t.row.desa).locked;
    if (!desaLocked) {
      if (!d.current || !d.currentSource) refuse('CONFLICT', `${tpsName(t)} belum punya data C.Hasil untuk dikoreksi.`);
      if (d.konflik)
        refuse('CONFLICT', `${tpsName(t)} punya kiriman yang berbeda: pilih dulu kiriman yang berlaku, lalu koreksi.`);
      if (d.pendingCorrectionId !== null) {
        refuse('CONFLICT', `${tpsName(t)} sudah punya usulan koreksi #${d.pendingCorrectionId} yang belum diputuskan.`);
      }
    }
    const current = d.current ?? refuse('CONFLICT', `${tpsName(t)} belum punya data C.Hasil untuk dikoreksi.`);
    const src = d.currentSource!;
    const at = ctx.clock().toISOString();
    const draft = domainOrRefuse(
      domainProposeCorrection(
        {
          tps: input.tps,
          pemilihan: snap.pemilihan.id,
          base:
            src.kind === 'correction'
              ? { kind: 'correction', id: src.correctionId, counts: current }
              : { kind: 'submission', id: src.submissionId, counts: current },
          counts: applyChanges(current, input.changes, snap.pemilihan.pilihan.length),
          reason: input.reason,
          basis: input.basis,
          basisNote: input.basisNote ?? null,
          evidencePhoto: evidence?.sha256 ?? null,
          proposedBy: actor.nama,
          proposedAt: at,
        },
        {
          pilihanCount: snap.pemilihan.pilihan.length,
          desaLocked,
          currentSource: d.domainSource,
          pilihan: snap.pemilihan.pilihan,
        },
      ),
    );
    if (evidence) {
      storePhoto(ctx, {
        sha256: evidence.sha256,
        ext: evidence.ext,
        bytes: evidence.bytes,
        source: `koreksi ${input.tps}`,
        at,
        actor: actor.nama,
      });
    }
    const { changes, ...row } = draft;
    const c = insertCorrection(ctx.db, row);
    return { correctionId: c.id, changes: changes.map((x) => ({ path: x.path, label: x.label, from: x.a, to: x.b })) };
  });
  emitChanged(ctx, input.pemilihan, input.tps.slice(0, 10), input.tps);
  return result;
}

export function decideCorrection(
  ctx: BackendContext,
  input: { correctionId: number; decision: 'approved' | 'rejected'; reason?: string },
): { correctionId: number; state: 'approved' | 'rejected' } {
  const actor = requireOperator(ctx);
  const c0 =
    getCorrection(ctx.db, input.correctionId) ?? refuse('NOT_FOUND', `Koreksi #${input.correctionId} tidak ditemukan.`);
  tx(ctx, () => {
    const c = getCorrection(ctx.db, input.correctionId)!;
    const snap = loadForTps(ctx, c.pemilihan, c.tps);
    const t = tpsOrThrow(snap, c.tps);
    const under = {
      id: c.id,
      proposedBy: c.proposedBy,
      baseSubmissionId: c.baseSubmissionId,
      baseCorrectionId: c.baseCorrectionId,
      state: correctionState(t.decisions.get(c.id)),
    };
    const at = ctx.clock().toISOString();
    const session = sessionAuthority(ctx);
    const draft = domainOrRefuse(
      input.decision === 'approved'
        ? approveCorrection(under, {
            by: actor.nama,
            at,
            session,
            desaLocked: desaOrThrow(snap, t.row.desa).locked,
            currentSource: t.derived.domainSource,
            reason: input.reason ?? null,
          })
        : rejectCorrection(under, { by: actor.nama, at, session, reason: input.reason ?? '' }),
    );
    insertCorrectionDecision(ctx.db, draft);
  });
  emitChanged(ctx, c0.pemilihan, c0.tps.slice(0, 10), c0.tps);
  return { correctionId: c0.id, state: input.decision };
}

// ---- Konflik ----

export function chooseSubmission(
  ctx: BackendContext,
  input: { tps: string; pemilihan: string; submissionId: number; reason: string },
): { choiceId: number } {
  const actor = requireOperator(ctx);
  const id = tx(ctx, () => {
    const snap = loadForTps(ctx, input.pemilihan, input.tps);
    const t = tpsOrThrow(snap, input.tps);
    assertDesaUnlocked(snap, t.row.desa);
    const s = t.submissions.find((x) => x.id === input.submissionId);
    if (!s) refuse('NOT_FOUND', `Kiriman #${input.submissionId} bukan kiriman untuk ${tpsName(t)}.`);
    if (new Set(t.submissions.map((x) => x.sha256)).size < 2)
      refuse('CONFLICT', `${tpsName(t)} tidak punya kiriman yang berbeda.`);
    if (t.derived.pendingCorrectionId !== null) {
      refuse('CONFLICT', `${tpsName(t)} punya usulan koreksi #${t.derived.pendingCorrectionId} yang belum diputuskan.`);
    }
    const reason = input.reason.trim();
    if (!reason) refuse('INVALID_INPUT', 'Alasan memilih kiriman wajib diisi.', 'reason');
    return insertConflictChoice(ctx.db, {
      tps: input.tps,
      pemilihan: snap.pemilihan.id,
      submissionId: s!.id,
      reason,
      decidedBy: actor.nama,
      decidedAs: actor.as,
      decidedAt: ctx.clock().toISOString(),
    }).id;
  });
  emitChanged(ctx, input.pemilihan, input.tps.slice(0, 10), input.tps);
  return { choiceId: id };
}

// ---- Kejadian khusus ----

export function addKejadian(
  ctx: BackendContext,
  input: { pemilihan?: string; desa?: string; tps?: string; text: string; who?: string },
): { kejadianId: number } {
  const actor = requireOperator(ctx);
  const desa = input.tps ? input.tps.slice(0, 10) : (input.desa ?? null);
  const id = tx(ctx, () => {
    if (input.pemilihan && desa) {
      const snap = loadSnapshot(ctx, input.pemilihan, { desa });
      if (input.tps) tpsOrThrow(snap, input.tps);
      assertDesaUnlocked(snap, desa);
    }
    const at = ctx.clock().toISOString();
    return insertKejadian(ctx.db, {
      at,
      tps: input.tps ?? null,
      desa,
      pemilihan: (input.pemilihan as PemilihanId | undefined) ?? null,
      who: input.who?.trim() || actor.nama,
      text: input.text.trim(),
      recordedBy: actor.nama,
      recordedAt: at,
    }).id;
  });
  emitChanged(ctx, input.pemilihan ?? null, desa, input.tps ?? null);
  return { kejadianId: id };
}
