// The backend as a transport holds it (`pleno serve`, the Electron backend host): one dispatcher and one event
// stream that outlive the database file they serve. A restore over a damaged or read-only database
// (services/backup/restore-over.ts) calls ctx.reopen: the backend is closed, the file swapped, and a new backend
// opened on the same path. Requests arriving meanwhile wait for it; the event stream carries on from the new backend;
// servers bound to the old backend (LAN, receiver) are restarted through onReopen. A Pleno database SQLite cannot
// read at all (its header destroyed) opens no backend; the failed one then answers the restore (rescueHandlers).
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

export interface HostedBackend extends ServedBackend {
  /** The open backend; null while the database could not be opened (startupError says why). */
  current(): Backend | null;
  startupError(): StartupError | null;
  /** Runs after every reopen with the new backend (null if it failed to open), before requests resume. */
  onReopen(fn: (backend: Backend | null) => Promise<void> | void): void;
}

export async function openHostedBackend(options: Omit<OpenBackendOptions, 'reopen'>): Promise<HostedBackend> {
  const events = createEventBus();
  const listeners: ((backend: Backend | null) => Promise<void> | void)[] = [];
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
      for (const fn of listeners) {
        try {
          await fn(full);
        } catch (err) {
          full?.ctx.log.error('restarting a server on the reopened database failed', err);
        }
      }
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
    onReopen: (fn) => void listeners.push(fn),
    async close() {
      while (swapping) await swapping;
      unsubscribe();
      await inner.close();
    },
  };
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
