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

/** Keeps one host process running for the database: spawns it, forwards calls and events, restarts it. */
class Supervisor {
  readonly events = createEventBus();
  private readonly inFlight = new Map<number, (r: Result<unknown>) => void>();
  private waiting: Array<() => void> = [];
  private current: BackendState = 'starting';
  private host: HostProcess | null = null;
  private nextId = 1;
  private deaths: number[] = [];
  private closing: Promise<void> | null = null;
  private isClosing = false;
  private exited: (() => void) | null = null;
  private readonly log: (line: string) => void;

  constructor(private readonly options: BackendProcessOptions) {
    this.log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  }

  state(): BackendState {
    return this.current;
  }

  pid(): number | undefined {
    return this.host?.pid;
  }

  spawnHost(recheck: boolean): void {
    const h = this.options.spawn();
    this.host = h;
    h.on('message', (m) => this.onMessage(m, recheck));
    h.on('exit', (code) => this.onExit(h, code));
    h.postMessage({ t: 'open', dbPath: this.options.dbPath, recheck });
  }

  private push(event: PlenoEvent): void {
    this.events.emit(event);
  }

  private onMessage(m: FromHost, restarted: boolean): void {
    if (m.t === 'result') {
      const resolve = this.inFlight.get(m.id);
      this.inFlight.delete(m.id);
      resolve?.(m.result);
    } else if (m.t === 'event') {
      this.push(m.event);
    } else if (m.t === 'ready') {
      this.current = 'ready';
      for (const send of this.waiting.splice(0)) send();
      if (restarted) {
        const recheckOk = m.recheck?.ok ?? null;
        const message = m.startupError?.message ?? m.recheck?.message ?? 'Layanan data Pleno berjalan lagi.';
        this.push({ type: 'backend-state', state: 'ready', message, recheckOk });
      }
    }
  }

  private onExit(h: HostProcess, code: number): void {
    if (this.host !== h) return;
    this.host = null;
    for (const resolve of this.inFlight.values()) resolve(fail(this.isClosing ? MESSAGES.closed : MESSAGES.inFlight));
    this.inFlight.clear();
    if (this.isClosing) {
      this.current = 'closed';
      this.exited?.();
      return;
    }
    const now = Date.now();
    this.deaths = [...this.deaths.filter((t) => now - t < (this.options.crashWindowMs ?? 60_000)), now];
    this.log(`Pleno: backend process exited unexpectedly (code ${code}); deaths in window: ${this.deaths.length}`);
    if (this.deaths.length > (this.options.maxCrashes ?? 3)) {
      this.current = 'failed';
      for (const send of this.waiting.splice(0)) send();
      this.push({ type: 'backend-state', state: 'failed', message: MESSAGES.failed, recheckOk: null });
      return;
    }
    this.current = 'down';
    this.push({ type: 'backend-state', state: 'down', message: MESSAGES.down, recheckOk: null });
    setTimeout(() => {
      if (!this.isClosing) this.spawnHost(true);
    }, this.options.restartDelayMs ?? 500);
  }

  dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      const send = () => {
        if (this.current === 'failed') return resolve(fail(MESSAGES.failed));
        if (this.isClosing || !this.host) return resolve(fail(MESSAGES.closed));
        const id = this.nextId++;
        this.inFlight.set(id, resolve);
        this.host.postMessage({ t: 'call', id, method, input });
      };
      // Before the first 'ready' and while restarting, calls wait (the renderer asks system.info at once).
      if (this.current === 'ready' || this.current === 'failed' || this.isClosing) send();
      else this.waiting.push(send);
    });
  }

  close(): Promise<void> {
    this.isClosing = true;
    this.closing ??= new Promise<void>((resolve) => {
      for (const send of this.waiting.splice(0)) send();
      const h = this.host;
      if (!h) {
        this.current = 'closed';
        return resolve();
      }
      // The host checkpoints the WAL and releases the lock, then exits; a hung host is killed after the timeout.
      const timer = setTimeout(() => h.kill(), this.options.closeTimeoutMs ?? 10_000);
      this.exited = () => {
        clearTimeout(timer);
        resolve();
      };
      h.postMessage({ t: 'close' });
    });
    return this.closing;
  }
}

export function startBackendProcess(options: BackendProcessOptions): BackendProcess {
  const s = new Supervisor(options);
  s.spawnHost(false);
  return {
    dispatch: (method, input) => s.dispatch(method, input),
    events: s.events,
    close: () => s.close(),
    state: () => s.state(),
    pid: () => s.pid(),
  };
}
