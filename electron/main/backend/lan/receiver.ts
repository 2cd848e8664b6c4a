// The LAN receiver of DESIGN §3.5 (HTTP on the PPK laptop, default port 8417): KPPS phones post signed C.Hasil
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
// before Content-Length bytes) are quarantined with the reason. Bodies over 20 MiB are refused from Content-Length
// before reading, or as soon as the streamed count passes the limit. Requests are rate-limited per device keyId
// (token bucket; bodies naming no device are limited per remote address) with 429 + Retry-After.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { unzipSync } from 'fflate';
import type { BackendContext } from '../context';
import { parseJson } from '../../../../shared/formats/json';
import { payloadHash } from '../../../../shared/formats/envelope';
import { nodeCrypto } from '../crypto';
import { getMeta, findPerangkat } from '../repositories/master.repo';
import { getPpkKey } from '../repositories/keys.repo';
import { ppkKey } from '../services/keys/ppk-key';
import { importBundleBytes, type ImportOutcome } from '../services/import/import.service';
import { createEnvelopeQueue } from './group-commit';
import { quarantine } from '../services/quarantine/quarantine';
import { createContactLog, type ContactLog } from '../services/lan/lan-contacts';
import type { LanOutcome, NewLanContact } from '../repositories/lan-contact.repo';
import { createRateLimiter, type RateLimitOptions, type RateLimiter } from './rate-limit';
import { signReceipt, type Receipt } from './receipt';
import { advertiseLan, type MdnsAdvert } from './mdns';
import { rejectionStatus } from './rejection-status';

export const LAN_FORMAT = 'pleno.lan/1';
export const DEFAULT_LAN_PORT = 8417;
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** A phone sends two or three records and some retries; a training room shares one Wi-Fi. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 20, refillPerSecond: 2 };

export interface LanReceiverOptions {
  port?: number;
  host?: string;
  /** Advertise `_pleno._tcp` by mDNS (default true; tests and benchmarks turn it off). */
  mdns?: boolean;
  maxBodyBytes?: number;
  rateLimit?: RateLimitOptions;
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
  /** Writes the buffered devices-seen log now (status screens call it before reading). */
  flush(): void;
  close(): Promise<void>;
}

const running = new WeakMap<BackendContext, LanReceiver>();

export function runningLanReceiver(ctx: BackendContext): LanReceiver | undefined {
  return running.get(ctx);
}

/** The IPv4 addresses of the laptop's LAN interfaces (Wi-Fi, Ethernet), loopback last. */
export function lanAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  out.push('127.0.0.1');
  return out;
}

type Endpoint = 'c-hasil' | 'bundle';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

function json(res: ServerResponse, a: Answer, close = false): void {
  const text = JSON.stringify(a.body);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...a.headers,
  };
  if (close) headers.Connection = 'close';
  res.writeHead(a.status, headers);
  res.end(text);
}

function errorBody(code: string, message: string): Record<string, unknown> {
  return { status: 'ditolak', error: { code, message } };
}

type BodyRead =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'too-large'; seen: number }
  | { kind: 'aborted'; bytes: Uint8Array; expected: number };

/** Reads the body while counting; stops keeping bytes past the limit. */
function readBody(req: IncomingMessage, max: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    let over = false;
    let settled = false;
    const expected = Number(req.headers['content-length'] ?? -1);
    const settle = (r: BodyRead) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > max) {
        if (!over) {
          over = true;
          chunks.length = 0;
          settle({ kind: 'too-large', seen });
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ kind: 'ok', bytes: new Uint8Array(Buffer.concat(chunks)) }));
    const aborted = () => {
      if (!req.complete) settle({ kind: 'aborted', bytes: new Uint8Array(Buffer.concat(chunks)), expected });
    };
    req.on('aborted', aborted);
    req.on('error', aborted);
    req.on('close', aborted);
  });
}

/** The device keyIds named in a body (envelope signature, or each result of a bundle); [] when unreadable. */
export function peekKeyIds(endpoint: Endpoint, bytes: Uint8Array): string[] {
  const keyOf = (value: unknown): string | null => {
    if (typeof value !== 'object' || value === null) return null;
    const sig = (value as { signature?: unknown }).signature;
    if (typeof sig !== 'object' || sig === null) return null;
    const k = (sig as { keyId?: unknown }).keyId;
    return typeof k === 'string' && k.length > 0 && k.length <= 128 ? k : null;
  };
  if (endpoint === 'c-hasil') {
    const j = parseJson(bytes);
    const k = j.ok ? keyOf(j.value) : null;
    return k ? [k] : [];
  }
  try {
    const entries = unzipSync(bytes, {
      filter: (f) => /^results\/[a-z]+\.json$/.test(f.name) && f.originalSize <= 1_000_000,
    });
    const out: string[] = [];
    for (const name of Object.keys(entries).sort()) {
      const j = parseJson(entries[name]!);
      const k = j.ok ? keyOf(j.value) : null;
      if (k && !out.includes(k)) out.push(k);
    }
    return out;
  } catch {
    return [];
  }
}

function contentTypeOk(endpoint: Endpoint, header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (endpoint === 'c-hasil') return type === 'application/json';
  return type === 'application/zip' || type === 'application/x-zip-compressed' || type === 'application/octet-stream';
}

function remoteOf(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? '?';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
}

/**
 * The PPK key as a signer holding its KeyObject: building the KeyObject from PKCS#8 costs more than the signature,
 * and the receiver signs one receipt per record at the evening peak.
 */
function cachedSigner(ctx: BackendContext): { keyId: string; publicKey: string; sign(bytes: Uint8Array): Uint8Array } {
  const key = ppkKey(ctx);
  const row = getPpkKey(ctx.db);
  if (!row || row.keyId !== key.keyId) return key;
  const keyObject = createPrivateKey({
    key: Buffer.from(row.privateKeyPkcs8, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    keyId: key.keyId,
    publicKey: key.publicKey,
    sign: (bytes) => new Uint8Array(cryptoSign(null, bytes, keyObject)),
  };
}

const starting = new WeakMap<BackendContext, Promise<LanReceiver>>();

export async function startLanReceiver(ctx: BackendContext, options: LanReceiverOptions = {}): Promise<LanReceiver> {
  const existing = running.get(ctx);
  if (existing) return existing;
  // Two clicks (or the UI and `--lan`) at once must not open two servers.
  let pending = starting.get(ctx);
  if (!pending) {
    pending = start(ctx, options).finally(() => starting.delete(ctx));
    starting.set(ctx, pending);
  }
  return pending;
}

async function start(ctx: BackendContext, options: LanReceiverOptions): Promise<LanReceiver> {
  const host = options.host ?? '0.0.0.0';
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const limiter: RateLimiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const meta = getMeta(ctx.db);
  if (!meta) throw new Error('LAN receiver: the database has no data master yet');
  const signer = cachedSigner(ctx);
  const hello = { kecamatan: meta.kecamatanKode, ppkKey: signer.publicKey, format: LAN_FORMAT };

  let lastEmit = 0;
  let emitTimer: NodeJS.Timeout | null = null;
  // Devices-seen screens refresh at most twice a second, however busy the evening gets.
  const changed = () => {
    const now = Date.now();
    if (now - lastEmit >= 500) {
      lastEmit = now;
      ctx.events.emit({ type: 'lan-changed' });
    } else if (!emitTimer) {
      emitTimer = setTimeout(() => {
        emitTimer = null;
        lastEmit = Date.now();
        ctx.events.emit({ type: 'lan-changed' });
      }, 500);
    }
  };
  const contacts: ContactLog = createContactLog(ctx, { onFlushed: changed });
  let rateLimitedCount = 0;
  const envelopes = createEnvelopeQueue(ctx);

  const registered = (keyId: string | null): boolean => keyId !== null && findPerangkat(ctx.db, keyId).length > 0;

  const record = (c: Omit<NewLanContact, 'at'>) => contacts.add({ ...c, at: ctx.clock().toISOString() });

  function receiptFor(o: ImportOutcome): Receipt | null {
    if (!o.tps || !o.pemilihan || !o.sha256) return null;
    return signReceipt(signer, {
      tps: o.tps,
      pemilihan: o.pemilihan,
      sha256: o.sha256,
      diterima: ctx.clock().toISOString(),
    });
  }

  function answerFor(outcomes: ImportOutcome[], endpoint: Endpoint): Answer {
    const rejected = outcomes.find((o) => o.status === 'ditolak');
    if (rejected || outcomes.length === 0) {
      const { status, code } = rejectionStatus(rejected?.code);
      const message = rejected?.reason ?? 'berkas kosong: tidak ada hasil C.Hasil di dalamnya';
      return { status, body: errorBody(code, message) };
    }
    const hasil = outcomes.map((o) => ({
      status: o.status,
      tps: o.tps,
      pemilihan: o.pemilihan,
      sha256: o.sha256,
      receipt: receiptFor(o),
    }));
    const status = outcomes.some((o) => o.status === 'konflik')
      ? 409
      : outcomes.some((o) => o.status === 'diterima')
        ? 201
        : 200;
    const overall: LanOutcome = status === 409 ? 'konflik' : status === 201 ? 'diterima' : 'duplikat';
    const pesan =
      overall === 'konflik'
        ? 'Hasil berbeda untuk TPS dan pemilihan yang sama sudah ada: disimpan dan ditandai konflik untuk diputuskan dalam pleno.'
        : overall === 'diterima'
          ? 'Hasil diterima.'
          : 'Hasil yang sama sudah diterima sebelumnya (duplikat).';
    const body: Record<string, unknown> = { status: overall, pesan, receipt: hasil[0]!.receipt };
    if (endpoint === 'bundle') body.hasil = hasil;
    return { status, body };
  }

  async function handlePost(req: IncomingMessage, res: ServerResponse, endpoint: Endpoint): Promise<void> {
    const remote = remoteOf(req);
    if (!contentTypeOk(endpoint, req.headers['content-type'])) {
      json(res, {
        status: 400,
        body: errorBody(
          'BAD_CONTENT_TYPE',
          endpoint === 'c-hasil' ? 'Content-Type harus application/json' : 'Content-Type harus application/zip',
        ),
      });
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? -1);
    if (declared > maxBody) {
      json(
        res,
        {
          status: 413,
          body: errorBody('TOO_LARGE', `isi permintaan terlalu besar (${declared} byte; batas ${maxBody} byte)`),
        },
        true,
      );
      req.socket.destroySoon?.();
      return;
    }
    const body = await readBody(req, maxBody);
    if (body.kind === 'too-large') {
      json(
        res,
        { status: 413, body: errorBody('TOO_LARGE', `isi permintaan terlalu besar (lebih dari ${maxBody} byte)`) },
        true,
      );
      setImmediate(() => req.socket.destroy());
      return;
    }
    if (body.kind === 'aborted') {
      const keyId = peekKeyIds(endpoint, body.bytes)[0] ?? null;
      const reason = `unggahan terputus: diterima ${body.bytes.length} dari ${body.expected >= 0 ? body.expected : '?'} byte`;
      const name = `lan-${endpoint}-${safeName(keyId ?? remote)}-terputus${endpoint === 'bundle' ? '.pleno' : '.json'}`;
      try {
        quarantine(ctx, body.bytes, name, reason, {
          channel: 'lan',
          english: `truncated LAN upload: ${body.bytes.length} of ${body.expected} bytes`,
          actor: keyId ? `perangkat:${keyId}` : `lan:${remote}`,
        });
      } catch (err) {
        ctx.log.error('LAN: could not quarantine a truncated upload', err);
      }
      record({
        keyId,
        registered: registered(keyId),
        remote,
        endpoint,
        httpStatus: 400,
        outcome: 'ditolak',
        tps: null,
        pemilihan: null,
        sha256: null,
        records: 0,
        size: body.bytes.length,
        reason,
      });
      if (!res.writableEnded && !req.socket.destroyed)
        json(res, { status: 400, body: errorBody('TRUNCATED', reason) }, true);
      return;
    }

    const keyIds = peekKeyIds(endpoint, body.bytes);
    const keyId = keyIds[0] ?? null;
    const isRegistered = registered(keyId);
    // Registered devices get their own bucket; bodies naming no device or an unknown one share one bucket per
    // address, so inventing key ids cannot flood the quarantine and the contact log.
    const gate = limiter.take(isRegistered ? `key:${keyId}` : `ip:${remote}`);
    if (!gate.ok) {
      rateLimitedCount += 1;
      json(res, {
        status: 429,
        headers: { 'Retry-After': String(gate.retryAfterSeconds) },
        body: errorBody(
          'RATE_LIMITED',
          `terlalu banyak kiriman dari perangkat ini; coba lagi dalam ${gate.retryAfterSeconds} detik`,
        ),
      });
      return;
    }

    const name = `lan-${safeName(keyId ?? remote)}-${endpoint === 'bundle' ? 'bundle.pleno' : 'c-hasil.json'}`;
    const source = { channel: 'lan' as const, name, ...(keyId !== null ? { device: keyId } : {}) };
    let outcomes: ImportOutcome[];
    try {
      outcomes =
        endpoint === 'c-hasil'
          ? [await envelopes.submit(body.bytes, source)]
          : importBundleBytes(ctx, body.bytes, source);
    } catch (err) {
      const ref = ctx.log.error('LAN: import failed unexpectedly', err);
      json(res, { status: 500, body: errorBody('INTERNAL', `kesalahan tak terduga pada laptop PPK (ref ${ref})`) });
      return;
    }
    // The hash the receipt names is the record's payload hash; fill it where the import service did not.
    if (endpoint === 'c-hasil' && outcomes[0] && !outcomes[0].sha256 && outcomes[0].status !== 'ditolak') {
      const j = parseJson(body.bytes);
      if (j.ok)
        outcomes[0] = { ...outcomes[0], sha256: payloadHash((j.value as { payload: unknown }).payload, nodeCrypto) };
    }
    const answer = answerFor(outcomes, endpoint);
    const first = outcomes[0];
    record({
      keyId,
      registered: isRegistered,
      remote,
      endpoint,
      httpStatus: answer.status,
      outcome: (answer.body.status as LanOutcome) ?? 'ditolak',
      tps: first?.tps ?? null,
      pemilihan: first?.pemilihan ?? null,
      sha256: first?.sha256 ?? null,
      records: outcomes.filter((o) => o.status !== 'ditolak').length,
      size: body.bytes.length,
      reason:
        answer.status >= 400 && answer.status !== 409
          ? String((answer.body.error as { message: string }).message)
          : null,
    });
    json(res, answer);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (path === '/v1/hello') {
        if (req.method !== 'GET')
          return json(res, { status: 405, headers: { Allow: 'GET' }, body: errorBody('METHOD', 'gunakan GET') });
        return json(res, { status: 200, body: hello });
      }
      if (path === '/v1/c-hasil' || path === '/v1/bundle') {
        if (req.method !== 'POST')
          return json(res, { status: 405, headers: { Allow: 'POST' }, body: errorBody('METHOD', 'gunakan POST') });
        return handlePost(req, res, path === '/v1/c-hasil' ? 'c-hasil' : 'bundle');
      }
      req.resume();
      return json(res, { status: 404, body: errorBody('NOT_FOUND', 'alamat tidak dikenal') });
    };
    handle().catch((err: unknown) => {
      const ref = ctx.log.error('LAN: request failed', err);
      if (!res.headersSent)
        json(res, { status: 500, body: errorBody('INTERNAL', `kesalahan tak terduga (ref ${ref})`) });
      else res.destroy();
    });
  });
  // Slow phones on weak Wi-Fi get time, but a stalled upload does not hold a socket forever.
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 10_000;
  server.maxHeadersCount = 50;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (err, socket) => {
    // Malformed HTTP, or a body cut short by a half-closed connection (parser finished early).
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
    ctx.log.warn('LAN: client error', { error: String(err) });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_LAN_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urls = lanAddresses(host).map((a) => `http://${a.includes(':') ? `[${a}]` : a}:${port}`);
  const mdns: MdnsAdvert | null =
    options.mdns === false
      ? null
      : advertiseLan({ port, kecamatan: meta.kecamatanKode, ppkKeyId: signer.keyId, log: ctx.log });
  ctx.log.info('LAN receiver listening', { host, port, urls });

  let closing: Promise<void> | null = null;
  const receiver: LanReceiver = {
    url: urls[0]!,
    urls,
    port,
    host,
    startedAt: ctx.clock().toISOString(),
    rateLimited: () => rateLimitedCount,
    flush: () => contacts.flush(),
    close() {
      closing ??= (async () => {
        running.delete(ctx);
        await mdns?.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => {
            for (const s of sockets) s.destroy();
          }, 2000).unref();
        });
        if (emitTimer) clearTimeout(emitTimer);
        contacts.close();
        ctx.events.emit({ type: 'lan-changed' });
        ctx.log.info('LAN receiver stopped', { port });
      })();
      return closing;
    },
  };
  running.set(ctx, receiver);
  ctx.events.emit({ type: 'lan-changed' });
  return receiver;
}
