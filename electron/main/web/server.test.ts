// The web transport over real HTTP on 127.0.0.1: token, Host, Origin, allow-list, validation, SSE, static files + CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../backend/backend';
import { startWebServer, type WebServer } from './server';
import { CONTENT_SECURITY_POLICY } from '../security-headers';

let dir: string;
let backend: Backend;
let web: WebServer;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw node:http request so that Host and Origin can be set freely (fetch forbids changing Host). */
function send(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const auth = () => ({ Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json' });
const call = (method: string, body: unknown, headers: Record<string, string> = auth()) =>
  send({ method: 'POST', path: `/api/${method}`, headers, body: JSON.stringify(body) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-web-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Pleno</title><div id="root"></div>');
  writeFileSync(join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)');
  backend = await openBackend({ dbPath: join(dir, 'k.db'), mode: 'web' });
  web = await startWebServer({ backend, staticDir, port: 0 });
});

afterAll(async () => {
  await web?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web server /api', () => {
  it('binds 127.0.0.1 and prints a URL with a 32-byte base64url token', () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    expect(web.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers system.info with 200 and the Result body', async () => {
    const r = await call('system.info', {});
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ mode: 'web', dbPath: join(dir, 'k.db'), kecamatan: null, startupError: null });
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('accepts Host localhost:<port> and a same-origin Origin', async () => {
    const r = await call(
      'system.info',
      {},
      { ...auth(), Host: `localhost:${web.port}`, Origin: `http://localhost:${web.port}` },
    );
    expect(r.status).toBe(200);
  });

  it('401 without a token, with a wrong token, and with the token in the query string only', async () => {
    const variants: Record<string, string>[] = [
      { 'Content-Type': 'application/json' },
      { 'Content-Type': 'application/json', Authorization: `Bearer ${web.token.slice(0, -1)}x` },
      { 'Content-Type': 'application/json', Authorization: 'Bearer ' },
    ];
    for (const headers of variants) {
      const r = await call('system.info', {}, headers);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    const q = await send({
      method: 'POST',
      path: `/api/system.info?token=${web.token}`,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(q.status).toBe(401);
  });

  it('403 for a Host other than 127.0.0.1:<port> or localhost:<port> (DNS rebinding), even with the token', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${web.port}`,
      '127.0.0.1',
      `127.0.0.1:${web.port + 1}`,
      `192.168.1.5:${web.port}`,
    ]) {
      const r = await call('system.info', {}, { ...auth(), Host: host });
      expect(r.status, host).toBe(403);
    }
  });

  it('403 for a foreign Origin, even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${web.port + 1}`,
      'null',
      `https://127.0.0.1:${web.port}`,
    ]) {
      const r = await call('system.info', {}, { ...auth(), Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN');
    }
  });

  it('400 for an unknown method, naming it', async () => {
    for (const name of ['system.nope', 'constructor', '__proto__', 'toString']) {
      const r = await call(name, {});
      expect(r.status, name).toBe(400);
      const body = JSON.parse(r.body);
      expect(body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(body.error.message).toMatch(/Perintah tidak dikenal/);
    }
  });

  it('400 for an invalid input, with an Indonesian message naming the field', async () => {
    const r = await call('system.info', { rahasia: 1 });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.body);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(/Masukan tidak valid untuk system\.info: kolom tidak dikenal: rahasia/);
    const arr = await call('system.info', [1, 2]);
    expect(arr.status).toBe(400);
  });

  it('400 for a body that is not JSON, 415 for a non-JSON content type, 405 for GET on a method', async () => {
    const bad = await send({ method: 'POST', path: '/api/system.info', headers: auth(), body: '{not json' });
    expect(bad.status).toBe(400);
    const form = await send({
      method: 'POST',
      path: '/api/system.info',
      headers: { ...auth(), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const get = await send({ path: '/api/system.info', headers: auth() });
    expect(get.status).toBe(405);
  });

  it('413 for a body over 1 MiB, or over 30 MiB for the methods that carry files', async () => {
    const r = await send({
      method: 'POST',
      path: '/api/system.info',
      headers: { ...auth(), 'Content-Length': String(1024 * 1024 + 1) },
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toBe('Isi permintaan melebihi 1 MiB.');
    const streamed = await send({
      method: 'POST',
      path: '/api/system.info',
      headers: auth(),
      body: JSON.stringify({ x: 'a'.repeat(1024 * 1024) }),
    });
    expect(streamed.status).toBe(413);
    const file = await send({
      method: 'POST',
      path: '/api/import.files',
      headers: auth(),
      body: JSON.stringify({ files: [{ name: 'a.json', contentBase64: 'A'.repeat(2 * 1024 * 1024) }] }),
    });
    expect(file.status).not.toBe(413);
    const huge = await send({
      method: 'POST',
      path: '/api/import.files',
      headers: { ...auth(), 'Content-Length': String(31 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
  });

  it('400 (not 500) for a malformed method name', async () => {
    for (const path of ['/api/system%', '/api/system%E0%A4%A', '/api/sys%2Ftem.info', '/api/']) {
      const r = await send({ method: 'POST', path, headers: auth(), body: '{}' });
      expect(r.status, path).toBe(400);
      expect(r.body, path).not.toMatch(/at |Error/);
    }
  });

  it('SSE: refuses without the token, delivers an emitted event with it', async () => {
    const no = await fetch(`${web.origin}/api/events`);
    expect(no.status).toBe(401);
    await no.body?.cancel();

    const res = await fetch(`${web.origin}/api/events`, { headers: { Authorization: `Bearer ${web.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // The comment line arrives first: the subscription is live, so the event below cannot be missed.
    while (!text.includes('\n\n')) text += decoder.decode((await reader.read()).value, { stream: true });
    backend.ctx.events.emit({ type: 'results-changed', tps: '6302142001003', pemilihan: 'bupati' });
    while (!text.includes('event: results-changed'))
      text += decoder.decode((await reader.read()).value, { stream: true });
    while (!/data: .*\n\n/.test(text)) text += decoder.decode((await reader.read()).value, { stream: true });
    const data = /data: (.*)\n\n/.exec(text)![1]!;
    expect(JSON.parse(data)).toEqual({ type: 'results-changed', tps: '6302142001003', pemilihan: 'bupati' });
    await reader.cancel();
  });
});

describe('web server static files', () => {
  it('serves index.html with the strict CSP and security headers', async () => {
    const r = await send({ path: `/?token=${web.token}`, headers: { Host: `127.0.0.1:${web.port}` } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<div id="root">');
    expect(r.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their type and the CSP, index.html for unknown page paths, 404 for missing assets', async () => {
    const js = await send({ path: '/assets/app-abc123.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const page = await send({ path: '/beranda' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const missing = await send({ path: '/assets/missing.js' });
    expect(missing.status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'rahasia');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await send({ path });
      expect(r.body, path).not.toContain('rahasia');
    }
  });

  it('403 for a foreign Host on pages too', async () => {
    const r = await send({ path: '/', headers: { Host: 'evil.example' } });
    expect(r.status).toBe(403);
  });
});
