// The one loader of the read model (docs/read-model.md): reads one pemilihan's rows from the repositories with a
// handful of bulk queries (one per table) and hands them to the pure derivation (shared/domain/read-model.ts).
// The recap, the dashboard, the TPS review, the projector, the locks, the decisions and the documents all load
// through here; nothing else derives plenary state. 600 TPS load and derive in about 10 ms.
import type { BackendContext, Db } from '../../context';
import type { DataMaster, PemilihanId, Pilihan } from '../../../../../shared/domain/model';
import {
  derivePemilihan,
  type DesaModel,
  type PemilihanModel,
  type TpsModel,
} from '../../../../../shared/domain/read-model';
import { getMeta, loadDataMaster, type Meta } from '../../repositories/master.repo';
import { listSubmissions, type SubmissionSummary } from '../../repositories/submission.repo';
import {
  listAcceptances,
  listConflictChoices,
  listCorrectionDecisions,
  listCorrections,
  listLockEvents,
  listObjectionResolutions,
  listObjections,
  type Acceptance,
  type ConflictChoice,
  type Correction,
  type CorrectionDecision,
  type LockEvent,
  type Objection,
  type ObjectionResolution,
} from '../../repositories/pleno.repo';
import { refuse } from './plenary-errors';

/** The stored row types the model carries (the views read their other fields). */
export interface StoredRows {
  submission: SubmissionSummary;
  acceptance: Acceptance;
  choice: ConflictChoice;
  correction: Correction;
  decision: CorrectionDecision;
  objection: Objection;
  resolution: ObjectionResolution;
  lockEvent: LockEvent;
}

export type PemilihanSnapshot = PemilihanModel<StoredRows>;
export type DesaSnapshot = DesaModel<StoredRows>;
export type TpsSnapshot = TpsModel<StoredRows>;

export function requireMeta(ctx: Pick<BackendContext, 'db'>): Meta {
  return (
    getMeta(ctx.db) ??
    refuse('NO_KECAMATAN', 'Belum ada data master kecamatan. Impor data master atau buat demo lebih dulu.')
  );
}

export function requireMaster(ctx: Pick<BackendContext, 'db'>): DataMaster {
  return (
    loadDataMaster(ctx.db) ??
    refuse('NO_KECAMATAN', 'Belum ada data master kecamatan. Impor data master atau buat demo lebih dulu.')
  );
}

/** The pemilihan asked for, or the master's first when none is named. */
export function resolvePemilihan(
  ctx: Pick<BackendContext, 'db'>,
  id?: string,
): { id: PemilihanId; nama: string; pilihan: Pilihan[] } {
  const list = requireMaster(ctx).pemilihan;
  const found =
    (id === undefined ? list[0] : list.find((p) => p.id === id)) ??
    refuse('NOT_FOUND', id ? `Pemilihan "${id}" tidak ada dalam data master.` : 'Data master tidak memuat pemilihan.');
  return { id: found.id, nama: found.nama, pilihan: found.pilihan };
}

/** The rows of one pemilihan (of one desa's TPS with `desa`), one query per table. */
function readRows(db: Db, pemilihan: PemilihanId, desa: string | undefined) {
  const f = desa === undefined ? { pemilihan } : { pemilihan, desa };
  return {
    submissions: listSubmissions(db, f),
    acceptances: listAcceptances(db, f),
    choices: listConflictChoices(db, f),
    corrections: listCorrections(db, f),
    decisions: listCorrectionDecisions(db, f),
    objections: listObjections(db, f),
    resolutions: listObjectionResolutions(db),
    lockEvents: listLockEvents(db, { pemilihan }),
  };
}

/**
 * Loads and derives the pemilihan's state. With `scope.desa`, only that desa's rows are read and derived (a TPS
 * review or a decision touches one desa; the 600-TPS kecamatan is then not re-derived on every key press).
 */
export function loadSnapshot(
  ctx: Pick<BackendContext, 'db'>,
  pemilihanId?: string,
  scope: { desa?: string } = {},
): PemilihanSnapshot {
  const master = requireMaster(ctx);
  const pemilihan = resolvePemilihan(ctx, pemilihanId);
  return derivePemilihan<StoredRows>({
    master,
    pemilihan,
    ...(scope.desa === undefined ? {} : { desa: scope.desa }),
    ...readRows(ctx.db, pemilihan.id, scope.desa),
  });
}

/** The snapshot of the desa holding `tps` (the TPS code must be 13 digits; unknown codes are refused later). */
export function loadForTps(ctx: Pick<BackendContext, 'db'>, pemilihan: string, tps: string): PemilihanSnapshot {
  return loadSnapshot(ctx, pemilihan, { desa: tps.slice(0, 10) });
}

export function tpsOrThrow(snap: PemilihanSnapshot, tps: string): TpsSnapshot {
  return snap.byTps.get(tps) ?? refuse('NOT_FOUND', `TPS ${tps} tidak ada dalam data master.`);
}

export function desaOrThrow(snap: PemilihanSnapshot, desa: string): DesaSnapshot {
  return snap.desa.find((d) => d.row.kode === desa) ?? refuse('NOT_FOUND', `Desa ${desa} tidak ada dalam data master.`);
}
