// The fast page writer (content-stream.ts, pdf-fonts.ts) must write exactly what the documents already issued hold:
// `pleno verify` redraws a document from its embedded data and compares bytes. Checked three ways: its number
// spelling against the formula it replaces, its widths and glyph codes against pdf-lib's own on the real embedded
// fonts (down to the saved bytes of the font subset), and PDFs issued by the writer before it (fixtures/) verifying.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { num } from './content-stream';
import { embedFonts } from './pdf-fonts';
import { verifyPdf } from './verify-pdf';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** What the writer spelled numbers with before: 2 decimals at most, "-0" as "0". */
function reference(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

const TEXTS = [
  'Jumlah (1+2+3)',
  '12.345',
  '▲ 729',
  'TPS 002 ◆',
  'Halaman 3 dari 165',
  'Cantung Kiri Hulu…',
  'é → ü',
  '𝐀 astral',
  'MODEL D.HASIL KECAMATAN-KWK',
  '',
];

describe('content stream writer', () => {
  it('spells every number as String(Math.round(n × 100) / 100) did', () => {
    const values = [0, -0, 0.004, -0.004, 0.005, -0.005, 0.01, -0.01, 0.1, 0.105, 1.005, 12.5, -12.5, 841.89, 1e21];
    values.push(-1e21, 123456789.125, Number.MAX_SAFE_INTEGER / 100, NaN, Infinity, -Infinity);
    // A fixed pseudo-random walk over page coordinates (2 to 6 decimals), so any failure reproduces.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 200_000; i++) {
      const scale = 10 ** Math.floor(next() * 5 + 2);
      values.push(Math.round((next() * 2400 - 600) * scale) / scale);
    }
    const wrong = values.filter((v) => num(v) !== reference(v));
    expect(wrong.map((v) => [v, num(v), reference(v)])).toEqual([]);
    expect(num(-0.001)).toBe('0');
    expect(num(12.3)).toBe('12.3');
    expect(num(-0.07)).toBe('-0.07');
  });

  it('measures and encodes text exactly as pdf-lib does, down to the saved font subset', async () => {
    const fast = await PDFDocument.create({ updateMetadata: false });
    const slow = await PDFDocument.create({ updateMetadata: false });
    const f = await embedFonts(fast);
    const s = await embedFonts(slow);
    for (const text of [...TEXTS, ...TEXTS.map((t) => t.toLowerCase())]) {
      for (const [mine, theirs] of [
        [f.regular, s.regular],
        [f.bold, s.bold],
      ] as const) {
        for (const size of [6.5, 8, 9, 120])
          expect(mine.width(text, size)).toBe(theirs.pdf.widthOfTextAtSize(text, size));
        if (text.length > 0) expect(mine.hex(text)).toBe(theirs.pdf.encodeText(text).toString());
      }
    }
    fast.addPage();
    slow.addPage();
    // Character-by-character encoding adds the glyphs to the subset in the same order: the same font bytes.
    expect(Buffer.from(await fast.save()).equals(Buffer.from(await slow.save()))).toBe(true);
  });

  it('still verifies documents issued before the writer changed (pleno.document/2, F4 with watermark, A4)', async () => {
    for (const name of ['d-hasil-v2.pdf', 'kejadian-v2.pdf']) {
      const v = await verifyPdf(new Uint8Array(readFileSync(path.join(FIXTURES, name))));
      expect({ name, ...v, data: undefined }).toMatchObject({ name, valid: true, problems: [] });
    }
  });
});
