// Handlers of the receiver's "Flashdisk" screen (shared/contracts/penerima-drive.contract.ts). Only a drive listed
// right now is read; a kecamatan database answers with a clear sentence (the mode is explicit: docs/design.md §4).
import { fail, ok, type Result } from '../../../../shared/contracts/result';
import type { penerimaDriveMethods } from '../../../../shared/contracts/penerima-drive.contract';
import type { BackendContext } from '../context';
import { getPenerima } from '../repositories/penerima.repo';
import { driveParents, listMounts } from '../services/drives/drive-scan';
import { createBundlePeeker, importDriveBundles, listDriveBundles } from '../services/penerima/drive-bundles';
import type { FeatureHandlers } from './index';

const NOT_RECEIVER = 'Basis data ini adalah basis data kecamatan, bukan penerima kabupaten/kota.';

export function penerimaDriveHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof penerimaDriveMethods> {
  const peek = createBundlePeeker();
  const receiver = async <T>(body: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> =>
    getPenerima(ctx.db) ? body() : fail('NO_KECAMATAN', NOT_RECEIVER);
  return {
    handlers: {
      'penerima.driveBundles': () => receiver(() => ok(listDriveBundles(ctx, peek))),
      'penerima.importDrive': (i) =>
        receiver(async () => {
          if (!listMounts(driveParents()).includes(i.root))
            return fail('NOT_FOUND', 'Flashdisk tidak ditemukan; pasang ulang flashdisk lalu coba lagi.');
          return ok(await importDriveBundles(ctx, i.root, peek));
        }),
    },
  };
}
