// Handlers of the PSU feature (shared/contracts/psu.contract.ts): holding a TPS for PSU/PSS/PSL, listing the holds.
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { psuMethods } from '../../../../shared/contracts/psu.contract';
import { holdTps, holdViews } from '../services/plenary/tunda.service';

export function psuHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof psuMethods> {
  return {
    handlers: {
      'psu.hold': (i) => holdTps(ctx, i),
      'psu.list': (i) => holdViews(ctx, i.pemilihan),
    },
  };
}
