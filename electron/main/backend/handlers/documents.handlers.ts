// Handlers of the documents feature (shared/contracts/documents.contract.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { documentsMethods } from '../../../../shared/contracts/documents.contract';

export function documentsHandlers(_ctx: BackendContext): FeatureHandlers<keyof typeof documentsMethods> {
  return { handlers: {} };
}
