// Handlers of the system feature: system.info (version, mode, database, the kecamatan of this database or null) and
// system.integrity (what the red banner on every screen reads: services/integrity).
import { ok } from '../../../../shared/contracts/result';
import type { SystemInfo, systemMethods } from '../../../../shared/contracts/system.contract';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import { getMeta } from '../repositories/master.repo';
import { APP_VERSION } from '../version';
import { integrityView } from '../services/integrity/integrity-view';

function kecamatanOf(ctx: BackendContext): SystemInfo['kecamatan'] {
  const meta = getMeta(ctx.db);
  if (!meta) return null;
  return {
    kode: meta.kecamatanKode,
    nama: meta.kecamatanNama,
    kabkota: meta.kabkotaNama,
    provinsi: meta.provinsiNama,
    simulasi: meta.simulasi === 1,
  };
}

export function systemHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof systemMethods> {
  return {
    handlers: {
      'system.info': () =>
        ok({
          version: APP_VERSION,
          mode: ctx.mode,
          dbPath: ctx.dbPath,
          dataDir: ctx.dataDir,
          kecamatan: kecamatanOf(ctx),
          startupError: null,
        }),
      'system.integrity': () => ok(integrityView(ctx)),
    },
  };
}
