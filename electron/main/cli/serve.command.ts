// pleno serve --db <file> [--port N] [--lan]: the web mode on 127.0.0.1 (DESIGN §1, §5).
// Prints exactly one stdout line `Pleno web: http://127.0.0.1:<port>/?token=<token>` when ready; everything else on stderr.
// A database that cannot be opened does not stop the server: the UI shows the reason on a dedicated screen
// (system.info carries startupError), which is what a PPK member in front of the screen needs; stderr says it too.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openBackend, failedBackend, toStartupError, type Backend, type ServedBackend } from '../backend/backend';
import { startWebServer } from '../web/server';
import { parseCli, UsageError, withUsage, type CliCommand } from './command';

const USAGE = 'Penggunaan / usage: pleno serve --db <file> [--port N] [--lan]';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../build/renderer/', import.meta.url));

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, {
      db: { type: 'string' },
      port: { type: 'string' },
      lan: { type: 'boolean' },
      verbose: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`argumen tidak dikenal / unexpected argument: ${positionals[0]}`);
    const dbPath = values.db ?? process.env.PLENO_DB;
    if (!dbPath) throw new UsageError('--db <file> wajib / is required');
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port tidak sah / invalid: ${values.port}`);

    let backend: ServedBackend;
    let full: Backend | null = null;
    try {
      full = await openBackend({ dbPath, mode: 'web', verbose: values.verbose === true });
      backend = full;
    } catch (err) {
      const startupError = toStartupError(err);
      process.stderr.write(`pleno serve: ${startupError.message}\n  (${startupError.detail})\n`);
      process.stderr.write('pleno serve: tampilan tetap dibuka untuk menjelaskan masalah ini / serving the UI to explain it\n');
      backend = failedBackend(dbPath, 'web', startupError);
    }

    const staticDir = process.env.PLENO_RENDERER_DIR ?? DEFAULT_RENDERER_DIR;
    if (!existsSync(staticDir)) {
      process.stderr.write(`pleno serve: ${staticDir} belum ada; jalankan "npm run build:renderer" / renderer not built\n`);
    }
    let lanStop: (() => Promise<void> | void) | null = null;
    const web = await startWebServer({ backend, staticDir, port });
    if (values.lan && full) lanStop = await startLan(full);

    process.stdout.write(`Pleno web: ${web.url}\n`);

    return await new Promise<number>((resolveExit) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`pleno serve: ${signal}, menutup / closing\n`);
        void (async () => {
          try {
            await lanStop?.();
            await web.close();
            await backend.close(); // checkpoints the WAL and releases the lock
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
 * INTEGRATION POINT (channels): the LAN receiver lives in electron/main/backend/lan/receiver.ts, owned by the channels
 * engineer, and is loaded by a computed specifier so this file type-checks before it exists. Expected export:
 * `startLanReceiver(ctx, { port? }) → Promise<{ url?: string; close(): Promise<void> | void }>`.
 */
async function startLan(backend: Backend): Promise<() => Promise<void> | void> {
  const specifier = '../backend/lan/receiver';
  let mod: { startLanReceiver?: (ctx: Backend['ctx'], opts: Record<string, unknown>) => Promise<{ url?: string; close(): Promise<void> | void }> };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch {
    process.stderr.write('pleno serve: penerima LAN belum tersedia di versi ini / LAN receiver not available yet\n');
    return () => {};
  }
  if (typeof mod.startLanReceiver !== 'function') {
    process.stderr.write('pleno serve: penerima LAN belum tersedia / startLanReceiver missing\n');
    return () => {};
  }
  const receiver = await mod.startLanReceiver(backend.ctx, {});
  process.stderr.write(`pleno serve: penerima LAN aktif / LAN receiver on ${receiver.url ?? ''}\n`);
  return () => receiver.close();
}
