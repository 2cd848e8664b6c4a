// The web mode transport: the built renderer and the contract over HTTP on 127.0.0.1 only, events over SSE.
// Every /api request needs the per-launch token (Authorization: Bearer), a loopback Host and no foreign Origin.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServedBackend } from '../backend/backend';
import type { PlenoEvent } from '../../../shared/contracts/events';
import type { Result } from '../../../shared/contracts/result';
import { hostAllowed, newToken, originAllowed, tokenMatches, tokenOf } from './security';
import { WEB_SECURITY_HEADERS } from '../security-headers';
import { serveStatic } from './static-files';
import { readBody } from '../http/body';
import { guardServer, serverOptions, type ConnectionLimits } from '../http/limits';
import { listen } from '../http/listen';
import { jsonSender } from '../http/respond';

/** A bridge call's JSON body: enough for any form; parsing more on the main thread would stall the UI. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The methods that carry files (photos, bundles, a data master) base64 inside their JSON. */
export const MAX_FILE_BODY_BYTES = 30 * 1024 * 1024;
const FILE_METHODS = new Set([
  'import.files',
  'import.qrImage',
  'setup.previewMaster',
  'setup.importMaster',
  'plenary.proposeCorrection',
]);
const HEARTBEAT_MS = 20_000;
/** One user on loopback: a browser opens a handful of sockets; event streams stay open. */
const WEB_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 64,
  perAddress: 64,
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 0,
};

/** A method name from the path: `%` escapes decoded, 400 when they are malformed or the name is not a name. */
function methodName(path: string): string | null {
  try {
    const name = decodeURIComponent(path.slice('/api/'.length));
    return /^[A-Za-z0-9_.]{1,100}$/.test(name) ? name : null;
  } catch {
    return null;
  }
}

export interface WebServerOptions {
  backend: ServedBackend;
  /** Folder of the built renderer (index.html + assets/). */
  staticDir: string;
  /** 0 = any free port. */
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface WebServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:<port>/?token=<token>`: what the user opens. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** What the request handlers of one web server share. */
interface WebState {
  options: WebServerOptions;
  token: string;
  /** Set once listening (Host and Origin checks name it). */
  port: number;
  streams: Set<ServerResponse>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const state: WebState = { options, token: options.token ?? newToken(), port: 0, streams: new Set() };
  const server = createServer(serverOptions(WEB_CONNECTION_LIMITS), (req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      // A transport bug: never leak details; the backend log has them when they came from a handler.
      process.stderr.write(`pleno web: ${(err as Error).stack ?? String(err)}\n`);
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'Terjadi kesalahan tak terduga pada server lokal.'));
      else res.destroy();
    });
  });
  // Event streams are long-lived by design: no idle timeout here (idleTimeoutMs 0); SSE heartbeats keep them busy.
  const guard = guardServer(server, WEB_CONNECTION_LIMITS, {
    warn: (message, data) => process.stderr.write(`pleno web: ${message} ${JSON.stringify(data ?? {})}\n`),
  });
  await listen(server, options.port ?? 0, '127.0.0.1');
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  return {
    port,
    token: state.token,
    origin,
    url: `${origin}/?token=${state.token}`,
    close() {
      closing ??= new Promise<void>((resolvePromise) => {
        for (const s of state.streams) s.end();
        server.close(() => resolvePromise());
        server.closeIdleConnections();
        setTimeout(() => guard.destroyAll(), 200).unref();
      });
      return closing;
    },
  };
}

/** Host → static files → Origin → token → the event stream or one API call. */
async function handle(s: WebState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hostAllowed(req, s.port)) {
    sendJson(res, 403, failure('FORBIDDEN', 'Host tidak diizinkan.'));
    return;
  }
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${s.port}`);
  if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) {
    serveStatic(s.options.staticDir, req, res, url.pathname);
    return;
  }
  if (!originAllowed(req, s.port)) {
    sendJson(res, 403, failure('FORBIDDEN', 'Permintaan dari asal (origin) lain ditolak.'));
    return;
  }
  if (!tokenMatches(tokenOf(req), s.token)) {
    sendJson(
      res,
      401,
      failure('UNAUTHORIZED', 'Token akses tidak ada atau salah. Buka alamat lengkap yang dicetak oleh Pleno.'),
      {
        'WWW-Authenticate': 'Bearer',
      },
    );
    return;
  }
  if (url.pathname === '/api/events') {
    if (req.method !== 'GET') {
      sendJson(res, 405, failure('BAD_REQUEST', 'Gunakan GET untuk /api/events.'), { Allow: 'GET' });
      return;
    }
    openEventStream(s, req, res);
    return;
  }
  await callMethod(s, url.pathname, req, res);
}

/** POST /api/<method> with a JSON body within the method's limit, answered with the dispatcher's Result. */
async function callMethod(s: WebState, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = methodName(pathname);
  if (method === null) {
    sendJson(res, 400, failure('BAD_REQUEST', 'Nama perintah tidak sah.'));
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, failure('BAD_REQUEST', 'Gunakan POST untuk memanggil API.'), { Allow: 'POST' });
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    sendJson(res, 415, failure('BAD_REQUEST', 'Isi permintaan harus JSON (Content-Type: application/json).'));
    return;
  }
  const limit = FILE_METHODS.has(method) ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES;
  const tooLarge = () =>
    sendJson(res, 413, failure('BAD_REQUEST', `Isi permintaan melebihi ${limit / 1024 / 1024} MiB.`), {}, true);
  if (Number(req.headers['content-length'] ?? '0') > limit) return tooLarge();
  const body = await readBody(req, limit);
  if (body.kind === 'too-large') return tooLarge();
  if (body.kind === 'aborted') return;
  let input: unknown;
  try {
    input = body.bytes.length === 0 ? {} : JSON.parse(Buffer.from(body.bytes).toString('utf8'));
  } catch {
    sendJson(res, 400, failure('BAD_REQUEST', 'Isi permintaan bukan JSON yang sah.'));
    return;
  }
  const result = await s.options.backend.dispatch(method, input);
  const status = result.ok
    ? 200
    : result.error.code === 'BAD_REQUEST'
      ? 400
      : result.error.code === 'INTERNAL'
        ? 500
        : 200;
  sendJson(res, status, result);
}

function openEventStream(s: WebState, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    ...WEB_SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': pleno events\n\n');
  s.streams.add(res);
  const send = (event: PlenoEvent) => {
    if (!res.writableEnded && !res.destroyed) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const unsubscribe = s.options.backend.events.subscribe(send);
  const heartbeat = setInterval(() => {
    if (!res.writableEnded && !res.destroyed) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const done = () => {
    clearInterval(heartbeat);
    unsubscribe();
    s.streams.delete(res);
  };
  req.on('close', done);
  res.on('close', done);
}

function failure(code: 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

const sendJson = jsonSender(WEB_SECURITY_HEADERS);
