// Image dimensions read from the header alone (PNG IHDR, JPEG SOFn, GIF screen, BMP info header), so that an image
// can be refused by its pixel count before any decoder allocates for it: a 995 KB PNG claiming 32000×32000 pixels
// cost the QR importer 15.6 s and 2.1 GB (issue 14).
//
//   imageDimensions(bytes) → { kind, width, height } | null   null: not one of these formats, or no size found

export interface ImageDimensions {
  kind: 'png' | 'jpg' | 'gif' | 'bmp';
  width: number;
  height: number;
}

const be16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const be32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const le16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const le32 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24) | 0;

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG extension) and CC (DAC) do not. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegDimensions(b: Uint8Array): ImageDimensions | null {
  let o = 2;
  while (o + 4 <= b.length) {
    if (b[o] !== 0xff) return null;
    const marker = b[o + 1]!;
    if (marker === 0xff) {
      o += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      o += 2;
      continue;
    }
    const len = be16(b, o + 2);
    if (len < 2) return null;
    if (isSof(marker)) {
      if (o + 9 > b.length) return null;
      return { kind: 'jpg', height: be16(b, o + 5), width: be16(b, o + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end, or scan data before any frame header
    o += 2 + len;
  }
  return null;
}

export function imageDimensions(b: Uint8Array): ImageDimensions | null {
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    // Signature (8), IHDR length (4), "IHDR" (4), width, height.
    if (b[12] !== 0x49 || b[13] !== 0x48 || b[14] !== 0x44 || b[15] !== 0x52) return null;
    return { kind: 'png', width: be32(b, 16), height: be32(b, 20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpegDimensions(b);
  if (b.length >= 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46)
    return { kind: 'gif', width: le16(b, 6), height: le16(b, 8) };
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d)
    return { kind: 'bmp', width: Math.abs(le32(b, 18)), height: Math.abs(le32(b, 22)) };
  return null;
}
