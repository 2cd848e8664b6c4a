// Handlers of the system feature: system.info (version, mode, database, the kecamatan of this database or null) and
// system.integrity (what the red banner on every screen reads: services/integrity).
import { ok } from '../../../../shared/contracts/result';
import type { SystemInfo, systemMethods } from '../../../../shared/contracts/system.contract';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import { getMeta } from '../repositories/master.repo';
import { getPenerima } from '../repositories/penerima.repo';
import { formatFingerprint } from '../../../../shared/formats/envelope';
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

function penerimaOf(ctx: BackendContext): SystemInfo['penerima'] {
  const me = getPenerima(ctx.db);
  if (!me) return null;
  return {
    kode: me.kabkotaKode,
    nama: me.kabkotaNama,
    provinsi: me.provinsiNama,
    simulasi: me.simulasi === 1,
    fingerprint: formatFingerprint(me.keyId),
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
          penerima: penerimaOf(ctx),
          startupError: null,
        }),
      'system.integrity': () => ok(integrityView(ctx)),
    },
  };
}
