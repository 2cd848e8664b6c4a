// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change it; a new drawing is a new layout version.
// A paginated table: fixed columns (No, Uraian, L/P) plus data columns (one per desa or TPS, and a total column),
// split across pages by columns (evenly, headers repeated) and by rows (whole sections where they fit).
import { fitText, wrapText } from '../format';
import { MARGIN_X } from './frame';
import type { LayoutItem, TextMeasure } from '../types';

export const FONT = 6.7;
const LINE_H = 7.8;
const PAD = 2.4;
const HEADER_FONT = 6.6;
const NO_W = 24;
const LABEL_W = 218;
const SUB_W = 22;
const MIN_COL_W = 42;
const MAX_COL_W = 76;

/** One printed row. `values` has one string per data column (all columns, not only the page's). */
export interface TableRow {
  no: string;
  label: string;
  sub?: string;
  values: string[];
  bold?: boolean;
}

/** Rows kept together on a page (an L/P row: L, P and Jumlah under one label). */
export interface TableBlock {
  rows: TableRow[];
}

export interface TableSection {
  /** Printed as a full-width shaded row, e.g. "I. DATA PEMILIH DAN PENGGUNA HAK PILIH". */
  title: string;
  blocks: (TableBlock | { part: string })[];
}

export interface TableSpec {
  /** Header of each data column (the last is usually the total). */
  columns: string[];
  sections: TableSection[];
}

interface PlacedUnit {
  kind: 'section' | 'part' | 'block';
  text?: string;
  block?: TableBlock;
  height: number;
}

/** How many data columns go on each page: as even as possible, never narrower than MIN_COL_W. */
export function splitColumns(count: number, available: number): number[][] {
  const perPage = Math.max(1, Math.floor(available / MIN_COL_W));
  const pages = Math.max(1, Math.ceil(count / perPage));
  const base = Math.floor(count / pages);
  const extra = count % pages;
  const out: number[][] = [];
  let start = 0;
  for (let p = 0; p < pages; p++) {
    const n = base + (p < extra ? 1 : 0);
    out.push(Array.from({ length: n }, (_, i) => start + i));
    start += n;
  }
  return out;
}

function blockHeight(block: TableBlock, m: TextMeasure): { height: number; labelLines: string[] } {
  const first = block.rows[0]!;
  const labelLines = wrapText(first.label, LABEL_W - 2 * PAD, FONT, m, first.bold);
  const lines = Math.max(block.rows.length, labelLines.length);
  return { height: lines * LINE_H + 1, labelLines };
}

/** Lays out the units (section rows, part rows, blocks) into row pages of at most `height` points each. */
function splitRows(spec: TableSpec, height: number, m: TextMeasure): PlacedUnit[][] {
  const pages: PlacedUnit[][] = [];
  let cur: PlacedUnit[] = [];
  let used = 0;
  const push = (u: PlacedUnit) => {
    cur.push(u);
    used += u.height;
  };
  const newPage = () => {
    if (cur.length > 0) pages.push(cur);
    cur = [];
    used = 0;
  };
  for (const section of spec.sections) {
    const units: PlacedUnit[] = [{ kind: 'section', text: section.title, height: LINE_H + 3 }];
    for (const b of section.blocks) {
      if ('part' in b) units.push({ kind: 'part', text: b.part, height: LINE_H + 2 });
      else units.push({ kind: 'block', block: b, height: blockHeight(b, m).height });
    }
    const total = units.reduce((s, u) => s + u.height, 0);
    if (used + total > height && cur.length > 0) newPage();
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      // A section or part title never ends a page: it goes with the next unit.
      const next = units[i + 1];
      const need = u.kind !== 'block' && next ? u.height + next.height : u.height;
      if (used + need > height && cur.length > 0) newPage();
      push(u);
    }
  }
  newPage();
  return pages;
}

export interface TablePageLayout {
  items: LayoutItem[];
  /** Indices of the data columns on this page. */
  columns: number[];
}

/**
 * Pages of the table: for each column group, every row page. `top` is the y (PDF points) where the table starts,
 * `bottom` the lowest y it may use.
 */
export function layoutTable(
  spec: TableSpec,
  width: number,
  top: number,
  bottom: number,
  m: TextMeasure,
): TablePageLayout[] {
  const fixedW = NO_W + LABEL_W + SUB_W;
  const tableMaxW = width - 2 * MARGIN_X;
  const colGroups = splitColumns(spec.columns.length, tableMaxW - fixedW);
  const headerLinesMax = 3;
  const headerH = headerLinesMax * (HEADER_FONT + 1.6) + 2 * PAD + 1;
  const rowPages = splitRows(spec, top - bottom - headerH, m);
  const out: TablePageLayout[] = [];
  for (const cols of colGroups) {
    const colW = Math.min(MAX_COL_W, (tableMaxW - fixedW) / Math.max(1, cols.length));
    const tableW = fixedW + colW * cols.length;
    const x0 = MARGIN_X;
    const xs = [x0, x0 + NO_W, x0 + NO_W + LABEL_W, x0 + fixedW];
    for (let i = 1; i <= cols.length; i++) xs.push(x0 + fixedW + i * colW);
    for (const units of rowPages) {
      const items: LayoutItem[] = [];
      // Column headers.
      let y = top;
      items.push({ t: 'rect', x: x0, y: y - headerH, w: tableW, h: headerH, fill: true });
      const midHead = y - headerH / 2 - 2.5;
      items.push({
        t: 'text',
        x: x0 + NO_W / 2,
        y: midHead,
        size: HEADER_FONT,
        text: 'No',
        bold: true,
        align: 'center',
      });
      items.push({ t: 'text', x: xs[1]! + PAD, y: midHead, size: HEADER_FONT, text: 'Uraian', bold: true });
      items.push({
        t: 'text',
        x: xs[2]! + SUB_W / 2,
        y: midHead,
        size: HEADER_FONT,
        text: 'L/P',
        bold: true,
        align: 'center',
      });
      cols.forEach((c, i) => {
        const head = spec.columns[c]!;
        // A word wider than the column (a long desa name) shrinks the header font rather than being cut.
        const longest = Math.max(...head.split(/\s+/).map((w) => m.width(w, HEADER_FONT, true)));
        const size = Math.max(4.8, Math.min(HEADER_FONT, (HEADER_FONT * (colW - 2 * PAD)) / Math.max(1, longest)));
        const lines = wrapText(head, colW - 2 * PAD, size, m, true);
        const shown = lines.slice(0, headerLinesMax);
        if (lines.length > headerLinesMax) {
          shown[headerLinesMax - 1] = fitText(lines.slice(headerLinesMax - 1).join(' '), colW - 2 * PAD, size, m, true);
        }
        const lh = size + 1.6;
        const blockH = shown.length * lh;
        const cx = xs[3 + i]! + colW / 2;
        shown.forEach((line, k) => {
          items.push({
            t: 'text',
            x: cx,
            y: y - headerH / 2 + blockH / 2 - (k + 1) * lh + 1.8,
            size,
            text: line,
            bold: true,
            align: 'center',
          });
        });
      });
      y -= headerH;
      const rowLines: number[] = [top, y];
      const right = x0 + tableW;
      // Vertical rules per unit: a section row spans the table, a part row keeps only the No column.
      const vr = (xsOf: number[], y1: number, y2: number) => {
        for (const x of xsOf)
          items.push({ t: 'line', x1: x, y1, x2: x, y2, width: x === x0 || x === right ? 0.7 : 0.3 });
      };
      vr(xs, top, y);
      for (const u of units) {
        vr(u.kind === 'section' ? [x0, right] : u.kind === 'part' ? [x0, xs[1]!, right] : xs, y, y - u.height);
        if (u.kind === 'section' || u.kind === 'part') {
          if (u.kind === 'section')
            items.push({ t: 'rect', x: x0, y: y - u.height, w: tableW, h: u.height, fill: true });
          items.push({
            t: 'text',
            x: u.kind === 'section' ? x0 + PAD : xs[1]! + PAD,
            y: y - u.height / 2 - FONT * 0.36,
            size: FONT,
            text: u.text ?? '',
            bold: true,
          });
          y -= u.height;
          rowLines.push(y);
          continue;
        }
        const block = u.block!;
        const { labelLines } = blockHeight(block, m);
        const first = block.rows[0]!;
        items.push({
          t: 'text',
          x: xs[0]! + NO_W / 2,
          y: y - LINE_H / 2 - FONT * 0.36,
          size: FONT,
          text: first.no,
          align: 'center',
          bold: first.bold,
        });
        labelLines.forEach((line, k) => {
          items.push({
            t: 'text',
            x: xs[1]! + PAD,
            y: y - k * LINE_H - LINE_H / 2 - FONT * 0.36,
            size: FONT,
            text: line,
            bold: first.bold,
          });
        });
        const rowH = (u.height - 1) / block.rows.length;
        block.rows.forEach((row, r) => {
          const ry = y - r * rowH - rowH / 2 - FONT * 0.36;
          if (row.sub)
            items.push({
              t: 'text',
              x: xs[2]! + SUB_W / 2,
              y: ry,
              size: FONT,
              text: row.sub,
              align: 'center',
              bold: row.bold,
            });
          cols.forEach((c, i) => {
            items.push({
              t: 'text',
              x: xs[4 + i]! - PAD,
              y: ry,
              size: FONT,
              text: row.values[c] ?? '',
              align: 'right',
              bold: row.bold || c === spec.columns.length - 1,
            });
          });
          if (r > 0)
            items.push({ t: 'line', x1: xs[2]!, y1: y - r * rowH, x2: x0 + tableW, y2: y - r * rowH, width: 0.2 });
        });
        y -= u.height;
        rowLines.push(y);
      }
      for (const ly of rowLines) items.push({ t: 'line', x1: x0, y1: ly, x2: right, y2: ly, width: 0.4 });
      out.push({ items, columns: cols });
    }
  }
  return out;
}
