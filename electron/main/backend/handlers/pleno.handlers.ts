// Handlers of the pleno feature (shared/contracts/pleno.contract.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { plenoMethods } from '../../../../shared/contracts/pleno.contract';

export function plenoHandlers(_ctx: BackendContext): FeatureHandlers<keyof typeof plenoMethods> {
  return { handlers: {} };
}
