// QR decoding in the browser with zxing-wasm's reader build. The .wasm file is bundled by vite (`?url`) and served
// by Pleno itself: nothing is fetched from a CDN (the CSP allows 'wasm-unsafe-eval' for exactly this).
//
//   decodeImageFile(file: Blob) → Promise<string[]>        every QR text in a picture file
//   decodeFrame(imageData: ImageData) → Promise<string[]>  every QR text in a camera frame
// eslint-disable-next-line no-restricted-imports -- the browser-side QR decoder: the brief has the renderer decode images and camera frames locally.
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
// eslint-disable-next-line no-restricted-imports -- the decoder's own .wasm, bundled and served by Pleno (never a CDN).
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { QR_READ_FAST, QR_READ_THOROUGH, qrTexts } from '../../../shared/formats/qr-reader-options';

let prepared = false;

function ensure(): void {
  if (prepared) return;
  prepared = true;
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? new URL(wasmUrl, window.location.href).href : prefix + path,
    },
  });
}

export async function decodeImageFile(file: Blob): Promise<string[]> {
  ensure();
  const first = qrTexts(await readBarcodes(file, QR_READ_FAST));
  return first.length > 0 ? first : qrTexts(await readBarcodes(file, QR_READ_THOROUGH));
}

/** Camera frames: one fast pass (the next frame is another chance). */
export async function decodeFrame(imageData: ImageData): Promise<string[]> {
  ensure();
  return qrTexts(await readBarcodes(imageData, QR_READ_FAST));
}
