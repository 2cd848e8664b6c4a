// The counted version of every TPS and the recap JSON (DESIGN §5.1), from the stored rows through the domain's
// status derivation (shared/domain/status.ts deriveTpsState) and aggregation (shared/domain/recap.ts buildRecap).
//
//   tpsStates(ctx, pemilihan)       → Map<tps, TpsState> for every TPS of the master (belum-masuk included)
//   currentRecords(ctx, pemilihan)  → Map<tps, CurrentRecord> for TPS with a counted version
//   recap(ctx, pemilihan?)          → RecapJson (null before init)
// One query per table per pemilihan, no per-TPS queries: ~600 TPS recap in a few ms.
import type { BackendContext } from '../../context';
import type { CHasilCounts, DataMaster, PemilihanId } from '../../../../../shared/domain/model';
import { tpsCode } from '../../../../../shared/domain/model';
import { buildRecap, type RecapJson, type RecapTpsState } from '../../../../../shared/domain/recap';
import {
  deriveTpsState,
  isSettled,
  type AcceptanceInput,
  type ChoiceInput,
  type CorrectionInput,
  type SubmissionInput,
  type TpsState,
} from '../../../../../shared/domain/status';
import { loadDataMaster } from '../../repositories/master.repo';
import { listSubmissions } from '../../repositories/submission.repo';
import {
  listAcceptances,
  listConflictChoices,
  listCorrectionDecisions,
  listCorrections,
  listObjectionResolutions,
  listObjections,
} from '../../repositories/pleno.repo';

export interface CurrentRecord {
  tps: string;
  pemilihan: PemilihanId;
  counts: CHasilCounts;
  /** Where the counted version comes from: a correction id, or a submission id. */
  source: TpsState['currentSource'];
  state: TpsState;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** The plenary state of every TPS of the master for one pemilihan. */
export function tpsStates(
  ctx: Pick<BackendContext, 'db'>,
  pemilihan: PemilihanId,
  master?: DataMaster,
): Map<string, TpsState> {
  const m = master ?? loadDataMaster(ctx.db);
  const out = new Map<string, TpsState>();
  if (!m) return out;
  const pem = m.pemilihan.find((p) => p.id === pemilihan);
  if (!pem) return out;
  const db = ctx.db;

  const subs = new Map<string, SubmissionInput[]>();
  for (const s of listSubmissions(db, { pemilihan })) {
    push(subs, s.tps, { id: s.id, sha256: s.sha256, receivedAt: s.receivedAt, counts: s.counts });
  }
  const acc = new Map<string, AcceptanceInput[]>();
  for (const a of listAcceptances(db, { pemilihan }))
    push(acc, a.tps, { id: a.id, submissionId: a.submissionId, decidedAt: a.decidedAt });
  const choices = new Map<string, ChoiceInput[]>();
  for (const c of listConflictChoices(db, { pemilihan }))
    push(choices, c.tps, { id: c.id, submissionId: c.submissionId, decidedAt: c.decidedAt });
  const decisions = new Map(listCorrectionDecisions(db, { pemilihan }).map((d) => [d.correctionId, d]));
  const corr = new Map<string, CorrectionInput[]>();
  for (const c of listCorrections(db, { pemilihan })) {
    const d = decisions.get(c.id);
    push(corr, c.tps, { id: c.id, counts: c.counts, decision: d?.decision ?? null, decidedAt: d?.decidedAt ?? null });
  }
  const resolved = new Set(listObjectionResolutions(db).map((r) => r.objectionId));
  const openObj = new Map<string, number>();
  for (const o of listObjections(db, { pemilihan })) {
    if (o.scope === 'tps' && o.tps !== null && !resolved.has(o.id)) openObj.set(o.tps, (openObj.get(o.tps) ?? 0) + 1);
  }

  const pilihanCount = pem.pilihan.length;
  for (const desa of m.desa) {
    for (const t of desa.tps) {
      const code = tpsCode(desa.kode, t.nomor);
      out.set(
        code,
        deriveTpsState({
          submissions: subs.get(code) ?? [],
          acceptances: acc.get(code) ?? [],
          choices: choices.get(code) ?? [],
          corrections: corr.get(code) ?? [],
          openObjections: openObj.get(code) ?? 0,
          rules: { dptMaster: t.dpt, pilihanCount },
        }),
      );
    }
  }
  return out;
}

/**
 * The version counted per TPS (DESIGN §5.1): latest approved correction, else the plenary-accepted or chosen
 * submission, else the first valid submission. TPS without any record are absent.
 */
export function currentRecords(ctx: Pick<BackendContext, 'db'>, pemilihan: PemilihanId): Map<string, CurrentRecord> {
  const out = new Map<string, CurrentRecord>();
  for (const [tps, state] of tpsStates(ctx, pemilihan)) {
    if (state.current) out.set(tps, { tps, pemilihan, counts: state.current, source: state.currentSource, state });
  }
  return out;
}

/** The recap JSON of DESIGN §5.1 (all pemilihan of the master, or one); null when the database has no master. */
export function recap(ctx: Pick<BackendContext, 'db'>, pemilihan?: PemilihanId): RecapJson | null {
  const m = loadDataMaster(ctx.db);
  if (!m) return null;
  const ids =
    pemilihan === undefined
      ? m.pemilihan.map((p) => p.id)
      : m.pemilihan.filter((p) => p.id === pemilihan).map((p) => p.id);
  const tps: Record<string, Record<string, RecapTpsState>> = {};
  for (const id of ids) {
    const states: Record<string, RecapTpsState> = {};
    for (const [code, st] of tpsStates(ctx, id, m)) {
      // masuk = at least one valid record (konflik TPS count as masuk; status 'masuk' alone does not cover them).
      states[code] = {
        counted: st.current,
        masuk: st.status !== 'belum-masuk',
        diputuskan: isSettled(st),
        konflik: st.flags.konflik,
      };
    }
    tps[id] = states;
  }
  return buildRecap(pemilihan === undefined ? { master: m, tps } : { master: m, tps, pemilihan });
}
