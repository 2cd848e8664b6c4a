// Photo-like degradation of QR images for tests and benchmarks (pngjs pixel operations, seeded so runs repeat):
// the code is scaled, rotated a few degrees, placed on a grey background of a given size, its contrast lowered and
// noise added, as a phone photo of a screen or a printout would look.
//
//   degradeQrPng(png, { width, height, scale, angleDeg, noise, contrast, seed, offsetX?, offsetY? }): Uint8Array (PNG)
//   composeQrPngs(pngs, { width, height, ... }): Uint8Array   several codes side by side in one picture
import { PNG } from 'pngjs';
import { mulberry32 } from '../../../../../shared/util/mulberry32';

export interface DegradeOptions {
  /** Output canvas size (default 1280×720). */
  width?: number;
  height?: number;
  /** Size factor applied to the source image (default 1). */
  scale?: number;
  /** Rotation in degrees (default 0). */
  angleDeg?: number;
  /** Amplitude of uniform noise added to every pixel, 0–255 (default 0). */
  noise?: number;
  /** 1 keeps black/white; 0.6 maps them to dark grey / light grey (default 1). */
  contrast?: number;
  /** Seed of the noise generator. */
  seed?: number;
}

interface Placed {
  img: PNG;
  cx: number;
  cy: number;
}

function lum(img: PNG, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return 255;
  const i = (y * img.width + x) * 4;
  return (img.data[i]! * 0.299 + img.data[i + 1]! * 0.587 + img.data[i + 2]! * 0.114) | 0;
}

/** Bilinear sample in source coordinates. */
function sample(img: PNG, fx: number, fy: number): number {
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const dx = fx - x0;
  const dy = fy - y0;
  const a = lum(img, x0, y0);
  const b = lum(img, x0 + 1, y0);
  const c = lum(img, x0, y0 + 1);
  const d = lum(img, x0 + 1, y0 + 1);
  return a * (1 - dx) * (1 - dy) + b * dx * (1 - dy) + c * (1 - dx) * dy + d * dx * dy;
}

function render(placed: Placed[], o: DegradeOptions): Uint8Array {
  const width = o.width ?? 1280;
  const height = o.height ?? 720;
  const scale = o.scale ?? 1;
  const angle = ((o.angleDeg ?? 0) * Math.PI) / 180;
  const contrast = o.contrast ?? 1;
  const noise = o.noise ?? 0;
  const rand = mulberry32(o.seed ?? 1);
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const out = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // A soft gradient background, like a room behind a phone screen.
      let v = 150 + (40 * x) / width - (30 * y) / height;
      for (const p of placed) {
        const rx = (x - p.cx) / scale;
        const ry = (y - p.cy) / scale;
        const sx = rx * cos - ry * sin + p.img.width / 2;
        const sy = rx * sin + ry * cos + p.img.height / 2;
        if (sx >= 0 && sy >= 0 && sx < p.img.width && sy < p.img.height) {
          v = sample(p.img, sx, sy);
          break;
        }
      }
      v = 128 + (v - 128) * contrast + (rand() * 2 - 1) * noise;
      const c = v < 0 ? 0 : v > 255 ? 255 : v | 0;
      const i = (y * width + x) * 4;
      out.data[i] = c;
      out.data[i + 1] = c;
      out.data[i + 2] = c;
      out.data[i + 3] = 255;
    }
  }
  const buf = PNG.sync.write(out);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function degradeQrPng(png: Uint8Array, options: DegradeOptions = {}): Uint8Array {
  const img = PNG.sync.read(Buffer.from(png));
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  return render([{ img, cx: width / 2, cy: height / 2 }], options);
}

/** Several codes in one picture, spread evenly across the canvas. */
export function composeQrPngs(pngs: Uint8Array[], options: DegradeOptions = {}): Uint8Array {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const placed = pngs.map((png, i) => ({
    img: PNG.sync.read(Buffer.from(png)),
    cx: ((i + 0.5) * width) / pngs.length,
    cy: height / 2,
  }));
  return render(placed, options);
}
