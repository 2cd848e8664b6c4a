// Draws the app icon with the project's own raster and 5×7 font (electron/main/backend/services/demo/photo/) — a white
// "P" with a tally bar on a blue square — and writes packaging/icons/<n>x<n>.png (Linux), packaging/icon.png (512) and
// packaging/icon.ico (Windows, PNG entries). Deterministic: `node --import tsx packaging/make-icons.ts` rewrites the
// same bytes (tests/electron-packaging.test.ts checks the files against this drawing).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { GLYPH_H, GLYPH_W } from '../electron/main/backend/services/demo/photo/font5x7';
import { PAPER, PEN, PRINT, Raster } from '../electron/main/backend/services/demo/photo/raster';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
const ICO_SIZES = [16, 24, 32, 48, 64, 256] as const;
const BLUE = [0x1f, 0x4e, 0x8c, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

/** One icon as RGBA PNG bytes. */
export function drawIcon(size: number): Buffer {
  const r = new Raster(size, size);
  const margin = Math.max(1, Math.round(size / 16));
  r.fillRect(margin, margin, size - 2 * margin, size - 2 * margin, PRINT);
  // The letter: the font's P, each font pixel a square block, centred a little above the middle.
  // P has no descender: 7 of the font's GLYPH_H rows are ink.
  const rows = GLYPH_H - 1;
  const cell = Math.max(1, Math.floor((size * 0.6) / rows));
  const x0 = Math.round((size - GLYPH_W * cell) / 2);
  const y0 = Math.round((size - (rows + 2) * cell) / 2);
  r.glyph(x0, y0, 'P', cell, PEN);
  // A tally bar under the letter (the recap adds up).
  r.fillRect(x0, y0 + (rows + 1) * cell, GLYPH_W * cell, cell, PEN);
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    const ink = r.px[i];
    png.data.set(ink === PAPER ? CLEAR : ink === PEN ? WHITE : BLUE, i * 4);
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** An .ico holding PNG images (Windows Vista and later read these). */
export function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

export function makeIcons(dir: string): void {
  mkdirSync(join(dir, 'icons'), { recursive: true });
  const pngs = new Map(ICON_SIZES.map((s) => [s, drawIcon(s)] as const));
  for (const [s, png] of pngs) writeFileSync(join(dir, 'icons', `${s}x${s}.png`), png);
  writeFileSync(join(dir, 'icon.png'), pngs.get(512)!);
  writeFileSync(join(dir, 'icon.ico'), icoOf(ICO_SIZES.map((size) => ({ size, png: pngs.get(size)! }))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  makeIcons(fileURLToPath(new URL('.', import.meta.url)));
  process.stdout.write('packaging: icons/*.png, icon.png, icon.ico\n');
}
