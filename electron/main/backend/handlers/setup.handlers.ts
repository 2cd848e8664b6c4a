// Handlers of the setup feature (shared/contracts/setup.contract.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { setupMethods } from '../../../../shared/contracts/setup.contract';

export function setupHandlers(_ctx: BackendContext): FeatureHandlers<keyof typeof setupMethods> {
  return { handlers: {} };
}
