// The backend in its own process, seen from the main process as a ServedBackend (dispatch, events, close), so the
// IPC binding is the same as for an in-process backend. Calls and events are messages (electron/main/host/protocol.ts);
// the main process never touches SQLite, so a 10-second import or a stalled unzip cannot freeze windows or menus.
// If the host dies: calls in flight fail with a message, windows get a 'backend-state' event, the host is restarted
// and re-checks the database; after too many deaths in a short time it stays down and says so.
import { createEventBus } from '../backend/context';
import type { ServedBackend } from '../backend/backend';
import type { PlenoEvent } from '../../../shared/contracts/events';
import type { Result } from '../../../shared/contracts/result';
import type { FromHost, ToHost } from '../host/protocol';

/** The part of Electron's UtilityProcess (or a stand-in over child_process.fork) that is used here. */
export interface HostProcess {
  postMessage(message: ToHost): void;
  on(event: 'message', listener: (message: FromHost) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
  readonly pid: number | undefined;
}

export type BackendState = 'starting' | 'ready' | 'down' | 'failed' | 'closed';

export interface BackendProcess extends ServedBackend {
  state(): BackendState;
  /** The current host's process id (undefined while none runs). */
  pid(): number | undefined;
}

export interface BackendProcessOptions {
  dbPath: string;
  spawn: () => HostProcess;
  /** English log lines (main's stderr). */
  log?: (line: string) => void;
  restartDelayMs?: number;
  /** More than this many deaths within `crashWindowMs` and the host is not restarted again. */
  maxCrashes?: number;
  crashWindowMs?: number;
  closeTimeoutMs?: number;
}

const fail = (message: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

export const MESSAGES = {
  down: 'Layanan data Pleno berhenti mendadak dan sedang dimulai ulang. Data yang sudah tersimpan aman.',
  inFlight:
    'Layanan data Pleno berhenti saat memproses permintaan ini. Setelah layanan berjalan lagi, periksa apakah perubahan terakhir sudah tersimpan sebelum mengulanginya.',
  failed:
    'Layanan data Pleno berhenti berulang kali dan tidak dimulai ulang lagi. Tutup Pleno lalu buka kembali; jika terulang, laporkan kepada petugas teknis.',
  closed: 'Pleno sedang ditutup.',
} as const;

export function startBackendProcess(options: BackendProcessOptions): BackendProcess {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const events = createEventBus();
  const inFlight = new Map<number, (r: Result<unknown>) => void>();
  let waiting: Array<() => void> = [];
  let state: BackendState = 'starting';
  let host: HostProcess | null = null;
  let nextId = 1;
  let deaths: number[] = [];
  let closing: Promise<void> | null = null;
  let isClosing = false;
  let exited: (() => void) | null = null;

  const push = (event: PlenoEvent) => events.emit(event);

  function spawnHost(recheck: boolean): void {
    const h = options.spawn();
    host = h;
    h.on('message', (m) => onMessage(m, recheck));
    h.on('exit', (code) => onExit(h, code));
    h.postMessage({ t: 'open', dbPath: options.dbPath, recheck });
  }

  function onMessage(m: FromHost, restarted: boolean): void {
    if (m.t === 'result') {
      const resolve = inFlight.get(m.id);
      inFlight.delete(m.id);
      resolve?.(m.result);
    } else if (m.t === 'event') {
      push(m.event);
    } else if (m.t === 'ready') {
      state = 'ready';
      const queued = waiting;
      waiting = [];
      for (const send of queued) send();
      if (restarted) {
        const recheckOk = m.recheck?.ok ?? null;
        const message = m.startupError?.message ?? m.recheck?.message ?? 'Layanan data Pleno berjalan lagi.';
        push({ type: 'backend-state', state: 'ready', message, recheckOk });
      }
    }
  }

  function onExit(h: HostProcess, code: number): void {
    if (host !== h) return;
    host = null;
    for (const resolve of inFlight.values()) resolve(fail(isClosing ? MESSAGES.closed : MESSAGES.inFlight));
    inFlight.clear();
    if (isClosing) {
      state = 'closed';
      exited?.();
      return;
    }
    const now = Date.now();
    deaths = [...deaths.filter((t) => now - t < (options.crashWindowMs ?? 60_000)), now];
    log(`Pleno: backend process exited unexpectedly (code ${code}); deaths in window: ${deaths.length}`);
    if (deaths.length > (options.maxCrashes ?? 3)) {
      state = 'failed';
      for (const send of waiting.splice(0)) send();
      push({ type: 'backend-state', state: 'failed', message: MESSAGES.failed, recheckOk: null });
      return;
    }
    state = 'down';
    push({ type: 'backend-state', state: 'down', message: MESSAGES.down, recheckOk: null });
    setTimeout(() => {
      if (!isClosing) spawnHost(true);
    }, options.restartDelayMs ?? 500);
  }

  function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      const send = () => {
        if (state === 'failed') return resolve(fail(MESSAGES.failed));
        if (isClosing || !host) return resolve(fail(MESSAGES.closed));
        const id = nextId++;
        inFlight.set(id, resolve);
        host.postMessage({ t: 'call', id, method, input });
      };
      // Before the first 'ready' and while restarting, calls wait (the renderer asks system.info at once).
      if (state === 'ready' || state === 'failed' || isClosing) send();
      else waiting.push(send);
    });
  }

  function close(): Promise<void> {
    isClosing = true;
    closing ??= new Promise<void>((resolve) => {
      for (const send of waiting.splice(0)) send();
      const h = host;
      if (!h) {
        state = 'closed';
        return resolve();
      }
      // The host checkpoints the WAL and releases the lock, then exits; a hung host is killed after the timeout.
      const timer = setTimeout(() => h.kill(), options.closeTimeoutMs ?? 10_000);
      exited = () => {
        clearTimeout(timer);
        resolve();
      };
      h.postMessage({ t: 'close' });
    });
    return closing;
  }

  spawnHost(false);
  return { dispatch, events, close, state: () => state, pid: () => host?.pid };
}
