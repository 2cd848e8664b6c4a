// The LAN receiver of docs/design.md §3.5 (HTTP on the PPK laptop, default port 8417): KPPS phones post signed C.Hasil
// envelopes or TPS bundles; every body ends in the storage import service (same verification, outcomes, audit and
// quarantine as a file), and every 2xx/409 answer carries a receipt signed with the PPK key.
//
//   startLanReceiver(ctx, { port = 8417, host = '0.0.0.0', mdns?, maxBodyBytes?, rateLimit? })
//     → Promise<{ url, urls, port, host, close() }>
//   runningLanReceiver(ctx) → the receiver started for this backend, if any (the UI status and `pleno serve --lan`
//     share it)
//
//   GET  /v1/hello    → 200 { kecamatan, ppkKey, format: "pleno.lan/1" }
//   POST /v1/c-hasil  (application/json)  → 201 diterima | 200 duplikat | 409 konflik | 400 | 401 | 413 | 429
//   POST /v1/bundle   (application/zip)   → same; one receipt per record of the bundle
//
// Status of a ditolak answer: 401 when the device is unknown, registered for another TPS, or the signature is bad;
// 400 for everything else (malformed, truncated, from another kecamatan). Truncated uploads (the connection ends
// before Content-Length bytes) are quarantined with the reason. Bodies over 20 MiB (an envelope: 1 MiB) are refused
// from Content-Length before reading, or as soon as the streamed count passes the limit. Requests are rate-limited
// per address before the body is read and per device keyId after a bounded peek (post-handler.ts), with 429 +
// Retry-After. Connections are capped per address and in total, with timeouts (../../http/limits.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BackendContext } from '../context';
import { getMeta } from '../repositories/master.repo';
import { createEnvelopeQueue } from './group-commit';
import { createContactLog, type ContactLog } from '../services/lan/lan-contacts';
import { createRateLimiter, type RateLimitOptions } from './rate-limit';
import { advertiseLan, type MdnsAdvert } from './mdns';
import { lanAddresses } from './addresses';
import { guardServer, serverOptions, type ConnectionLimits, type ServerGuard } from '../../http/limits';
import { listen } from '../../http/listen';
import { cachedSigner, errorBody } from './answers';
import { answer, createPostHandler } from './post-handler';
import { runningLanReceiver, setRunningLanReceiver } from './running';

export const LAN_FORMAT = 'pleno.lan/1';
export const DEFAULT_LAN_PORT = 8417;
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** A phone sends two or three records and some retries; a training room shares one Wi-Fi. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 20, refillPerSecond: 2 };
/** Every post from one address, whatever device it names: a handful of phones behind one address still fit. */
export const DEFAULT_ADDRESS_RATE_LIMIT: RateLimitOptions = { capacity: 60, refillPerSecond: 10 };
/** Phones post one record at a time; the descriptors left under a 1,024 limit serve SQLite, photos and the UI. */
export const DEFAULT_LAN_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 256,
  perAddress: 16,
  headersTimeoutMs: 15_000,
  // Slow phones on weak Wi-Fi get time, but a stalled upload does not hold a socket forever.
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
};

export interface LanReceiverOptions {
  port?: number;
  host?: string;
  /** Advertise `_pleno._tcp` by mDNS (default true; tests and benchmarks turn it off). */
  mdns?: boolean;
  maxBodyBytes?: number;
  /** Per device (key id at an address). */
  rateLimit?: RateLimitOptions;
  /** Per remote address, before the body is read. */
  addressRateLimit?: RateLimitOptions;
  connections?: Partial<ConnectionLimits>;
}

export interface LanReceiver {
  /** The URL to show (first LAN address, or the bound address). */
  url: string;
  /** One URL per LAN interface address the receiver is reachable on. */
  urls: string[];
  port: number;
  host: string;
  startedAt: string;
  /** Requests refused with 429 since start (not stored per request). */
  rateLimited(): number;
  /** Open connections, and those closed by the connection caps since start. */
  connections(): { open: number; refused: number; evicted: number };
  /** Writes the buffered devices-seen log now (status screens call it before reading). */
  flush(): void;
  close(): Promise<void>;
}

export { runningLanReceiver };

const starting = new WeakMap<BackendContext, Promise<LanReceiver>>();

export async function startLanReceiver(ctx: BackendContext, options: LanReceiverOptions = {}): Promise<LanReceiver> {
  const existing = runningLanReceiver(ctx);
  if (existing) return existing;
  // Two clicks (or the UI and `--lan`) at once must not open two servers.
  let pending = starting.get(ctx);
  if (!pending) {
    pending = start(ctx, options).finally(() => starting.delete(ctx));
    starting.set(ctx, pending);
  }
  return pending;
}

/** Devices-seen screens refresh at most twice a second, however busy the evening gets. */
function throttledChanged(ctx: BackendContext): { changed(): void; stop(): void } {
  let lastEmit = 0;
  let timer: NodeJS.Timeout | null = null;
  const emit = () => {
    lastEmit = Date.now();
    try {
      ctx.events.emit({ type: 'lan-changed' });
    } catch (err) {
      ctx.log.error('LAN: lan-changed listener failed', err);
    }
  };
  return {
    changed() {
      if (Date.now() - lastEmit >= 500) emit();
      else
        timer ??= setTimeout(() => {
          timer = null;
          emit();
        }, 500);
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}

async function start(ctx: BackendContext, options: LanReceiverOptions): Promise<LanReceiver> {
  const host = options.host ?? '0.0.0.0';
  const meta = getMeta(ctx.db);
  if (!meta) throw new Error('LAN receiver: the database has no data master yet');
  const signer = cachedSigner(ctx);
  const hello = { kecamatan: meta.kecamatanKode, ppkKey: signer.publicKey, format: LAN_FORMAT };
  const events = throttledChanged(ctx);
  const contacts: ContactLog = createContactLog(ctx, { onFlushed: events.changed });
  let rateLimitedCount = 0;
  const handlePost = createPostHandler({
    ctx,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
    addressGate: createRateLimiter(options.addressRateLimit ?? DEFAULT_ADDRESS_RATE_LIMIT),
    deviceGate: createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    signer,
    envelopes: createEnvelopeQueue(ctx),
    contacts,
    onRateLimited: () => (rateLimitedCount += 1),
  });

  const limits = { ...DEFAULT_LAN_CONNECTION_LIMITS, ...options.connections };
  const server: Server = createServer(serverOptions(limits), routes(ctx, hello, handlePost));
  const guard: ServerGuard = guardServer(server, limits, ctx.log);
  await listen(server, options.port ?? DEFAULT_LAN_PORT, host);
  const port = (server.address() as AddressInfo).port;
  const urls = lanAddresses(host).map((a) => `http://${a.includes(':') ? `[${a}]` : a}:${port}`);
  const mdns: MdnsAdvert | null =
    options.mdns === false
      ? null
      : advertiseLan({ port, kecamatan: meta.kecamatanKode, ppkKeyId: signer.keyId, log: ctx.log });
  ctx.log.info('LAN receiver listening', { host, port, urls });

  const receiver: LanReceiver = {
    url: urls[0]!,
    urls,
    port,
    host,
    startedAt: ctx.clock().toISOString(),
    rateLimited: () => rateLimitedCount,
    connections: () => ({ open: guard.open(), refused: guard.refused(), evicted: guard.evicted() }),
    flush: () => contacts.flush(),
    close: closer(ctx, { server, guard, mdns, events, contacts, port }),
  };
  setRunningLanReceiver(ctx, receiver);
  ctx.events.emit({ type: 'lan-changed' });
  return receiver;
}

type PostHandler = ReturnType<typeof createPostHandler>;

/** GET /v1/hello, POST /v1/c-hasil and /v1/bundle; anything unexpected answers 503 with a reference, never a crash. */
function routes(ctx: BackendContext, hello: Record<string, string>, handlePost: PostHandler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (path === '/v1/hello') {
        if (req.method !== 'GET')
          return answer(res, { status: 405, headers: { Allow: 'GET' }, body: errorBody('METHOD', 'gunakan GET') });
        return answer(res, { status: 200, body: hello });
      }
      if (path === '/v1/c-hasil' || path === '/v1/bundle') {
        if (req.method !== 'POST')
          return answer(res, { status: 405, headers: { Allow: 'POST' }, body: errorBody('METHOD', 'gunakan POST') });
        return handlePost(req, res, path === '/v1/c-hasil' ? 'c-hasil' : 'bundle');
      }
      req.resume();
      return answer(res, { status: 404, body: errorBody('NOT_FOUND', 'alamat tidak dikenal') });
    };
    handle().catch((err: unknown) => {
      const ref = ctx.log.error('LAN: request failed', err);
      if (!res.headersSent)
        answer(res, {
          status: 503,
          headers: { 'Retry-After': '30' },
          body: errorBody('UNAVAILABLE', `laptop PPK sedang tidak dapat melayani; coba lagi nanti (ref ${ref})`),
        });
      else res.destroy();
    });
  };
}

/** close(): once, however often called — mDNS withdrawn, the server drained (2 s), contacts flushed. */
function closer(
  ctx: BackendContext,
  r: {
    server: Server;
    guard: ServerGuard;
    mdns: MdnsAdvert | null;
    events: { stop(): void };
    contacts: ContactLog;
    port: number;
  },
): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => {
    closing ??= (async () => {
      setRunningLanReceiver(ctx, null);
      await r.mdns?.stop();
      await new Promise<void>((resolve) => {
        r.server.close(() => resolve());
        r.server.closeIdleConnections();
        setTimeout(() => r.guard.destroyAll(), 2000).unref();
      });
      r.events.stop();
      r.contacts.close();
      ctx.events.emit({ type: 'lan-changed' });
      ctx.log.info('LAN receiver stopped', { port: r.port });
    })();
    return closing;
  };
}
