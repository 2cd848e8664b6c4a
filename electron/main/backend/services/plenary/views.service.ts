// Read views of the plenary: the dashboard (desa rows of TPS tiles, counts, running totals, next problem), the TPS
// review (counted version, violations, submissions, corrections, objections, kejadian, lock state), the desa view
// and the projector view. Pure assembly over a PemilihanSnapshot; no writes.
import type { BackendContext } from '../../context';
import {
  TILE_STATUSES,
  type CorrectionView,
  type DashboardDesa,
  type DashboardTile,
  type DashboardView,
  type DesaView,
  type Focus,
  type NextProblem,
  type ObjectionBy,
  type ObjectionView,
  type ProjectorView,
  type StatusCounts,
  type TpsReview,
  type VoteTotals,
  type WithdrawnView,
} from '../../../../../shared/contracts/plenary.contract';
import type { CHasilCounts } from '../../../../../shared/domain/model';
import { fieldLabel, getCount } from '../../../../../shared/domain/labels';
import { basisCode } from '../../../../../shared/domain/correction';
import { crossFlags } from '../../../../../shared/domain/cross-checks';
import { receivedAfterHold } from '../../../../../shared/domain/read-model';
import { kejadianViews } from './kejadian.service';
import { type Correction, type Objection, type ObjectionResolution } from '../../repositories/plenary.repo';
import { submissionsOf } from './tps-submissions';
import {
  findDesa,
  findTpsInDesa,
  loadForTps,
  loadSnapshot,
  type DesaSnapshot,
  type PemilihanSnapshot,
  type TpsSnapshot,
} from './plenary-snapshot';
import { ok, type Result } from '../../../../../shared/domain/result';

export const emptyCounts = (): StatusCounts =>
  Object.fromEntries(TILE_STATUSES.map((s) => [s, 0])) as unknown as StatusCounts;

const emptyVotes = (n: number): VoteTotals => ({ paslon: new Array<number>(n).fill(0), sah: 0, tidakSah: 0, total: 0 });

function addVotes(t: VoteTotals, c: CHasilCounts | null): void {
  if (!c) return;
  c.suara.paslon.forEach((v, i) => (t.paslon[i] = (t.paslon[i] ?? 0) + v));
  t.sah += c.suara.sah;
  t.tidakSah += c.suara.tidakSah;
  t.total += c.suara.total;
}

export function tileOf(t: TpsSnapshot): DashboardTile {
  return {
    tps: t.row.kode,
    nomor: t.row.nomor,
    status: t.tile,
    base: t.derived.base,
    konflik: t.derived.konflik,
    sengketa: t.derived.sengketa,
    bermasalah: t.derived.bermasalah,
    errors: t.violations.filter((v) => v.severity === 'error').length,
    warnings: t.violations.filter((v) => v.severity === 'warning').length,
    flags: crossFlags(t.violations),
  };
}

function desaSummary(snap: PemilihanSnapshot, d: DesaSnapshot): DashboardDesa {
  const counts = emptyCounts();
  const totals = emptyVotes(snap.pemilihan.pilihan.length);
  const tiles = d.tps.map((t) => {
    counts[t.tile] += 1;
    // A TPS on hold for PSU/PSS/PSL is not counted until its new result is accepted.
    addVotes(totals, t.derived.tunda ? null : t.derived.current);
    return tileOf(t);
  });
  return {
    kode: d.row.kode,
    nama: d.row.nama,
    tiles,
    counts,
    totals,
    locked: d.locked,
    lockBlockers: d.lockBlockers,
  };
}

const NEEDS_DECISION: Record<string, string> = {
  konflik: 'Dua kiriman berbeda: pilih salah satu',
  sengketa: 'Keberatan belum diselesaikan',
  bermasalah: 'Ada galat pemeriksaan',
  masuk: 'Belum diperiksa pleno',
};

/**
 * The next TPS needing a decision in plenary order, starting after `after` (wrapping), skipping locked desa:
 * first a real problem (konflik, sengketa, bermasalah), else the next one not yet reviewed (masuk).
 */
export function nextProblem(snap: PemilihanSnapshot, after?: string): NextProblem | null {
  const order: { t: TpsSnapshot; desa: string }[] = [];
  for (const d of snap.desa) if (!d.locked) for (const t of d.tps) order.push({ t, desa: d.row.kode });
  if (order.length === 0) return null;
  const start = after ? order.findIndex((o) => o.t.row.kode === after) + 1 : 0;
  for (const wanted of [PROBLEMS, ['masuk']]) {
    for (let k = 0; k < order.length; k += 1) {
      const o = order[(start + k) % order.length]!;
      if (wanted.includes(o.t.tile))
        return { tps: o.t.row.kode, desa: o.desa, status: o.t.tile, reason: NEEDS_DECISION[o.t.tile]! };
    }
  }
  return null;
}

const PROBLEMS: string[] = ['konflik', 'sengketa', 'bermasalah'];

export function dashboardView(ctx: BackendContext, pemilihan?: string): Result<DashboardView> {
  const snap = loadSnapshot(ctx, pemilihan);
  return snap.ok ? ok(dashboardOf(snap.value)) : snap;
}

function dashboardOf(snap: PemilihanSnapshot): DashboardView {
  const counts = emptyCounts();
  const totals = emptyVotes(snap.pemilihan.pilihan.length);
  const desa = snap.desa.map((d) => desaSummary(snap, d));
  let tpsTotal = 0;
  for (const d of desa) {
    for (const s of TILE_STATUSES) counts[s] += d.counts[s];
    d.totals.paslon.forEach((v, i) => (totals.paslon[i] = (totals.paslon[i] ?? 0) + v));
    totals.sah += d.totals.sah;
    totals.tidakSah += d.totals.tidakSah;
    totals.total += d.totals.total;
    tpsTotal += d.tiles.length;
  }
  return {
    kecamatan: snap.kecamatan,
    pemilihanList: snap.pemilihanList,
    pemilihan: snap.pemilihan,
    desa,
    counts,
    tpsTotal,
    totals,
    nextProblem: nextProblem(snap),
    final: snap.final?.final ?? false,
    openObjections: snap.objections.filter((o) => !snap.resolutions.has(o.id)).length,
  };
}

// ---- Review ----

export function byLabel(by: ObjectionBy): string {
  switch (by.kind) {
    case 'saksi':
      return `Saksi paslon nomor urut ${by.paslon}`;
    case 'panwascam':
      return 'Panwaslu Kecamatan';
    default:
      return by.nama;
  }
}

export function objectionByOf(o: Objection): ObjectionBy {
  const r = o.raisedBy;
  if (r.peran === 'saksi') return { kind: 'saksi', paslon: r.paslon ?? 0 };
  if (r.peran === 'panwascam') return { kind: 'panwascam' };
  return { kind: 'lainnya', nama: r.nama ?? (r.peran === 'ppk' ? 'PPK' : 'Lainnya') };
}

/** Recount notes travel inside the resolution's reason (no separate column in 0001). */
export const RECOUNT_MARK = '\nCatatan hitung ulang: ';

export function objectionView(o: Objection, res: ObjectionResolution | undefined): ObjectionView {
  const by = objectionByOf(o);
  let resolution: ObjectionView['resolution'] = null;
  if (res) {
    const i = res.reason.indexOf(RECOUNT_MARK);
    resolution = {
      outcome: res.outcome,
      reason: i >= 0 ? res.reason.slice(0, i) : res.reason,
      recountNote: i >= 0 ? res.reason.slice(i + RECOUNT_MARK.length) : null,
      correctionId: res.correctionId,
      by: res.decidedBy,
      at: res.decidedAt,
    };
  }
  return {
    id: o.id,
    scope: o.scope,
    pemilihan: o.pemilihan,
    desa: o.desa,
    tps: o.tps,
    by,
    byLabel: byLabel(by),
    text: o.text,
    raisedBy: o.recordedBy,
    raisedAt: o.raisedAt,
    state: res ? res.outcome : 'terbuka',
    resolution,
  };
}

function correctionView(
  c: Correction,
  snapT: TpsSnapshot,
  base: CHasilCounts | null,
  pilihan: PemilihanSnapshot['pemilihan']['pilihan'],
): CorrectionView {
  const d = snapT.decisions.get(c.id);
  const b = basisCode(c.basis);
  return {
    id: c.id,
    state: d ? d.decision : 'proposed',
    changes: c.changedFields.map((path) => ({
      path,
      label: fieldLabel(path, pilihan),
      from: base ? getCount(base, path) : 0,
      to: getCount(c.counts, path),
    })),
    reason: c.reason,
    basis: b.basis,
    basisNote: b.note,
    evidencePhoto: c.evidencePhoto,
    proposedBy: c.proposedBy,
    proposedAt: c.proposedAt,
    decidedBy: d?.decidedBy ?? null,
    decidedAt: d?.decidedAt ?? null,
    decisionReason: d?.reason ?? null,
    objectionId: null,
  };
}

function baseCountsOf(t: TpsSnapshot, c: Correction): CHasilCounts | null {
  if (c.baseCorrectionId !== null) return t.corrections.find((x) => x.id === c.baseCorrectionId)?.counts ?? null;
  const s = t.submissions.find((x) => x.id === c.baseSubmissionId);
  return s ? s.counts : null;
}

/** The withdrawal (batalkan) of a TPS's acceptance or conflict choice, as shown on it. */
function withdrawnOf(t: TpsSnapshot, kind: 'acceptance' | 'conflict_choice', id: number): WithdrawnView | null {
  const w = t.withdrawals.find((x) => x.kind === kind && x.targetId === id);
  return w ? { reason: w.reason, by: w.decidedBy, at: w.decidedAt } : null;
}

function holdOf(t: TpsSnapshot): TpsReview['tunda'] {
  const h = t.derived.tunda;
  if (!h) return null;
  const menungguHasilBaru = !receivedAfterHold(h, t.derived.countedSubmissionId);
  return { jenis: h.jenis, dasar: h.dasar, alasan: h.alasan, by: h.decidedBy, at: h.decidedAt, menungguHasilBaru };
}

export function tpsReview(ctx: BackendContext, pemilihan: string, tps: string): Result<TpsReview> {
  const snap = loadForTps(ctx, pemilihan, tps);
  if (!snap.ok) return snap;
  const found = findTpsInDesa(snap.value, tps);
  return found.ok ? ok(tpsReviewOf(ctx, snap.value, found.value.t, found.value.d)) : found;
}

function tpsReviewOf(ctx: BackendContext, snap: PemilihanSnapshot, t: TpsSnapshot, d: DesaSnapshot): TpsReview {
  const tps = t.row.kode;
  const pilihan = snap.pemilihan.pilihan;
  const { submissions, conflictDiff } = submissionsOf(ctx, snap, t);
  const order = snap.order;
  const i = order.indexOf(tps);
  const objections = [...t.objections, ...d.objections].sort((a, b) => a.id - b.id);
  const objectionViews = objections.map((o) => objectionView(o, snap.resolutions.get(o.id)));
  const corrections = t.corrections.map((c) => {
    const v = correctionView(c, t, baseCountsOf(t, c), pilihan);
    const linked = [...snap.resolutions.values()].find((r) => r.correctionId === c.id);
    return linked ? { ...v, objectionId: linked.objectionId } : v;
  });
  const kejadian = kejadianViews(ctx, snap.pemilihan.id).filter(
    (k) => k.tps === tps || (k.tps === null && k.desa === t.row.desa),
  );
  return {
    tps,
    nomor: t.row.nomor,
    desa: { kode: d.row.kode, nama: d.row.nama },
    pemilihan: snap.pemilihan,
    dptMaster: t.dpt,
    status: t.tile,
    base: t.derived.base,
    konflik: t.derived.konflik,
    sengketa: t.derived.sengketa,
    bermasalah: t.derived.bermasalah,
    current: t.derived.current,
    currentSource: t.derived.currentSource,
    violations: t.violations,
    submissions,
    conflictDiff,
    corrections,
    objections: objectionViews,
    kejadian,
    acceptances: t.acceptances.map((a) => ({
      id: a.id,
      submissionId: a.submissionId,
      overrideReason: a.overrideReason,
      by: a.decidedBy,
      at: a.decidedAt,
      withdrawn: withdrawnOf(t, 'acceptance', a.id),
    })),
    conflictChoices: t.choices.map((c) => ({
      id: c.id,
      submissionId: c.submissionId,
      reason: c.reason,
      by: c.decidedBy,
      at: c.decidedAt,
      withdrawn: withdrawnOf(t, 'conflict_choice', c.id),
    })),
    locked: d.locked,
    tunda: holdOf(t),
    prev: i > 0 ? order[i - 1]! : null,
    next: i >= 0 && i < order.length - 1 ? order[i + 1]! : null,
  };
}

export function desaView(ctx: BackendContext, pemilihan: string, desa: string): Result<DesaView> {
  const snap = loadSnapshot(ctx, pemilihan, { desa });
  if (!snap.ok) return snap;
  const d = findDesa(snap.value, desa);
  return d.ok ? ok(desaViewOf(snap.value, d.value)) : d;
}

function desaViewOf(snap: PemilihanSnapshot, d: DesaSnapshot): DesaView {
  const desa = d.row.kode;
  const s = desaSummary(snap, d);
  const objections = snap.objections
    .filter((o) => o.desa === desa)
    .map((o) => objectionView(o, snap.resolutions.get(o.id)));
  return {
    kode: s.kode,
    nama: s.nama,
    pemilihan: snap.pemilihan,
    locked: s.locked,
    lockBlockers: s.lockBlockers,
    counts: s.counts,
    totals: s.totals,
    tiles: s.tiles,
    objections,
    lockEvents: d.lockEvents.map((e) => ({
      id: e.id,
      pemilihan: e.pemilihan,
      desa: e.desa!,
      action: e.action,
      reason: e.reason,
      by: e.decidedBy,
      at: e.decidedAt,
    })),
  };
}

export function projectorView(ctx: BackendContext, focus: Focus): Result<ProjectorView> {
  const loaded = loadSnapshot(ctx, focus.pemilihan ?? undefined);
  if (!loaded.ok) return loaded;
  const snap = loaded.value;
  const dash = dashboardOf(snap);
  const focused = focus.tps ? findTpsInDesa(snap, focus.tps) : null;
  const tps = focused?.ok ? tpsReviewOf(ctx, snap, focused.value.t, focused.value.d) : null;
  const desaKode = focus.desa ?? (tps ? tps.desa.kode : null);
  const d = desaKode ? snap.desa.find((x) => x.row.kode === desaKode) : undefined;
  const desa = d ? desaViewOf(snap, d) : null;
  return ok({
    kecamatan: dash.kecamatan,
    focus: { pemilihan: snap.pemilihan.id, desa: desaKode, tps: tps ? tps.tps : null },
    pemilihan: snap.pemilihan,
    tps,
    desa,
    totals: dash.totals,
    counts: dash.counts,
    tpsTotal: dash.tpsTotal,
    desaProgress: dash.desa.map((x) => ({
      kode: x.kode,
      nama: x.nama,
      settled: x.counts.sesuai + x.counts.dikoreksi,
      total: x.tiles.length,
      locked: x.locked,
    })),
  });
}
