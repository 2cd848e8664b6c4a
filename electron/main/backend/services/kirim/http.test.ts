// The push's answers read with a limit, against a real HTTP server on 127.0.0.1: a gzip or x-gzip answer is decoded,
// and an answer that never ends, or a small gzip body that decodes past the limit, is abandoned at 8 MiB with a
// LinkError (the sender's backoff) instead of being held until the request's timeout.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkError, sendJson } from './http';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(answer: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/kirim`;
}

describe('sendJson answers', () => {
  it('a gzip or x-gzip answer is read decoded', async () => {
    for (const coding of ['gzip', 'x-gzip']) {
      const url = await serve((res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding });
        res.end(gzipSync('{"terakhir":null}'));
      });
      expect(await sendJson('POST', url, '{}')).toEqual({ status: 200, json: { terakhir: null } });
    }
  });

  it('an answer that never ends is abandoned at 8 MiB, long before the timeout', async () => {
    let closed = false;
    const url = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setInterval(() => res.write(chunk), 2);
      res.on('close', () => {
        closed = true;
        clearInterval(timer);
      });
    });
    const sent = sendJson('POST', url, '{}', 20_000);
    await expect(sent).rejects.toThrow(LinkError);
    await expect(sent).rejects.toThrow(/^answer over 8388608 bytes$/);
    await new Promise((r) => setTimeout(r, 200));
    expect(closed).toBe(true);
  }, 30_000);

  it('an x-gzip answer that decodes past 8 MiB is abandoned there', async () => {
    const url = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'x-gzip' });
      res.end(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)));
    });
    await expect(sendJson('POST', url, '{}')).rejects.toThrow(/^answer over 8388608 bytes$/);
  });
});
