// The one loader of the read model (docs/read-model.md): reads one pemilihan's rows from the repositories with a
// handful of bulk queries (one per table) and hands them to the pure derivation (shared/domain/read-model.ts).
// The recap, the dashboard, the TPS review, the projector, the locks, the decisions and the documents all load
// through here; nothing else derives plenary state. 600 TPS load and derive in about 10 ms.
import type { BackendContext, Db } from '../../context';
import type { DataMaster, PemilihanId, Pilihan } from '../../../../../shared/domain/model';
import {
  derivePemilihanSet,
  pemilihanSet,
  type DesaModel,
  type PemilihanSet,
  type PemilihanModel,
  type TpsModel,
} from '../../../../../shared/domain/read-model';
import { getMeta, loadDataMaster, r17From, type Meta } from '../../repositories/master.repo';
import { listSharedPhotos, listSubmissions, type SubmissionSummary } from '../../repositories/submission.repo';
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
} from '../../repositories/plenary.repo';
import { listWithdrawals } from '../../repositories/sidang.repo';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { integrityCheck, integrityWarning, type IntegrityCheck } from '../integrity/integrity.service';
import { listTunda } from '../../repositories/tunda.repo';
import { stateCache } from '../../db/state-cache';

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

/**
 * The model plus the integrity check it was read under (services/integrity): while the check fails, every reader
 * shows the warning, and the pemilihan is not final (no final document).
 */
export type PemilihanSnapshot = PemilihanModel<StoredRows> & { integrity: IntegrityCheck };
export type DesaSnapshot = DesaModel<StoredRows>;
export type TpsSnapshot = TpsModel<StoredRows>;

const NO_KECAMATAN = 'Belum ada data master kecamatan. Impor data master atau buat demo lebih dulu.';

export function requireMeta(ctx: Pick<BackendContext, 'db'>): Result<Meta> {
  const meta = getMeta(ctx.db);
  return meta ? ok(meta) : fail('NO_KECAMATAN', NO_KECAMATAN);
}

export function requireMaster(ctx: Pick<BackendContext, 'db'>): Result<DataMaster> {
  const master = loadDataMaster(ctx.db);
  return master ? ok(master) : fail('NO_KECAMATAN', NO_KECAMATAN);
}

type PemilihanRef = { id: PemilihanId; nama: string; pilihan: Pilihan[] };

/** The pemilihan asked for, or the master's first when none is named. */
function pemilihanIn(master: DataMaster, id?: string): Result<PemilihanRef> {
  const list = master.pemilihan;
  const found = id === undefined ? list[0] : list.find((p) => p.id === id);
  if (!found) {
    return fail(
      'NOT_FOUND',
      id ? `Pemilihan "${id}" tidak ada dalam data master.` : 'Data master tidak memuat pemilihan.',
    );
  }
  return ok({ id: found.id, nama: found.nama, pilihan: found.pilihan });
}

/** The pemilihan asked for, or the master's first when none is named. */
export function resolvePemilihan(ctx: Pick<BackendContext, 'db'>, id?: string): Result<PemilihanRef> {
  const master = requireMaster(ctx);
  return master.ok ? pemilihanIn(master.value, id) : master;
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
    withdrawals: listWithdrawals(db, f),
    holds: listTunda(db, f),
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
): Result<PemilihanSnapshot> {
  const master = requireMaster(ctx);
  if (!master.ok) return master;
  const pemilihan = pemilihanIn(master.value, pemilihanId);
  if (!pemilihan.ok) return pemilihan;
  const id = pemilihan.value.id;
  if (scope.desa !== undefined) {
    const own = derivePemilihanSet<StoredRows>(
      rowsOf(ctx, master.value, scope.desa),
      listSharedPhotos(ctx.db),
      (x) => x === id,
    );
    return ok(withIntegrity(own[0]!, integrityCheck(ctx)));
  }
  return ok(withIntegrity(wholeSet(ctx, master.value).model(id), integrityCheck(ctx)));
}

/** Several pemilihan of the master (all by default) loaded together: each is read and derived once. */
export function loadSnapshots(
  ctx: Pick<BackendContext, 'db'>,
  ids?: readonly PemilihanId[],
): Result<PemilihanSnapshot[]> {
  const master = requireMaster(ctx);
  if (!master.ok) return master;
  for (const id of ids ?? []) {
    const p = pemilihanIn(master.value, id);
    if (!p.ok) return p;
  }
  const set = wholeSet(ctx, master.value);
  const integrity = integrityCheck(ctx);
  return ok((ids ?? set.ids).map((id) => withIntegrity(set.model(id), integrity)));
}

/**
 * Every pemilihan of the master, derived once per committed database state (db/state-cache.ts): the dashboard, the
 * projector, the next-problem key and the recap asked again without a write in between read the same models, and
 * any write (a decision, an import, another process) makes the next read derive anew. R14 compares a TPS's counted
 * numbers across pemilihan, so every pemilihan is derived; the cross checks only for those asked for.
 */
const cachedSet = stateCache<PemilihanSet<StoredRows>>();

function wholeSet(ctx: Pick<BackendContext, 'db'>, master: DataMaster): PemilihanSet<StoredRows> {
  return cachedSet(ctx.db, () => pemilihanSet<StoredRows>(rowsOf(ctx, master, undefined), listSharedPhotos(ctx.db)));
}

/** The rows of every pemilihan of the master over the same scope (the whole kecamatan, or one desa). */
function rowsOf(ctx: Pick<BackendContext, 'db'>, master: DataMaster, desa: string | undefined) {
  const dibuatWindow = { masterImported: r17From(ctx.db) };
  return master.pemilihan.map((p) => ({
    master,
    pemilihan: { id: p.id, nama: p.nama, pilihan: p.pilihan },
    ...(desa === undefined ? {} : { desa }),
    ...readRows(ctx.db, p.id, desa),
    dibuatWindow,
  }));
}

/**
 * Numbers read are numbers signed: a failed integrity check keeps the pemilihan from being final. A new object: the
 * model itself may be kept for the next read (wholeSet) and is never changed.
 */
function withIntegrity(model: PemilihanModel<StoredRows>, integrity: IntegrityCheck): PemilihanSnapshot {
  const warning = integrityWarning(integrity);
  if (warning === null || model.final === null) return { ...model, integrity };
  return { ...model, integrity, final: { final: false, reasons: [...model.final.reasons, warning] } };
}

/** The snapshot of the desa holding `tps` (the TPS code must be 13 digits; unknown codes are refused later). */
export function loadForTps(ctx: Pick<BackendContext, 'db'>, pemilihan: string, tps: string): Result<PemilihanSnapshot> {
  return loadSnapshot(ctx, pemilihan, { desa: tps.slice(0, 10) });
}

export function findTps(snap: PemilihanSnapshot, tps: string): Result<TpsSnapshot> {
  const t = snap.byTps.get(tps);
  return t ? ok(t) : fail('NOT_FOUND', `TPS ${tps} tidak ada dalam data master.`);
}

export function findDesa(snap: PemilihanSnapshot, desa: string): Result<DesaSnapshot> {
  const d = snap.desa.find((x) => x.row.kode === desa);
  return d ? ok(d) : fail('NOT_FOUND', `Desa ${desa} tidak ada dalam data master.`);
}

/** The TPS and its desa in a snapshot loaded with loadForTps. */
export function findTpsInDesa(snap: PemilihanSnapshot, tps: string): Result<{ t: TpsSnapshot; d: DesaSnapshot }> {
  const t = findTps(snap, tps);
  if (!t.ok) return t;
  const d = findDesa(snap, t.value.row.desa);
  return d.ok ? ok({ t: t.value, d: d.value }) : d;
}
