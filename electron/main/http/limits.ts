// Connection limits shared by both servers (the LAN receiver that phones reach, the web bridge on loopback), so
// idle or slow sockets cannot exhaust file descriptors and a legitimate client is still served:
// - header, request and idle timeouts, checked every second (Node's default check runs every 30 s);
// - a cap on open sockets per remote address (a new one over it is closed at once);
// - a cap on open sockets in total: a new connection over it closes the oldest socket with no request in flight
//   (idle keep-alive or still sending its headers), so a flood of idle sockets cannot lock out the next phone;
// - accept errors (EMFILE/ENFILE when the process runs out of descriptors) are logged, at most every 5 s, and the
//   server keeps listening: libuv sheds the pending connection and accepting resumes when sockets close.
//
//   serverOptions(limits) → options for http.createServer
//   guardServer(server, limits, log) → { open(), refused(), evicted(), destroyAll() }
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  maxConnections: number;
  perAddress: number;
  /** Time to receive the request headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request (slow phones on weak Wi-Fi need minutes for a bundle). */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** A socket with no traffic either way for this long is closed. */
  idleTimeoutMs: number;
}

export interface GuardLog {
  warn(message: string, data?: Record<string, unknown>): unknown;
}

export interface ServerGuard {
  open(): number;
  /** Connections closed at once for the per-address cap. */
  refused(): number;
  /** Idle connections closed to make room under the total cap. */
  evicted(): number;
  destroyAll(): void;
}

export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1000,
    maxHeaderSize: 16 * 1024,
  };
}

interface Tracked {
  address: string;
  busy: number;
}

export function addressOf(socket: Socket): string {
  const a = socket.remoteAddress ?? '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

export function guardServer(server: Server, limits: ConnectionLimits, log: GuardLog): ServerGuard {
  const sockets = new Map<Socket, Tracked>();
  const perAddress = new Map<string, number>();
  let refused = 0;
  let evicted = 0;
  let lastAcceptLog = 0;

  server.maxHeadersCount = 50;
  server.setTimeout(limits.idleTimeoutMs, (socket: Socket) => socket.destroy());

  const evictOldestIdle = (): boolean => {
    for (const [s, t] of sockets) {
      if (t.busy === 0) {
        evicted += 1;
        s.destroy();
        return true;
      }
    }
    return false;
  };

  server.on('connection', (socket: Socket) => {
    const address = addressOf(socket);
    const n = perAddress.get(address) ?? 0;
    if (!address || n >= limits.perAddress || (sockets.size >= limits.maxConnections && !evictOldestIdle())) {
      refused += 1;
      socket.destroy();
      return;
    }
    perAddress.set(address, n + 1);
    sockets.set(socket, { address, busy: 0 });
    socket.once('close', () => {
      sockets.delete(socket);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
  server.on('request', (req, res) => {
    const t = sockets.get(req.socket);
    if (!t) return;
    t.busy += 1;
    res.once('close', () => {
      t.busy -= 1;
    });
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    // Errors before listening belong to the caller's listen(); these are accept failures while running.
    if (!server.listening) return;
    const now = Date.now();
    if (now - lastAcceptLog < 5000) return;
    lastAcceptLog = now;
    log.warn('server: accept failed, still listening', { code: err.code, error: String(err) });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP, headers too large, or a body cut short: answer when the socket can still take it.
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable && err.code !== 'ECONNRESET')
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });

  return {
    open: () => sockets.size,
    refused: () => refused,
    evicted: () => evicted,
    destroyAll() {
      for (const s of sockets.keys()) s.destroy();
    },
  };
}
