// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change these values; a new drawing is a new layout version.
// Layout 1's table is the one table (../table.ts) drawn smaller: 6.7 pt rows, bold column headers shrunk to fit their
// longest word on three lines, no column-number row, the No of a bold row and the total column bold.
import type { TableStyle } from '../table-spec';

/** How layout 1 drew a table (`layoutTable(…, { style: V1_TABLE })`). */
export const V1_TABLE: TableStyle = {
  cell: { font: 6.7, lineH: 7.8, pad: 2.4, blockPad: 1, boldNo: true, boldTotal: true, noOnLabel: false },
  widths: { no: 24, label: 218, sub: 22, minCol: 42, maxCol: 76 },
  header: { font: 6.6, leading: 1.6, pad: 1, headDrop: 2.5, nudge: 1.8, lines: 3, boldShrunk: true, numbers: false },
};
