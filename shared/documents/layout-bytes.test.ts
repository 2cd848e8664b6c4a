// Documents already issued with pleno-layout/2 must keep verifying: `pleno verify` re-renders their pages from the
// embedded data and compares bytes. These golden hashes are of the layout model (every item of every page) drawn for
// data as issued before the kab/kota documents shared this frame (commit 64354df): a refactor of the layout code must
// give exactly the same pages for the same data. A deliberate drawing change for new data must come with new keys in
// the data (as `peringatan[].sel`), so documents without them keep their pages.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approximateMeasure, layoutDocument } from './layout';
import { sampleDHasil, sampleDHasilFull, sampleKejadian } from './sample-data';
import type { DocumentData } from './types';

/** The pages of `d` as issued with pleno-layout/2 (the layout those documents name in their data). */
const asLayout2 = (d: DocumentData): DocumentData =>
  ({ ...d, meta: { ...d.meta, layout: 'pleno-layout/2' } }) as DocumentData;
const hash = (d: DocumentData) =>
  createHash('sha256')
    .update(JSON.stringify(layoutDocument(asLayout2(d), 'cd'.repeat(32), approximateMeasure)))
    .digest('hex');
const footerTexts = (d: DocumentData) =>
  layoutDocument(d, 'cd'.repeat(32), approximateMeasure).pages.map((p) =>
    p.items.flatMap((i) => (i.t === 'text' && i.y === 12 ? [i.text] : [])),
  );

const everything = sampleDHasilFull;

const GOLDEN: [string, () => DocumentData, string][] = [
  ['d-hasil default', () => sampleDHasil(), '6c46ceaa49dbe35e55fa090c8a820b42cf3f49fe4f52974e0bc78e8b84cfe2f0'],
  [
    'd-hasil final f4 4 paslon',
    () => sampleDHasil({ final: true, demo: false, paper: 'f4', paslon: 4 }),
    'bac1e18fae56d0514ff970ba0ff76c228149e53997f3cef1e7e708ad56259dbe',
  ],
  [
    'd-hasil 30 desa',
    () => sampleDHasil({ desa: 30, tpsPerDesa: 14, seed: 4 }),
    '1af2e3bb0858aeee785497654f11974397bf29bea435dcd394c7ff74c3e56a18',
  ],
  ['d-hasil everything a4', () => everything('a4'), 'e320cfc6814c300ee10d966f04ad1f8508bd8c0f44c771b2cdb3441f586684fb'],
  ['d-hasil everything f4', () => everything('f4'), 'c4ce570ac8c4d9a226e24227d4ce239b81c5cbae83f1e8112fdd2f9ab15e0b71'],
  ['kejadian nihil', () => sampleKejadian(0), 'f48391839c1eeb223a4e04bf9792156cccfd0cefe4dfcc250c18e6f51a6844cf'],
  [
    'kejadian 7 f4',
    () => sampleKejadian(7, { paper: 'f4', final: true }),
    '1d08dea291c14e310712a5694fcebffdeb1d339d9a1871d1f593b4379473a421',
  ],
  ['kejadian 60', () => sampleKejadian(60), 'c3f52ba9c46e9164b3800b5ba01be05787df8d14b1f384b2f1d0faaa34c7f710'],
];

describe('pleno-layout/2 pages of data issued before keep their bytes', () => {
  it.each(GOLDEN)('%s', (_name, make, golden) => {
    expect(hash(make())).toBe(golden);
  });
});

describe('pleno-layout/3: the signer key fingerprint on every page (docs/design.md §4.1)', () => {
  it('prints "sidik kunci PPK" and the fingerprint on every page of a D.Hasil and a D.Kejadian, beside the audit head', () => {
    const key = 'sidik kunci PPK 0123 4567 89ab cdef'; // sample data's meta.signer
    for (const d of [sampleDHasil({ desa: 30, tpsPerDesa: 14, seed: 4 }), sampleKejadian(60), everything('a4')]) {
      expect(d.meta.layout).toBe('pleno-layout/3');
      const pages = footerTexts(d);
      expect(pages.length).toBeGreaterThan(1);
      for (const lines of pages)
        expect(lines).toEqual([
          d.meta.audit ? expect.stringMatching(/^Rantai audit .* · sidik kunci PPK 0123 4567 89ab cdef$/) : key,
        ]);
    }
    // Layout 2 drew no fingerprint: its documents keep their pages (the goldens above).
    for (const lines of footerTexts(asLayout2(sampleKejadian(60)))) expect(lines).toEqual([]);
  });
});
