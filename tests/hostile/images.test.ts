// Hostile images (issue 14 item 6): the PNG bomb — a tiny file whose header claims 32000×32000 pixels — is
// refused from its header by the receiver process's drive import (as from a USB drive), and a large photo being
// decoded (in a worker thread) does not hold up a phone posting meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { pngBombHeader } from '../support/hostile-image';
import { legitPhone, percentile, startHostileKecamatan, type HostileKecamatan, LEGIT_ANSWER_BOUND_MS } from './harness';

let k: HostileKecamatan;

beforeAll(async () => {
  k = await startHostileKecamatan();
});
afterAll(async () => {
  await k?.close();
});

/** A 4000×3000 photo of noise: no code in it, so the decoder tries everything before giving up. */
function noisePhoto(): Uint8Array {
  const png = new PNG({ width: 4000, height: 3000 });
  let x = 12345;
  for (let i = 0; i < png.data.length; i += 4) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    png.data[i] = png.data[i + 1] = png.data[i + 2] = x & 0xff;
    png.data[i + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png, { deflateLevel: 1 }));
}

describe('hostile images', () => {
  it('the PNG bomb is refused from its header in the receiver process, which keeps serving the phone', async () => {
    const file = join(k.dir, 'qr-bom.png');
    writeFileSync(file, pngBombHeader(32000, 32000));
    const importing = k.importFile(file);
    const legit = await legitPhone(k, 10, 30);
    const r = await importing;
    expect(r.imported).toEqual(['ditolak']);
    expect(legit.map((a) => a.status)).toEqual(legit.map(() => 201));
    expect(
      percentile(
        legit.map((a) => a.ms),
        99,
      ),
    ).toBeLessThan(LEGIT_ANSWER_BOUND_MS);
    expect(k.alive()).toBe(true);
  });

  it('a 12-megapixel photo decoded meanwhile does not hold up the phone (decoding runs in a worker)', async () => {
    const file = join(k.dir, 'qr-foto.png');
    writeFileSync(file, noisePhoto());
    const importing = k.importFile(file);
    const legit = await legitPhone(k, 15, 50);
    const r = await importing;
    expect(r.error).toBeUndefined();
    expect(legit.map((a) => a.status)).toEqual(legit.map(() => 201));
    expect(
      percentile(
        legit.map((a) => a.ms),
        99,
      ),
    ).toBeLessThan(LEGIT_ANSWER_BOUND_MS);
  });
});
