// Page previews of issued documents as PNG (pdftoppm from poppler-utils), because the renderer's CSP allows images
// (data:/blob:) but no frames or objects. Rendered on demand, cached in memory per (file, page, dpi).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
let available: boolean | undefined;

export function previewAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
    available = r.error === undefined && (r.status === 0 || r.status === 99);
  }
  return available;
}

const cache = new Map<string, { png: Uint8Array; width: number; height: number }>();
const CACHE_MAX = 96;

/** Width and height from the PNG IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

export async function renderPage(
  file: string,
  fileSha256: string,
  page: number,
  dpi: number,
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const key = `${fileSha256}:${page}:${dpi}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const dir = await mkdtemp(path.join(tmpdir(), 'pleno-preview-'));
  try {
    const out = path.join(dir, 'p');
    await run(
      'pdftoppm',
      ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', '-singlefile', file, out],
      { timeout: 30_000 },
    );
    const png = new Uint8Array(await readFile(`${out}.png`));
    const entry = { png, ...pngSize(png) };
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
    return entry;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
