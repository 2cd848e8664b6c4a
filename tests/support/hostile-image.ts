// A PNG bomb for tests: a valid signature and IHDR claiming width × height pixels (8-bit grey), then a tiny IDAT
// and IEND. Decoders that trust the header allocate for the claimed size; issue 14's was 32000×32000.
import { deflateSync } from 'fflate';
import { concatBytes } from '../../shared/formats/bytes';
import { crc32 } from '../../shared/formats/bundle';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  const v = new DataView(head.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) head[4 + i] = type.charCodeAt(i);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concatBytes(head.subarray(4), data)));
  return concatBytes(head, data, crc);
}

export function pngBombHeader(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const sig = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // A few rows of zeros: enough for a decoder to start, far from the claimed size.
  const idat = deflateSync(new Uint8Array(Math.min(width + 1, 4096) * 4));
  return concatBytes(sig, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0)));
}
