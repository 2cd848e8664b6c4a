// A fault-injecting HTTP proxy for tests and benchmarks of the push protocol (docs/design.md §4): it sits between a
// client and a real server on 127.0.0.1 and can add latency, throttle both directions to a bit rate, drop a
// connection after N request-body bytes, answer in the server's place (503, or a 200 without a receipt), or forward a
// request and then reset the connection before the answer reaches the client (a commit the client never hears of).
// Faults are read per request from a plan the test may change at any moment; every byte relayed is counted.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A fault that applies to requests matching `path` (and `method`), at most `times` times (default: always). */
interface Targeted {
  path?: RegExp;
  method?: string;
  times?: number;
}

export interface FaultPlan {
  /** Added before a request is forwarded and again before its answer is relayed (one round trip's latency). */
  latencyMs?: number;
  /** Bit rate of each direction of each connection (e.g. 256_000 for a 256 kbit/s link). */
  bitsPerSecond?: number;
  /**
   * With `bitsPerSecond`: the rate is of ONE link that every connection shares (each direction), as a kecamatan's
   * single modem is; request headers take their time on it too (answer headers are not counted). Without it each connection has its own.
   */
  sharedLink?: boolean;
  /**
   * Forward `bytes` of the request body, then destroy both connections. A request whose declared Content-Length is
   * not above `bytes` cannot be cut and does not use up `times`.
   */
  dropAfterBytes?: Targeted & { bytes: number };
  /** Answer with this instead of forwarding (the server never sees the request). */
  answer?: Targeted & { status: number; body?: string; contentType?: string };
  /** Forward the request; replace the server's answer with this one (e.g. 200 with no receipt). */
  replaceAnswer?: Targeted & { status: number; body?: string; contentType?: string };
  /** Read the request and never answer (a dead link that keeps the socket open): the client must time out. */
  hang?: Targeted;
  /** Forward the whole request and let the server answer, then reset the client's connection instead. */
  resetAfterForward?: Targeted;
}

export interface ProxyStats {
  requests: number;
  /** Request bytes relayed to the server (bodies only). */
  bodyBytesUp: number;
  /** Answer bytes relayed to the client (bodies only). */
  bodyBytesDown: number;
  /** Request body bytes relayed to the server, by method (PATCH = tus blob bytes). */
  bodyBytesUpByMethod: Map<string, number>;
  /** Requests by `METHOD path` (query stripped). */
  byRoute: Map<string, number>;
  faultsApplied: number;
  /** Connections actually cut by `dropAfterBytes` (the limit reached mid-body). */
  drops: number;
  /** Request line and header bytes relayed to the server (what bodies do not count). */
  headerBytesUp: number;
  /** TCP connections the client opened to the proxy (fewer than requests when connections are kept alive). */
  connections: number;
}

export interface FaultProxy {
  url: string;
  plan: FaultPlan;
  stats: ProxyStats;
  close(): Promise<void>;
}

interface LinkClock {
  nextFree: number;
}

/** Waits until `bytes` have crossed the link (headers on a shared link). */
function linkWait(clock: LinkClock, bytes: number, rate: number | undefined): Promise<void> {
  if (!rate) return Promise.resolve();
  const now = Date.now();
  clock.nextFree = Math.max(clock.nextFree, now) + (bytes * 8 * 1000) / rate;
  return new Promise((resolve) => setTimeout(resolve, clock.nextFree - now));
}

/** Bytes of a request's line and headers as sent (rawHeaders keep the client's spelling). */
function headerBytes(req: IncomingMessage): number {
  let n = `${req.method} ${req.url} HTTP/1.1\r\n\r\n`.length;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    n += Buffer.byteLength(req.rawHeaders[i]!) + Buffer.byteLength(req.rawHeaders[i + 1]!) + 4;
  return n;
}

/** Slows a stream to `bitsPerSecond`, in slices small enough that a 256 kbit/s link stays smooth. */
class Throttle extends Transform {
  constructor(
    private readonly bitsPerSecond: () => number | undefined,
    /** When the link is next free (ms epoch): this connection's own, or the one shared by all (`sharedLink`). */
    private readonly clock: LinkClock = { nextFree: Date.now() },
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const rate = this.bitsPerSecond();
    if (!rate) {
      done(null, chunk);
      return;
    }
    const slice = Math.max(256, Math.floor(rate / 8 / 20));
    const send = (offset: number): void => {
      if (offset >= chunk.length) {
        done();
        return;
      }
      const part = chunk.subarray(offset, offset + slice);
      const now = Date.now();
      this.clock.nextFree = Math.max(this.clock.nextFree, now) + (part.length * 8 * 1000) / rate;
      const due = this.clock.nextFree;
      setTimeout(
        () => {
          this.push(part);
          send(offset + slice);
        },
        Math.max(0, due - now),
      );
    };
    send(0);
  }
}

/** Counts bytes, and destroys the exchange once `limit()` bytes have passed (when a limit is set). */
class Meter extends Transform {
  seen = 0;
  constructor(
    private readonly count: (n: number) => void,
    private readonly limit: number | null,
    private readonly onLimit: () => void,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.limit !== null && this.seen + chunk.length >= this.limit) {
      const head = chunk.subarray(0, this.limit - this.seen);
      this.seen += head.length;
      this.count(head.length);
      if (head.length > 0) this.push(head);
      // Let the head reach the server before the cut, so the server really sees a truncated body.
      setTimeout(this.onLimit, 50);
      return;
    }
    this.seen += chunk.length;
    this.count(chunk.length);
    done(null, chunk);
  }
}

const sleep = (ms: number | undefined): Promise<void> =>
  ms ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

function take<T extends Targeted>(fault: T | undefined, req: IncomingMessage, stats: ProxyStats): T | null {
  if (!fault) return null;
  if (fault.path && !fault.path.test(req.url ?? '')) return null;
  if (fault.method && fault.method !== req.method) return null;
  if (fault.times !== undefined) {
    if (fault.times <= 0) return null;
    fault.times -= 1;
  }
  stats.faultsApplied += 1;
  return fault;
}

function answerWith(res: ServerResponse, a: { status: number; body?: string; contentType?: string }): void {
  const body = a.body ?? '';
  res.writeHead(a.status, { 'content-type': a.contentType ?? 'text/plain', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of `upstream` (`http://127.0.0.1:<port>`). */
export async function startFaultProxy(upstream: string, plan: FaultPlan = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  const stats: ProxyStats = {
    requests: 0,
    bodyBytesUp: 0,
    bodyBytesDown: 0,
    bodyBytesUpByMethod: new Map(),
    byRoute: new Map(),
    faultsApplied: 0,
    drops: 0,
    headerBytesUp: 0,
    connections: 0,
  };
  const shared = { up: { nextFree: Date.now() }, down: { nextFree: Date.now() } };
  const clock = (dir: 'up' | 'down'): LinkClock | undefined => (proxy.plan.sharedLink ? shared[dir] : undefined);
  const proxy: FaultProxy = { url: '', plan, stats, close: async () => {} };
  const rate = (): number | undefined => proxy.plan.bitsPerSecond;

  const server = http.createServer((req, res) => {
    void relay(req, res).catch(() => {
      req.socket.destroy();
    });
  });

  async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const p = proxy.plan;
    stats.requests += 1;
    const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    stats.byRoute.set(route, (stats.byRoute.get(route) ?? 0) + 1);
    const head = headerBytes(req);
    stats.headerBytesUp += head;
    const up0 = clock('up');
    await Promise.all([sleep(p.latencyMs), up0 ? linkWait(up0, head, rate()) : null]);
    const canned = take(p.answer, req, stats);
    if (canned) {
      req.resume();
      answerWith(res, canned);
      return;
    }
    if (take(p.hang, req, stats)) {
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    const cuttable = !(declared <= (p.dropAfterBytes?.bytes ?? 0));
    const drop = cuttable ? take(p.dropAfterBytes, req, stats) : null;
    const replace = take(p.replaceAnswer, req, stats);
    const reset = take(p.resetAfterForward, req, stats);
    const up = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
    });
    let dropped = false;
    const kill = (): void => {
      if (!dropped) stats.drops += 1;
      dropped = true;
      up.destroy();
      req.socket.destroy();
    };
    up.on('error', () => req.socket.destroy());
    const answered = new Promise<IncomingMessage>((resolve) => up.on('response', resolve));
    const countUp = (n: number): void => {
      stats.bodyBytesUp += n;
      stats.bodyBytesUpByMethod.set(req.method!, (stats.bodyBytesUpByMethod.get(req.method!) ?? 0) + n);
    };
    const meter = new Meter(countUp, drop ? drop.bytes : null, kill);
    await pipeline(req, new Throttle(rate, clock('up')), meter, up).catch(() => undefined);
    if (dropped) return;
    const answer = await answered;
    if (reset) {
      answer.resume();
      answer.on('end', () => req.socket.resetAndDestroy());
      return;
    }
    if (replace) {
      answer.resume();
      await sleep(p.latencyMs);
      answerWith(res, replace);
      return;
    }
    await sleep(p.latencyMs);
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    const down = new Meter((n) => (stats.bodyBytesDown += n), null, kill);
    await pipeline(answer, new Throttle(rate, clock('down')), down, res).catch(() => req.socket.destroy());
  }

  server.on('connection', () => (stats.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
