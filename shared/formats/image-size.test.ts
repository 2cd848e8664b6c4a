import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { imageDimensions } from './image-size';
import { pngBombHeader } from './image-test-support';

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
