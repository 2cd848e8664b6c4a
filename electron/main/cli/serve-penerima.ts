// `pleno serve --db <receiver.db>`: a receiver (kab/kota) database is opened by one Pleno process at a time, so the
// web mode also runs the §4 receiver (docs/design.md §4.3) on `--penerima-port` (default 8418, all interfaces) in
// the same process (backend/penerima/autostart.ts, shared with the desktop backend host). A kecamatan database
// starts nothing here. A port in use does not stop the web app: the receiver dashboard says why nothing can arrive.
import type { Backend } from '../backend/backend';
import { startReceiverIfPenerima as start } from '../backend/penerima/autostart';

export async function startReceiverIfPenerima(
  b: Backend,
  port: number | undefined,
): Promise<{ port: number; close(): Promise<void> } | null> {
  try {
    const server = await start(b, port);
    if (!server) return null;
    process.stderr.write(`pleno serve: penerima kab/kota siap / receiver listening on port ${server.port}\n`);
    return server;
  } catch (err) {
    process.stderr.write(
      `pleno serve: penerima kab/kota tidak dapat dimulai / receiver not started: ${(err as Error)?.message}\n`,
    );
    return null;
  }
}
