// The backend as a transport holds it (`pleno serve`, the Electron backend host): one dispatcher and one event
// stream that outlive the database file they serve. A restore over a damaged or read-only database
// (services/backup/restore-over.ts) calls ctx.reopen: the backend is closed, the file swapped, and a new backend
// opened on the same path. Requests arriving meanwhile wait for it; the event stream carries on from the new backend;
// servers bound to the old backend (LAN, receiver) are restarted through onReopen.
import { createEventBus } from './context';
import type { BackendContext } from './context';
import {
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
      inner = failedBackend(options.dbPath, options.mode, startupError);
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
      for (const fn of listeners) await fn(full);
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
