// The web mode transport: the built renderer and the contract over HTTP on 127.0.0.1 only, events over SSE.
// Every /api request needs the per-launch token (Authorization: Bearer), a loopback Host and no foreign Origin.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ServedBackend } from '../backend/backend';
import type { PlenoEvent } from '../../../shared/contracts/events';
import type { Result } from '../../../shared/contracts/result';
import { hostAllowed, newToken, originAllowed, tokenMatches, tokenOf } from './security';
import { WEB_SECURITY_HEADERS } from '../security-headers';
import { serveStatic } from './static-files';

/** Photos and bundles travel base64 inside JSON. */
export const MAX_BODY_BYTES = 30 * 1024 * 1024;
const HEARTBEAT_MS = 20_000;

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

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const sockets = new Set<Socket>();
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A transport bug: never leak details; the backend log has them when they came from a handler.
      process.stderr.write(`pleno web: ${(err as Error).stack ?? String(err)}\n`);
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'Terjadi kesalahan tak terduga pada server lokal.'));
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) {
      sendJson(res, 403, failure('FORBIDDEN', 'Host tidak diizinkan.'));
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) {
      serveStatic(options.staticDir, req, res, url.pathname);
      return;
    }
    if (!originAllowed(req, port)) {
      sendJson(res, 403, failure('FORBIDDEN', 'Permintaan dari asal (origin) lain ditolak.'));
      return;
    }
    if (!tokenMatches(tokenOf(req), token)) {
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
      openEventStream(req, res);
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('BAD_REQUEST', 'Gunakan POST untuk memanggil API.'), { Allow: 'POST' });
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      sendJson(res, 415, failure('BAD_REQUEST', 'Isi permintaan harus JSON (Content-Type: application/json).'));
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') {
      sendJson(res, 413, failure('BAD_REQUEST', `Isi permintaan melebihi ${MAX_BODY_BYTES / 1024 / 1024} MiB.`), {
        Connection: 'close',
      });
      req.resume();
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(res, 400, failure('BAD_REQUEST', 'Isi permintaan bukan JSON yang sah.'));
      return;
    }
    const result = await options.backend.dispatch(decodeURIComponent(method), input);
    const status = result.ok
      ? 200
      : result.error.code === 'BAD_REQUEST'
        ? 400
        : result.error.code === 'INTERNAL'
          ? 500
          : 200;
    sendJson(res, status, result);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...WEB_SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': pleno events\n\n');
    streams.add(res);
    const send = (event: PlenoEvent) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = options.backend.events.subscribe(send);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const done = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', done);
    res.on('close', done);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    origin,
    url: `${origin}/?token=${token}`,
    close() {
      closing ??= new Promise<void>((resolvePromise) => {
        for (const s of streams) s.end();
        server.close(() => resolvePromise());
        server.closeIdleConnections();
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 200).unref();
      });
      return closing;
    },
  };
}

function failure(code: 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...WEB_SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolvePromise('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolvePromise(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
