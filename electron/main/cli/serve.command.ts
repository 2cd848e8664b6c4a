// pleno serve --db <file> [--port N] [--lan]: the web mode on 127.0.0.1 (docs/design.md §1, §5).
// Prints exactly one stdout line `Pleno web: http://127.0.0.1:<port>/?token=<token>` when ready; everything else on stderr.
// A database that cannot be opened does not stop the server: the UI shows the reason on a dedicated screen
// (system.info carries startupError), which is what a PPK member in front of the screen needs; stderr says it too.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../backend/backend';
import { openHostedBackend, type HostedBackend } from '../backend/hosted';
import { startWebServer } from '../web/server';
import { options, parseCli, UsageError, withUsage, type CliCommand } from './command';
import { startReceiverIfPenerima } from './serve-penerima';
import type { LanReceiver } from '../backend/lan/receiver';

const USAGE = 'Penggunaan / usage: pleno serve --db <file> [--port N] [--lan [--lan-port N]] [--penerima-port N]';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../build/renderer/', import.meta.url));

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(
      argv,
      options(['db', 'port', 'lan-port', 'penerima-port'], ['lan', 'verbose']),
    );
    if (positionals.length > 0) throw new UsageError(`argumen tidak dikenal / unexpected argument: ${positionals[0]}`);
    const dbPath = values.db ?? process.env.PLENO_DB;
    if (!dbPath) throw new UsageError('--db <file> wajib / is required');
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port tidak sah / invalid: ${values.port}`);
    const lanPort = values['lan-port'] === undefined ? undefined : Number(values['lan-port']);
    if (lanPort !== undefined && (!Number.isInteger(lanPort) || lanPort < 0 || lanPort > 65535)) {
      throw new UsageError(`--lan-port tidak sah / invalid: ${values['lan-port']}`);
    }

    const backend = await openHostedBackend({ dbPath, mode: 'web', verbose: values.verbose === true });
    const startupError = backend.startupError();
    if (startupError) {
      process.stderr.write(`pleno serve: ${startupError.message}\n  (${startupError.detail})\n`);
      process.stderr.write(
        'pleno serve: tampilan tetap dibuka untuk menjelaskan masalah ini / serving the UI to explain it\n',
      );
    }
    const full = backend.current();

    const staticDir = process.env.PLENO_RENDERER_DIR ?? DEFAULT_RENDERER_DIR;
    if (!existsSync(staticDir)) {
      process.stderr.write(
        `pleno serve: ${staticDir} belum ada; jalankan "npm run build:renderer" / renderer not built\n`,
      );
    }
    const penerimaPort = values['penerima-port'] === undefined ? undefined : Number(values['penerima-port']);
    if (penerimaPort !== undefined && (!Number.isInteger(penerimaPort) || penerimaPort < 0 || penerimaPort > 65535)) {
      throw new UsageError(`--penerima-port tidak sah / invalid: ${values['penerima-port']}`);
    }
    const web = await startWebServer({ backend, staticDir, port });
    await followServers(backend, { lan: values.lan === true, lanPort, penerimaPort });
    if (full) await resumeKirim(full);

    process.stdout.write(`Pleno web: ${web.url}\n`);

    return await new Promise<number>((resolveExit) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`pleno serve: ${signal}, menutup / closing\n`);
        void (async () => {
          try {
            await web.close();
            await backend.close(); // stops the servers following it, checkpoints the WAL and releases the lock
            resolveExit(0);
          } catch (err) {
            process.stderr.write(`pleno serve: ${(err as Error).message}\n`);
            resolveExit(1);
          }
        })();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
  });

/**
 * The LAN receiver (with --lan) and the kab/kota receiver (a penerima database) follow the open backend: a restore
 * over a damaged or read-only database reopens it, and they listen again on the new one — on the ports they had
 * (a port chosen by the system with 0 included), where the phones and the kecamatan were told to send.
 */
async function followServers(
  backend: HostedBackend,
  opts: { lan: boolean; lanPort: number | undefined; penerimaPort: number | undefined },
): Promise<void> {
  let lanPort = opts.lanPort;
  let penerimaPort = opts.penerimaPort;
  let started = false;
  await backend.follow(async () => {
    if (started)
      process.stderr.write(
        'pleno serve: basis data dibuka ulang setelah pemulihan / database reopened after a restore\n',
      );
    started = true;
    return null;
  });
  if (opts.lan)
    await backend.follow(async (b) => {
      const receiver = await startLan(b, lanPort);
      if (!receiver) return null;
      lanPort = receiver.port;
      return () => receiver.close();
    });
  await backend.follow(async (b) => {
    const server = await startReceiverIfPenerima(b, penerimaPort);
    if (!server) return null;
    penerimaPort = server.port;
    return () => server.close();
  });
}

/**
 * Starts the LAN receiver (docs/design.md §3.5, owned by channels) beside the web mode. Without a data master yet it
 * cannot sign receipts: the web mode still starts and says so; the import screen can start the receiver later.
 */
async function startLan(backend: Backend, port: number | undefined): Promise<LanReceiver | null> {
  try {
    // Loaded only with --lan: the LAN stack (mDNS via bonjour-service) costs ~50 ms of every start otherwise.
    const { startLanReceiver } = await import('../backend/lan/receiver');
    const receiver = await startLanReceiver(backend.ctx, port === undefined ? {} : { port });
    process.stderr.write(
      `pleno serve: penerima LAN aktif / LAN receiver on ${receiver.urls.join(', ') || receiver.url}\n`,
    );
    return receiver;
  } catch (err) {
    process.stderr.write(
      `pleno serve: penerima LAN tidak dapat dimulai / LAN receiver not started: ${(err as Error).message}\n`,
    );
    return null;
  }
}

/** Pushes waiting in the outbox resume at start (services/kirim/autostart.ts), loaded only when there are some. */
async function resumeKirim(backend: Backend): Promise<void> {
  const { resumePendingPushes } = await import('../backend/services/kirim/autostart');
  if (await resumePendingPushes(backend))
    process.stderr.write('pleno serve: kiriman tertunda dilanjutkan / resuming pending pushes\n');
}
