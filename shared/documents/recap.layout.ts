// The pages of a D.Hasil of either level (d-hasil.layout.ts: kecamatan by desa and TPS; kabko.layout.ts: kab/kota by
// kecamatan and desa): the opening paragraph over the first table, each table's column and row pages with their
// notes and the paraf strip, and the signature page. What the tables hold and who signs is the caller's data.
import type { CHasilCounts, Pilihan } from '../domain/model';
import { landscape, wrapText } from './format';
import { FORM_TABLE, formTable, formulaNotes, noteLines, warnedCells, warningNotes } from './form-table';
import type { FormTableStyle } from './form-table';
import { FOOTER_H, HEADER_H, MARGIN_X, PARAF_H, finishPages, headerItems, parafItems } from './frame';
import type { FrameInput, FrameStyle } from './frame';
import type { DocLevel } from './level';
import { SIGNATURE_STYLE, signatureItems, type SignatureStyle, type Signers } from './signatures';
import { TABLE_STYLE, type TableStyle } from './table-spec';
import { layoutTable } from './table';
import type { DocTps, DocumentLayout, LayoutItem, LayoutPage, PaperSize, TextMeasure } from './types';

const NOTE_FONT = 8;
const NOTE_LH = 10;
const INTRO_FONT = 9;
const INTRO_LH = 11.5;

/** One table of the document (the wilayah's, or one attachment): its columns, numbers and page titles. */
export interface RecapTable {
  /** LayoutPage.role of its pages ('kecamatan', 'kabkota', 'lampiran:<kode>'). */
  role: string;
  columns: string[];
  values: (CHasilCounts | null)[];
  /** The lampiran's TPS entries, one per column (their R14–R17 warnings are marked and listed). */
  tps?: readonly DocTps[];
  title: (columns: number[], part: number, parts: number) => string;
}

/** What one D.Hasil holds besides its level (who initials and signs) and frame. */
export interface RecapContent {
  /** Heading of the formula notes (how the numbers were printed). */
  notesTitle: string;
  /** The opening paragraph, over the first table (layout 1: none). */
  opening?: string;
  tables: RecapTable[];
  /** The closing paragraph above the signatures. */
  closing: string;
}

/**
 * How the pages are drawn: layouts 2 and 3 draw RECAP_STYLE; pleno-layout/1 (frozen, layout-v1/d-hasil.layout.ts)
 * drew no notes and no paraf strip, with its own table, rows, frame and signature block. The drawing code is one.
 */
export interface RecapStyle {
  table: TableStyle;
  rows: FormTableStyle;
  frame?: FrameStyle;
  signatures: SignatureStyle;
  /** Where the page content starts below the page top; the lowest y of the tables. */
  headerH: number;
  bottom: number;
  /** The formula and warning notes under each table; the paraf strip on each table page. */
  notes: boolean;
  paraf: boolean;
}

export const RECAP_STYLE: RecapStyle = {
  table: TABLE_STYLE,
  rows: FORM_TABLE,
  signatures: SIGNATURE_STYLE,
  headerH: HEADER_H,
  bottom: FOOTER_H + PARAF_H + 8,
  notes: true,
  paraf: true,
};

interface RecapDocument extends RecapContent {
  s: RecapStyle;
  paper: PaperSize;
  frame: FrameInput;
  pilihan: readonly Pilihan[];
  paraf: readonly string[];
  signers: Signers;
}

/** The pages of one table, each with its notes and the paraf strip. */
function tablePages(d: RecapDocument, t: RecapTable, intro: string[] | undefined, m: TextMeasure): LayoutPage[] {
  const { s } = d;
  const { w, h } = landscape(d.paper);
  const top = h - s.headerH;
  const spec = formTable(d.pilihan, t.columns, t.values, warnedCells(t.tps, t.columns.length), s.rows);
  const notes = s.notes ? [...formulaNotes(spec.columns, t.values), ...warningNotes(spec.columns, t.tps ?? [])] : [];
  const noteW = w - 2 * MARGIN_X;
  const notesIn = (cols: number[]) => notes.filter((n) => cols.includes(n.column));
  const introH = intro ? intro.length * INTRO_LH + 4 : 0;
  const pages = layoutTable(spec, w, top, s.bottom, m, {
    style: s.table,
    firstPageDrop: introH,
    reserve: (cols) => {
      const n = noteLines(notesIn(cols), d.notesTitle, noteW, m).length;
      return n > 0 ? n * NOTE_LH + 8 : 0;
    },
  });
  return pages.map((tp, i) => {
    const items: LayoutItem[] = [...headerItems(d.frame, w, h, t.title(tp.columns, i + 1, pages.length), m)];
    if (i === 0 && intro)
      intro.forEach((line, k) =>
        items.push({ t: 'text', x: MARGIN_X, y: top - 2 - (k + 1) * INTRO_LH + 3, size: INTRO_FONT, text: line }),
      );
    items.push(...tp.items);
    const onPage = notesIn(tp.columns).filter((n) => n.key === '' || tp.blockKeys.has(n.key));
    noteLines(onPage, d.notesTitle, noteW, m).forEach((line, k) =>
      items.push({ t: 'text', x: MARGIN_X, y: tp.bottomY - 12 - k * NOTE_LH, size: NOTE_FONT, text: line }),
    );
    if (s.paraf) items.push(...parafItems(d.paraf, w));
    return { width: w, height: h, role: t.role, items };
  });
}

/** "desa/kelurahan 1–9 dari 9 dan jumlah kecamatan": the total column is not counted as a desa. */
export function columnsTitle(columns: number[], count: number, unit: string, total: string): string {
  const inner = columns.filter((c) => c < count);
  const parts: string[] = [];
  if (inner.length > 0) parts.push(`${unit} ${inner[0]! + 1}–${inner[inner.length - 1]! + 1} dari ${count}`);
  if (columns.includes(count)) parts.push(total);
  return parts.join(' dan ');
}

export function layoutRecap(
  level: DocLevel,
  frameInput: FrameInput,
  c: RecapContent,
  m: TextMeasure,
  s = RECAP_STYLE,
): DocumentLayout {
  const { signers, paraf } = level;
  const frame = s.frame ? { ...frameInput, style: s.frame } : frameInput;
  const d: RecapDocument = { ...c, s, paper: frame.meta.paper, frame, pilihan: signers.pilihan, paraf, signers };
  const { w, h } = landscape(d.paper);
  const intro = d.opening === undefined ? undefined : wrapText(d.opening, w - 2 * MARGIN_X, INTRO_FONT, m);
  const pages = d.tables.flatMap((t, i) => tablePages(d, t, i === 0 ? intro : undefined, m));
  pages.push({
    width: w,
    height: h,
    role: 'tanda-tangan',
    items: [
      ...headerItems(d.frame, w, h, 'Pengesahan', m),
      ...signatureItems(d.signers, d.frame.meta.issued, w, h - s.headerH, d.closing, m, s.signatures),
    ],
  });
  return { pages: finishPages(pages, d.frame, m) };
}
