import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { imageDimensions } from './image-size';
import { pngBombHeader } from '../../tests/support/hostile-image';

describe('imageDimensions (header only)', () => {
  it('reads a real PNG and a real JPEG', () => {
    const png = new PNG({ width: 37, height: 11 });
    expect(imageDimensions(new Uint8Array(PNG.sync.write(png)))).toEqual({ kind: 'png', width: 37, height: 11 });
    const jpg = jpeg.encode({ data: Buffer.alloc(23 * 9 * 4, 128), width: 23, height: 9 }, 80).data;
    expect(imageDimensions(new Uint8Array(jpg))).toEqual({ kind: 'jpg', width: 23, height: 9 });
  });

  it('reads what a small PNG bomb claims without decoding it', () => {
    const bomb = pngBombHeader(32000, 32000);
    expect(bomb.length).toBeLessThan(1024);
    expect(imageDimensions(bomb)).toEqual({ kind: 'png', width: 32000, height: 32000 });
  });

  it('null for non-images and for a JPEG without a frame header', () => {
    expect(imageDimensions(new TextEncoder().encode('bukan gambar sama sekali'))).toBeNull();
    expect(imageDimensions(new Uint8Array([0xff, 0xd8, 0xff, 0xd9, 0, 0]))).toBeNull();
  });
});

describe('imageDimensions on hand-built headers', () => {
  const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());
  const u16 = (n: number) => [n >> 8, n & 0xff];
  const le16 = (n: number) => [n & 0xff, n >> 8];
  const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  const sof = (marker: number, height: number, width: number) => [
    0xff,
    marker,
    ...u16(11),
    8,
    ...u16(height),
    ...u16(width),
    1,
    1,
    0x11,
    0,
  ];

  it('a JPEG: skips segments, fill bytes and standalone markers, and takes the size from the first frame header', () => {
    const app0 = [0xff, 0xe0, ...u16(16), ...new Array<number>(14).fill(0)];
    const dht = [0xff, 0xc4, ...u16(4), 0, 0]; // C4, C8 and CC are not frame headers
    const jpgExt = [0xff, 0xc8, ...u16(2)];
    const dac = [0xff, 0xcc, ...u16(2)];
    const standalone = [0xff, 0xd0, 0xff, 0xd7, 0xff, 0x01, 0xff, 0xd8];
    const fill = [0xff, 0xff, 0xff];
    const jpg = bytes([0xff, 0xd8], app0, dht, jpgExt, dac, standalone, fill.slice(0, 2), sof(0xc2, 0x1234, 0x0abc));
    expect(imageDimensions(jpg)).toEqual({ kind: 'jpg', width: 0x0abc, height: 0x1234 });
    expect(imageDimensions(bytes([0xff, 0xd8], fill, sof(0xc0, 300, 4000)))).toEqual({
      kind: 'jpg',
      width: 4000,
      height: 300,
    });
    expect(imageDimensions(bytes([0xff, 0xd8], sof(0xcf, 1, 2)))).toEqual({ kind: 'jpg', width: 2, height: 1 });
  });

  it('a JPEG with no usable frame header is null: scan data first, a bad segment length, a truncated frame, junk', () => {
    expect(imageDimensions(bytes([0xff, 0xd8], [0xff, 0xda, ...u16(8)], sof(0xc0, 5, 5)))).toBeNull();
    expect(imageDimensions(bytes([0xff, 0xd8], [0xff, 0xe1, ...u16(1)], sof(0xc0, 5, 5)))).toBeNull();
    expect(imageDimensions(bytes([0xff, 0xd8], sof(0xc0, 5, 5).slice(0, 8)))).toBeNull();
    expect(imageDimensions(bytes([0xff, 0xd8], [0xff, 0xe0, ...u16(4), 0, 0], [0x12, 0x34, 0, 0]))).toBeNull();
    expect(imageDimensions(bytes([0xff, 0xd8], [0xff, 0xe0, ...u16(2000), 0, 0]))).toBeNull();
  });

  it('JPEG boundaries: a frame header ending at the last byte, markers below C0, junk in place of a marker', () => {
    // The frame header's width ends exactly at the end of the bytes: still read.
    expect(imageDimensions(bytes([0xff, 0xd8], sof(0xc0, 7, 9).slice(0, 9)))).toEqual({
      kind: 'jpg',
      width: 9,
      height: 7,
    });
    // A reserved marker below C0 with a frame-like body is skipped, not taken for a frame header.
    const bf = [0xff, 0xbf, ...u16(11), 8, ...u16(1111), ...u16(2222), 1, 1, 0x11, 0];
    expect(imageDimensions(bytes([0xff, 0xd8], bf, sof(0xc0, 30, 40)))).toEqual({ kind: 'jpg', width: 40, height: 30 });
    // A byte that is not FF where a marker must start ends the search, even when a frame header would follow.
    expect(imageDimensions(bytes([0xff, 0xd8], [0x12], sof(0xc0, 5, 6).slice(1)))).toBeNull();
    expect(imageDimensions(bytes([0xff, 0xd8], [0xfe], sof(0xc0, 5, 6).slice(1)))).toBeNull();
  });

  it('JPEG end-of-image or start-of-scan before any frame header is null, even when a frame header follows', () => {
    for (const marker of [0xd9, 0xda]) {
      const jpg = bytes([0xff, 0xd8], [0xff, marker, ...u16(2)], sof(0xc0, 5, 6));
      expect(imageDimensions(jpg), marker.toString(16)).toBeNull();
    }
    // The same layout with an ordinary segment (APP1) reaches the frame header.
    expect(imageDimensions(bytes([0xff, 0xd8], [0xff, 0xe1, ...u16(2)], sof(0xc0, 5, 6)))).toEqual({
      kind: 'jpg',
      width: 6,
      height: 5,
    });
  });

  it('each format at its shortest header, and each signature byte checked', () => {
    const png = pngBombHeader(3, 4);
    expect(imageDimensions(png.subarray(0, 24))).toEqual({ kind: 'png', width: 3, height: 4 });
    for (const at of [0, 1, 2, 3]) {
      const bad = png.slice();
      bad[at] = 0x58;
      expect(imageDimensions(bad), `PNG byte ${at}`).toBeNull();
    }
    const jpg = bytes([0xff, 0xd8, 0xff, 0xd8], sof(0xc0, 5, 6));
    expect(imageDimensions(jpg)).toEqual({ kind: 'jpg', width: 6, height: 5 });
    for (const at of [0, 1, 2]) {
      const bad = jpg.slice();
      bad[at] = 0x58;
      expect(imageDimensions(bad), `JPEG byte ${at}`).toBeNull();
    }
    const gif = bytes([0x47, 0x49, 0x46, 0x38, 0x39, 0x61], le16(7), le16(8));
    expect(imageDimensions(gif)).toEqual({ kind: 'gif', width: 7, height: 8 });
    const notGif = gif.slice();
    notGif[0] = 0x58;
    expect(imageDimensions(notGif)).toBeNull();
    const bmp = bytes([0x42, 0x4d], new Array<number>(16).fill(0), le32(9), le32(10));
    expect(bmp.length).toBe(26);
    expect(imageDimensions(bmp)).toEqual({ kind: 'bmp', width: 9, height: 10 });
  });

  it('a PNG claiming a size over 2^31 reads it unsigned; a PNG whose first chunk is not IHDR is null', () => {
    const png = pngBombHeader(1, 1);
    png.set([0xff, 0xff, 0xff, 0xfe], 16);
    png.set([0x80, 0x00, 0x00, 0x01], 20);
    expect(imageDimensions(png)).toEqual({ kind: 'png', width: 0xfffffffe, height: 0x80000001 });
    for (const at of [12, 13, 14, 15]) {
      const bad = pngBombHeader(3, 4);
      bad[at] = 0x58;
      expect(imageDimensions(bad), `byte ${at}`).toBeNull();
    }
    expect(imageDimensions(pngBombHeader(3, 4).subarray(0, 23))).toBeNull();
  });

  it('a GIF reads its logical screen size (little-endian)', () => {
    const gif = bytes(
      [...'GIF89a'].map((c) => c.charCodeAt(0)),
      le16(0x0201),
      le16(0x0403),
      [0, 0, 0],
    );
    expect(imageDimensions(gif)).toEqual({ kind: 'gif', width: 0x0201, height: 0x0403 });
    expect(imageDimensions(gif.subarray(0, 9))).toBeNull();
    expect(imageDimensions(bytes([0x47, 0x49, 0x58], new Array<number>(10).fill(0)))).toBeNull();
    expect(imageDimensions(bytes([0x47, 0x58, 0x46], new Array<number>(10).fill(0)))).toBeNull();
  });

  it('a BMP reads its info header, a top-down one (negative height) included', () => {
    const bmp = (w: number, h: number) => bytes([0x42, 0x4d], new Array<number>(16).fill(0), le32(w), le32(h), [1, 0]);
    expect(imageDimensions(bmp(0x010203, 0x0400))).toEqual({ kind: 'bmp', width: 0x010203, height: 0x0400 });
    expect(imageDimensions(bmp(640, -480))).toEqual({ kind: 'bmp', width: 640, height: 480 });
    expect(imageDimensions(bmp(640, 480).subarray(0, 25))).toBeNull();
    const notBmp = bmp(640, 480);
    notBmp[1] = 0x4e;
    expect(imageDimensions(notBmp)).toBeNull();
    notBmp[0] = 0x43;
    notBmp[1] = 0x4d;
    expect(imageDimensions(notBmp)).toBeNull();
  });
});
