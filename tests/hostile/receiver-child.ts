// The LAN receiver as its own process for tests/hostile and the LAN benchmark, so that an attack is measured as
// it would hit the PPK laptop: `node --import tsx receiver-child.ts <dbPath> [<options JSON> [<quarantine quota JSON>]]`. Prints one line
// `{"port":N,"pid":P}` when listening, a line `{"stats":…}` for each "stats" line read on stdin, a line
// `{"imported":…}` after each "import <path>" line (the PPK importing a drive while phones post), and closes on
// SIGTERM or when stdin ends.
import { createInterface } from 'node:readline';
import { openBackend } from '../../electron/main/backend/backend';
import { startLanReceiver, type LanReceiverOptions } from '../../electron/main/backend/lan/receiver';
import { importPaths } from '../../electron/main/backend/services/import/import.service';
import {
  configureQuarantine,
  type QuarantineQuota,
} from '../../electron/main/backend/services/quarantine/quarantine-quota';

const [dbPath, optionsJson, quotaJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson ?? '{}') as LanReceiverOptions;
configureQuarantine(JSON.parse(quotaJson ?? '{}') as Partial<QuarantineQuota>);
const backend = await openBackend({ dbPath: dbPath!, mode: 'web' });
const rx = await startLanReceiver(backend.ctx, { port: 0, host: '127.0.0.1', mdns: false, ...options });
process.stdout.write(`${JSON.stringify({ port: rx.port, pid: process.pid })}\n`);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await rx.close();
  await backend.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.startsWith('import ')) {
    void importPaths(backend.ctx, [line.slice('import '.length)]).then(
      (outcomes) => process.stdout.write(`${JSON.stringify({ imported: outcomes.map((o) => o.status) })}\n`),
      (err: unknown) => process.stdout.write(`${JSON.stringify({ imported: [], error: String(err) })}\n`),
    );
    return;
  }
  if (line.trim() !== 'stats') return;
  rx.flush();
  let rssMb = -1;
  try {
    rssMb = Math.round(process.memoryUsage().rss / 1e6);
  } catch {
    // Reading /proc needs a descriptor: none left during a descriptor flood.
  }
  const stats = { rateLimited: rx.rateLimited(), connections: rx.connections(), rssMb };
  process.stdout.write(`${JSON.stringify({ stats })}\n`);
});
lines.on('close', () => void shutdown());
