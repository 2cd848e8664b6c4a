// JSON answers for both servers: exact length, no caching, optional extra headers (security headers, Retry-After)
// and `Connection: close` when the rest of the body is not going to be read. Never throws on a socket the peer
// already closed.
import type { ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
  close = false,
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  const headers: Record<string, string> = {
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  };
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

/** sendJson with headers every answer of one server carries (e.g. `pleno serve`'s security headers). */
export function jsonSender(base: Record<string, string>): typeof sendJson {
  return (res, status, body, extra = {}, close = false) => sendJson(res, status, body, { ...base, ...extra }, close);
}
