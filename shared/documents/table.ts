// A paginated table: fixed columns (No, Uraian, L/P) plus data columns (one per desa or TPS, and a total column),
// split across pages by columns (evenly, headers repeated) and by rows (whole sections where they fit). Under the
// headers a row numbers the columns (1) (2) (3) … as on the official forms, continuing across column pages. A cell
// whose formula fails is drawn with a heavy frame and a ▲ before its number (see d-hasil.layout.ts for the list).
import { fitText, wrapText } from './format';
import { MARGIN_X } from './frame';
import type { LayoutItem, TextMeasure } from './types';

export const FONT = 8;
/** Marker drawn before the number of a cell whose formula fails (and before its note). */
export const MARK = '▲';
const LINE_H = 9.6;
const PAD = 2.6;
const HEADER_FONT = 8;
const HEADER_LINES = 4;
const HEADER_LH = HEADER_FONT + 1.4;
const NUMBER_ROW_H = 10.5;
const NO_W = 26;
const LABEL_W = 196;
const SUB_W = 24;
const MIN_COL_W = 46;
const MAX_COL_W = 84;

/** One printed row. `values` has one string per data column (all columns, not only the page's). */
export interface TableRow {
  no: string;
  label: string;
  sub?: string;
  values: string[];
  /** Per data column: true when the cell breaks its formula (drawn marked). */
  marks?: boolean[];
  bold?: boolean;
}

/** Rows kept together on a page (an L/P row: L, P and Jumlah under one label). */
export interface TableBlock {
  rows: TableRow[];
  /** Identifies the block for notes (the form row, e.g. 'I.A.4'). */
  key?: string;
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

/** Each block's height, measured once per measure (a block is placed and drawn on every page of its column groups). */
const heights = new WeakMap<TableBlock, { m: TextMeasure; height: number; labelLines: string[] }>();

function blockHeight(block: TableBlock, m: TextMeasure): { height: number; labelLines: string[] } {
  const known = heights.get(block);
  if (known?.m === m) return known;
  const first = block.rows[0]!;
  const labelLines = wrapText(first.label, LABEL_W - 2 * PAD, FONT, m, first.bold);
  const lines = Math.max(block.rows.length, labelLines.length);
  const out = { m, height: lines * LINE_H + 1.5, labelLines };
  heights.set(block, out);
  return out;
}

/** Lays out the units (section rows, part rows, blocks) into row pages; `height(i)` is the room of row page i. */
function splitRows(spec: TableSpec, height: (page: number) => number, m: TextMeasure): PlacedUnit[][] {
  const pages: PlacedUnit[][] = [];
  let cur: PlacedUnit[] = [];
  let used = 0;
  const room = () => height(pages.length);
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
    if (used + total > room() && cur.length > 0) newPage();
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      // A section or part title never ends a page: it goes with the next unit.
      const next = units[i + 1];
      const need = u.kind !== 'block' && next ? u.height + next.height : u.height;
      if (used + need > room() && cur.length > 0) newPage();
      cur.push(u);
      used += u.height;
    }
  }
  newPage();
  return pages;
}

export interface TablePageLayout {
  items: LayoutItem[];
  /** Indices of the data columns on this page. */
  columns: number[];
  /** Keys of the blocks on this page. */
  blockKeys: Set<string>;
  /** Lowest y the table reaches on this page. */
  bottomY: number;
}

export interface TableOptions {
  /** Points taken from the top of the very first page (an opening paragraph above the table). */
  firstPageDrop?: number;
  /** Points to leave free at the bottom of every page of a column group (for its notes). */
  reserve?: (columns: number[]) => number;
}

/** Header lines the columns of a page need (2 to HEADER_LINES): a short header leaves more room for rows. */
function headerLines(spec: TableSpec, cols: number[], colW: number, m: TextMeasure): number {
  let n = 2;
  for (const c of cols) n = Math.max(n, wrapText(spec.columns[c]!, colW - 2 * PAD, HEADER_FONT, m).length);
  return Math.min(HEADER_LINES, n);
}

function headerHeight(lines: number): number {
  return lines * HEADER_LH + 2 * PAD;
}

/** Header cells of the columns on one page, then the (1) (2) (3) … row. Returns the y under them. */
function drawHeader(
  items: LayoutItem[],
  spec: TableSpec,
  cols: number[],
  xs: number[],
  colW: number,
  top: number,
  tableW: number,
  m: TextMeasure,
): number {
  const x0 = xs[0]!;
  const maxLines = headerLines(spec, cols, colW, m);
  const headerH = headerHeight(maxLines);
  items.push({ t: 'rect', x: x0, y: top - headerH, w: tableW, h: headerH, fill: true });
  const mid = top - headerH / 2 - HEADER_FONT * 0.36;
  const center = (x: number, text: string) =>
    items.push({ t: 'text', x, y: mid, size: HEADER_FONT, text, bold: true, align: 'center' });
  center(x0 + NO_W / 2, 'No');
  items.push({ t: 'text', x: xs[1]! + PAD, y: mid, size: HEADER_FONT, text: 'Uraian', bold: true });
  center(xs[2]! + SUB_W / 2, 'L/P');
  cols.forEach((c, i) => {
    // Regular weight: a desa name of 10 letters fits a 54 pt column at 8 pt without being cut.
    const lines = wrapText(spec.columns[c]!, colW - 2 * PAD, HEADER_FONT, m);
    const shown = lines.slice(0, maxLines);
    if (lines.length > maxLines) {
      const rest = lines.slice(maxLines - 1).join(' ');
      shown[maxLines - 1] = fitText(rest, colW - 2 * PAD, HEADER_FONT, m);
    }
    const blockH = shown.length * HEADER_LH;
    const cx = xs[3 + i]! + colW / 2;
    shown.forEach((line, k) => {
      const y = top - headerH / 2 + blockH / 2 - (k + 1) * HEADER_LH + 2;
      items.push({ t: 'text', x: cx, y, size: HEADER_FONT, text: line, align: 'center' });
    });
  });
  // Column numbers, as on the official forms: (1) No, (2) Uraian, (3) L/P, (4)… the data columns.
  const y = top - headerH;
  const ny = y - NUMBER_ROW_H / 2 - FONT * 0.36;
  const nums: [number, string][] = [
    [x0 + NO_W / 2, '(1)'],
    [xs[1]! + LABEL_W / 2, '(2)'],
    [xs[2]! + SUB_W / 2, '(3)'],
    ...cols.map((c, i): [number, string] => [xs[3 + i]! + colW / 2, `(${c + 4})`]),
  ];
  for (const [x, text] of nums) items.push({ t: 'text', x, y: ny, size: FONT, text, align: 'center', gray: true });
  items.push({ t: 'line', x1: x0, y1: y, x2: x0 + tableW, y2: y, width: 0.4 });
  return y - NUMBER_ROW_H;
}

/** Draws one block (an L/P triple or a single row) from y down; returns the items. */
function drawBlock(items: LayoutItem[], u: PlacedUnit, cols: number[], xs: number[], y: number, m: TextMeasure): void {
  const block = u.block!;
  const { labelLines } = blockHeight(block, m);
  const first = block.rows[0]!;
  const base = (yy: number) => yy - LINE_H / 2 - FONT * 0.36;
  items.push({ t: 'text', x: xs[0]! + NO_W / 2, y: base(y), size: FONT, text: first.no, align: 'center' });
  labelLines.forEach((line, k) => {
    items.push({ t: 'text', x: xs[1]! + PAD, y: base(y - k * LINE_H), size: FONT, text: line, bold: first.bold });
  });
  const rowH = (u.height - 1.5) / block.rows.length;
  const right = xs[xs.length - 1]!;
  block.rows.forEach((row, r) => {
    const top = y - r * rowH;
    // A single row with a wrapped label keeps its number on the label's first line (as the No column), so a reader's
    // eye and a text extraction find number and label on one line.
    const ry = block.rows.length === 1 ? base(y) : top - rowH / 2 - FONT * 0.36;
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
      const marked = row.marks?.[c] === true;
      const value = row.values[c] ?? '';
      if (marked) {
        items.push({
          t: 'rect',
          x: xs[3 + i]! + 1,
          y: top - rowH + 0.6,
          w: xs[4 + i]! - xs[3 + i]! - 2,
          h: rowH - 1.2,
          stroke: true,
        });
      }
      const text = marked ? `${MARK} ${value}` : value;
      items.push({
        t: 'text',
        x: xs[4 + i]! - PAD - (marked ? 1 : 0),
        y: ry,
        size: FONT,
        text,
        align: 'right',
        bold: row.bold || marked,
      });
    });
    if (r > 0) items.push({ t: 'line', x1: xs[2]!, y1: top, x2: right, y2: top, width: 0.2 });
  });
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
  opts: TableOptions = {},
): TablePageLayout[] {
  const fixedW = NO_W + LABEL_W + SUB_W;
  const tableMaxW = width - 2 * MARGIN_X;
  const colGroups = splitColumns(spec.columns.length, tableMaxW - fixedW);
  const out: TablePageLayout[] = [];
  colGroups.forEach((cols, g) => {
    const colW = Math.min(MAX_COL_W, (tableMaxW - fixedW) / Math.max(1, cols.length));
    const chrome = headerHeight(headerLines(spec, cols, colW, m)) + NUMBER_ROW_H;
    const reserve = opts.reserve?.(cols) ?? 0;
    const drop = (page: number) => (g === 0 && page === 0 ? (opts.firstPageDrop ?? 0) : 0);
    const rowPages = splitRows(spec, (page) => top - drop(page) - bottom - chrome - reserve, m);
    const tableW = fixedW + colW * cols.length;
    const x0 = MARGIN_X;
    const xs = [x0, x0 + NO_W, x0 + NO_W + LABEL_W, x0 + fixedW];
    for (let i = 1; i <= cols.length; i++) xs.push(x0 + fixedW + i * colW);
    const right = x0 + tableW;
    rowPages.forEach((units, pageInGroup) => {
      const items: LayoutItem[] = [];
      const pageTop = top - drop(pageInGroup);
      let y = drawHeader(items, spec, cols, xs, colW, pageTop, tableW, m);
      const rowLines: number[] = [pageTop, y];
      const blockKeys = new Set<string>();
      // Vertical rules per unit: a section row spans the table, a part row keeps only the No column.
      const vr = (xsOf: number[], y1: number, y2: number) => {
        for (const x of xsOf)
          items.push({ t: 'line', x1: x, y1, x2: x, y2, width: x === x0 || x === right ? 0.7 : 0.3 });
      };
      vr(xs, pageTop, y);
      for (const u of units) {
        vr(u.kind === 'section' ? [x0, right] : u.kind === 'part' ? [x0, xs[1]!, right] : xs, y, y - u.height);
        if (u.kind === 'block') {
          if (u.block!.key) blockKeys.add(u.block!.key);
          drawBlock(items, u, cols, xs, y, m);
        } else {
          if (u.kind === 'section')
            items.push({ t: 'rect', x: x0, y: y - u.height, w: tableW, h: u.height, fill: true });
          const x = u.kind === 'section' ? x0 + PAD : xs[1]! + PAD;
          items.push({ t: 'text', x, y: y - u.height / 2 - FONT * 0.36, size: FONT, text: u.text ?? '', bold: true });
        }
        y -= u.height;
        rowLines.push(y);
      }
      for (const ly of rowLines) items.push({ t: 'line', x1: x0, y1: ly, x2: right, y2: ly, width: 0.4 });
      out.push({ items, columns: cols, blockKeys, bottomY: y });
    });
  });
  return out;
}
