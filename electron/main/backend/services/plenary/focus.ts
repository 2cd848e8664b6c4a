// What the operator is showing (pemilihan, desa, TPS), held in memory per backend and pushed as `focus-changed`
// so the projector view follows. Not a decision: nothing is written to the database.
import type { BackendContext } from '../../context';
import type { Focus } from '../../../../../shared/contracts/plenary.contract';

export interface FocusStore {
  get(): Focus;
  set(f: Focus): Focus;
}

export function createFocusStore(ctx: BackendContext): FocusStore {
  let focus: Focus = { pemilihan: null, desa: null, tps: null };
  return {
    get: () => focus,
    set(f) {
      const desa = f.tps ? f.tps.slice(0, 10) : f.desa;
      focus = { pemilihan: f.pemilihan, desa, tps: f.tps };
      ctx.events.emit({ type: 'focus-changed', ...focus });
      return focus;
    },
  };
}
