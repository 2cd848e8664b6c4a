// A read snapshot of one pemilihan for the plenary: the master (desa, TPS, choices) and, per TPS, every submission and
// decision row with the state derived from them by the domain (shared/domain/status.ts) and the rule check of the
// counted version. Built with a handful of bulk queries, so the 600-TPS dashboard stays fast.
import type { BackendContext } from '../../context';
import type { CHasilCounts, LP, PemilihanId, Pilihan } from '../../../../../shared/domain/model';
import type { Violation } from '../../../../../shared/domain/rules/index';
import {
  listDesa,
  listPemilihan,
  listPilihan,
  listTps,
  readMeta,
  submissionsOf,
  submissionsOfDesa,
  type DesaRow,
  type MetaRow,
  type PemilihanRow,
  type SubmissionRow,
  type TpsRow,
} from '../../repositories/plenary-extra.repo';
import {
  listAcceptances,
  listConflictChoices,
  listCorrectionDecisions,
  listCorrections,
  listLockEvents,
  listObjectionResolutions,
  listObjections,
  type LockEvent,
  type Objection,
  type ObjectionResolution,
} from '../../repositories/pleno.repo';
import type { TileStatus } from '../../../../../shared/contracts/pleno.contract';
import { deriveTps, type DerivedTps, type TpsStateRows } from './tps-state';
import { lockState } from '../../../../../shared/domain/status';
import { refuse } from './plenary-errors';

/** The TPS's rows (objections: those about this TPS, scope tps) and what is derived from them. */
export interface TpsSnapshot extends Omit<TpsStateRows, 'resolutions'> {
  row: TpsRow;
  dpt: LP;
  derived: DerivedTps;
  violations: Violation[];
  tile: TileStatus;
}

export interface DesaSnapshot {
  row: DesaRow;
  tps: TpsSnapshot[];
  /** Objections about the desa itself (scope desa). */
  objections: Objection[];
  locked: boolean;
  lockEvents: LockEvent[];
}

export interface PemilihanSnapshot {
  meta: MetaRow;
  pemilihanList: PemilihanRow[];
  pemilihan: { id: PemilihanId; nama: string; pilihan: Pilihan[] };
  /** Every desa, or only the one asked for (`loadSnapshot(..., { desa })`). */
  desa: DesaSnapshot[];
  byTps: Map<string, TpsSnapshot>;
  /** Every TPS code of the kecamatan in plenary order (desa order, then TPS number), also when scoped to one desa. */
  order: string[];
  /** True when only one desa was loaded: totals, counts and next problem need a full snapshot. */
  scoped: boolean;
  /** Every objection of this pemilihan (or of all pemilihan), with resolutions by objection id. */
  objections: Objection[];
  resolutions: Map<number, ObjectionResolution>;
}

export function requireMeta(ctx: BackendContext): MetaRow {
  return (
    readMeta(ctx.db) ??
    refuse('NO_KECAMATAN', 'Belum ada data master kecamatan. Impor data master atau buat demo lebih dulu.')
  );
}

export function resolvePemilihan(ctx: BackendContext, id?: string): PemilihanRow {
  const list = listPemilihan(ctx.db);
  const found = id === undefined ? list[0] : list.find((p) => p.id === id);
  return (
    found ??
    refuse('NOT_FOUND', id ? `Pemilihan "${id}" tidak ada dalam data master.` : 'Data master tidak memuat pemilihan.')
  );
}

export function pilihanOf(ctx: BackendContext, pemilihan: string): Pilihan[] {
  return listPilihan(ctx.db, pemilihan).map((p) =>
    p.kind === 'kolom-kosong'
      ? { nomor: p.nomor, nama: p.nama, kind: 'kolom-kosong' as const }
      : { nomor: p.nomor, nama: p.nama },
  );
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/**
 * Loads the pemilihan's state. With `scope.desa`, only that desa's rows are read and derived (a TPS review or a
 * decision touches one desa; the 600-TPS kecamatan is then not re-derived on every key press).
 */
export function loadSnapshot(
  ctx: BackendContext,
  pemilihanId?: string,
  scope: { desa?: string } = {},
): PemilihanSnapshot {
  const db = ctx.db;
  const meta = requireMeta(ctx);
  const p = resolvePemilihan(ctx, pemilihanId);
  const pid = p.id as PemilihanId;
  const pilihan = pilihanOf(ctx, pid);
  const only = scope.desa;
  const f = only ? { pemilihan: pid, desa: only } : { pemilihan: pid };
  const subs = groupBy(only ? submissionsOfDesa(db, pid, only) : submissionsOf(db, pid), (s) => s.tps);
  const acc = groupBy(listAcceptances(db, f), (a) => a.tps);
  const cho = groupBy(listConflictChoices(db, f), (c) => c.tps);
  const cor = groupBy(listCorrections(db, f), (c) => c.tps);
  const decisions = new Map(listCorrectionDecisions(db, f).map((d) => [d.correctionId, d]));
  const objections = listObjections(db, f);
  const resolutions = new Map(listObjectionResolutions(db).map((r) => [r.objectionId, r]));
  const tpsObj = groupBy(
    objections.filter((o) => o.scope === 'tps' && o.tps),
    (o) => o.tps!,
  );
  const desaObj = groupBy(
    objections.filter((o) => o.scope === 'desa' && o.desa),
    (o) => o.desa!,
  );
  const lockEvents = groupBy(
    listLockEvents(db, { pemilihan: pid }).filter((e) => e.desa !== null),
    (e) => e.desa!,
  );
  const allTps = listTps(db);
  const tpsByDesa = groupBy(allTps, (t) => t.desa);
  const byTps = new Map<string, TpsSnapshot>();
  const desaRows = listDesa(db).filter((d) => !only || d.kode === only);
  const desa: DesaSnapshot[] = desaRows.map((d) => {
    const tps = (tpsByDesa.get(d.kode) ?? []).map((row) => {
      const t = buildTps(row, pilihan.length, {
        submissions: subs.get(row.kode) ?? [],
        acceptances: acc.get(row.kode) ?? [],
        choices: cho.get(row.kode) ?? [],
        corrections: cor.get(row.kode) ?? [],
        decisions,
        objections: tpsObj.get(row.kode) ?? [],
        resolutions,
      });
      byTps.set(row.kode, t);
      return t;
    });
    const events = lockEvents.get(d.kode) ?? [];
    return {
      row: d,
      tps,
      objections: desaObj.get(d.kode) ?? [],
      locked: lockState(events).locked,
      lockEvents: events,
    };
  });
  return {
    meta,
    pemilihanList: listPemilihan(db),
    pemilihan: { id: pid, nama: p.nama, pilihan },
    desa,
    byTps,
    order: allTps.map((t) => t.kode),
    scoped: only !== undefined,
    objections,
    resolutions,
  };
}

function buildTps(row: TpsRow, pilihanCount: number, rows: TpsStateRows): TpsSnapshot {
  const dpt = { l: row.dptL, p: row.dptP };
  const derived = deriveTps(rows, { dptMaster: dpt, pilihanCount });
  const settled = derived.base === 'sesuai' || derived.base === 'dikoreksi';
  // A rule error needs attention until the plenary settles the TPS (accepting with a reason, or a correction).
  const bermasalah = derived.bermasalah && !settled;
  const tile: TileStatus = derived.konflik
    ? 'konflik'
    : derived.sengketa
      ? 'sengketa'
      : bermasalah
        ? 'bermasalah'
        : derived.base;
  return {
    row,
    dpt,
    submissions: rows.submissions,
    acceptances: rows.acceptances,
    choices: rows.choices,
    corrections: rows.corrections,
    decisions: rows.decisions,
    objections: rows.objections,
    derived,
    violations: derived.violations,
    tile,
  };
}

export function countsOfSubmission(s: SubmissionRow): CHasilCounts {
  return JSON.parse(s.countsJson) as CHasilCounts;
}

/** The snapshot of the desa holding `tps` (the TPS code must be 13 digits; unknown codes are refused later). */
export function loadForTps(ctx: BackendContext, pemilihan: string, tps: string): PemilihanSnapshot {
  return loadSnapshot(ctx, pemilihan, { desa: tps.slice(0, 10) });
}

export function tpsOrThrow(snap: PemilihanSnapshot, tps: string): TpsSnapshot {
  return snap.byTps.get(tps) ?? refuse('NOT_FOUND', `TPS ${tps} tidak ada dalam data master.`);
}

export function desaOrThrow(snap: PemilihanSnapshot, desa: string): DesaSnapshot {
  return snap.desa.find((d) => d.row.kode === desa) ?? refuse('NOT_FOUND', `Desa ${desa} tidak ada dalam data master.`);
}
