// Handlers of the import feature (shared/contracts/import.contract.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { importMethods } from '../../../../shared/contracts/import.contract';

export function importHandlers(_ctx: BackendContext): FeatureHandlers<keyof typeof importMethods> {
  return { handlers: {} };
}
