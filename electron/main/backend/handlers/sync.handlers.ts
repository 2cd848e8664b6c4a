// Handlers of the sync feature (shared/contracts/sync.contract.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { syncMethods } from '../../../../shared/contracts/sync.contract';

export function syncHandlers(_ctx: BackendContext): FeatureHandlers<keyof typeof syncMethods> {
  return { handlers: {} };
}
