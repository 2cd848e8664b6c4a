// `pleno serve --db <receiver.db>`: a receiver (kab/kota) database is opened by one Pleno process at a time, so the
// web mode also runs the §4 receiver (docs/design.md §4.3) on `--penerima-port` (default 8418, all interfaces) in
// the same process. A kecamatan database starts nothing here.
import type { Backend } from '../backend/backend';
import { PENERIMA_DEFAULT_PORT, startPenerimaServer } from '../backend/penerima/receiver-server';
import { getPenerima } from '../backend/repositories/penerima.repo';

export async function startReceiverIfPenerima(
  b: Backend,
  port: number | undefined,
): Promise<(() => Promise<void>) | null> {
  if (!getPenerima(b.ctx.db)) return null;
  const server = await startPenerimaServer(b.ctx, { port: port ?? PENERIMA_DEFAULT_PORT });
  process.stderr.write(`pleno serve: penerima kab/kota siap / receiver listening on port ${server.port}\n`);
  return () => server.close();
}
