// The renderer is served from `app://pleno/` (a privileged, secure, standard scheme) instead of file://, so that it
// has a real origin (the IPC sender check compares it), is a secure context (camera), and gets the CSP as a header.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';
import { BASE_SECURITY_HEADERS } from '../security-headers';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://pleno';
export const APP_INDEX = `${APP_ORIGIN}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Must run before app `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** True for URLs of our own renderer (any page/hash under app://pleno/). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'pleno';
  } catch {
    return false;
  }
}

const refuse = (status: number, text: string) =>
  new Response(text, { status, headers: { ...BASE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

export function handleAppScheme(rendererDir: string): void {
  const base = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'pleno') return refuse(404, 'Not found');
    let path = decodeURIComponent(url.pathname);
    if (path === '/' || path === '') path = '/index.html';
    const file = resolve(base, '.' + normalize(path));
    if (file !== base && !file.startsWith(base + sep)) return refuse(403, 'Forbidden');
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          ...BASE_SECURITY_HEADERS,
          'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        },
      });
    } catch {
      return refuse(404, 'Not found');
    }
  });
}
