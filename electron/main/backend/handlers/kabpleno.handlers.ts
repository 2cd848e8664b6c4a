// Handlers of the kab/kota plenary (shared/contracts/kabpleno.contract.ts). A kecamatan database answers every
// method with a clear sentence instead (the mode is explicit: docs/design.md §4).
import type { kabplenoMethods } from '../../../../shared/contracts/kabpleno.contract';
import { fail, ok, type Result } from '../../../../shared/contracts/result';
import type { BackendContext } from '../context';
import { getPenerima } from '../repositories/penerima.repo';
import { addAnggota, anggotaList, NOT_RECEIVER, setKabPin } from '../services/penerima/pleno/kab-anggota.service';
import {
  acceptKecamatan,
  addKejadian,
  lockKecamatan,
  raiseKeberatan,
  resolveKeberatan,
  unlockKecamatan,
} from '../services/penerima/pleno/kab-decisions.service';
import { decideKabKoreksi, proposeKabKoreksi } from '../services/penerima/pleno/kab-koreksi.service';
import { kabPlenoView } from '../services/penerima/pleno/kab-view';
import type { FeatureHandlers } from './index';

export function kabplenoHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof kabplenoMethods> {
  const receiver = <T>(body: () => Result<T>): Result<T> =>
    getPenerima(ctx.db) ? body() : fail('NO_KECAMATAN', NOT_RECEIVER);
  return {
    handlers: {
      'kabpleno.state': (i) => receiver(() => kabPlenoView(ctx, i.pemilihan)),
      'kabpleno.anggota': () => receiver(() => ok({ anggota: anggotaList(ctx) })),
      'kabpleno.addAnggota': (i) => receiver(() => addAnggota(ctx, i, 'operator')),
      'kabpleno.setPin': (i) => receiver(() => setKabPin(ctx, i)),
      'kabpleno.accept': (i) => receiver(() => acceptKecamatan(ctx, i)),
      'kabpleno.lock': (i) => receiver(() => lockKecamatan(ctx, i)),
      'kabpleno.unlock': (i) => receiver(() => unlockKecamatan(ctx, i)),
      'kabpleno.raiseKeberatan': (i) => receiver(() => raiseKeberatan(ctx, i)),
      'kabpleno.resolveKeberatan': (i) => receiver(() => resolveKeberatan(ctx, i)),
      'kabpleno.addKejadian': (i) => receiver(() => addKejadian(ctx, i)),
      'kabpleno.proposeKoreksi': (i) => receiver(() => proposeKabKoreksi(ctx, i)),
      'kabpleno.decideKoreksi': (i) => receiver(() => decideKabKoreksi(ctx, i)),
    },
  };
}
