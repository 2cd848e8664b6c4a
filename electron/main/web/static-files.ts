// Serves the built renderer (build/renderer): exact files, index.html for unknown non-API paths (hash router).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WEB_SECURITY_HEADERS } from '../security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="id"><meta charset="utf-8"><title>Pleno</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Tampilan Pleno belum dibangun</h1>
<p>Jalankan <code>npm run build:renderer</code> (atau <code>npm start</code>), lalu muat ulang halaman ini.</p>
<p lang="en">The renderer has not been built: run <code>npm run build:renderer</code> and reload.</p></body></html>`;

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...WEB_SECURITY_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Metode tidak diizinkan');
    return;
  }
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  const candidate = resolve(base, '.' + normalize('/' + decoded));
  const inside = candidate === base || candidate.startsWith(base + sep);
  let file = inside && isFile(candidate) ? candidate : null;
  const isIndex = file === null || candidate === join(base, 'index.html');
  if (file === null) {
    // Unknown path: the single page (routes live in the hash), unless it looks like a missing asset.
    file = extname(decoded) === '' || decoded.endsWith('.html') ? join(base, 'index.html') : null;
    if (file !== null && !isFile(file)) {
      res.writeHead(503, {
        ...WEB_SECURITY_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : NOT_BUILT);
      return;
    }
  }
  if (file === null) {
    res.writeHead(404, { ...WEB_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Tidak ditemukan');
    return;
  }
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    ...WEB_SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': String(statSync(file).size),
    // Vite fingerprints assets; index.html must always be re-read so a new build is picked up.
    'Cache-Control':
      isIndex || !file.includes(`${sep}assets${sep}`) ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
