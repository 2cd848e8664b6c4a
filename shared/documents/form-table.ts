// The D.Hasil's table of sections I–IV for a set of columns (desa, TPS, kecamatan, with the total last) and the notes
// under it: a cell whose formula fails is marked ▲ and listed; an R14–R17 warning marks its column heading ◆, the
// cells it is about (DocPeringatan.bidang), and is listed. Shared by both levels (d-hasil.layout.ts, kabko.layout.ts).
import type { CHasilCounts, Pilihan } from '../domain/model';
import { PART_TITLES, SECTION_TITLES, formRows, getCount, type FormRow, type FormSection } from '../domain/labels';
import { formatNumber, wrapText } from './format';
import { formulaFailures, type FormulaFailure } from './formula';
import { MARK, type TableBlock, type TableSection, type TableSpec } from './table-spec';
import type { DocTps, TextMeasure } from './types';

const SECTION_ORDER: FormSection[] = ['I', 'II', 'III', 'IV'];
const PART_OF_ROW: Record<string, keyof typeof PART_TITLES> = { 'I:A': 'I.A', 'I:B': 'I.B', 'IV:A': 'IV.A' };
const NOTE_FONT = 8;

/** Shown for a TPS without a valid record yet (only possible in a draft). */
export const NO_DATA = '–';

/** Heading of the notes under a table with marked cells (kept stable: tests look for it). */
export const NOTES_TITLE = 'Tidak sesuai rumus (angka dicetak seperti tertulis pada formulir):';

/** Marker of a column whose counted version carries an R14–R17 warning, of the cells concerned, and of its note. */
export const WARN_MARK = '◆';
export const WARNINGS_TITLE = 'Peringatan pemeriksaan silang (R14–R16):';

/** The form row of a failing total cell, with the short name used in the notes. */
const FAILURE_ROWS: Record<string, { key: string; name: string }> = {
  'pemilih.jumlah': { key: 'I.A.4', name: 'Jumlah pemilih' },
  'pengguna.jumlah': { key: 'I.B.4', name: 'Jumlah pengguna hak pilih' },
  'suara.sah': { key: 'IV.B', name: 'Jumlah suara sah' },
  'suara.total': { key: 'IV.D', name: 'Jumlah seluruh suara' },
};

function failureRow(f: FormulaFailure): { key: string; name: string; side: string } {
  const side = f.path.endsWith('.l') ? ' L' : f.path.endsWith('.p') ? ' P' : '';
  const base = side ? f.path.slice(0, -2) : f.path;
  return { ...FAILURE_ROWS[base]!, side };
}

/** A row label with its formula, as on the forms: "Jumlah Seluruh Suara Sah (A.1+A.2+A.3)". */
function labelOf(row: FormRow, pilihanCount: number): string {
  if (row.path === 'suara.sah') {
    const parts =
      pilihanCount <= 4
        ? Array.from({ length: pilihanCount }, (_, i) => `A.${i + 1}`).join('+')
        : `A.1+…+A.${pilihanCount}`;
    return `${row.label} (${parts})`;
  }
  if (row.lp && /\(1\+2\+3\)$/.test(row.label))
    return row.label.replace('(1+2+3)', `(${row.row[0]}.1+${row.row[0]}.2+${row.row[0]}.3)`);
  return row.label;
}

/** The count paths each column's R14–R17 warnings are about (empty sets for columns without). */
export function warnedCells(tps: readonly DocTps[] | undefined, columns: number): Set<string>[] {
  return Array.from(
    { length: columns },
    (_, i) => new Set((tps?.[i]?.peringatan ?? []).flatMap((w) => w.bidang ?? [])),
  );
}

/** What the rows print: each label's formula ("(A.1+A.2+A.3)") and the cells whose formula fails marked. */
export interface FormTableStyle {
  formulaLabels: boolean;
  markFailures: boolean;
}

/** Layouts 2 and 3; layout 1 printed neither (layout-v1/d-hasil.layout.ts). */
export const FORM_TABLE: FormTableStyle = { formulaLabels: true, markFailures: true };

/**
 * The rows of sections I–IV for a set of columns: an L/P row becomes L, P and Jumlah (L+P); a column without data
 * (null) shows NO_DATA; a cell whose formula fails in its column is marked; a cell an R14–R17 warning of its column is
 * about (`warned`, per column) shows WARN_MARK before its number.
 */
export function formTable(
  pilihan: readonly Pilihan[],
  columns: string[],
  data: (CHasilCounts | null)[],
  warned: readonly Set<string>[] = [],
  style: FormTableStyle = FORM_TABLE,
): TableSpec {
  const sections: TableSection[] = SECTION_ORDER.map((s) => ({
    title: `${s}. ${SECTION_TITLES[s].toUpperCase()}`,
    blocks: [],
  }));
  const failing = data.map((c) => new Set(c && style.markFailures ? formulaFailures(c).map((f) => f.path) : []));
  const seenPart = new Set<string>();
  const cell = (c: CHasilCounts | null, path: string, i: number) =>
    c ? `${warned[i]?.has(path) ? `${WARN_MARK} ` : ''}${formatNumber(getCount(c, path))}` : NO_DATA;
  const cells = (path: string) => data.map((c, i) => cell(c, path, i));
  for (const row of formRows(pilihan)) {
    const section = sections[SECTION_ORDER.indexOf(row.section)]!;
    const letter = row.row.includes('.') ? row.row.split('.')[0]! : '';
    const partKey = PART_OF_ROW[`${row.section}:${letter}`];
    if (partKey && !seenPart.has(partKey)) {
      seenPart.add(partKey);
      section.blocks.push({ part: `${letter}. ${PART_TITLES[partKey]}` });
    }
    const no = row.row;
    const label = style.formulaLabels ? labelOf(row, pilihan.length) : row.label;
    const key = `${row.section}.${row.row}`;
    let block: TableBlock;
    if (row.lp) {
      const { l, p } = row.lp;
      const markL = failing.map((f) => f.has(l));
      const markP = failing.map((f) => f.has(p));
      block = {
        key,
        rows: [
          { no, label, sub: 'L', values: cells(l), marks: markL },
          { no, label, sub: 'P', values: cells(p), marks: markP },
          {
            no,
            label,
            sub: 'Jml',
            bold: true,
            values: data.map((c) => (c ? formatNumber(getCount(c, l) + getCount(c, p)) : NO_DATA)),
            marks: markL.map((v, i) => v || markP[i]!),
          },
        ],
      };
    } else {
      const path = row.path!;
      const isTotal = path === 'suara.sah' || path === 'suara.total' || path === 'suratSuara.digunakan';
      const marks = failing.map((f) => f.has(path));
      block = { key, rows: [{ no, label, values: cells(path), marks, bold: isTotal }] };
    }
    section.blocks.push(block);
  }
  return { columns, sections };
}

/** A note under a table: about a cell of block `key` of a column, or (key '') about the whole column. */
export interface Note {
  column: number;
  key: string;
  text: string;
  /** The warning's code (R14–R17), for a column note. */
  kode?: string;
}

/** One note per failing cell: "Desa Lasung · IV.B Jumlah suara sah: tertulis 729, A.1+A.2 = 719". */
export function formulaNotes(columns: string[], data: (CHasilCounts | null)[]): Note[] {
  const out: Note[] = [];
  data.forEach((c, column) => {
    if (!c) return;
    for (const f of formulaFailures(c)) {
      const r = failureRow(f);
      const text = `${columns[column]} · ${r.key} ${r.name}${r.side}: tertulis ${formatNumber(f.written)}, ${f.formula} = ${formatNumber(f.expected)}`;
      out.push({ column, key: r.key, text });
    }
  });
  return out;
}

/** One note per R14–R17 warning of a TPS column (key '' : listed on every page showing the column). */
export function warningNotes(columns: string[], tps: readonly DocTps[]): Note[] {
  return tps.flatMap((t, column) =>
    (t.peringatan ?? []).map((w) => ({
      column,
      key: '',
      kode: w.kode,
      text: `${columns[column]!.replace(` ${WARN_MARK}`, '')} · ${w.kode} ${w.pesan}`,
    })),
  );
}

/** The notes as wrapped lines: the formula failures under `notesTitle`, then the warnings. */
export function noteLines(notes: Note[], notesTitle: string, width: number, m: TextMeasure): string[] {
  const sums = notes.filter((n) => n.key !== '');
  const warns = notes.filter((n) => n.key === '');
  const lines: string[] = [];
  if (sums.length > 0)
    lines.push(...wrapText(`${MARK} ${notesTitle} ${sums.map((n) => n.text).join('; ')}.`, width, NOTE_FONT, m));
  // The heading names R17 only when one is listed, so pages drawn before R17 existed keep their bytes.
  const title = warns.some((n) => n.kode === 'R17') ? WARNINGS_TITLE.replace('R14–R16', 'R14–R17') : WARNINGS_TITLE;
  if (warns.length > 0)
    lines.push(...wrapText(`${WARN_MARK} ${title} ${warns.map((n) => n.text).join('; ')}.`, width, NOTE_FONT, m));
  return lines;
}
