// Decodes the QR codes in a PNG/JPEG image in Node with zxing-wasm's reader build, loading the package's own
// .wasm file from node_modules (never a CDN: the PPK laptop is often offline and must not fetch code).
//
//   decodeQrImage(bytes: Uint8Array /* png | jpg */): Promise<string[]>   every QR text found, in reading order;
//     refused from the header above QR_MAX_PIXELS, decoded in the reader worker thread with a time budget
//     (workers/reader.ts, shared with the bundle readers)
//   decodeQrImageInThread(bytes)                                          the same on the calling thread
//   decodeQrPixels(rgba, width, height): Promise<string[]>                same, from raw RGBA pixels
//   warmQrDecoder(): Promise<void>                                        instantiates the wasm module once
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as ZXing from 'zxing-wasm/reader';
import { imageDimensions } from '../../../../../shared/formats/image-size';
import { QR_READ_FAST, QR_READ_THOROUGH, qrTexts } from '../../../../../shared/formats/qr-reader-options';
import { WorkerJobError, WorkerTimeout, WorkerUnavailable } from '../../workers/worker-task';
import { READER_TIMEOUT_MS, readerLimits, readerMode, readerTask } from '../../workers/reader';

/** A 50-megapixel phone photo decodes in well under a second; above that the decoder's memory grows unbounded. */
export const QR_MAX_PIXELS = 50_000_000;
export const QR_DECODE_TIMEOUT_MS = READER_TIMEOUT_MS;

type ZXingReader = typeof ZXing;
type ReadInput = Parameters<ZXingReader['readBarcodes']>[0];

// The reader (JS glue + wasm) loads at the first decode: a process that never reads a QR image never pays for it.
let prepared: Promise<ZXingReader> | null = null;

/** The reader wasm shipped in node_modules/zxing-wasm/dist/reader/. */
export function zxingReaderWasmPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('zxing-wasm/reader/zxing_reader.wasm');
}

function ensureModule(): Promise<ZXingReader> {
  if (prepared === null) {
    prepared = (async () => {
      const zxing = await import('zxing-wasm/reader');
      // wasmBinary hands the bytes to Emscripten directly, so no locateFile/fetch happens at all.
      const wasmBinary = readFileSync(zxingReaderWasmPath());
      const binary = wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength);
      await zxing.prepareZXingModule({
        overrides: {
          wasmBinary: binary,
          locateFile: (path: string) => path,
        },
        fireImmediately: true,
      });
      return zxing;
    })().catch((err: unknown) => {
      prepared = null;
      throw err;
    });
  }
  return prepared;
}

export async function warmQrDecoder(): Promise<void> {
  await ensureModule();
}

async function read(input: ReadInput): Promise<string[]> {
  const { readBarcodes } = await ensureModule();
  const first = qrTexts(await readBarcodes(input, QR_READ_FAST));
  return first.length > 0 ? first : qrTexts(await readBarcodes(input, QR_READ_THOROUGH));
}

/** Bytes that are not a PNG/JPEG/GIF/BMP image; the message is for the user (Bahasa Indonesia). */
export class QrImageError extends Error {
  override name = 'QrImageError';
}

export function imageKind(bytes: Uint8Array): 'png' | 'jpg' | 'gif' | 'bmp' | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  return null;
}

/** Refuses what is not an image, and an image whose header claims more than QR_MAX_PIXELS, before decoding. */
function checkImage(bytes: Uint8Array): void {
  if (imageKind(bytes) === null) throw new QrImageError('berkas bukan gambar PNG atau JPEG');
  const d = imageDimensions(bytes);
  if (d && (d.width * d.height > QR_MAX_PIXELS || d.width > 30_000 || d.height > 30_000)) {
    throw new QrImageError(
      `gambar terlalu besar untuk dibaca (${d.width}×${d.height} piksel; batas ${QR_MAX_PIXELS / 1_000_000} juta piksel)`,
    );
  }
}

/** The decoding itself, on the calling thread (the worker's side). */
export async function decodeQrImageInThread(bytes: Uint8Array): Promise<string[]> {
  checkImage(bytes);
  return read(bytes);
}

/** A QR image job for the reader worker (workers/reader.worker.ts). */
export interface QrDecodeJob {
  kind: 'qr-decode';
  bytes: Uint8Array;
}

/** Where decodeQrImage runs: the reader worker's mode ('idle' before its first job). */
export const qrDecoderMode = readerMode;

/** Every QR code text in a PNG or JPEG image (empty when none is readable). Throws QrImageError on non-images. */
export async function decodeQrImage(bytes: Uint8Array): Promise<string[]> {
  checkImage(bytes);
  try {
    return (await readerTask().run({ kind: 'qr-decode', bytes } satisfies QrDecodeJob)) as string[];
  } catch (err) {
    if (err instanceof WorkerUnavailable) return read(bytes);
    if (err instanceof WorkerTimeout)
      throw new QrImageError(`gambar tidak selesai dibaca dalam ${Math.round(readerLimits().timeoutMs / 1000)} detik`);
    if (err instanceof WorkerJobError && err.kind === 'QrImageError') throw new QrImageError(err.message);
    throw err;
  }
}

/** Every QR code text in raw RGBA pixels (width × height × 4 bytes). */
export async function decodeQrPixels(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): Promise<string[]> {
  const data =
    rgba instanceof Uint8ClampedArray ? rgba : new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  // zxing-wasm accepts any ImageData-shaped object; Node has no ImageData class.
  const imageData = { data, width, height, colorSpace: 'srgb' } as unknown as ReadInput;
  return read(imageData);
}
