// The two embedded fonts of a document (DejaVu Sans Condensed, resources/fonts) with what drawing a page needs from
// them, fast: the width of a text (read from a per-code-point table of advance widths, no shaping) and its encoding
// as a PDF hex string (each distinct text encoded once per document). Both give exactly what pdf-lib's own
// widthOfTextAtSize and encodeText give, so the drawn bytes stay those of the documents already issued.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../resources/fonts');

let fontCache: { regular: Uint8Array; bold: Uint8Array } | null = null;

function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  fontCache ??= {
    regular: new Uint8Array(readFileSync(path.join(FONT_DIR, 'DejaVuSansCondensed.ttf'))),
    bold: new Uint8Array(readFileSync(path.join(FONT_DIR, 'DejaVuSansCondensed-Bold.ttf'))),
  };
  return fontCache;
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}

/** The parts of fontkit's font object we use (pdf-lib's embedder holds it). */
export interface FontkitFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): FontkitGlyph & { path: { commands: { command: string; args: number[] }[] } };
  layout(text: string): { glyphs: FontkitGlyph[] };
}

export function fontkitOf(font: PDFFont): FontkitFont {
  return (font as unknown as { embedder: { font: FontkitFont } }).embedder.font;
}

/** An embedded font with its measuring and encoding. */
export interface DocFont {
  pdf: PDFFont;
  /** Width in points of `text` at `size`: the number pdf-lib's `widthOfTextAtSize` returns. */
  width(text: string, size: number): number;
  /** The text as a PDF hex string of subset glyph ids (`<0003000A>`), as pdf-lib's `encodeText` gives it. */
  hex(text: string): string;
}

export interface DocFonts {
  regular: DocFont;
  bold: DocFont;
}

/** Each code point's glyph, looked up once (fontkit's cmap lookup builds objects). */
function glyphLookup(fk: FontkitFont): (cp: number) => FontkitGlyph {
  const cache = new Map<number, FontkitGlyph>();
  return (cp) => {
    let g = cache.get(cp);
    if (!g) {
      g = fk.glyphForCodePoint(cp);
      cache.set(cp, g);
    }
    return g;
  };
}

/**
 * Replaces fontkit's OpenType shaping (GSUB/GPOS, about 40 µs per string) with a plain cmap lookup for this font.
 * pdf-lib uses only the glyph ids and advance widths of a layout (it never applies GPOS positions), so the drawn
 * result is the same for our Latin text, ligatures aside, which we do not want in tables and extracted text anyway.
 */
function useCmapLayout(fk: FontkitFont, glyph: (cp: number) => FontkitGlyph): void {
  fk.layout = (text: string) => {
    const glyphs: FontkitGlyph[] = [];
    for (const ch of text) glyphs.push(glyph(ch.codePointAt(0)!));
    return { glyphs };
  };
}

function docFont(pdf: PDFFont): DocFont {
  const fk = fontkitOf(pdf);
  const glyph = glyphLookup(fk);
  useCmapLayout(fk, glyph);
  // pdf-lib: width = Σ (advanceWidth × 1000/unitsPerEm) × size/1000, summed glyph by glyph in this order; the same
  // products, sums and final scaling here give the same floating-point number.
  const scale = 1000 / fk.unitsPerEm;
  // Scaled advance per code point of the Basic Multilingual Plane (NaN: not looked up yet); others in a map.
  const bmp = new Float64Array(0x10000).fill(NaN);
  const advance = new Map<number, number>();
  const advanceOf = (cp: number): number => {
    let a = advance.get(cp);
    if (a === undefined) {
      a = glyph(cp).advanceWidth * scale;
      advance.set(cp, a);
    }
    return a;
  };
  const unitWidth = (text: string): number => {
    let total = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      const lo = cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        total += advanceOf((cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000);
        i++;
        continue;
      }
      let a = bmp[cp]!;
      if (a !== a) a = bmp[cp] = advanceOf(cp); // NaN: first use
      total += a;
    }
    return total;
  };
  // Each code point's 4-digit subset glyph id, from pdf-lib's encodeText of that one character: it adds the glyph to
  // the subset (which numbers glyphs in order of first use), so encoding a text character by character in drawing
  // order gives exactly the codes and subset that encoding it whole would.
  const codes: (string | undefined)[] = [];
  const codeOf = (cp: number): string => {
    let c = codes[cp];
    if (c === undefined) {
      const hex = pdf.encodeText(String.fromCodePoint(cp)).toString();
      c = hex.slice(1, -1);
      codes[cp] = c;
    }
    return c;
  };
  return {
    pdf,
    width: (text, size) => unitWidth(text) * (size / 1000),
    hex: (text) => {
      let out = '<';
      for (let i = 0; i < text.length; i++) {
        const cp = text.codePointAt(i)!;
        if (cp > 0xffff) i++;
        out += codeOf(cp);
      }
      return `${out}>`;
    },
  };
}

/** Embeds the regular and bold font (subset) into `doc`. */
export async function embedFonts(doc: PDFDocument): Promise<DocFonts> {
  doc.registerFontkit(fontkit);
  const fonts = fontBytes();
  const regular = await doc.embedFont(fonts.regular, { subset: true, customName: 'DejaVuSansCondensed' });
  const bold = await doc.embedFont(fonts.bold, { subset: true, customName: 'DejaVuSansCondensed-Bold' });
  return { regular: docFont(regular), bold: docFont(bold) };
}
