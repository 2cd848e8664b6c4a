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

/** What every served wilayah shows: its code, name, provinsi, and whether it is a simulation (stored 0/1). */
const served = (kode: string, nama: string, provinsi: string, simulasi: number) => ({
  kode,
  nama,
  provinsi,
  simulasi: simulasi === 1,
});

/** The kecamatan of this database (its data master), or null before one is imported. */
function kecamatanOf(ctx: BackendContext): SystemInfo['kecamatan'] {
  const m = getMeta(ctx.db);
  return m ? { ...served(m.kecamatanKode, m.kecamatanNama, m.provinsiNama, m.simulasi), kabkota: m.kabkotaNama } : null;
}

/** The kab/kota this database receives for (a KPU receiver), or null. */
function penerimaOf(ctx: BackendContext): SystemInfo['penerima'] {
  const me = getPenerima(ctx.db);
  return me
    ? {
        ...served(me.kabkotaKode, me.kabkotaNama, me.provinsiNama, me.simulasi),
        fingerprint: formatFingerprint(me.keyId),
      }
    : null;
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
