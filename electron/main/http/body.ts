// Request bodies for both servers (LAN receiver and web bridge): read while counting, never kept past the limit.
//
//   readBody(req, max) → { kind: 'ok', bytes } | { kind: 'too-large', seen } | { kind: 'aborted', bytes, expected }
//   declaredLength(req) → the Content-Length as a number, or -1
import type { IncomingMessage } from 'node:http';

export type BodyRead =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'too-large'; seen: number }
  | { kind: 'aborted'; bytes: Uint8Array; expected: number };

export function declaredLength(req: IncomingMessage): number {
  const v = req.headers['content-length'];
  const n = v === undefined ? -1 : Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : -1;
}

/** Reads the body while counting; stops keeping bytes past the limit (the caller answers 413 and closes). */
export function readBody(req: IncomingMessage, max: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    let settled = false;
    const expected = declaredLength(req);
    const settle = (r: BodyRead) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      seen += chunk.length;
      if (seen > max) {
        chunks.length = 0;
        settle({ kind: 'too-large', seen });
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
