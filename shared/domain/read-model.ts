// The one read model of a pemilihan (docs/read-model.md): from the stored rows of one pemilihan to every TPS's
// state (status, flags, counted version, its rule violations and its trace), every desa's lock state and what blocks
// locking it, and whether the pemilihan is final. The recap JSON, the dashboard, the TPS review, the projector, the
// locks and the documents all read this; nothing else derives plenary state.
//
//   derivePemilihan(rows): PemilihanModel<R>       pure; R = the caller's row types (they only need the fields below)
//   derivePemilihanSet(list, sharedPhotos)          every pemilihan of a master at once, R14 between them
//   pemilihanSet(list, sharedPhotos).model(id)     the same, each pemilihan's cross checks added when first asked
//   recapState(tps): RecapTpsState                  the recap's view of one TPS (shared/domain/recap.ts)
//
// The decisions themselves (current version, konflik, settled, lockable, final) are status.ts's; this file only
// groups rows per TPS/desa and assembles their results.
import { traceOf } from './count-trace';
import { crossIndex, crossViolations, type CrossIndex, type PemilihanRecord } from './cross-checks';
import type { LP, PemilihanId } from './model';
import { tpsCode } from './model';
import type { RecapTpsState } from './recap';
import { deriveTpsState, desaLockable, isSettled, lockState, pemilihanFinal } from './status';
import type {
  DecisionActRowIn,
  DerivedTps,
  DesaModel,
  ObjectionRowIn,
  PemilihanModel,
  PemilihanRows,
  RowTypes,
  TileStatus,
  TpsModel,
  TundaRowIn,
  WithdrawalRowIn,
} from './read-model-types';

export * from './read-model-types';

function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

const NONE: never[] = [];

/** One pemilihan: its TPS, desa and verdict, with R14–R16 against `rows.siblings` and `rows.sharedPhotos`. */
export function derivePemilihan<R extends RowTypes>(rows: PemilihanRows<R>): PemilihanModel<R> {
  return withCrossChecks(deriveOwn(rows), crossOf(rows));
}

/**
 * The `wanted` pemilihan of one master (all by default), with every pemilihan of `list` derived once over the same
 * scope: R14 compares each TPS with the others' counted numbers taken from those same models (the cross checks are
 * warnings and never change what is counted, so this equals derivePemilihan of each with its siblings derived apart,
 * at half the work).
 */
export function derivePemilihanSet<R extends RowTypes>(
  list: readonly Omit<PemilihanRows<R>, 'siblings' | 'sharedPhotos'>[],
  sharedPhotos: PemilihanRows<R>['sharedPhotos'],
  wanted: (id: PemilihanId) => boolean = () => true,
): PemilihanModel<R>[] {
  const set = pemilihanSet(list, sharedPhotos);
  return set.ids.filter(wanted).map((id) => set.model(id));
}

/** Every pemilihan of one master derived once; `model(id)` is that pemilihan with its cross checks. */
export interface PemilihanSet<R extends RowTypes> {
  readonly ids: readonly PemilihanId[];
  model(id: PemilihanId): PemilihanModel<R>;
}

/**
 * derivePemilihanSet, the cross checks added on first asking: a caller keeping the set (the loader's cache of one
 * database state) pays R14–R17 only for the pemilihan it shows. Asking twice returns the same model.
 */
export function pemilihanSet<R extends RowTypes>(
  list: readonly Omit<PemilihanRows<R>, 'siblings' | 'sharedPhotos'>[],
  sharedPhotos: PemilihanRows<R>['sharedPhotos'],
): PemilihanSet<R> {
  const own = list.map((rows) => deriveOwn(rows));
  const done = new Set<number>();
  const model = (id: PemilihanId): PemilihanModel<R> => {
    const i = own.findIndex((m) => m.pemilihan.id === id);
    if (i < 0) throw new Error(`pemilihanSet: unknown pemilihan ${id}`);
    if (done.has(i)) return own[i]!;
    done.add(i);
    return withCrossChecks(own[i]!, crossOf({ ...list[i]!, siblings: siblingCounts(own, i), sharedPhotos }));
  };
  return { ids: own.map((m) => m.pemilihan.id), model };
}

/** The counted numbers of every TPS in the other pemilihan of the set (what R14 compares). */
function siblingCounts(own: readonly PemilihanModel<RowTypes>[], i: number): Map<string, PemilihanRecord[]> {
  const siblings = new Map<string, PemilihanRecord[]>();
  own.forEach((other, j) => {
    if (j === i) return;
    for (const [tps, t] of other.byTps) {
      const counts = t.derived.current;
      if (!counts) continue;
      const list = siblings.get(tps);
      if (list) list.push({ pemilihan: other.pemilihan.id, counts });
      else siblings.set(tps, [{ pemilihan: other.pemilihan.id, counts }]);
    }
  });
  return siblings;
}

/** The TPS's R14–R17 warnings appended to its own violations (they never make a TPS bermasalah). */
function withCrossChecks<R extends RowTypes>(
  model: PemilihanModel<R>,
  cross: ReturnType<typeof crossOf>,
): PemilihanModel<R> {
  for (const t of model.byTps.values()) {
    const more = crossViolations(
      {
        tps: t.row.kode,
        pemilihan: cross.pemilihan,
        current: t.derived.current,
        countedSubmissionId: t.derived.countedSubmissionId,
        counted: t.submissions.find((s) => s.id === t.derived.countedSubmissionId) ?? null,
      },
      cross.ix,
    );
    if (more.length === 0) continue;
    const violations = [...t.violations, ...more];
    t.derived.violations = violations;
    t.violations = violations;
  }
  return model;
}

/** The pemilihan without the cross checks. */
function deriveOwn<R extends RowTypes>(rows: Omit<PemilihanRows<R>, 'siblings' | 'sharedPhotos'>): PemilihanModel<R> {
  const { master, pemilihan } = rows;
  const resolutions = new Map(rows.resolutions.map((r) => [r.objectionId, r]));
  const isOpen = (o: ObjectionRowIn) => !resolutions.has(o.id);
  const group = {
    submissions: groupBy(rows.submissions, (s) => s.tps),
    acceptances: groupBy(rows.acceptances, (a) => a.tps),
    choices: groupBy(rows.choices, (c) => c.tps),
    corrections: groupBy(rows.corrections, (c) => c.tps),
    decisions: new Map(rows.decisions.map((d) => [d.correctionId, d])),
    tpsObjections: groupBy(rows.objections, (o) => (o.scope === 'tps' ? o.tps : null)),
    withdrawals: groupBy(rows.withdrawals ?? NONE, (w) => w.tps),
    holds: groupBy(rows.holds ?? NONE, (h) => h.tps),
  };
  const desaObjections = groupBy(rows.objections, (o) => (o.scope === 'desa' ? o.desa : null));
  const lockEvents = groupBy(rows.lockEvents, (e) => e.desa);
  const byTps = new Map<string, TpsModel<R>>();
  const order: string[] = [];
  const desa: DesaModel<R>[] = [];
  for (const d of master.desa) {
    const codes = d.tps.map((t) => tpsCode(d.kode, t.nomor));
    for (const kode of codes) order.push(kode);
    if (rows.desa !== undefined && d.kode !== rows.desa) continue;
    const tps = d.tps.map((t, i) => {
      const kode = codes[i]!;
      const m = deriveTps<R>(
        { kode, desa: d.kode, nomor: t.nomor },
        t.dpt,
        pemilihan.pilihan.length,
        {
          submissions: group.submissions.get(kode) ?? NONE,
          acceptances: group.acceptances.get(kode) ?? NONE,
          choices: group.choices.get(kode) ?? NONE,
          corrections: group.corrections.get(kode) ?? NONE,
          decisions: group.decisions,
          objections: group.tpsObjections.get(kode) ?? NONE,
          withdrawals: group.withdrawals.get(kode) ?? NONE,
          holds: group.holds.get(kode) ?? NONE,
        },
        isOpen,
      );
      byTps.set(kode, m);
      return m;
    });
    const objections = desaObjections.get(d.kode) ?? NONE;
    const events = lockEvents.get(d.kode) ?? NONE;
    const locked = lockState(events).locked;
    const lockBlockers = locked ? [] : desaLockBlockers(tps, objections.filter(isOpen).length);
    desa.push({ row: { kode: d.kode, nama: d.nama }, tps, objections, locked, lockEvents: events, lockBlockers });
  }
  const scoped = rows.desa !== undefined;
  return {
    kecamatan: { kode: master.kecamatan.kode, nama: master.kecamatan.nama },
    pemilihanList: master.pemilihan.map((p) => ({ id: p.id, nama: p.nama })),
    pemilihan,
    desa,
    byTps,
    order,
    scoped,
    objections: [...rows.objections],
    resolutions,
    final: scoped
      ? null
      : pemilihanFinal(
          desa.map((d) => ({ kode: d.row.kode, nama: d.row.nama, locked: d.locked })),
          rows.objections.filter(isOpen).map((o) => objectionPlace(o, desa)),
        ),
  };
}

/** A TPS's own rows as the model lists them, plus its holds (the model keeps only the one in force). */
type TpsRowsOf<R extends RowTypes> = Pick<
  TpsModel<R>,
  'submissions' | 'acceptances' | 'choices' | 'corrections' | 'decisions' | 'objections' | 'withdrawals'
> & { holds: readonly TundaRowIn[] };

/** The acts still in force: those not withdrawn. */
function inForce<T extends { id: number }>(
  acts: readonly T[],
  withdrawals: readonly WithdrawalRowIn[],
  kind: WithdrawalRowIn['kind'],
): readonly T[] {
  if (withdrawals.length === 0) return acts;
  const gone = new Set(withdrawals.filter((w) => w.kind === kind).map((w) => w.targetId));
  return acts.filter((a) => !gone.has(a.id));
}

/** Whether the submission (by id) arrived after the hold was decided: only such a result can lift the hold. */
export function receivedAfterHold(hold: Pick<TundaRowIn, 'sebelumKiriman'>, submissionId: number | null): boolean {
  return submissionId !== null && submissionId > hold.sebelumKiriman;
}

/** The latest hold of a TPS unless a submission received after it was accepted or chosen since. */
function holdInForce(rows: {
  holds: readonly TundaRowIn[];
  acceptances: readonly DecisionActRowIn[];
  choices: readonly DecisionActRowIn[];
}): TundaRowIn | null {
  const h = rows.holds.at(-1);
  if (!h) return null;
  const newer = (a: DecisionActRowIn) => receivedAfterHold(h, a.submissionId);
  return rows.acceptances.some(newer) || rows.choices.some(newer) ? null : h;
}

/** The inputs of R14–R17 (cross-checks.ts); R14, R16 and R17 find nothing when the caller passed none of theirs. */
function crossOf(
  rows: Pick<PemilihanRows<RowTypes>, 'master' | 'pemilihan' | 'siblings' | 'sharedPhotos' | 'dibuatWindow'>,
): { pemilihan: PemilihanId; ix: CrossIndex } {
  const names = new Map(rows.master.desa.map((d) => [d.kode, d.nama]));
  const shown = (tps: string) => `TPS ${tps.slice(10)} ${names.get(tps.slice(0, 10)) ?? tps.slice(0, 10)}`;
  const ix = crossIndex(rows.siblings ?? new Map(), rows.sharedPhotos ?? [], shown, rows.dibuatWindow ?? null);
  return { pemilihan: rows.pemilihan.id, ix };
}

function deriveTps<R extends RowTypes>(
  row: TpsModel<R>['row'],
  dpt: LP,
  pilihanCount: number,
  rows: TpsRowsOf<R>,
  isOpen: (o: ObjectionRowIn) => boolean,
): TpsModel<R> {
  const { submissions, corrections, decisions, objections } = rows;
  const openObjectionIds = objections.length === 0 ? [] : objections.filter(isOpen).map((o) => o.id);
  const acceptances = inForce(rows.acceptances, rows.withdrawals, 'acceptance');
  const choices = inForce(rows.choices, rows.withdrawals, 'conflict_choice');
  const state = deriveTpsState({
    submissions,
    acceptances,
    choices,
    corrections:
      corrections.length === 0
        ? NONE
        : corrections.map((c) => {
            const d = decisions.get(c.id);
            return { id: c.id, counts: c.counts, decision: d?.decision ?? null, decidedAt: d?.decidedAt ?? null };
          }),
    openObjections: openObjectionIds.length,
    rules: { dptMaster: dpt, pilihanCount },
  });
  const src = state.currentSource;
  let currentSource: DerivedTps['currentSource'] = null;
  if (src.kind === 'correction' && src.id !== null) currentSource = { kind: 'correction', correctionId: src.id };
  else if (src.kind !== 'none' && src.id !== null) currentSource = { kind: 'submission', submissionId: src.id };
  const trace = traceOf({ submissions, corrections, decisions, counted: currentSource });
  const pending = corrections.find((c) => !decisions.has(c.id));
  const countedSubmissionId = trace?.record.submissionId ?? null;
  // R14–R17 (withCrossChecks) are warnings: they never make a TPS bermasalah, only show beside R01–R13.
  const violations = state.violations;
  const derived: DerivedTps = {
    base: state.status,
    konflik: state.flags.konflik,
    sengketa: state.flags.sengketa,
    bermasalah: state.flags.bermasalah,
    current: state.current,
    violations,
    currentSource,
    domainSource: src,
    countedSubmissionId,
    pendingCorrectionId: pending?.id ?? null,
    openObjectionIds,
    tunda: holdInForce({ holds: rows.holds, acceptances, choices }),
  };
  return {
    row,
    dpt,
    submissions,
    acceptances: rows.acceptances,
    choices: rows.choices,
    corrections,
    decisions,
    objections,
    withdrawals: rows.withdrawals,
    derived,
    violations,
    tile: tileOf(derived),
    trace,
  };
}

function tileOf(d: DerivedTps): TileStatus {
  // A rule error needs attention until the plenary settles the TPS (accepting with a reason, or a correction).
  const settled = d.base === 'sesuai' || d.base === 'dikoreksi';
  if (d.tunda) return 'ditunda';
  if (d.konflik) return 'konflik';
  if (d.sengketa) return 'sengketa';
  if (d.bermasalah && !settled) return 'bermasalah';
  return d.base;
}

/** status.ts desaLockable over the desa's TPS, plus corrections still awaiting a decision (a lock would freeze them). */
function desaLockBlockers(tps: readonly TpsModel<RowTypes>[], openOnDesa: number): string[] {
  const check = desaLockable(
    tps.map((t) => ({
      tps: t.row.kode,
      state: {
        status: t.derived.base,
        flags: { konflik: t.derived.konflik, sengketa: t.derived.sengketa, bermasalah: t.derived.bermasalah },
      },
    })),
    openOnDesa,
  );
  const held = tps
    .filter((t) => t.derived.tunda !== null)
    .map(
      (t) =>
        `TPS ${String(t.row.nomor).padStart(3, '0')}: ditunda (${t.derived.tunda!.jenis}), menunggu hasil baru diterima pleno`,
    );
  const pending = tps
    .filter((t) => t.derived.pendingCorrectionId !== null)
    .map((t) => `TPS ${String(t.row.nomor).padStart(3, '0')}: usulan koreksi belum diputuskan`);
  return [...held, ...check.reasons, ...pending];
}

/** What the recap (shared/domain/recap.ts) counts of one TPS. */
export function recapState(t: Pick<TpsModel, 'derived'>): RecapTpsState {
  const d = t.derived;
  // A TPS on hold for PSU/PSS/PSL is not counted (nor settled) until its new result is accepted; it stays masuk
  // when it holds a valid record (docs/design.md §5.1 counts records, not decisions).
  if (d.tunda) return { counted: null, masuk: d.base !== 'belum-masuk', diputuskan: false, konflik: false };
  return {
    counted: d.current,
    // masuk = at least one valid record (konflik TPS count as masuk; base 'masuk' alone does not cover them).
    masuk: d.base !== 'belum-masuk',
    diputuskan: isSettled({ status: d.base }),
    konflik: d.konflik,
  };
}

/** Where an open keberatan is about, in words ("Desa Hampang TPS 003", "Desa Hampang", "prosedur"); never its id. */
function objectionPlace(o: ObjectionRowIn, desa: readonly { row: { kode: string; nama: string } }[]): string {
  const kode = o.tps ? o.tps.slice(0, 10) : o.desa;
  const nama = desa.find((d) => d.row.kode === kode)?.row.nama ?? kode;
  if (o.scope === 'tps' && o.tps) return `Desa ${nama} TPS ${o.tps.slice(10)}`;
  if (o.scope === 'desa' && o.desa) return `Desa ${nama}`;
  return 'prosedur';
}
