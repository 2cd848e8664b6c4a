// Connection limits shared by both servers (the LAN receiver that phones reach, the web bridge on loopback), so
// idle or slow sockets cannot exhaust file descriptors and a legitimate client is still served:
// - header, request and idle timeouts, checked every second (Node's default check runs every 30 s);
// - a cap on open sockets per remote address (a new one over it is closed at once);
// - a cap on open sockets in total: a new connection over it closes the oldest socket with no request in flight
//   (idle keep-alive or still sending its headers) of the address holding the most sockets, so a flood of idle
//   sockets from many addresses cannot lock out, or push out, the next phone;
// - accept errors (EMFILE/ENFILE when the process runs out of descriptors) are logged, at most every 5 s, and the
//   server keeps listening: libuv sheds the pending connection, a few idle sockets are closed to free descriptors,
//   and accepting resumes as sockets close. The total cap is also held to half the descriptors free at start
//   (descriptors.ts), because running out is mostly silent: libuv accepts and drops the pending connection.
//
//   serverOptions(limits) → options for http.createServer
//   guardServer(server, limits, log) → { open(), refused(), evicted(), destroyAll() }
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { freeDescriptors } from './descriptors';

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
  /** The total cap in force (the configured one, or less when descriptors are scarce). */
  maxConnections: number;
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

/** The total cap, no more than `share` of the descriptors still free (when the platform has a limit). */
export function effectiveMaxConnections(limits: ConnectionLimits, share = 0.5): number {
  const free = freeDescriptors();
  return free === null ? limits.maxConnections : Math.min(limits.maxConnections, Math.max(8, Math.floor(free * share)));
}

/** Malformed HTTP, headers too large, or a body cut short: answer when the socket can still take it. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  if (socket.writable && err.code !== 'ECONNRESET')
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

export function guardServer(server: Server, limits: ConnectionLimits, log: GuardLog): ServerGuard {
  const sockets = new Map<Socket, Tracked>();
  const byAddress = new Map<string, Set<Socket>>();
  const maxConnections = effectiveMaxConnections(limits);
  let refused = 0;
  let evicted = 0;
  let lastAcceptLog = 0;

  server.maxHeadersCount = 50;
  server.setTimeout(limits.idleTimeoutMs, (socket: Socket) => socket.destroy());

  const forget = (socket: Socket) => {
    const t = sockets.get(socket);
    if (!t) return;
    sockets.delete(socket);
    const set = byAddress.get(t.address);
    set?.delete(socket);
    if (set?.size === 0) byAddress.delete(t.address);
  };

  /** The oldest socket with no request in flight, from the address holding the most sockets (fair to the others). */
  const evictOne = (): boolean => {
    let victim: Socket | null = null;
    let most = 0;
    for (const set of byAddress.values()) {
      if (set.size <= most) continue;
      for (const s of set) {
        if (sockets.get(s)?.busy === 0) {
          victim = s;
          most = set.size;
          break;
        }
      }
    }
    if (!victim) return false;
    evicted += 1;
    forget(victim);
    victim.destroy();
    return true;
  };

  server.on('connection', (socket: Socket) => {
    const address = addressOf(socket);
    const mine = byAddress.get(address);
    if (!address || (mine?.size ?? 0) >= limits.perAddress || (sockets.size >= maxConnections && !evictOne())) {
      refused += 1;
      socket.destroy();
      return;
    }
    const set = mine ?? new Set<Socket>();
    if (!mine) byAddress.set(address, set);
    set.add(socket);
    sockets.set(socket, { address, busy: 0 });
    socket.once('close', () => forget(socket));
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
    // Out of descriptors: idle sockets give theirs back so the next connection can be accepted.
    if (err.code === 'EMFILE' || err.code === 'ENFILE') for (let i = 0; i < 8 && evictOne(); i++);
    const now = Date.now();
    if (now - lastAcceptLog < 5000) return;
    lastAcceptLog = now;
    log.warn('server: accept failed, still listening', { code: err.code, error: String(err) });
  });
  server.on('clientError', answerClientError);

  return {
    open: () => sockets.size,
    maxConnections,
    refused: () => refused,
    evicted: () => evicted,
    destroyAll() {
      for (const s of sockets.keys()) s.destroy();
    },
  };
}
