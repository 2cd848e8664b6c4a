// The fault proxy itself, against a real upstream on 127.0.0.1: each fault does what the push tests rely on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

interface Seen {
  method: string;
  url: string;
  bytes: number;
  complete: boolean;
}

let upstream: http.Server;
let seen: Seen[] = [];
let proxy: FaultProxy;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const s: Seen = { method: req.method ?? '', url: req.url ?? '', bytes: 0, complete: false };
    seen.push(s);
    req.on('data', (c: Buffer) => (s.bytes += c.length));
    req.on('end', () => {
      s.complete = true;
      const body = JSON.stringify({ got: s.bytes });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});

afterAll(async () => {
  await proxy.close();
  await new Promise<void>((r) => upstream.close(() => r()));
});

beforeEach(() => {
  seen = [];
  proxy.plan = {};
});

async function post(path: string, bytes: number): Promise<{ status: number; body: string }> {
  const res = await fetch(`${proxy.url}${path}`, { method: 'POST', body: new Uint8Array(bytes).fill(65) });
  return { status: res.status, body: await res.text() };
}

describe('fault proxy', () => {
  it('relays requests and answers unchanged and counts body bytes', async () => {
    const before = proxy.stats.bodyBytesUp;
    expect(await post('/v1/kirim', 5000)).toEqual({ status: 200, body: '{"got":5000}' });
    expect(proxy.stats.bodyBytesUp - before).toBe(5000);
    expect(seen).toEqual([{ method: 'POST', url: '/v1/kirim', bytes: 5000, complete: true }]);
  });

  it('answers 503 in the server place: the server never sees the request', async () => {
    proxy.plan = { answer: { path: /kirim/, status: 503, body: 'sibuk', times: 1 } };
    expect(await post('/v1/kirim', 10)).toEqual({ status: 503, body: 'sibuk' });
    expect(seen).toHaveLength(0);
    expect((await post('/v1/kirim', 10)).status).toBe(200);
  });

  it('replaces an answer after the server handled the request (a 200 without a receipt)', async () => {
    proxy.plan = { replaceAnswer: { path: /selesai/, status: 200, body: '' } };
    expect(await post('/v1/kirim/abc/selesai', 3)).toEqual({ status: 200, body: '' });
    expect(seen.map((s) => s.complete)).toEqual([true]);
  });

  it('drops the connection after N body bytes: the client fails, the server got a truncated body', async () => {
    proxy.plan = { dropAfterBytes: { bytes: 64 * 1024 } };
    await expect(post('/v1/berkas/x', 512 * 1024)).rejects.toThrow();
    for (let i = 0; i < 40 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.complete).toBe(false);
    expect(seen[0]!.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('resets the client after the server answered: the server acted, the client never hears', async () => {
    proxy.plan = { resetAfterForward: { path: /selesai/, times: 1 } };
    await expect(post('/v1/kirim/abc/selesai', 3)).rejects.toThrow();
    expect(seen.map((s) => s.complete)).toEqual([true]);
  });

  it('throttles to the bit rate: 32 KiB at 256 kbit/s takes about a second, not milliseconds', async () => {
    proxy.plan = { bitsPerSecond: 256_000 };
    const t0 = Date.now();
    expect((await post('/v1/berkas/x', 32 * 1024)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });
});
