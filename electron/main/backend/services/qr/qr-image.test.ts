// Real QR images: generated with `qrcode`, degraded like phone photos (scaled, rotated, noisy) and decoded back
// with zxing-wasm loaded from node_modules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { decodeQrImage, decodeQrPixels, qrDecoderMode, QrImageError } from './qr-image';
import { pngBombHeader } from '../../../../../tests/support/hostile-image';
import { renderQrPng } from './qr-render';
import { composeQrPngs, degradeQrPng } from './qr-degrade';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function alnumText(n: number, seed: number): string {
  let s = 'PLN1:';
  let x = seed;
  while (s.length < n) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += ALNUM[x % ALNUM.length];
  }
  return s;
}

describe('decodeQrImage', () => {
  // Nothing may be fetched: the wasm comes from node_modules. Any fetch during these tests fails them.
  const realFetch = globalThis.fetch;
  const fetched: string[] = [];
  beforeAll(() => {
    globalThis.fetch = ((input: unknown) => {
      fetched.push(String(input));
      return Promise.reject(new Error('network disabled in this test'));
    }) as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
    expect(fetched).toEqual([]);
  });

  it('decodes a clean PNG', async () => {
    const text = alnumText(300, 1);
    expect(await decodeQrImage(await renderQrPng(text))).toEqual([text]);
  });

  it('decodes a 1,000-character code scaled, rotated and noisy on a 1280×720 picture', async () => {
    const text = alnumText(1000, 2);
    const png = await renderQrPng(text, { scale: 3 });
    for (const [scale, angleDeg, noise, contrast] of [
      [1.4, 3, 25, 0.8],
      [1.7, -4, 35, 0.7],
      [1.2, 6, 20, 0.9],
    ] as const) {
      const photo = degradeQrPng(png, { scale, angleDeg, noise, contrast, seed: 7 });
      const size = PNG.sync.read(Buffer.from(photo));
      expect([size.width, size.height]).toEqual([1280, 720]);
      expect(await decodeQrImage(photo)).toEqual([text]);
    }
  });

  it('decodes a JPEG photo', async () => {
    const text = alnumText(600, 3);
    const photo = PNG.sync.read(
      Buffer.from(degradeQrPng(await renderQrPng(text, { scale: 4 }), { angleDeg: 2, noise: 15 })),
    );
    const jpg = jpeg.encode({ data: photo.data, width: photo.width, height: photo.height }, 80).data;
    expect(await decodeQrImage(new Uint8Array(jpg))).toEqual([text]);
  });

  it('decodes several codes in one picture', async () => {
    const texts = [alnumText(200, 4), alnumText(220, 5), alnumText(180, 6)];
    const pngs = await Promise.all(texts.map((t) => renderQrPng(t, { scale: 4 })));
    const photo = composeQrPngs(pngs, { angleDeg: 2, noise: 10, width: 1600, height: 600 });
    expect((await decodeQrImage(photo)).sort()).toEqual([...texts].sort());
  });

  it('decodes raw RGBA pixels (the camera path)', async () => {
    const text = alnumText(400, 8);
    const img = PNG.sync.read(Buffer.from(await renderQrPng(text)));
    expect(await decodeQrPixels(img.data, img.width, img.height)).toEqual([text]);
  });

  it('finds nothing in an image without a code', async () => {
    const blank = new PNG({ width: 200, height: 120 });
    blank.data.fill(230);
    expect(await decodeQrImage(new Uint8Array(PNG.sync.write(blank)))).toEqual([]);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(decodeQrImage(new TextEncoder().encode('bukan gambar'))).rejects.toThrow(/bukan gambar PNG atau JPEG/);
  });
});

describe('decodeQrImage off the event loop, within a pixel budget', () => {
  it('decodes in a worker thread, and the event loop keeps turning meanwhile', async () => {
    const text = alnumText(900, 7);
    const png = degradeQrPng(await renderQrPng(text), { width: 1920, height: 1080 });
    let ticks = 0;
    const tick = setInterval(() => (ticks += 1), 5);
    try {
      expect(await decodeQrImage(png)).toEqual([text]);
    } finally {
      clearInterval(tick);
    }
    expect(qrDecoderMode()).toBe('worker');
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses a small PNG claiming 32000×32000 pixels from its header, before decoding', async () => {
    const bomb = pngBombHeader(32000, 32000);
    expect(bomb.length).toBeLessThan(2048);
    await expect(decodeQrImage(bomb)).rejects.toThrow(QrImageError);
    await expect(decodeQrImage(bomb)).rejects.toThrow(/terlalu besar untuk dibaca \(32000×32000 piksel/);
  });
});
