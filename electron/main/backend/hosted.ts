// The backend as a transport holds it (`pleno serve`, the Electron backend host): one dispatcher and one event
// stream that outlive the database file they serve. A restore over a damaged or read-only database
// (services/backup/restore-over.ts) calls ctx.reopen: the backend is closed, the file swapped, and a new backend
// opened on the same path. Requests arriving meanwhile wait for it; the event stream carries on from the new backend.
// Servers bound to the backend (`follow`: the kab/kota receiver, `pleno serve --lan`) are stopped before it closes
// and started again on the new one; a LAN receiver started from the import screen listens again on its port, so the
// phones find it where they were told. A Pleno database SQLite cannot read at all (its header destroyed) opens no
// backend; the failed one then answers the restore (rescueHandlers).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEventBus } from './context';
import type { BackendContext } from './context';
import { ok } from '../../../shared/contracts/result';
import type { DispatchHandler } from './dispatch';
import { createLogger } from './log';
import { findBackups, inspectBackup } from './services/backup/restore.service';
import { restoreOverUnopened } from './services/backup/restore-over';
import {
  dataDirFor,
  failedBackend,
  openBackend,
  toStartupError,
  type Backend,
  type OpenBackendOptions,
  type ServedBackend,
} from './backend';
import type { StartupError } from '../../../shared/contracts/system.contract';
import { runningLanReceiver } from './lan/running';

export interface HostedBackend extends ServedBackend {
  /** The open backend; null while the database could not be opened (startupError says why). */
  current(): Backend | null;
  startupError(): StartupError | null;
  /**
   * Starts a server on the open backend now and on every backend a restore opens, before requests resume; what
   * `start` returns stops it before the backend it serves closes. A server that fails to start is logged and never
   * undoes the restore.
   */
  follow(start: FollowingServer): Promise<void>;
}

/** Starts a server bound to `backend`; returns how to stop it (null: nothing started). */
export type FollowingServer = (backend: Backend) => Promise<(() => Promise<void> | void) | null>;

export async function openHostedBackend(options: Omit<OpenBackendOptions, 'reopen'>): Promise<HostedBackend> {
  const events = createEventBus();
  const servers = followers(() => full);
  let inner!: ServedBackend;
  let full: Backend | null = null;
  let startupError: StartupError | null = null;
  let unsubscribe = () => {};
  let swapping: Promise<unknown> | null = null;

  const openInner = async () => {
    try {
      full = await openBackend({ ...options, reopen });
      inner = full;
      startupError = null;
    } catch (err) {
      full = null;
      startupError = toStartupError(err);
      inner = failedBackend(options.dbPath, options.mode, startupError, rescueHandlers(options, startupError, reopen));
    }
    unsubscribe = inner.events.subscribe((e) => events.emit(e));
  };

  async function reopen(swap: () => void): Promise<BackendContext> {
    const run = (async () => {
      const lanPort = full ? runningLanReceiver(full.ctx)?.port : undefined;
      await servers.stopAll();
      unsubscribe();
      await inner.close();
      let swapError: unknown = null;
      try {
        swap();
      } catch (err) {
        swapError = err;
      }
      await openInner();
      // A server that fails to restart must not undo the swap (restore-over.ts would put the old file back).
      if (full && lanPort !== undefined) await restartLan(full, lanPort);
      await servers.startAll();
      if (swapError) throw swapError;
      if (!full) throw new Error(`reopened database does not open: ${startupError?.detail ?? ''}`);
      return (full as Backend).ctx;
    })();
    swapping = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      swapping = null;
    }
  }

  await openInner();
  return {
    async dispatch(method, input) {
      while (swapping) await swapping;
      return inner.dispatch(method, input);
    },
    events,
    current: () => full,
    startupError: () => startupError,
    follow: (start) => servers.add(start),
    async close() {
      while (swapping) await swapping;
      await servers.stopAll();
      unsubscribe();
      await inner.close();
    },
  };
}

/** The servers following the open backend (`follow`): started on it, stopped before it closes. */
function followers(current: () => Backend | null) {
  const starts: FollowingServer[] = [];
  let stops: (() => Promise<void> | void)[] = [];
  const startOne = async (start: FollowingServer) => {
    const b = current();
    if (!b) return;
    try {
      const stop = await start(b);
      if (stop) stops.push(stop);
    } catch (err) {
      b.ctx.log.error('starting a server on the database failed', err);
    }
  };
  return {
    async add(start: FollowingServer) {
      starts.push(start);
      await startOne(start);
    },
    async startAll() {
      for (const start of starts) await startOne(start);
    },
    async stopAll() {
      const now = stops;
      stops = [];
      for (const stop of now)
        await Promise.resolve()
          .then(stop)
          .catch((err: unknown) => current()?.ctx.log.warn('stopping a server failed', { error: String(err) }));
    },
  };
}

/** A LAN receiver that ran on the closed backend (started from the import screen or by --lan) listens again. */
async function restartLan(b: Backend, port: number): Promise<void> {
  try {
    const { startLanReceiver } = await import('./lan/receiver');
    await startLanReceiver(b.ctx, { port });
  } catch (err) {
    b.ctx.log.error('restarting the LAN receiver on the reopened database failed', err);
  }
}

/**
 * A file that was a Pleno database (its data folder is beside it) but that SQLite cannot read at all: the failed
 * backend finds, checks and restores a backup over it (services/backup/restore-over.ts restoreOverUnopened), and
 * the start-up screen offers it (`restorable`). Any other start-up failure has nothing to restore over.
 */
function rescueHandlers(
  options: Omit<OpenBackendOptions, 'reopen'>,
  error: StartupError,
  reopen: NonNullable<BackendContext['reopen']>,
): Record<string, DispatchHandler> {
  const dataDir = dataDirFor(options.dbPath);
  if (error.kind !== 'not-sqlite' || !existsSync(dataDir)) return {};
  error.restorable = true;
  const host = {
    dbPath: resolve(options.dbPath),
    dataDir,
    clock: options.clock ?? (() => new Date()),
    log: createLogger({ logDir: join(dataDir, 'logs') }),
    reopen,
  };
  return {
    'backup.find': () => ok({ backups: findBackups() }),
    'backup.inspect': ({ path }: { path: string }) => inspectBackup(path),
    'backup.restore': ({ path }: { path: string }) => restoreOverUnopened(host, path),
  };
}
