// The §4 receiver started beside the app for a receiver (kab/kota) database: `pleno serve --db <receiver.db>` and the
// desktop backend host (electron/main/host/backend-host.ts) both open such a database in one process, so that process
// also answers the kecamatan pushes (docs/design.md §4.3). A kecamatan database starts nothing.
import type { Backend } from '../backend';
import { getPenerima } from '../repositories/penerima.repo';
import { PENERIMA_DEFAULT_PORT, startPenerimaServer, type PenerimaServer } from './receiver-server';

/** The receiver on `port` (default 8418, all interfaces) when `b` is a receiver database; null otherwise. */
export async function startReceiverIfPenerima(b: Backend, port: number | undefined): Promise<PenerimaServer | null> {
  if (!getPenerima(b.ctx.db)) return null;
  const server = await startPenerimaServer(b.ctx, { port: port ?? PENERIMA_DEFAULT_PORT });
  b.ctx.log.info('penerima receiver listening', { port: server.port });
  return server;
}
