// Draws one lembar of Model C.Hasil-KWK for the demo photos: a header (form, pemilihan, wilayah, TPS, lembar x
// dari n) and the form rows of the chosen sections, with the numbers handwritten into 3-digit boxes.
// The numbers drawn are what is written on the sheet, which may differ from what a record says (a misread).
import type { CHasilCounts, Pilihan } from '../../../../../../shared/domain/model';
import {
  type FormRow,
  type FormSection,
  SECTION_TITLES,
  PART_TITLES,
  formRows,
  getCount,
} from '../../../../../../shared/domain/labels';
import type { Prng } from '../prng';
import { FAINT, PEN, PRINT, Raster } from './raster';

export interface SheetInput {
  pemilihanNama: string;
  provinsi: string;
  kabkota: string;
  kecamatan: string;
  desa: string;
  /** TPS number within the desa. */
  tpsNomor: number;
  pilihan: readonly Pilihan[];
  /** The numbers as written on the sheet. */
  counts: CHasilCounts;
  lembar: number;
  lembarCount: number;
  sections: readonly FormSection[];
}

export interface SheetStyle {
  width: number;
  /** Scale of printed text (1 = 5×7 px glyphs). */
  text: number;
  /** Scale of handwritten digits. */
  digit: number;
}

export const STYLE_LARGE: SheetStyle = { width: 760, text: 2, digit: 3 };
export const STYLE_SMALL: SheetStyle = { width: 520, text: 1, digit: 2 };

const PEMILIH_PARTS: Record<string, keyof typeof PART_TITLES> = { A: 'I.A', B: 'I.B' };

interface Op {
  h: number;
  draw(r: Raster, y: number): void;
}

/** The sheet as a list of drawing steps, each with its height; printed text wraps to the sheet's width. */
class SheetOps {
  readonly ops: Op[] = [];
  readonly s: number;
  readonly W: number;
  readonly m: number;
  readonly line: number;

  constructor(style: SheetStyle) {
    this.s = style.text;
    this.W = style.width;
    this.m = 10 * this.s + 4;
    this.line = 10 * this.s;
  }

  push(h: number, draw: (r: Raster, y: number) => void): void {
    this.ops.push({ h, draw });
  }

  text(t: string, scale: number, ink: number, bold = false): void {
    const { m, W, s } = this;
    for (const l of Raster.wrap(t, scale, W - m - m))
      this.push(8 * scale + 3 * s, (r, y) => void r.text(m, y, l, scale, ink, bold));
  }

  space(h: number): void {
    this.push(h, () => undefined);
  }

  rule(ink = PRINT, t = Math.max(1, this.s)): void {
    const { m, W, s } = this;
    this.push(t + 4 * s, (r, y) => r.fillRect(m, y + 2 * s, W - 2 * m, t, ink));
  }
}

/** Renders the sheet; height follows the content. */
export function renderSheet(input: SheetInput, style: SheetStyle, rng: Prng): Raster {
  const b = new SheetOps(style);
  header(b, input);
  body(b, input, style.digit, rng);
  // ---- Footer ----
  const { s, W, m } = b;
  b.space(6 * s);
  b.rule(FAINT);
  b.text('KETUA KPPS: ______________    SAKSI: ______________', s, PRINT);
  b.text('DATA SIMULASI - BUKAN DOKUMEN RESMI KPU', s, FAINT, true);

  const height = b.ops.reduce((sum, o) => sum + o.h, 0) + 2 * m;
  const r = new Raster(W, height);
  let y = m;
  for (const o of b.ops) {
    o.draw(r, y);
    y += o.h;
  }
  r.strokeRect(m / 2, m / 2, W - m, height - m, FAINT, Math.max(1, s >> 1));
  return r;
}

/** Form name and SIMULASI stamp, title, pemilihan, wilayah and TPS, "LEMBAR x DARI n". */
function header(b: SheetOps, input: SheetInput): void {
  const { s, W, m, line } = b;
  const stamp = 'SIMULASI';
  b.push(10 * (s + 1), (r, y) => {
    r.text(m, y, 'MODEL C.HASIL-KWK', s + 1, PRINT, true);
    const sw = Raster.textWidth(stamp, s + 1) + 6 * s;
    r.strokeRect(W - m - sw, y - 2 * s, sw, 8 * (s + 1) + 2 * s, PRINT, Math.max(1, s));
    r.text(W - m - sw + 3 * s, y + s, stamp, s + 1, PRINT, true);
  });
  b.text('BERITA ACARA DAN SERTIFIKAT HASIL PENGHITUNGAN SUARA DI TPS', s, PRINT);
  b.text(input.pemilihanNama.toUpperCase(), s, PRINT, true);
  b.space(2 * s);
  const kv: [string, string, number][] = [
    ['PROVINSI', input.provinsi, PRINT],
    ['KABUPATEN/KOTA', input.kabkota, PRINT],
    ['KECAMATAN', input.kecamatan, PRINT],
    ['DESA/KELURAHAN', input.desa, PEN],
    ['TPS', String(input.tpsNomor).padStart(3, '0'), PEN],
  ];
  const keyW = Raster.textWidth('KABUPATEN/KOTA : ', s);
  for (const [k, v, ink] of kv) {
    b.push(line, (r, y) => {
      r.text(m, y, `${k}`, s, PRINT);
      r.text(m + keyW - Raster.advance(s) * 2, y, ':', s, PRINT);
      r.text(m + keyW, y, v.toUpperCase(), s, ink, ink === PEN);
    });
  }
  b.push(line, (r, y) => {
    const t = `LEMBAR ${input.lembar} DARI ${input.lembarCount}`;
    r.text(W - m - Raster.textWidth(t, s), y, t, s, PRINT, true);
  });
  b.rule(PRINT, 2 * s);
}

/** Where the columns of the form rows are, for digit scale d. */
interface Columns {
  d: number;
  cellW: number;
  colGap: number;
  cellsX: number;
  labelX: number;
  labelW: number;
  rowH: number;
}

function columnsOf(b: SheetOps, d: number): Columns {
  const { s, W, m } = b;
  const box = 5 * d + 4 * s; // one digit box
  const cellW = 3 * box;
  const colGap = 3 * s;
  const cellsX = W - m - 3 * cellW - 2 * colGap; // L, P, JML columns
  const labelX = m + Raster.textWidth('A.4 ', s);
  return { d, cellW, colGap, cellsX, labelX, labelW: cellsX - labelX - 3 * s, rowH: 7 * d + 6 * s };
}

/** The rows of the chosen sections, with part titles, an L/P/JML heading where rows have both sexes. */
function body(b: SheetOps, input: SheetInput, d: number, rng: Prng): void {
  const { s, line } = b;
  const c = columnsOf(b, d);
  const rows = formRows(input.pilihan);
  let lastPart = '';
  for (const section of input.sections) {
    b.space(3 * s);
    b.text(`${section}. ${SECTION_TITLES[section].toUpperCase()}`, s, PRINT, true);
    const sectionRows = rows.filter((r) => r.section === section);
    if (sectionRows.some((r) => r.lp)) {
      b.push(line, (r, y) => {
        ['L', 'P', 'JML'].forEach((t, i) => {
          const cx = c.cellsX + i * (c.cellW + c.colGap) + (c.cellW - Raster.textWidth(t, s)) / 2;
          r.text(cx, y, t, s, PRINT, true);
        });
      });
    }
    for (const row of sectionRows) {
      const partKey = `${section}.${row.row.split('.')[0]}`;
      if (section === 'I' && partKey !== lastPart && PEMILIH_PARTS[row.row.split('.')[0] ?? '']) {
        lastPart = partKey;
        b.text(`${row.row.split('.')[0]}. ${PART_TITLES[partKey as keyof typeof PART_TITLES].toUpperCase()}`, s, PRINT);
      }
      if (section === 'IV' && row.row === 'A.1') b.text(`A. ${PART_TITLES['IV.A'].toUpperCase()}`, s, PRINT);
      rowOp(b, c, row, input.counts, rng);
    }
  }
}

/** One form row: its number, its label, and the numbers handwritten into 3-digit boxes (slightly jittered). */
function rowOp(b: SheetOps, c: Columns, row: FormRow, counts: CHasilCounts, rng: Prng): void {
  const { s, W, m } = b;
  const d = c.d;
  const label = Raster.wrap(row.label, s, c.labelW);
  const h = Math.max(c.rowH, label.length * (9 * s) + 4 * s);
  const values: (number | null)[] = row.lp
    ? [getCount(counts, row.lp.l), getCount(counts, row.lp.p)]
    : [getCount(counts, row.path ?? '')];
  const jitter = Array.from({ length: 12 }, () => [rng.int(-s, s), rng.int(-s, s)] as const);
  b.push(h, (r, y) => {
    r.fillRect(m, y + h - 1, W - 2 * m, Math.max(1, s >> 1), FAINT);
    r.text(m, y + 2 * s, row.row, s, PRINT);
    label.forEach((l, i) => r.text(c.labelX, y + 2 * s + i * 9 * s, l, s, PRINT));
    const by = y + (h - (7 * d + 4 * s)) / 2;
    const cells: (number | null)[] = row.lp
      ? [values[0]!, values[1]!, values[0]! + values[1]!]
      : [null, null, values[0]!];
    cells.forEach((v, ci) => {
      if (v === null) return;
      const cx = c.cellsX + ci * (c.cellW + c.colGap);
      const digits = String(v);
      const n = Math.max(3, digits.length);
      const bw = ((c.cellW * 3) / (3 * n)) | 0;
      for (let k = 0; k < n; k++) r.strokeRect(cx + k * bw, by, bw, 7 * d + 4 * s, FAINT, Math.max(1, s >> 1));
      for (let k = 0; k < digits.length; k++) {
        const slot = n - digits.length + k;
        const [jx, jy] = jitter[(ci * 4 + k) % jitter.length]!;
        r.glyph(cx + slot * bw + (bw - 5 * d) / 2 + jx, by + 2 * s + jy, digits[k]!, d, PEN, d >= 3);
      }
    });
  });
}
