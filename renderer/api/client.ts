// The typed contract client: `window.pleno` (Electron preload, IPC) when present, else HTTP + SSE to `pleno serve`.
// In web mode the page gets the per-launch token from `?token=` in its URL, keeps it in sessionStorage (per tab, gone
// when the tab closes) and removes it from the address bar so it is not bookmarked or shown on the projector.
import type { InputOf, MethodName, OutputOf, PlenoApi } from '../../shared/contracts/api';
import type { PlenoEvent } from '../../shared/contracts/events';
import type { ApiError, Result } from '../../shared/contracts/result';
import { setConnectionState, STREAM_SILENCE_MS } from './connection';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    pleno?: PlenoApi;
  }
}

const TOKEN_KEY = 'pleno.token';

/** The token from `?token=` (the URL `pleno serve` prints) or from the fragment's `?token=` (the projector link). */
export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const [hashPath, hashQuery] = url.hash.split('?', 2) as [string, string | undefined];
  const inHash = new URLSearchParams(hashQuery ?? '');
  const fromUrl = url.searchParams.get('token') ?? inHash.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    inHash.delete('token');
    const rest = inHash.toString();
    url.hash = rest ? `${hashPath}?${rest}` : hashPath;
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * The projector's address. Web mode: the token rides in the fragment (never sent to the server, never in its logs),
 * so the link works opened in a new tab or window too; the page takes it into sessionStorage and removes it from the
 * address bar at once. Desktop: the main process allows exactly `#/proyektor`.
 */
export function projectorUrl(): string {
  const url = new URL(window.location.href);
  url.search = '';
  let token: string | null = null;
  try {
    token = window.pleno ? null : sessionStorage.getItem(TOKEN_KEY);
  } catch {
    token = null;
  }
  url.hash = token ? `#/proyektor?token=${encodeURIComponent(token)}` : '#/proyektor';
  return url.toString();
}

const networkError = (): Result<never> => ({
  ok: false,
  error: {
    code: 'INTERNAL',
    message:
      'Tidak dapat menghubungi layanan Pleno, jadi tindakan ini belum tersimpan. Pastikan aplikasi Pleno masih berjalan di laptop ini; sambungan dicoba lagi otomatis.',
  },
});

/** Reads a server-sent event stream to its end, handing every event to the listeners; `heard` on each chunk. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  listeners: ReadonlySet<(event: PlenoEvent) => void>,
  heard: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    heard();
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (!data) continue;
      try {
        const event = JSON.parse(data) as PlenoEvent;
        for (const l of listeners) l(event);
      } catch {
        // A malformed event is skipped, never fatal.
      }
    }
  }
}

export function createHttpApi(token: string | null, base = ''): PlenoApi {
  const listeners = new Set<(event: PlenoEvent) => void>();
  let stream: AbortController | null = null;

  async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch {
      setConnectionState('lost');
      return networkError();
    }
    try {
      const body = (await res.json()) as Result<OutputOf<M>>;
      if (body && typeof body === 'object' && 'ok' in body) return body;
    } catch {
      // fall through
    }
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Jawaban tidak terduga dari layanan Pleno (HTTP ${res.status}).` },
    };
  }

  async function runStream(signal: AbortSignal): Promise<void> {
    let delay = 500;
    while (!signal.aborted) {
      // One attempt: aborted with the stream, or by the watchdog when not even a heartbeat arrived in time.
      const attempt = new AbortController();
      const stop = () => attempt.abort();
      signal.addEventListener('abort', stop);
      let heard = Date.now();
      const watchdog = setInterval(() => {
        if (Date.now() - heard > STREAM_SILENCE_MS) attempt.abort();
      }, 5_000);
      try {
        const res = await fetch(`${base}/api/events`, {
          headers: { Authorization: `Bearer ${token ?? ''}` },
          signal: attempt.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        delay = 500;
        setConnectionState('open');
        await readEvents(res.body, listeners, () => (heard = Date.now()));
      } catch {
        // reported below
      } finally {
        clearInterval(watchdog);
        signal.removeEventListener('abort', stop);
      }
      if (signal.aborted) return;
      setConnectionState('lost');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  return {
    call,
    on(listener) {
      listeners.add(listener);
      if (!stream) {
        stream = new AbortController();
        void runStream(stream.signal);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
    info: () => ({ transport: 'http' }),
  };
}

// ---- Unexpected errors: every INTERNAL result is also reported to the shell, which shows a toast with the ref id.

const unexpectedListeners = new Set<(error: ApiError) => void>();

export function onUnexpectedError(listener: (error: ApiError) => void): () => void {
  unexpectedListeners.add(listener);
  return () => unexpectedListeners.delete(listener);
}

export function reportUnexpected(error: ApiError): void {
  for (const l of unexpectedListeners) l(error);
}

function withReporting(inner: PlenoApi): PlenoApi {
  return {
    async call(method, input) {
      let r: Result<OutputOf<typeof method>>;
      try {
        r = await inner.call(method, input);
      } catch {
        r = networkError();
      }
      if (!r.ok && r.error.code === 'INTERNAL') reportUnexpected(r.error);
      return r;
    },
    on: (listener) => inner.on(listener),
    info: () => inner.info(),
  };
}

/** Under Electron the IPC channel is always there; the shell says when its backend process stops or returns. */
function followBackendState(ipc: PlenoApi): PlenoApi {
  setConnectionState('open');
  ipc.on((e) => {
    if (e.type === 'backend-state') setConnectionState(e.state === 'ready' ? 'open' : 'lost');
  });
  return ipc;
}

function chooseTransport(): PlenoApi {
  if (typeof window !== 'undefined' && window.pleno) return followBackendState(window.pleno);
  return createHttpApi(typeof window !== 'undefined' ? takeTokenFromUrl() : null);
}

/** The one client the renderer uses. */
export const api: PlenoApi = withReporting(chooseTransport());

/**
 * Calls a method by name without compile-time typing: for methods another feature declares later (the setup calls
 * before setup.contract.ts has them). Replace with `api.call` once the contract declares the method.
 */
export function callUntyped<T>(method: string, input: unknown): Promise<Result<T>> {
  return (api.call as unknown as (m: string, i: unknown) => Promise<Result<T>>)(method, input);
}
