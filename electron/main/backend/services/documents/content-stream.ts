// The PDF content stream of a layout page, written as text (instead of pdf-lib's drawText, which builds an object
// per operator). A document's pages repeat the same few fonts, sizes and coordinates tens of thousands of times, so
// the writer keeps per document what repeats: each glyph's code, each text operator's opening, the watermark.
// The operators and their spelling are those of the documents already issued: `pleno verify` redraws a document from
// its data and compares the bytes, so a change here would turn every older document into "edited".
import type { LayoutItem } from '../../../../../shared/documents/types';
import { fontkitOf, type DocFont, type DocFonts } from './pdf-fonts';

/** Resource names of the fonts and images on the page being written. */
export interface PageNames {
  regular: string;
  bold: string;
  /** The image XObject of a QR text, when it has one. */
  image(text: string): string | undefined;
}

/**
 * Numbers in content streams: at most 2 decimals, no exponent, "-0" avoided — `String(Math.round(n * 100) / 100)`,
 * written from the integer number of hundredths, which gives the same text without the general (slower)
 * shortest-decimal conversion of a fraction.
 */
export function num(n: number): string {
  const k = Math.round(n * 100);
  if (k === 0) return '0';
  const a = k < 0 ? -k : k;
  // Far beyond any page (10^10 pt), a double no longer holds every hundredth: the general conversion.
  if (!(a < 1e12)) return String(k / 100);
  const f = a % 100;
  if (f === 0) return String(k / 100);
  const frac = f % 10 === 0 ? String(f / 10) : f < 10 ? `0${f}` : String(f);
  return `${k < 0 ? '-' : ''}${(a - f) / 100}.${frac}`;
}

/** Writes the content streams of one document's pages. */
export class ContentWriter {
  /** Per page (the font names differ from page to page): opening by font size, for [regular, bold, gray, gray bold]. */
  private openings: Map<number, string>[] = [];
  private readonly watermarks = new Map<string, string[]>();
  private names!: PageNames;

  constructor(private readonly fonts: DocFonts) {}

  /** The operators of a page's items, one per line. */
  page(items: readonly LayoutItem[], names: PageNames, pageW: number, pageH: number): string {
    this.names = names;
    this.openings = [new Map(), new Map(), new Map(), new Map()];
    const ops: string[] = [];
    for (const item of items) this.item(ops, item, pageW, pageH);
    return ops.join('\n');
  }

  /** `BT <gray> g /<font> <size> Tf 1 0 0 1 `: the same for most text items of a page. */
  private opening(bold: boolean, gray: boolean, size: number): string {
    const cache = this.openings[(bold ? 1 : 0) + (gray ? 2 : 0)]!;
    let s = cache.get(size);
    if (s === undefined) {
      s = `BT ${gray ? '0.4' : '0'} g /${bold ? this.names.bold : this.names.regular} ${num(size)} Tf 1 0 0 1 `;
      cache.set(size, s);
    }
    return s;
  }

  private item(ops: string[], item: LayoutItem, pageW: number, pageH: number): void {
    const n = num;
    switch (item.t) {
      case 'text': {
        if (item.text.length === 0) return;
        const font: DocFont = item.bold ? this.fonts.bold : this.fonts.regular;
        let x = item.x;
        if (item.align === 'center') x -= font.width(item.text, item.size) / 2;
        else if (item.align === 'right') x -= font.width(item.text, item.size);
        ops.push(
          this.opening(item.bold === true, item.gray === true, item.size) +
            n(x) +
            ' ' +
            n(item.y) +
            ' Tm ' +
            font.hex(item.text) +
            ' Tj ET',
        );
        return;
      }
      case 'line':
        ops.push(`0 G ${n(item.width)} w ${n(item.x1)} ${n(item.y1)} m ${n(item.x2)} ${n(item.y2)} l S`);
        return;
      case 'rect':
        if (item.fill) ops.push(`0.9 g ${n(item.x)} ${n(item.y)} ${n(item.w)} ${n(item.h)} re f`);
        if (item.stroke) ops.push(`0 G 0.6 w ${n(item.x)} ${n(item.y)} ${n(item.w)} ${n(item.h)} re S`);
        return;
      case 'qr': {
        const img = this.names.image(item.text);
        if (img) ops.push(`q ${n(item.size)} 0 0 ${n(item.size)} ${n(item.x)} ${n(item.y)} cm /${img} Do Q`);
        return;
      }
      case 'watermark':
        ops.push(...this.watermark(item.texts, item.outline === true, pageW, pageH));
        return;
    }
  }

  /** The DRAF / SIMULASI watermark: the same on every page of a size, so written once per document. */
  private watermark(texts: string[], outline: boolean, pageW: number, pageH: number): string[] {
    // Outlines name no font; a text watermark names the page's bold font.
    const key = `${outline ? '' : this.names.bold}|${pageW}|${pageH}|${texts.join('\n')}`;
    let ops = this.watermarks.get(key);
    if (ops === undefined) {
      ops = texts.map((text, i) => {
        const size = Math.min(120, (pageW * 0.75) / Math.max(4, text.length) / 0.6);
        const tw = this.fonts.bold.width(text, size);
        const rad = (24 * Math.PI) / 180;
        const cos = Math.cos(rad);
        const sin = Math.sin(rad);
        const cy = pageH / 2 + (texts.length === 1 ? 0 : (i === 0 ? 1 : -1) * pageH * 0.2);
        const x = pageW / 2 - (tw / 2) * cos + (size / 3) * sin;
        const y = cy - (tw / 2) * sin - (size / 3) * cos;
        const matrix = `${cos.toFixed(5)} ${sin.toFixed(5)} ${(-sin).toFixed(5)} ${cos.toFixed(5)} ${num(x)} ${num(y)}`;
        return outline
          ? `q 0.91 g ${matrix} cm ${this.outline(text, size)} f Q`
          : `BT 0.91 g /${this.names.bold} ${num(size)} Tf ${matrix} Tm ${this.fonts.bold.hex(text)} Tj ET`;
      });
      this.watermarks.set(key, ops);
    }
    return ops;
  }

  /**
   * A text as filled glyph outlines (path operators at the origin): no text objects, so pdftotext and copy-paste
   * read the page without stray giant letters between the numbers.
   */
  private outline(text: string, size: number): string {
    const fk = fontkitOf(this.fonts.bold.pdf);
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
    return path.join(' ');
  }
}
