// Telling a re-saved PDF from an edited one (`pleno verify`, issue 14): programs such as qpdf rewrite a PDF's
// structure — object numbers, streams recompressed, content streams re-spaced one operator per line — without
// changing what a page shows. Comparing the pages as content-stream *tokens* (whitespace and comments ignored)
// instead of bytes, and the document information and annotations separately, lets the verifier say precisely
// what differs: numbers or text on a page, the metadata, added annotations, or only the file's structure.
import { PDFArray, PDFDict, type PDFDocument, PDFName } from 'pdf-lib';

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** The tokens of a content stream, whitespace and comments dropped; strings and hex strings kept whole. */
export function contentTokens(bytes: Uint8Array): string[] {
  const out: string[] = [];
  const text = (a: number, b: number) => Buffer.from(bytes.subarray(a, b)).toString('latin1');
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (WS.has(c)) {
      i++;
    } else if (c === 0x25) {
      while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++; // % comment
    } else if (c === 0x28) {
      const start = i;
      let depth = 0;
      for (; i < bytes.length; i++) {
        if (bytes[i] === 0x5c) i++;
        else if (bytes[i] === 0x28) depth++;
        else if (bytes[i] === 0x29 && --depth === 0) break;
      }
      out.push(text(start, ++i));
    } else if (c === 0x3c && bytes[i + 1] !== 0x3c) {
      const end = bytes.indexOf(0x3e, i);
      const stop = end < 0 ? bytes.length : end + 1;
      out.push(
        `<${text(i + 1, stop - 1)
          .replace(/\s+/g, '')
          .toUpperCase()}>`,
      );
      i = stop;
    } else if ((c === 0x3c || c === 0x3e) && bytes[i + 1] === c) {
      out.push(text(i, i + 2));
      i += 2;
    } else if (DELIM.has(c) && c !== 0x2f) {
      out.push(text(i, i + 1));
      i++;
    } else {
      const start = i;
      i++;
      while (i < bytes.length && !WS.has(bytes[i]!) && !DELIM.has(bytes[i]!)) i++;
      out.push(normaliseNumber(text(start, i)));
    }
  }
  return out;
}

/** `1.50`, `1.5` and `+1.5` are the same number in a content stream. */
function normaliseNumber(t: string): string {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return t;
  const n = Number(t);
  return Number.isFinite(n) ? String(n) : t;
}

export function sameTokens(a: Uint8Array, b: Uint8Array): boolean {
  const x = contentTokens(a);
  const y = contentTokens(b);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

const INFO_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate'];

function infoOf(doc: PDFDocument): Map<string, string> | null {
  const out = new Map<string, string>();
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) return null;
  for (const k of INFO_KEYS) {
    const v = info.lookup(PDFName.of(k));
    if (v !== undefined) out.set(k, 'decodeText' in v ? String((v as { decodeText(): string }).decodeText()) : '');
  }
  return out;
}

/** Document information fields that differ (by name); none when the file's cannot be found (a linearized save). */
export function changedInfo(file: PDFDocument, again: PDFDocument): string[] {
  const a = infoOf(file);
  const b = infoOf(again);
  if (a === null || b === null) return [];
  return INFO_KEYS.filter((k) => a.get(k) !== b.get(k));
}

/** Pages (1-based) carrying annotations the re-drawn document does not have. */
export function pagesWithAddedAnnotations(file: PDFDocument, again: PDFDocument): number[] {
  const count = (doc: PDFDocument, i: number) => {
    const annots = doc.getPage(i).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    return annots ? annots.size() : 0;
  };
  const out: number[] = [];
  const n = Math.min(file.getPageCount(), again.getPageCount());
  for (let i = 0; i < n; i++) if (count(file, i) > count(again, i)) out.push(i + 1);
  return out;
}
