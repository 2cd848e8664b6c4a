// Demo photos of C.Hasil sheets: which lembar show which sections, and the encoding (pngjs, 8-bit grey PNG).
// PNG rather than JPEG: jpeg-js needed 60–180 ms per sheet on this machine, far too slow for the besar preset
// (1,200 sheets in a 30 s budget); a grey PNG of the same sheet takes about 5–10 ms with the native deflate.
import { PNG } from 'pngjs';
import type { FormSection } from '../../../../../../shared/domain/labels';
import type { Prng } from '../prng';
import { toPhotoGray } from './raster';
import { type SheetInput, type SheetStyle, STYLE_LARGE, STYLE_SMALL, renderSheet } from './sheet';

export type PhotoMode = 'full' | 'compact';

export interface PhotoPage {
  sections: FormSection[];
  style: SheetStyle;
}

/** Lembar per pemilihan: full = 3 (I–II, III, IV) as on the real form; compact = 1 (all sections, small). */
export function photoPages(mode: PhotoMode): PhotoPage[] {
  return mode === 'full'
    ? [
        { sections: ['I', 'II'], style: STYLE_LARGE },
        { sections: ['III'], style: STYLE_LARGE },
        { sections: ['IV'], style: STYLE_LARGE },
      ]
    : [{ sections: ['I', 'II', 'III', 'IV'], style: STYLE_SMALL }];
}

export const PHOTO_EXT = 'png';

/** One photographed sheet as PNG bytes (deterministic for the same input and rng state). */
export function sheetPhoto(input: SheetInput, style: SheetStyle, rng: Prng): Uint8Array {
  const raster = renderSheet(input, style, rng);
  const grey = toPhotoGray(raster, rng);
  const png = new PNG({ width: raster.width, height: raster.height });
  png.data = Buffer.from(grey.buffer, grey.byteOffset, grey.byteLength);
  const out = PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, filterType: 2 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
