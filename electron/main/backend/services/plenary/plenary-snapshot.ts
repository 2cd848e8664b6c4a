// The one loader of the read model (docs/read-model.md): reads one pemilihan's rows from the repositories with a
// handful of bulk queries (one per table) and hands them to the pure derivation (shared/domain/read-model.ts).
// The recap, the dashboard, the TPS review, the projector, the locks, the decisions and the documents all load
// through here; nothing else derives plenary state. 600 TPS load and derive in about 10 ms.
import type { BackendContext, Db } from '../../context';
import type { DataMaster, PemilihanId, Pilihan } from '../../../../../shared/domain/model';
import {
  derivePemilihanSet,
  type DesaModel,
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
  return ok(deriveSet(ctx, master.value, [pemilihan.value.id], scope.desa)[0]!);
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
  return ok(deriveSet(ctx, master.value, ids ?? master.value.pemilihan.map((p) => p.id), undefined));
}

/**
 * R14 compares a TPS's counted numbers across pemilihan: every pemilihan of the master is read and derived over the
 * same scope (read-model.ts derivePemilihanSet), the `ids` asked for are returned in that order.
 */
function deriveSet(
  ctx: Pick<BackendContext, 'db'>,
  master: DataMaster,
  ids: readonly PemilihanId[],
  desa: string | undefined,
): PemilihanSnapshot[] {
  const dibuatWindow = { masterImported: r17From(ctx.db) };
  const models = derivePemilihanSet<StoredRows>(
    master.pemilihan.map((p) => ({
      master,
      pemilihan: { id: p.id, nama: p.nama, pilihan: p.pilihan },
      ...(desa === undefined ? {} : { desa }),
      ...readRows(ctx.db, p.id, desa),
      dibuatWindow,
    })),
    listSharedPhotos(ctx.db),
    (id) => ids.includes(id),
  );
  const integrity = integrityCheck(ctx);
  return ids.map((id) =>
    withIntegrity(
      models.find((m) => m.pemilihan.id === id)!,
      integrity,
    ),
  );
}

/** Numbers read are numbers signed: a failed integrity check keeps the pemilihan from being final. */
function withIntegrity(model: PemilihanModel<StoredRows>, integrity: IntegrityCheck): PemilihanSnapshot {
  const warning = integrityWarning(integrity);
  if (warning === null || model.final === null) return Object.assign(model, { integrity });
  return Object.assign(model, { integrity, final: { final: false, reasons: [...model.final.reasons, warning] } });
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
