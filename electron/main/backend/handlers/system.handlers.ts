// Handlers of the system feature.
import { ok } from '../../../../shared/contracts/result';
import type { systemMethods } from '../../../../shared/contracts/system.contract';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import { APP_VERSION } from '../version';

export function systemHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof systemMethods> {
  return {
    handlers: {
      'system.info': () =>
        ok({ version: APP_VERSION, mode: ctx.mode, dbPath: ctx.dbPath, dataDir: ctx.dataDir, kecamatan: null, startupError: null }),
    },
  };
}
