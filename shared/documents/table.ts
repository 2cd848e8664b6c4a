// A paginated table: fixed columns (No, Uraian, L/P) plus data columns (one per desa or TPS, and a total column),
// split across pages by columns (evenly, headers repeated) and by rows (whole sections where they fit). Under the
// headers a row numbers the columns (1) (2) (3) … as on the official forms, continuing across column pages. A cell
// whose formula fails is drawn with a heavy frame and a ▲ before its number (see d-hasil.layout.ts for the list).
import { fitText, wrapText } from './format';
import { MARGIN_X } from './frame';
import type { LayoutItem, TextMeasure } from './types';
import { MARK, TABLE_STYLE, type TableBlock, type TableSpec, type TableStyle } from './table-spec';

const FIT_LINES_MAX = 4;
const NUMBER_ROW_H = 10.5;

interface PlacedUnit {
  kind: 'section' | 'part' | 'block';
  text?: string;
  block?: TableBlock;
  height: number;
}

/** How many data columns go on each page: as even as possible, never narrower than `minCol`. */
export function splitColumns(count: number, available: number, minCol = TABLE_STYLE.widths.minCol): number[][] {
  const perPage = Math.max(1, Math.floor(available / minCol));
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
const heights = new WeakMap<TableBlock, { m: TextMeasure; s: TableStyle; height: number; labelLines: string[] }>();

function blockHeight(block: TableBlock, s: TableStyle, m: TextMeasure): { height: number; labelLines: string[] } {
  const known = heights.get(block);
  if (known?.m === m && known.s === s) return known;
  const { font, lineH, pad, blockPad } = s.cell;
  const first = block.rows[0]!;
  const labelLines = wrapText(first.label, s.widths.label - 2 * pad, font, m, first.bold);
  const lines = Math.max(block.rows.length, labelLines.length);
  const out = { m, s, height: lines * lineH + blockPad, labelLines };
  heights.set(block, out);
  return out;
}

/** Lays out the units (section rows, part rows, blocks) into row pages; `height(i)` is the room of row page i. */
function splitRows(spec: TableSpec, s: TableStyle, height: (page: number) => number, m: TextMeasure): PlacedUnit[][] {
  const { lineH } = s.cell;
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
    const units: PlacedUnit[] = [{ kind: 'section', text: section.title, height: lineH + 3 }];
    for (const b of section.blocks) {
      if ('part' in b) units.push({ kind: 'part', text: b.part, height: lineH + 2 });
      else units.push({ kind: 'block', block: b, height: blockHeight(b, s, m).height });
    }
    const total = units.reduce((sum, u) => sum + u.height, 0);
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
  /** How the table is drawn (TABLE_STYLE unless an older layout's). */
  style?: TableStyle;
}

/** One column group's geometry: its columns, their width, the x of every rule, the table's width and right edge. */
interface Grid {
  s: TableStyle;
  cols: number[];
  colW: number;
  xs: number[];
  tableW: number;
  right: number;
  /** The data column drawn bold in every row (layout 1: the total, the last), else -1. */
  boldCol: number;
}

/** Header lines the columns of a page get (fixed, or 2 to FIT_LINES_MAX: a short header leaves more room for rows). */
function headerLines(spec: TableSpec, g: Grid, m: TextMeasure): number {
  const { header, cell } = g.s;
  if (header.lines !== 'fit') return header.lines;
  let n = 2;
  for (const c of g.cols) n = Math.max(n, wrapText(spec.columns[c]!, g.colW - 2 * cell.pad, header.font, m).length);
  return Math.min(FIT_LINES_MAX, n);
}

function headerHeight(s: TableStyle, lines: number): number {
  return lines * (s.header.font + s.header.leading) + 2 * s.cell.pad + s.header.pad;
}

/** The header and column-number row's height on a page of this grid. */
function chromeHeight(spec: TableSpec, g: Grid, m: TextMeasure): number {
  return headerHeight(g.s, headerLines(spec, g, m)) + (g.s.header.numbers ? NUMBER_ROW_H : 0);
}

/** One data column's header text, centred in its cell (layout 1: bold, shrunk so the longest word fits). */
function columnHeader(
  items: LayoutItem[],
  head: string,
  g: Grid,
  cx: number,
  mid: number,
  maxLines: number,
  m: TextMeasure,
) {
  const { header: h, cell } = g.s;
  const room = g.colW - 2 * cell.pad;
  const bold = h.boldShrunk;
  let size = h.font;
  if (bold) {
    const longest = Math.max(...head.split(/\s+/).map((w) => m.width(w, h.font, true)));
    size = Math.max(4.8, Math.min(h.font, (h.font * room) / Math.max(1, longest)));
  }
  // Layouts 2 and 3: regular weight, so a desa name of 10 letters fits a 54 pt column at 8 pt without being cut.
  const lines = wrapText(head, room, size, m, bold);
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines) shown[maxLines - 1] = fitText(lines.slice(maxLines - 1).join(' '), room, size, m, bold);
  const lh = size + h.leading;
  const blockH = shown.length * lh;
  shown.forEach((line, k) => {
    const y = mid + blockH / 2 - (k + 1) * lh + h.nudge;
    items.push({ t: 'text', x: cx, y, size, text: line, bold: bold || undefined, align: 'center' });
  });
}

/** Column numbers, as on the official forms: (1) No, (2) Uraian, (3) L/P, (4)… the data columns. */
function numberRow(items: LayoutItem[], g: Grid, y: number): void {
  const { widths: w, cell } = g.s;
  const { xs, cols, colW } = g;
  const ny = y - NUMBER_ROW_H / 2 - cell.font * 0.36;
  const nums: [number, string][] = [
    [xs[0]! + w.no / 2, '(1)'],
    [xs[1]! + w.label / 2, '(2)'],
    [xs[2]! + w.sub / 2, '(3)'],
    ...cols.map((c, i): [number, string] => [xs[3 + i]! + colW / 2, `(${c + 4})`]),
  ];
  for (const [x, text] of nums) items.push({ t: 'text', x, y: ny, size: cell.font, text, align: 'center', gray: true });
  items.push({ t: 'line', x1: xs[0]!, y1: y, x2: xs[0]! + g.tableW, y2: y, width: 0.4 });
}

/** Header cells of the columns on one page, then (layouts 2 and 3) the (1) (2) (3) … row. Returns the y under them. */
function drawHeader(items: LayoutItem[], spec: TableSpec, g: Grid, top: number, m: TextMeasure): number {
  const { header: h, widths: w, cell } = g.s;
  const { xs, cols, colW } = g;
  const x0 = xs[0]!;
  const maxLines = headerLines(spec, g, m);
  const headerH = headerHeight(g.s, maxLines);
  items.push({ t: 'rect', x: x0, y: top - headerH, w: g.tableW, h: headerH, fill: true });
  const mid = top - headerH / 2 - h.headDrop;
  const center = (x: number, text: string) =>
    items.push({ t: 'text', x, y: mid, size: h.font, text, bold: true, align: 'center' });
  center(x0 + w.no / 2, 'No');
  items.push({ t: 'text', x: xs[1]! + cell.pad, y: mid, size: h.font, text: 'Uraian', bold: true });
  center(xs[2]! + w.sub / 2, 'L/P');
  cols.forEach((c, i) =>
    columnHeader(items, spec.columns[c]!, g, xs[3 + i]! + colW / 2, top - headerH / 2, maxLines, m),
  );
  const y = top - headerH;
  if (!h.numbers) return y;
  numberRow(items, g, y);
  return y - NUMBER_ROW_H;
}

/** Draws one block (an L/P triple or a single row) from y down. */
function drawBlock(items: LayoutItem[], u: PlacedUnit, g: Grid, y: number, m: TextMeasure): void {
  const { cell: c, widths: w } = g.s;
  const { xs, cols, right } = g;
  const block = u.block!;
  const { labelLines } = blockHeight(block, g.s, m);
  const first = block.rows[0]!;
  const base = (yy: number) => yy - c.lineH / 2 - c.font * 0.36;
  const no = first.no;
  const boldNo = c.boldNo ? first.bold : undefined;
  items.push({ t: 'text', x: xs[0]! + w.no / 2, y: base(y), size: c.font, text: no, align: 'center', bold: boldNo });
  labelLines.forEach((line, k) => {
    items.push({ t: 'text', x: xs[1]! + c.pad, y: base(y - k * c.lineH), size: c.font, text: line, bold: first.bold });
  });
  const rowH = (u.height - c.blockPad) / block.rows.length;
  block.rows.forEach((row, r) => {
    const top = y - r * rowH;
    // A single row with a wrapped label keeps its number on the label's first line (as the No column), so a reader's
    // eye and a text extraction find number and label on one line.
    const ry = c.noOnLabel && block.rows.length === 1 ? base(y) : top - rowH / 2 - c.font * 0.36;
    if (row.sub)
      items.push({
        t: 'text',
        x: xs[2]! + w.sub / 2,
        y: ry,
        size: c.font,
        text: row.sub,
        align: 'center',
        bold: row.bold,
      });
    cols.forEach((col, i) => {
      const marked = row.marks?.[col] === true;
      const value = row.values[col] ?? '';
      if (marked) {
        const [x1, x2] = [xs[3 + i]!, xs[4 + i]!];
        items.push({ t: 'rect', x: x1 + 1, y: top - rowH + 0.6, w: x2 - x1 - 2, h: rowH - 1.2, stroke: true });
      }
      const text = marked ? `${MARK} ${value}` : value;
      const bold = row.bold || marked || col === g.boldCol;
      items.push({
        t: 'text',
        x: xs[4 + i]! - c.pad - (marked ? 1 : 0),
        y: ry,
        size: c.font,
        text,
        align: 'right',
        bold,
      });
    });
    if (r > 0) items.push({ t: 'line', x1: xs[2]!, y1: top, x2: right, y2: top, width: 0.2 });
  });
}

/** Draws the units of one row page under the header from `y` down; returns the lowest y and the blocks' keys. */
function drawUnits(items: LayoutItem[], units: PlacedUnit[], g: Grid, top: number, y: number, m: TextMeasure) {
  const { xs, right, tableW } = g;
  const { font, pad } = g.s.cell;
  const x0 = xs[0]!;
  const rowLines: number[] = [top, y];
  const blockKeys = new Set<string>();
  // Vertical rules per unit: a section row spans the table, a part row keeps only the No column.
  const vr = (xsOf: number[], y1: number, y2: number) => {
    for (const x of xsOf) items.push({ t: 'line', x1: x, y1, x2: x, y2, width: x === x0 || x === right ? 0.7 : 0.3 });
  };
  vr(xs, top, y);
  for (const u of units) {
    vr(u.kind === 'section' ? [x0, right] : u.kind === 'part' ? [x0, xs[1]!, right] : xs, y, y - u.height);
    if (u.kind === 'block') {
      if (u.block!.key) blockKeys.add(u.block!.key);
      drawBlock(items, u, g, y, m);
    } else {
      if (u.kind === 'section') items.push({ t: 'rect', x: x0, y: y - u.height, w: tableW, h: u.height, fill: true });
      const x = u.kind === 'section' ? x0 + pad : xs[1]! + pad;
      items.push({ t: 'text', x, y: y - u.height / 2 - font * 0.36, size: font, text: u.text ?? '', bold: true });
    }
    y -= u.height;
    rowLines.push(y);
  }
  for (const ly of rowLines) items.push({ t: 'line', x1: x0, y1: ly, x2: right, y2: ly, width: 0.4 });
  return { bottomY: y, blockKeys };
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
  const s = opts.style ?? TABLE_STYLE;
  const { no, label, sub, minCol, maxCol } = s.widths;
  const fixedW = no + label + sub;
  const tableMaxW = width - 2 * MARGIN_X;
  const colGroups = splitColumns(spec.columns.length, tableMaxW - fixedW, minCol);
  const boldCol = s.cell.boldTotal ? spec.columns.length - 1 : -1;
  const out: TablePageLayout[] = [];
  colGroups.forEach((cols, gi) => {
    const colW = Math.min(maxCol, (tableMaxW - fixedW) / Math.max(1, cols.length));
    const tableW = fixedW + colW * cols.length;
    const x0 = MARGIN_X;
    const xs = [x0, x0 + no, x0 + no + label, x0 + fixedW];
    for (let i = 1; i <= cols.length; i++) xs.push(x0 + fixedW + i * colW);
    // x0 + tableW is the last rule's x for every column count and paper (the sums are exact in binary).
    const g: Grid = { s, cols, colW, xs, tableW, right: x0 + tableW, boldCol };
    const chrome = chromeHeight(spec, g, m);
    const reserve = opts.reserve?.(cols) ?? 0;
    const drop = (page: number) => (gi === 0 && page === 0 ? (opts.firstPageDrop ?? 0) : 0);
    const rowPages = splitRows(spec, s, (page) => top - drop(page) - bottom - chrome - reserve, m);
    rowPages.forEach((units, pageInGroup) => {
      const items: LayoutItem[] = [];
      const pageTop = top - drop(pageInGroup);
      const y = drawHeader(items, spec, g, pageTop, m);
      out.push({ items, columns: cols, ...drawUnits(items, units, g, pageTop, y, m) });
    });
  });
  return out;
}
