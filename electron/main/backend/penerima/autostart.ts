// The §4 receiver started beside the app for a receiver (kab/kota) database: `pleno serve --db <receiver.db>` and the
// desktop backend host (electron/main/host/backend-host.ts) both open such a database in one process, so that process
// also answers the kecamatan pushes (docs/design.md §4.3). A kecamatan database starts nothing. Where it listens, or
// why it could not start (a port in use), is kept for the receiver dashboard (receiver-status.ts).
import type { Backend } from '../backend';
import { getPenerima } from '../repositories/penerima.repo';
import { PENERIMA_DEFAULT_PORT, startPenerimaServer, type PenerimaServer } from './receiver-server';
import { setReceiverStatus } from './receiver-status';

const HOST = '0.0.0.0';

/**
 * The receiver on `port` (default 8418, all interfaces) when `b` is a receiver database; null otherwise. A failure to
 * listen is recorded for the dashboard and thrown to the caller (which logs it and keeps the app open).
 */
export async function startReceiverIfPenerima(b: Backend, port: number | undefined): Promise<PenerimaServer | null> {
  if (!getPenerima(b.ctx.db)) return null;
  const wanted = port ?? PENERIMA_DEFAULT_PORT;
  try {
    const server = await startPenerimaServer(b.ctx, { port: wanted, host: HOST });
    setReceiverStatus(b.ctx, { state: 'listening', port: server.port, host: HOST });
    b.ctx.log.info('penerima receiver listening', { port: server.port });
    return server;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    setReceiverStatus(b.ctx, { state: 'failed', port: wanted, code: e?.code ?? null, english: String(e?.message) });
    throw err;
  }
}
