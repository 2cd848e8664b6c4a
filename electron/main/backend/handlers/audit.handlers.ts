// Handlers of the audit feature (shared/contracts/audit.contract.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { auditMethods } from '../../../../shared/contracts/audit.contract';

export function auditHandlers(_ctx: BackendContext): FeatureHandlers<keyof typeof auditMethods> {
  return { handlers: {} };
}
