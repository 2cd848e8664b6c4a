// A tiny indexed-colour pixel buffer for the demo photos: rectangles, lines and bitmap text (font5x7), then
// composited onto a paper tone with uneven light and grain, so that a sheet looks photographed.
import type { Prng } from '../prng';
import { GLYPH_H, GLYPH_W, glyph, toFontText } from './font5x7';

/** Ink indices of the buffer. */
export const PAPER = 0;
export const PRINT = 1; // black printed form
export const PEN = 2; // blue-black ballpoint
export const FAINT = 3; // light grey rules and boxes

/**
 * Scratch memory reused by consecutive sheets (generation is synchronous): allocating two fresh pixel buffers per
 * photo let the besar preset's garbage grow to ~0.5 GB before the GC caught up.
 */
const scratch = { px: new Uint8Array(0), grey: new Uint8Array(0) };

function scratchOf(kind: 'px' | 'grey', size: number): Uint8Array {
  if (scratch[kind].length < size) scratch[kind] = new Uint8Array(size);
  return scratch[kind].subarray(0, size);
}

export class Raster {
  /** Ink index per pixel; valid until the next Raster is created (shared scratch memory). */
  readonly px: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = scratchOf('px', width * height);
    this.px.fill(PAPER);
  }

  fillRect(x: number, y: number, w: number, h: number, ink: number): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    for (let yy = y0; yy < y1; yy++) this.px.fill(ink, yy * this.width + x0, yy * this.width + x1);
  }

  strokeRect(x: number, y: number, w: number, h: number, ink: number, t = 1): void {
    this.fillRect(x, y, w, t, ink);
    this.fillRect(x, y + h - t, w, t, ink);
    this.fillRect(x, y, t, h, ink);
    this.fillRect(x + w - t, y, t, h, ink);
  }

  /** Advance of one character at `scale`. */
  static advance(scale: number): number {
    return (GLYPH_W + 1) * scale;
  }

  static textWidth(text: string, scale: number): number {
    const n = toFontText(text).length;
    return n === 0 ? 0 : n * Raster.advance(scale) - scale;
  }

  /** Draws text with its top-left at (x, y); `bold` doubles each stroke horizontally. Returns the width drawn. */
  text(x: number, y: number, s: string, scale: number, ink: number, bold = false): number {
    const t = toFontText(s);
    let cx = Math.round(x);
    for (const ch of t) {
      this.glyph(cx, Math.round(y), ch, scale, ink, bold);
      cx += Raster.advance(scale);
    }
    return cx - Math.round(x) - scale;
  }

  glyph(x: number, y: number, ch: string, scale: number, ink: number, bold = false): void {
    const rows = glyph(ch);
    for (let gy = 0; gy < GLYPH_H; gy++) {
      const bits = rows[gy] ?? 0;
      if (bits === 0) continue;
      for (let gx = 0; gx < GLYPH_W; gx++) {
        if ((bits & (1 << (GLYPH_W - 1 - gx))) === 0) continue;
        this.fillRect(x + gx * scale, y + gy * scale, bold ? scale + Math.max(1, scale >> 1) : scale, scale, ink);
      }
    }
  }

  /** Splits `s` into lines that fit `maxWidth` at `scale` (word wrap; long words are cut). */
  static wrap(s: string, scale: number, maxWidth: number): string[] {
    const maxChars = Math.max(1, Math.floor((maxWidth + scale) / Raster.advance(scale)));
    const words = toFontText(s)
      .split(/\s+/)
      .filter((w) => w.length > 0);
    const lines: string[] = [];
    let cur = '';
    for (let w of words) {
      while (w.length > maxChars) {
        if (cur) lines.push(cur);
        lines.push(w.slice(0, maxChars));
        w = w.slice(maxChars);
        cur = '';
      }
      if (!cur) cur = w;
      else if (cur.length + 1 + w.length <= maxChars) cur += ' ' + w;
      else {
        lines.push(cur);
        cur = w;
      }
    }
    if (cur) lines.push(cur);
    return lines;
  }
}

/** Ink grey levels by index (paper is computed per pixel). */
const INK = new Float32Array([0, 28, 62, 150]);

/**
 * Grey pixels (1 byte each) of the raster as a photo or photocopy of a sheet: paper tone with light falling off
 * from a spot placed by `rng`, ink slightly lighter where the light is weaker. Grey and smooth on purpose: an
 * RGB image with per-pixel grain was 5–10× larger and slower to encode, too much for the besar preset.
 */
export function toPhotoGray(r: Raster, rng: Prng): Uint8Array {
  const { width: w, height: h, px } = r;
  // Scratch memory: valid until the next call (the caller encodes it at once).
  const out = scratchOf('grey', w * h);
  const lx = rng.real(0.2, 0.8) * w;
  const ly = rng.real(0.1, 0.5) * h;
  const falloff = rng.real(0.12, 0.22) / (w * w + h * h);
  const white = rng.real(236, 246);
  const dx2 = new Float32Array(w);
  for (let x = 0; x < w; x++) dx2[x] = falloff * (x - lx) * (x - lx);
  for (let y = 0; y < h; y++) {
    const rowLight = 1 - falloff * (y - ly) * (y - ly);
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const light = rowLight - dx2[x]!;
      const ink = px[row + x]!;
      // Uint8Array assignment truncates; +0.5 rounds.
      out[row + x] = ink === PAPER ? white * light + 0.5 : INK[ink & 3]! * (2 - light) + 0.5;
    }
  }
  return out;
}
