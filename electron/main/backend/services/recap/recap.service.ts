// The recap JSON of `pleno recap --json` (docs/design.md §5.1, a contract: keep its bytes): the read model of each
// pemilihan (services/plenary/plenary-snapshot.ts) aggregated by the domain (shared/domain/recap.ts buildRecap).
import type { BackendContext } from '../../context';
import type { PemilihanId } from '../../../../../shared/domain/model';
import { buildRecap, type RecapJson, type RecapTpsState } from '../../../../../shared/domain/recap';
import { recapState } from '../../../../../shared/domain/read-model';
import { loadDataMaster } from '../../repositories/master.repo';
import { loadSnapshots, type PemilihanSnapshot } from '../plenary/plenary-snapshot';

/** The recap's per-TPS states of one loaded pemilihan. */
export function recapStates(snap: PemilihanSnapshot): Record<string, RecapTpsState> {
  const out: Record<string, RecapTpsState> = {};
  for (const [code, t] of snap.byTps) out[code] = recapState(t);
  return out;
}

/**
 * The recap JSON (all pemilihan of the master, or one); null when the database has no master. `snaps`: models
 * already loaded by the caller (the documents build the recap from the same model as their lampiran).
 */
export function recap(
  ctx: Pick<BackendContext, 'db'>,
  pemilihan?: PemilihanId,
  snaps: readonly PemilihanSnapshot[] = [],
): RecapJson | null {
  const m = loadDataMaster(ctx.db);
  if (!m) return null;
  const ids = m.pemilihan.filter((p) => pemilihan === undefined || p.id === pemilihan).map((p) => p.id);
  const given = (id: PemilihanId) => snaps.find((s) => s.pemilihan.id === id && !s.scoped);
  // The pemilihan not given are loaded together (each read and derived once, R14 between them).
  const missing = ids.filter((id) => !given(id));
  let loaded: readonly PemilihanSnapshot[] = [];
  if (missing.length > 0) {
    const r = loadSnapshots(ctx, missing);
    if (!r.ok) return null;
    loaded = r.value;
  }
  const tps: Record<string, Record<string, RecapTpsState>> = {};
  for (const id of ids) {
    const snap = given(id) ?? loaded.find((s) => s.pemilihan.id === id);
    if (!snap) return null;
    tps[id] = recapStates(snap);
  }
  return buildRecap(pemilihan === undefined ? { master: m, tps } : { master: m, tps, pemilihan });
}
