// Layout of Model D.Hasil Kecamatan-KWK: the opening paragraph ("Pada hari ini …"), the kecamatan table (one column
// per desa + total), an attachment per desa (one column per TPS + desa total), each page with the paraf strip, and
// the signature page. A cell whose formula fails is marked and listed under its table. Pure: data in, pages out.
import { formatKode } from '../domain/model';
import type { CHasilCounts, Pilihan } from '../domain/model';
import { PART_TITLES, SECTION_TITLES, formRows, getCount, type FormRow, type FormSection } from '../domain/labels';
import { formatNumber, landscape, wrapText } from './format';
import { formulaFailures, type FormulaFailure } from './formula';
import {
  FOOTER_H,
  HEADER_H,
  MARGIN_X,
  PARAF_H,
  finishPages,
  headerItems,
  parafItems,
  reissueNote,
  type FrameInput,
} from './frame';
import { signatureItems } from './signatures';
import { MARK, layoutTable, type TableBlock, type TableSection, type TableSpec } from './table';
import { padaHariIni } from './terbilang';
import type { DHasilData, DocTps, DocumentLayout, LayoutItem, LayoutPage, TextMeasure } from './types';

const SECTION_ORDER: FormSection[] = ['I', 'II', 'III', 'IV'];
const PART_OF_ROW: Record<string, keyof typeof PART_TITLES> = { 'I:A': 'I.A', 'I:B': 'I.B', 'IV:A': 'IV.A' };
const NOTE_FONT = 8;
const NOTE_LH = 10;
const INTRO_FONT = 9;
const INTRO_LH = 11.5;

/** Shown for a TPS without a valid record yet (only possible in a draft). */
export const NO_DATA = '–';

/** Heading of the notes under a table with marked cells (kept stable: tests look for it). */
export const NOTES_TITLE = 'Tidak sesuai rumus (angka dicetak seperti tertulis pada formulir):';

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

/**
 * The rows of sections I–IV for a set of columns: an L/P row becomes L, P and Jumlah (L+P); a column without data
 * (null) shows NO_DATA; a cell whose formula fails in its column is marked.
 */
export function formTable(pilihan: readonly Pilihan[], columns: string[], data: (CHasilCounts | null)[]): TableSpec {
  const sections: TableSection[] = SECTION_ORDER.map((s) => ({
    title: `${s}. ${SECTION_TITLES[s].toUpperCase()}`,
    blocks: [],
  }));
  const failing = data.map((c) => new Set(c ? formulaFailures(c).map((f) => f.path) : []));
  const seenPart = new Set<string>();
  const cell = (c: CHasilCounts | null, path: string) => (c ? formatNumber(getCount(c, path)) : NO_DATA);
  for (const row of formRows(pilihan)) {
    const section = sections[SECTION_ORDER.indexOf(row.section)]!;
    const letter = row.row.includes('.') ? row.row.split('.')[0]! : '';
    const partKey = PART_OF_ROW[`${row.section}:${letter}`];
    if (partKey && !seenPart.has(partKey)) {
      seenPart.add(partKey);
      section.blocks.push({ part: `${letter}. ${PART_TITLES[partKey]}` });
    }
    const no = row.row;
    const label = labelOf(row, pilihan.length);
    const key = `${row.section}.${row.row}`;
    let block: TableBlock;
    if (row.lp) {
      const { l, p } = row.lp;
      const markL = failing.map((f) => f.has(l));
      const markP = failing.map((f) => f.has(p));
      block = {
        key,
        rows: [
          { no, label, sub: 'L', values: data.map((c) => cell(c, l)), marks: markL },
          { no, label, sub: 'P', values: data.map((c) => cell(c, p)), marks: markP },
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
      block = { key, rows: [{ no, label, values: data.map((c) => cell(c, path)), marks, bold: isTotal }] };
    }
    section.blocks.push(block);
  }
  return { columns, sections };
}

interface Note {
  column: number;
  key: string;
  text: string;
}

/** One note per failing cell: "Desa Lasung · IV.B Jumlah suara sah: tertulis 729, A.1+A.2 = 719". */
function notesOf(columns: string[], data: (CHasilCounts | null)[]): Note[] {
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

/** Marker of a column whose counted version carries an R14–R16 warning (and of its note). */
export const WARN_MARK = '◆';
export const WARNINGS_TITLE = 'Peringatan pemeriksaan silang (R14–R16):';

/** One note per R14–R16 warning of a TPS column (key '' : listed on every page showing the column). */
function warningNotes(columns: string[], tps: readonly DocTps[]): Note[] {
  return tps.flatMap((t, column) =>
    (t.peringatan ?? []).map((w) => ({
      column,
      key: '',
      text: `${columns[column]!.replace(` ${WARN_MARK}`, '')} · ${w.kode} ${w.pesan}`,
    })),
  );
}

function noteLines(notes: Note[], width: number, m: TextMeasure): string[] {
  const sums = notes.filter((n) => n.key !== '');
  const warns = notes.filter((n) => n.key === '');
  const lines: string[] = [];
  if (sums.length > 0)
    lines.push(...wrapText(`${MARK} ${NOTES_TITLE} ${sums.map((n) => n.text).join('; ')}.`, width, NOTE_FONT, m));
  if (warns.length > 0)
    lines.push(
      ...wrapText(`${WARN_MARK} ${WARNINGS_TITLE} ${warns.map((n) => n.text).join('; ')}.`, width, NOTE_FONT, m),
    );
  return lines;
}

export function frameOf(data: DHasilData, dataSha256: string): FrameInput {
  return {
    meta: data.meta,
    header: data.header,
    dataSha256,
    formTitle: 'MODEL D.HASIL KECAMATAN-KWK',
    formSubtitle: 'BERITA ACARA DAN SERTIFIKAT REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DI TINGKAT KECAMATAN',
  };
}

/** The opening paragraph of the berita acara, with the date in words. */
export function openingText(data: DHasilData): string {
  const h = data.header;
  return (
    `${padaHariIni(data.meta.issued)}, Panitia Pemilihan Kecamatan ${h.kecamatan.nama} melaksanakan rapat pleno ` +
    `terbuka rekapitulasi hasil penghitungan perolehan suara ${h.pemilihan.nama} di tingkat kecamatan, ` +
    `dihadiri saksi pasangan calon dan Panwaslu Kecamatan, dengan hasil sebagai berikut:`
  );
}

interface TablePagesInput {
  data: DHasilData;
  frame: FrameInput;
  spec: TableSpec;
  values: (CHasilCounts | null)[];
  role: string;
  title: (columns: number[], part: number, parts: number) => string;
  intro?: string[];
  /** The lampiran's TPS entries (their R14–R16 warnings are listed under the table). */
  tps?: readonly DocTps[];
  m: TextMeasure;
}

/** The pages of one table (kecamatan or one desa), each with its notes and the paraf strip. */
function tablePages(input: TablePagesInput): LayoutPage[] {
  const { data, frame, spec, m } = input;
  const { w, h } = landscape(data.meta.paper);
  const top = h - HEADER_H;
  const bottom = FOOTER_H + PARAF_H + 8;
  const notes = [...notesOf(spec.columns, input.values), ...warningNotes(spec.columns, input.tps ?? [])];
  const noteW = w - 2 * MARGIN_X;
  const notesIn = (cols: number[]) => notes.filter((n) => cols.includes(n.column));
  const introH = input.intro ? input.intro.length * INTRO_LH + 4 : 0;
  const tps = layoutTable(spec, w, top, bottom, m, {
    firstPageDrop: introH,
    reserve: (cols) => {
      const n = noteLines(notesIn(cols), noteW, m).length;
      return n > 0 ? n * NOTE_LH + 8 : 0;
    },
  });
  return tps.map((tp, i) => {
    const items: LayoutItem[] = [...headerItems(frame, w, h, input.title(tp.columns, i + 1, tps.length), m)];
    if (i === 0 && input.intro)
      input.intro.forEach((line, k) =>
        items.push({ t: 'text', x: MARGIN_X, y: top - 2 - (k + 1) * INTRO_LH + 3, size: INTRO_FONT, text: line }),
      );
    items.push(...tp.items);
    const onPage = notesIn(tp.columns).filter((n) => n.key === '' || tp.blockKeys.has(n.key));
    noteLines(onPage, noteW, m).forEach((line, k) =>
      items.push({
        t: 'text',
        x: MARGIN_X,
        y: tp.bottomY - 12 - k * NOTE_LH,
        size: NOTE_FONT,
        text: line,
      }),
    );
    items.push(...parafItems(data.header, w));
    return { width: w, height: h, role: input.role, items };
  });
}

/** "desa/kelurahan 1–9 dari 9 dan jumlah kecamatan": the total column is not counted as a desa. */
function columnsTitle(columns: number[], desaCount: number, unit: string, total: string): string {
  const desa = columns.filter((c) => c < desaCount);
  const parts: string[] = [];
  if (desa.length > 0) parts.push(`${unit} ${desa[0]! + 1}–${desa[desa.length - 1]! + 1} dari ${desaCount}`);
  if (columns.includes(desaCount)) parts.push(total);
  return parts.join(' dan ');
}

export function layoutDHasil(data: DHasilData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const { w, h } = landscape(data.meta.paper);
  const frame = frameOf(data, dataSha256);
  const top = h - HEADER_H;
  const pages: LayoutPage[] = [];
  const kec = data.header.kecamatan;
  const nDesa = data.recap.desa.length;

  // The kecamatan table: one column per desa and the kecamatan total.
  const kecValues = [...data.recap.desa.map((d) => d.total), data.recap.total];
  pages.push(
    ...tablePages({
      data,
      frame,
      m,
      role: 'kecamatan',
      spec: formTable(
        data.header.pilihan,
        [...data.recap.desa.map((d) => d.nama), `JUMLAH KECAMATAN ${kec.nama.toUpperCase()}`],
        kecValues,
      ),
      values: kecValues,
      intro: wrapText(openingText(data), w - 2 * MARGIN_X, INTRO_FONT, m),
      title: (cols, part, parts) =>
        `Rekapitulasi per desa/kelurahan (${columnsTitle(cols, nDesa, 'desa', 'jumlah kecamatan')}) · ` +
        `bagian ${part}/${parts}`,
    }),
  );

  // One attachment per desa: one column per TPS and the desa total.
  for (const desa of data.lampiran) {
    const recapDesa = data.recap.desa.find((d) => d.kode === desa.kode);
    const values = [...desa.tps.map((t) => t.counts), recapDesa ? recapDesa.total : null];
    pages.push(
      ...tablePages({
        data,
        frame,
        m,
        role: `lampiran:${desa.kode}`,
        spec: formTable(
          data.header.pilihan,
          [
            ...desa.tps.map(
              (t) =>
                `TPS ${String(t.nomor).padStart(3, '0')}${t.tunda ? ` (DITUNDA ${t.tunda.jenis})` : ''}` +
                `${t.peringatan?.length ? ` ${WARN_MARK}` : ''}`,
            ),
            `JUMLAH DESA/KEL.`,
          ],
          values,
        ),
        values,
        tps: desa.tps,
        title: (cols, part, parts) =>
          `Lampiran Desa/Kelurahan ${desa.nama} (${formatKode(desa.kode)}): ` +
          `${columnsTitle(cols, desa.tps.length, 'TPS', 'jumlah desa')} · bagian ${part}/${parts}`,
      }),
    );
  }

  pages.push({
    width: w,
    height: h,
    role: 'tanda-tangan',
    items: [
      ...headerItems(frame, w, h, 'Pengesahan', m),
      ...signatureItems(data.header, data.meta, w, top, closingText(data), m, data.kehadiran),
    ],
  });
  return { pages: finishPages(pages, frame, m) };
}

/** The closing paragraph above the signatures: totals in words of the form, draft status, reissue reason. */
function closingText(data: DHasilData): string {
  const kec = data.header.kecamatan;
  const total = data.recap.total.suara;
  const perolehan = data.header.pilihan
    .map(
      (p, i) =>
        `${p.kind === 'kolom-kosong' ? 'Kolom kosong' : `Paslon ${p.nomor} (${p.nama})`} ${formatNumber(total.paslon[i] ?? 0)} suara`,
    )
    .join('; ');
  const t = data.recap.tps;
  const draftNote = data.meta.final
    ? ''
    : ` Dokumen ini DRAF, bukan hasil final: ${t.diputuskan} dari ${t.total} TPS sudah diputuskan pleno, ` +
      `${t.total - t.masuk} TPS belum masuk, ${t.konflik} TPS konflik.`;
  return (
    `Demikian berita acara dan sertifikat rekapitulasi hasil penghitungan perolehan suara ini dibuat dalam rapat ` +
    `pleno terbuka Panitia Pemilihan Kecamatan ${kec.nama}, dari ${t.total} TPS di ` +
    `${data.recap.desa.length} desa/kelurahan, dan ditandatangani oleh ketua dan anggota PPK serta saksi yang hadir. ` +
    `Perolehan suara sah di kecamatan: ${perolehan}. Jumlah suara sah ${formatNumber(total.sah)}, tidak sah ` +
    `${formatNumber(total.tidakSah)}, seluruhnya ${formatNumber(total.total)}.${draftNote}${holdNote(data)}` +
    reissueNote(data.meta)
  );
}

/** " TPS ditunda, tidak dihitung: Desa Lasung TPS 003 (PSU; dasar: …)." — empty when no TPS is on hold. */
function holdNote(data: DHasilData): string {
  const held = data.lampiran.flatMap((d) =>
    d.tps.flatMap((t) =>
      t.tunda
        ? [`Desa ${d.nama} TPS ${String(t.nomor).padStart(3, '0')} (${t.tunda.jenis}; dasar: ${t.tunda.dasar})`]
        : [],
    ),
  );
  return held.length === 0
    ? ''
    : ` TPS yang ditunda untuk pemungutan/penghitungan suara ulang atau lanjutan dan tidak dihitung sampai hasil ` +
        `barunya diterima pleno: ${held.join('; ')}.`;
}
