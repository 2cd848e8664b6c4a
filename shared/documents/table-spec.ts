// What a table is, apart from how it is paginated and drawn (table.ts): its rows, blocks, sections and columns,
// the style values a layout version draws it with, and the mark of a failing cell.

/** Marker drawn before the number of a cell whose formula fails (and before its note). */
export const MARK = '▲';

/**
 * How a table is drawn. Layouts 2 and 3 draw with TABLE_STYLE; pleno-layout/1 (frozen, layout-v1/table.ts) drew
 * smaller, with bold shrunk column headers and no column-number row: the differences are these values, the drawing
 * code is one.
 */
export interface TableStyle {
  /** Rows: font, line height, cell padding, points under a block's lines; the No bold in a bold row (layout 1), the
   * total column bold (layout 1), a single row's number on its wrapped label's first line (layouts 2 and 3). */
  cell: {
    font: number;
    lineH: number;
    pad: number;
    blockPad: number;
    boldNo: boolean;
    boldTotal: boolean;
    noOnLabel: boolean;
  };
  /** Widths of the fixed columns, and the narrowest and widest data column. */
  widths: { no: number; label: number; sub: number; minCol: number; maxCol: number };
  /** Column headers: font, line height over the font, points added to the header's height, the No/Uraian/L/P
   * heads' baseline under its middle, a header line's lift; lines on every page (`fit`: as many as the page's
   * longest needs, 2 to 4); bold and shrunk to fit the longest word (layout 1); the (1) (2) (3) … row under them. */
  header: {
    font: number;
    leading: number;
    pad: number;
    headDrop: number;
    nudge: number;
    lines: number | 'fit';
    boldShrunk: boolean;
    numbers: boolean;
  };
}

export const TABLE_STYLE: TableStyle = {
  cell: { font: 8, lineH: 9.6, pad: 2.6, blockPad: 1.5, boldNo: false, boldTotal: false, noOnLabel: true },
  widths: { no: 26, label: 196, sub: 24, minCol: 46, maxCol: 84 },
  header: {
    font: 8,
    leading: 1.4,
    pad: 0,
    headDrop: 8 * 0.36,
    nudge: 2,
    lines: 'fit',
    boldShrunk: false,
    numbers: true,
  },
};

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
