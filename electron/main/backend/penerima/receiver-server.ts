// The §4 receiver over HTTP (docs/design.md §4.3): `pleno penerima serve`, default port 8418 on all interfaces.
// JSON bodies may be gzip-encoded ("x-gzip" is "gzip"; any other coding 415) and are bounded before and after decoding; requests are rate-limited per PPK key
// (and per address before a key is known); connections are capped; blobs go to the tus handler as a stream.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { parseJson } from '../../../../shared/formats/json';
import { createRateLimiter } from '../lan/rate-limit';
import { latestSertifikat, getPenerima } from '../repositories/penerima.repo';
import { commitManifest } from '../services/penerima/commit.service';
import { receiveManifest, receiveObjek, type Answer, type Ctx } from '../services/penerima/receive.service';
import { JSON_MAX_DECODED, JSON_MAX_WIRE } from '../services/penerima/limits';
import { BERKAS_PATH, createBerkasServer, type BerkasServer } from './berkas-tus';

export const PENERIMA_DEFAULT_PORT = 8418;
export { JSON_MAX_WIRE, JSON_MAX_DECODED };
const HEX64 = /^[0-9a-f]{64}$/;

export interface PenerimaServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class TooLarge extends Error {}
class UnknownCoding extends Error {}

/**
 * The coding of a JSON body (Content-Encoding): none or "identity", or gzip — "x-gzip" is the same coding (RFC 9110
 * §8.4.1.3); null for any other (deflate, br, a list of codings), which this receiver does not decode.
 */
export function contentCoding(header: string | undefined): 'identity' | 'gzip' | null {
  const coding = (header ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return 'identity';
  return coding === 'gzip' || coding === 'x-gzip' ? 'gzip' : null;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const coding = contentCoding(req.headers['content-encoding']);
  if (coding === null) throw new UnknownCoding();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > JSON_MAX_WIRE) throw new TooLarge();
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of req) {
    n += (chunk as Buffer).length;
    if (n > JSON_MAX_WIRE) throw new TooLarge();
    parts.push(chunk as Buffer);
  }
  const body = Buffer.concat(parts);
  if (coding === 'gzip') {
    try {
      return gunzipSync(body, { maxOutputLength: JSON_MAX_DECODED });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new TooLarge();
      throw new SyntaxError('gzip');
    }
  }
  return body;
}

function send(res: ServerResponse, a: Answer): void {
  const text = a.raw ?? JSON.stringify(a.body);
  res.writeHead(a.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const problem = (status: number, masalah: string): Answer => ({ status, body: { masalah: [masalah] } });

async function json(req: IncomingMessage, res: ServerResponse, then: (body: Buffer) => Answer): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (err) {
    return send(res, bodyProblem(err));
  }
  send(res, then(body));
}

function bodyProblem(err: unknown): Answer {
  if (err instanceof TooLarge) return problem(413, 'Isi kiriman terlalu besar.');
  if (err instanceof UnknownCoding)
    return problem(415, 'Pengodean isi kiriman tidak dikenal; kirim JSON apa adanya atau dengan gzip.');
  return problem(400, 'Isi gzip rusak.');
}

function keyOf(body: Buffer): string | null {
  const j = parseJson(body);
  const sig = j.ok ? (j.value as { signature?: { keyId?: unknown } }).signature : undefined;
  return typeof sig?.keyId === 'string' ? sig.keyId : null;
}

function hello(ctx: Ctx): Answer {
  const cert = latestSertifikat(ctx.db);
  const me = getPenerima(ctx.db);
  if (!cert || !me) return problem(503, 'Penerima ini belum memasang sertifikatnya.');
  return {
    status: 200,
    body: { kabkota: me.kabkotaKode, format: 'pleno.kirim/1', sertifikat: JSON.parse(cert.envelopeJson) },
  };
}

/**
 * A database opened read-only (a read-only or damaged file, docs/storage.md) can take nothing: every request that
 * would store answers 503 with the reason in words and Retry-After, so the sender keeps its outbox and tries later.
 */
function unavailable(ctx: Ctx, req: IncomingMessage, res: ServerResponse): boolean {
  if (!ctx.readOnly || req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  req.resume();
  const why =
    'Penerima kab/kota sedang tidak dapat menyimpan kiriman: basis datanya terbuka hanya-baca (berkasnya ' +
    'hanya-baca atau rusak). Kiriman tetap di kotak keluar dan dicoba lagi nanti.';
  ctx.log?.warn('penerima refused a write: database read-only', { reason: ctx.readOnly.english });
  const text = JSON.stringify({ masalah: [why] });
  res.writeHead(503, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'retry-after': '60',
    'tus-resumable': '1.0.0',
  });
  res.end(text);
  return true;
}

/** The request router of §4.3: rate limits per address, then per PPK key on manifests. */
function createRoute(ctx: Ctx, berkas: BerkasServer): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const perKey = createRateLimiter({ capacity: 200, refillPerSecond: 50 });
  const perAddress = createRateLimiter({ capacity: 400, refillPerSecond: 100 });
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!perAddress.take(req.socket.remoteAddress ?? '?').ok)
      return send(res, problem(429, 'Terlalu banyak permintaan; coba lagi sebentar.'));
    if (path === '/v1/hello' && req.method === 'GET') return send(res, hello(ctx));
    if (unavailable(ctx, req, res)) return;
    if (path === BERKAS_PATH || path.startsWith(`${BERKAS_PATH}/`)) return berkas.handle(req, res);
    if (path === '/v1/kirim' && req.method === 'POST') {
      return json(req, res, (body) => {
        const key = keyOf(body);
        if (key && !perKey.take(key).ok)
          return problem(429, 'Terlalu banyak permintaan dari kunci ini; coba lagi sebentar.');
        const j = parseJson(body);
        return j.ok
          ? receiveManifest(ctx, j.value, berkas)
          : problem(400, `Manifest bukan JSON yang sah: ${j.error.message}`);
      });
    }
    const objek = /^\/v1\/objek\/([^/]+)$/.exec(path);
    if (objek && req.method === 'PUT') {
      if (!HEX64.test(objek[1]!)) return send(res, problem(400, 'Alamat objek harus SHA-256 (64 hex huruf kecil).'));
      return json(req, res, (body) => receiveObjek(ctx, objek[1]!, new Uint8Array(body)));
    }
    const selesai = /^\/v1\/kirim\/([^/]+)\/selesai$/.exec(path);
    if (selesai && req.method === 'POST') {
      req.resume();
      if (!HEX64.test(selesai[1]!))
        return send(res, problem(400, 'Alamat manifest harus SHA-256 (64 hex huruf kecil).'));
      return send(res, commitManifest(ctx, selesai[1]!, berkas));
    }
    req.resume();
    send(res, problem(404, 'Alamat ini tidak dikenal penerima.'));
  };
}

export async function startPenerimaServer(
  ctx: Ctx,
  opts: { port?: number; host?: string } = {},
): Promise<PenerimaServer> {
  const route = createRoute(ctx, createBerkasServer(ctx));
  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      ctx.log?.error('penerima request failed', err);
      if (!res.headersSent) send(res, problem(503, 'Penerima sedang bermasalah; coba lagi nanti.'));
      else res.destroy();
    });
  });
  server.maxConnections = 512;
  server.headersTimeout = 20_000;
  server.requestTimeout = 10 * 60_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? PENERIMA_DEFAULT_PORT, opts.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
