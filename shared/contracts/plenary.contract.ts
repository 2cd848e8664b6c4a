// Contract methods of the plenary (pleno) feature: dashboard, TPS review, decisions, locks, members, focus, recap.
// View models are plain JSON, computed by electron/main/backend/services/plenary; the renderer only displays them.
import type { CrossCode } from '../domain/cross-checks';
import { z } from 'zod';
import { method, type MethodDef } from './method';
import type { PemilihanId, Pilihan } from '../domain/model';
import type { RecapJson } from '../domain/recap';
import { CORRECTION_BASES, CORRECTION_BASIS_LABELS, type CorrectionBasis } from '../domain/correction';

import { TILE_STATUSES, type TileStatus } from '../domain/read-model';
import { pinInput, plenarySessionMethods } from './plenary-session.contract';

export type { SidangView, WithdrawnView } from './plenary-session.contract';

// ---- Shared pieces ----

/** What a TPS tile shows (derived by the read model, shared/domain/read-model.ts). */
export { TILE_STATUSES, type TileStatus };

export type StatusCounts = Record<TileStatus, number>;

export interface VoteTotals {
  /** Votes per choice, index i = nomor urut i+1. */
  paslon: number[];
  sah: number;
  tidakSah: number;
  total: number;
}

export interface PemilihanSummary {
  id: PemilihanId;
  nama: string;
  pilihan: Pilihan[];
}

export interface Member {
  /** Index in the data master's `ppk` list (stable id). */
  id: number;
  nama: string;
  jabatan: string;
  ketua: boolean;
  /** The ketua has delegated approvals to this member (recorded decision). */
  delegate: boolean;
  /** A PIN is set for this member (deciders confirm decisions with it). */
  pin: boolean;
}

export interface OperatorSession {
  id: number;
  member: Member;
  startedAt: string;
}

/** Who raised an objection. */
export type ObjectionBy = { kind: 'saksi'; paslon: number } | { kind: 'panwascam' } | { kind: 'lainnya'; nama: string };

export type ObjectionScope = 'tps' | 'desa' | 'prosedur';

export { CORRECTION_BASES, CORRECTION_BASIS_LABELS, type CorrectionBasis };

export interface FieldChange {
  path: string;
  label: string;
  from: number;
  to: number;
}

// ---- Dashboard ----

export interface DashboardTile {
  tps: string;
  nomor: number;
  status: TileStatus;
  /** Base status without flags. */
  base: 'belum-masuk' | 'masuk' | 'sesuai' | 'dikoreksi';
  konflik: boolean;
  sengketa: boolean;
  bermasalah: boolean;
  errors: number;
  warnings: number;
  /** The cross checks R14–R17 (shared/domain/cross-checks.ts) its counted version breaks: flags on the tile. */
  flags: CrossCode[];
}

export interface DashboardDesa {
  kode: string;
  nama: string;
  tiles: DashboardTile[];
  counts: StatusCounts;
  /** Votes of the counted versions of this desa's TPS. */
  totals: VoteTotals;
  locked: boolean;
  /** Why the desa cannot be locked now (empty when it can). */
  lockBlockers: string[];
}

export interface NextProblem {
  tps: string;
  desa: string;
  status: TileStatus;
  reason: string;
}

export interface DashboardView {
  kecamatan: { kode: string; nama: string };
  pemilihanList: { id: PemilihanId; nama: string }[];
  pemilihan: PemilihanSummary;
  desa: DashboardDesa[];
  counts: StatusCounts;
  tpsTotal: number;
  totals: VoteTotals;
  nextProblem: NextProblem | null;
  /** The pemilihan is final for the kecamatan: every desa locked, no keberatan open (shared/domain/status.ts). */
  final: boolean;
  openObjections: number;
}

// ---- TPS review: plenary-review.contract.ts ----

export type * from './plenary-review.contract';
import type { ObjectionView, KejadianView, TpsReview } from './plenary-review.contract';

export interface LockEventView {
  id: number;
  pemilihan: PemilihanId;
  desa: string;
  action: 'lock' | 'unlock';
  reason: string | null;
  by: string;
  at: string;
}

export interface DesaView {
  kode: string;
  nama: string;
  pemilihan: PemilihanSummary;
  locked: boolean;
  lockBlockers: string[];
  counts: StatusCounts;
  totals: VoteTotals;
  tiles: DashboardTile[];
  objections: ObjectionView[];
  lockEvents: LockEventView[];
}

export interface MembersView {
  members: Member[];
  session: OperatorSession | null;
}

export interface Focus {
  pemilihan: PemilihanId | null;
  desa: string | null;
  tps: string | null;
}

/** What the projector shows: the focused TPS or desa (read-only), plus running totals. */
export interface ProjectorView {
  kecamatan: { kode: string; nama: string };
  focus: Focus;
  pemilihan: PemilihanSummary;
  tps: TpsReview | null;
  desa: DesaView | null;
  totals: VoteTotals;
  counts: StatusCounts;
  tpsTotal: number;
  /** Per desa in plenary order: TPS settled of total, locked. */
  desaProgress: { kode: string; nama: string; settled: number; total: number; locked: boolean }[];
}

// ---- Inputs ----

const pemilihanId = z.enum(['gubernur', 'bupati', 'walikota']);
const tpsKode = z.string().regex(/^\d{13}$/, 'kode TPS 13 digit');
const desaKode = z.string().regex(/^\d{10}$/, 'kode desa 10 digit');
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const reason = text(3, 2000);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const dashboardInput = z.object({ pemilihan: pemilihanId.optional() }).strict();
const tpsInput = z.object({ tps: tpsKode, pemilihan: pemilihanId }).strict();
const desaInput = z.object({ desa: desaKode, pemilihan: pemilihanId }).strict();
const photoInput = z.object({ sha256 }).strict();
const noInput = z.object({}).strict();
const startSessionInput = z.object({ member: z.number().int().min(0) }).strict();
const delegateInput = z
  .object({
    member: z.number().int().min(0),
    active: z.boolean(),
    reason: text(0, 2000).optional(),
    /** The ketua's PIN: a delegation hands on the right to decide, so it is confirmed like a decision. */
    pin: pinInput.optional(),
  })
  .strict();
const acceptInput = z
  .object({ tps: tpsKode, pemilihan: pemilihanId, overrideReason: reason.optional(), pin: pinInput.optional() })
  .strict();
const proposeCorrectionInput = z
  .object({
    tps: tpsKode,
    pemilihan: pemilihanId,
    changes: z
      .array(z.object({ path: z.string().min(1).max(64), value: z.number().int().min(0).max(9999) }).strict())
      .min(1),
    reason,
    basis: z.enum(CORRECTION_BASES),
    basisNote: text(0, 2000).optional(),
    /** Evidence photo (a photo of the corrected sheet): base64 of a JPEG or PNG. */
    evidence: z
      .object({ base64: z.string().min(8).max(30_000_000), ext: z.enum(['jpg', 'png']) })
      .strict()
      .optional(),
    objectionId: z.number().int().positive().optional(),
  })
  .strict();
const decideCorrectionInput = z
  .object({
    correctionId: z.number().int().positive(),
    decision: z.enum(['approved', 'rejected']),
    reason: text(0, 2000).optional(),
    pin: pinInput.optional(),
  })
  .strict();
const objectionByInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saksi'), paslon: z.number().int().min(1).max(20) }).strict(),
  z.object({ kind: z.literal('panwascam') }).strict(),
  z.object({ kind: z.literal('lainnya'), nama: text(2, 200) }).strict(),
]);
const raiseObjectionInput = z
  .object({
    scope: z.enum(['tps', 'desa', 'prosedur']),
    pemilihan: pemilihanId.optional(),
    desa: desaKode.optional(),
    tps: tpsKode.optional(),
    by: objectionByInput,
    text: text(3, 4000),
  })
  .strict();
const resolveObjectionInput = z
  .object({
    objectionId: z.number().int().positive(),
    outcome: z.enum(['diterima', 'ditolak']),
    reason,
    correctionId: z.number().int().positive().optional(),
    recountNote: text(0, 2000).optional(),
    pin: pinInput.optional(),
  })
  .strict();
const kejadianInput = z
  .object({
    pemilihan: pemilihanId.optional(),
    desa: desaKode.optional(),
    tps: tpsKode.optional(),
    text: text(3, 4000),
  })
  .strict();
const chooseSubmissionInput = z
  .object({ tps: tpsKode, pemilihan: pemilihanId, submissionId: z.number().int().positive(), reason })
  .strict();
const lockInput = z.object({ desa: desaKode, pemilihan: pemilihanId, pin: pinInput.optional() }).strict();
const unlockInput = z.object({ desa: desaKode, pemilihan: pemilihanId, reason, pin: pinInput.optional() }).strict();
const focusInput = z
  .object({ pemilihan: pemilihanId.nullable(), desa: desaKode.nullable(), tps: tpsKode.nullable() })
  .strict();
const recapInput = z.object({ pemilihan: pemilihanId.optional() }).strict();
const listInput = z.object({ pemilihan: pemilihanId.optional() }).strict();
const nextInput = z.object({ pemilihan: pemilihanId, after: tpsKode.optional() }).strict();

export const plenaryMethods = {
  'plenary.dashboard': method<typeof dashboardInput, DashboardView>(dashboardInput),
  'plenary.tps': method<typeof tpsInput, TpsReview>(tpsInput),
  /** The next TPS needing a decision after `after` (problems first, then unreviewed), wrapping; null when none. */
  'plenary.nextProblem': method<typeof nextInput, NextProblem | null>(nextInput),
  'plenary.desa': method<typeof desaInput, DesaView>(desaInput),
  'plenary.photo': method<typeof photoInput, { sha256: string; mime: string; base64: string }>(photoInput),
  'plenary.members': method<typeof noInput, MembersView>(noInput),
  'plenary.startSession': method<typeof startSessionInput, OperatorSession>(startSessionInput),
  'plenary.delegate': method<typeof delegateInput, MembersView>(delegateInput),
  'plenary.accept': method<typeof acceptInput, { acceptanceId: number }>(acceptInput),
  'plenary.proposeCorrection': method<typeof proposeCorrectionInput, { correctionId: number; changes: FieldChange[] }>(
    proposeCorrectionInput,
  ),
  'plenary.decideCorrection': method<
    typeof decideCorrectionInput,
    { correctionId: number; state: 'approved' | 'rejected' }
  >(decideCorrectionInput),
  'plenary.raiseObjection': method<typeof raiseObjectionInput, { objectionId: number }>(raiseObjectionInput),
  'plenary.resolveObjection': method<typeof resolveObjectionInput, { resolutionId: number }>(resolveObjectionInput),
  'plenary.objections': method<typeof listInput, ObjectionView[]>(listInput),
  'plenary.addKejadian': method<typeof kejadianInput, { kejadianId: number }>(kejadianInput),
  'plenary.kejadian': method<typeof listInput, KejadianView[]>(listInput),
  'plenary.chooseSubmission': method<typeof chooseSubmissionInput, { choiceId: number }>(chooseSubmissionInput),
  'plenary.lockDesa': method<typeof lockInput, { lockEventId: number; final: boolean }>(lockInput),
  'plenary.unlockDesa': method<typeof unlockInput, { lockEventId: number }>(unlockInput),
  'plenary.setFocus': method<typeof focusInput, Focus>(focusInput),
  'plenary.focus': method<typeof noInput, Focus>(noInput),
  'plenary.projector': method<typeof noInput, ProjectorView | null>(noInput),
  'plenary.recap': method<typeof recapInput, RecapJson>(recapInput),
  ...plenarySessionMethods,
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;

export type PlenaryInput<M extends keyof typeof plenaryMethods> = z.input<(typeof plenaryMethods)[M]['input']>;
