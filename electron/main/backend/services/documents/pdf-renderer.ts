// Draws a document layout (shared/documents) with pdf-lib, embedding DejaVu Sans Condensed (resources/fonts) and the
// signed document data as a file attachment. Deterministic: identical data and envelope → identical bytes (fixed
// metadata dates from the data, fixed font subset names, pdf-lib's seeded id generator, no /ID entry).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { deflateSync } from 'node:zlib';
import { AFRelationship, PDFDocument, PDFName, type PDFFont, type PDFImage } from 'pdf-lib';
import QRCode from 'qrcode';
import { layoutDocument } from '../../../../../shared/documents/layout';
import { isKabDocument, kabPdfDescription, type AnyDocumentData } from '../../../../../shared/documents/kabko-types';
import {
  DOC_KIND_TITLES,
  type DocumentLayout,
  type LayoutItem,
  type TextMeasure,
} from '../../../../../shared/documents/types';

/** Name of the attached file holding the signed document data (a SignedEnvelope of DocumentData). */
export const ATTACHMENT_NAME = 'pleno-dokumen.json';

const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../resources/fonts');

let fontCache: { regular: Uint8Array; bold: Uint8Array } | null = null;

function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  fontCache ??= {
    regular: new Uint8Array(readFileSync(path.join(FONT_DIR, 'DejaVuSansCondensed.ttf'))),
    bold: new Uint8Array(readFileSync(path.join(FONT_DIR, 'DejaVuSansCondensed-Bold.ttf'))),
  };
  return fontCache;
}

const qrCache = new Map<string, Uint8Array>();

async function qrPng(text: string): Promise<Uint8Array> {
  let png = qrCache.get(text);
  if (!png) {
    png = new Uint8Array(await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 1, scale: 4, type: 'png' }));
    if (qrCache.size > 64) qrCache.clear();
    qrCache.set(text, png);
  }
  return png;
}

/** ISO time with offset → Date (the instant); metadata dates come from the data, never from the clock. */
function instant(iso: string): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface FontkitFont {
  glyphForCodePoint(cp: number): FontkitGlyph;
  layout(text: string): { glyphs: FontkitGlyph[] };
}

/**
 * Replaces fontkit's OpenType shaping (GSUB/GPOS, about 40 µs per string) with a plain cmap lookup for this font.
 * pdf-lib uses only the glyph ids and advance widths of a layout (it never applies GPOS positions), so the drawn
 * result is the same for our Latin text, ligatures aside, which we do not want in tables and extracted text anyway.
 * Rendering the 600-TPS D.Hasil goes from ~6 s to well under a second.
 */
function useCmapLayout(font: PDFFont): void {
  const fk = (font as unknown as { embedder: { font: FontkitFont } }).embedder.font;
  const cache = new Map<number, FontkitGlyph>();
  fk.layout = (text: string) => {
    const glyphs: FontkitGlyph[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let g = cache.get(cp);
      if (!g) {
        g = fk.glyphForCodePoint(cp);
        cache.set(cp, g);
      }
      glyphs.push(g);
    }
    return { glyphs };
  };
}

export interface RenderInput {
  data: AnyDocumentData;
  /** SHA-256 (hex) of the canonical JSON of `data`; shown on every page. */
  dataSha256: string;
  /** The bytes attached to the PDF: the signed envelope JSON of `data`. */
  envelopeBytes: Uint8Array;
}

export interface RenderOutput {
  bytes: Uint8Array;
  pages: number;
}

type Fonts = Pick<DrawFonts, 'regular' | 'bold' | 'encode' | 'widthOf'>;

/** The two embedded fonts, with memoised text encoding and widths (each distinct string is measured once). */
async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const fonts = fontBytes();
  const regular = await doc.embedFont(fonts.regular, { subset: true, customName: 'DejaVuSansCondensed' });
  const bold = await doc.embedFont(fonts.bold, { subset: true, customName: 'DejaVuSansCondensed-Bold' });
  useCmapLayout(regular);
  useCmapLayout(bold);
  const enc = new Map<PDFFont, Map<string, string>>([
    [regular, new Map()],
    [bold, new Map()],
  ]);
  const encode = (font: PDFFont, text: string): string => {
    const m = enc.get(font)!;
    let hex = m.get(text);
    if (hex === undefined) {
      hex = font.encodeText(text).toString();
      m.set(text, hex);
    }
    return hex;
  };
  const widths = new Map<string, number>();
  const widthOf = (font: PDFFont, text: string, size: number): number => {
    const key = `${font === bold ? 'b' : 'r'}${size}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      w = font.widthOfTextAtSize(text, size);
      widths.set(key, w);
    }
    return w;
  };
  return { regular, bold, encode, widthOf };
}

/** Every page of the layout as one compressed content stream, QR images embedded once each. */
async function drawPages(doc: PDFDocument, layout: DocumentLayout, fonts: Fonts): Promise<void> {
  const { regular, bold } = fonts;
  const images = new Map<string, PDFImage>();
  for (const page of layout.pages) {
    for (const item of page.items) {
      if (item.t === 'qr' && !images.has(item.text)) images.set(item.text, await doc.embedPng(await qrPng(item.text)));
    }
  }
  for (const lp of layout.pages) {
    const page = doc.addPage([lp.width, lp.height]);
    const names = new Map<object, string>();
    names.set(regular, page.node.newFontDictionary('F', regular.ref).asString().slice(1));
    names.set(bold, page.node.newFontDictionary('F', bold.ref).asString().slice(1));
    const ops: string[] = [];
    for (const item of lp.items) {
      if (item.t === 'qr' && !names.has(images.get(item.text)!)) {
        const img = images.get(item.text)!;
        names.set(img, page.node.newXObject('Im', img.ref).asString().slice(1));
      }
      drawItem(ops, item, { ...fonts, names, images }, lp.width, lp.height);
    }
    const content = deflateSync(Buffer.from(ops.join('\n'), 'latin1'), { level: 6 });
    const stream = doc.context.stream(new Uint8Array(content), { Filter: 'FlateDecode' });
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  }
}

/** Metadata (dates from the data, never from the clock) and the signed envelope as an attachment. */
async function describeAndAttach(doc: PDFDocument, input: RenderInput): Promise<void> {
  const { data } = input;
  const when = instant(data.meta.issued);
  if (isKabDocument(data)) {
    // A kab/kota document of a receiver (docs/receiver-plenary.md).
    const d = kabPdfDescription(data);
    doc.setTitle(d.title, { showInWindowTitleBar: true });
    doc.setAuthor(d.author);
  } else {
    const title = `${DOC_KIND_TITLES[data.meta.kind]} — ${data.header.pemilihan.nama} — Kecamatan ${data.header.kecamatan.nama}`;
    doc.setTitle(title, { showInWindowTitleBar: true });
    doc.setAuthor(`PPK Kecamatan ${data.header.kecamatan.nama}`);
  }
  doc.setSubject(
    `${data.meta.id} versi ${data.meta.version}${data.meta.final ? '' : ' (DRAF)'} · SHA-256 data ${input.dataSha256}`,
  );
  // The audit head the data was drawn at (meta.audit), also where a PDF reader's properties show it.
  const audit = data.meta.audit ? [`audit:${data.meta.audit.jumlah}:${data.meta.audit.kepala}`] : [];
  doc.setKeywords([
    'pleno',
    data.meta.kind,
    data.meta.pemilihan,
    isKabDocument(data) ? data.meta.kabkota : data.meta.kecamatan,
    input.dataSha256,
    ...audit,
  ]);
  doc.setCreator('Pleno');
  doc.setProducer('Pleno (pdf-lib)');
  doc.setLanguage('id-ID');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  await doc.attach(input.envelopeBytes, ATTACHMENT_NAME, {
    mimeType: 'application/json',
    description: `Data dokumen bertanda tangan ${isKabDocument(data) ? 'KPU kabupaten/kota' : 'PPK'} (${data.format})`,
    creationDate: when,
    modificationDate: when,
    afRelationship: AFRelationship.Data,
  });
}

export async function renderPdf(input: RenderInput): Promise<RenderOutput> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const measure: TextMeasure = {
    width: (text, size, isBold) => fonts.widthOf(isBold ? fonts.bold : fonts.regular, text, size),
  };
  const layout = layoutDocument(input.data, input.dataSha256, measure);
  await drawPages(doc, layout, fonts);
  await describeAndAttach(doc, input);
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pages: layout.pages.length };
}

interface DrawFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Resource names of the fonts and images on the current page. */
  names: Map<object, string>;
  images: Map<string, PDFImage>;
  /** Memoised font.encodeText(text) as a PDF hex string (each distinct string is encoded once per document). */
  encode(font: PDFFont, text: string): string;
  widthOf(font: PDFFont, text: string, size: number): number;
}

/** Numbers in content streams: at most 2 decimals, no exponent, "-0" avoided. */
function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Appends the PDF operators of one layout item. We write content streams ourselves (instead of pdf-lib's drawText,
 * which builds an object per operator) and compress them with Node's zlib: 5× faster on the 600-TPS document.
 */
function drawItem(ops: string[], item: LayoutItem, f: DrawFonts, pageW: number, pageH: number): void {
  switch (item.t) {
    case 'text': {
      if (item.text.length === 0) return;
      const font = item.bold ? f.bold : f.regular;
      const w = item.align && item.align !== 'left' ? f.widthOf(font, item.text, item.size) : 0;
      const x = item.align === 'center' ? item.x - w / 2 : item.align === 'right' ? item.x - w : item.x;
      ops.push(
        `BT ${item.gray ? '0.4' : '0'} g /${f.names.get(font)} ${num(item.size)} Tf 1 0 0 1 ${num(x)} ${num(item.y)} Tm ` +
          `${f.encode(font, item.text)} Tj ET`,
      );
      return;
    }
    case 'line':
      ops.push(`0 G ${num(item.width)} w ${num(item.x1)} ${num(item.y1)} m ${num(item.x2)} ${num(item.y2)} l S`);
      return;
    case 'rect':
      if (item.fill) ops.push(`0.9 g ${num(item.x)} ${num(item.y)} ${num(item.w)} ${num(item.h)} re f`);
      if (item.stroke) ops.push(`0 G 0.6 w ${num(item.x)} ${num(item.y)} ${num(item.w)} ${num(item.h)} re S`);
      return;
    case 'qr': {
      const img = f.images.get(item.text);
      if (img)
        ops.push(
          `q ${num(item.size)} 0 0 ${num(item.size)} ${num(item.x)} ${num(item.y)} cm /${f.names.get(img)} Do Q`,
        );
      return;
    }
    case 'watermark': {
      if (item.outline) {
        drawOutlineWatermark(ops, item.texts, f, pageW, pageH);
        return;
      }
      const n = item.texts.length;
      item.texts.forEach((text, i) => {
        const size = Math.min(120, (pageW * 0.75) / Math.max(4, text.length) / 0.6);
        const tw = f.widthOf(f.bold, text, size);
        const rad = (24 * Math.PI) / 180;
        const cos = Math.cos(rad);
        const sin = Math.sin(rad);
        const cy = pageH / 2 + (n === 1 ? 0 : (i === 0 ? 1 : -1) * pageH * 0.2);
        const x = pageW / 2 - (tw / 2) * cos + (size / 3) * sin;
        const y = cy - (tw / 2) * sin - (size / 3) * cos;
        ops.push(
          `BT 0.91 g /${f.names.get(f.bold)} ${num(size)} Tf ${cos.toFixed(5)} ${sin.toFixed(5)} ${(-sin).toFixed(5)} ` +
            `${cos.toFixed(5)} ${num(x)} ${num(y)} Tm ${f.encode(f.bold, text)} Tj ET`,
        );
      });
      return;
    }
  }
}

interface FontkitPath {
  commands: { command: string; args: number[] }[];
}
interface FontkitOutlineFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number; path: FontkitPath };
}

/**
 * The DRAF / SIMULASI watermark as filled glyph outlines, at the place and angle of the text watermark: no text
 * objects, so pdftotext and copy-paste read the page without stray giant letters between the numbers.
 */
function drawOutlineWatermark(ops: string[], texts: string[], f: DrawFonts, pageW: number, pageH: number): void {
  const fk = (f.bold as unknown as { embedder: { font: FontkitOutlineFont } }).embedder.font;
  const n = texts.length;
  const rad = (24 * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  texts.forEach((text, i) => {
    const size = Math.min(120, (pageW * 0.75) / Math.max(4, text.length) / 0.6);
    const tw = f.widthOf(f.bold, text, size);
    const cy = pageH / 2 + (n === 1 ? 0 : (i === 0 ? 1 : -1) * pageH * 0.2);
    const x = pageW / 2 - (tw / 2) * cos + (size / 3) * sin;
    const y = cy - (tw / 2) * sin - (size / 3) * cos;
    const k = size / fk.unitsPerEm;
    const path: string[] = [];
    let pen = 0;
    for (const ch of text) {
      const g = fk.glyphForCodePoint(ch.codePointAt(0)!);
      const pt = (a: number, b: number) => `${num(pen + a * k)} ${num(b * k)}`;
      let last: [number, number] = [0, 0];
      for (const c of g.path.commands) {
        const a = c.args;
        if (c.command === 'moveTo') path.push(`${pt(a[0]!, a[1]!)} m`);
        else if (c.command === 'lineTo') path.push(`${pt(a[0]!, a[1]!)} l`);
        else if (c.command === 'bezierCurveTo')
          path.push(`${pt(a[0]!, a[1]!)} ${pt(a[2]!, a[3]!)} ${pt(a[4]!, a[5]!)} c`);
        else if (c.command === 'quadraticCurveTo') {
          // Quadratic → cubic: control points 2/3 of the way from each end to the quadratic control point.
          const [qx, qy, ex, ey] = [a[0]!, a[1]!, a[2]!, a[3]!];
          const c1 = [last[0] + (2 / 3) * (qx - last[0]), last[1] + (2 / 3) * (qy - last[1])] as const;
          const c2 = [ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey)] as const;
          path.push(`${pt(c1[0], c1[1])} ${pt(c2[0], c2[1])} ${pt(ex, ey)} c`);
        } else if (c.command === 'closePath') path.push('h');
        if (a.length >= 2) last = [a[a.length - 2]!, a[a.length - 1]!];
      }
      pen += g.advanceWidth * k;
    }
    ops.push(
      `q 0.91 g ${cos.toFixed(5)} ${sin.toFixed(5)} ${(-sin).toFixed(5)} ${cos.toFixed(5)} ${num(x)} ${num(y)} cm ` +
        `${path.join(' ')} f Q`,
    );
  });
}
