// The signature block of every document level: place and date, the members who hold the plenary (ketua and anggota
// PPK, or of the KPU kab/kota), a line for the saksi of each pasangan calon with a box to note a refusal to sign, and
// the receipt of the supervisor's copy (Panwaslu Kecamatan, Bawaslu kab/kota). Who they are is data (level.ts).
import { fitText, formatTanggal, wrapText } from './format';
import { MARGIN_X } from './frame';
import type { LayoutItem, TextMeasure } from './types';
import type { Pilihan } from '../domain/model';
import { saksiNames, type Kehadiran } from '../domain/sidang';

const ROW_PPK = 26;
const ROW_SAKSI = 34;

/** Who signs and receives the document (level.ts builds it for each level). */
export interface Signers {
  /** Place written before the date (the kecamatan or kab/kota name). */
  tempat: string;
  /** Title of the members' table, e.g. "PANITIA PEMILIHAN KECAMATAN HAMPANG". */
  lembaga: string;
  anggota: readonly { nama: string; jabatan: string }[];
  pilihan: readonly Pilihan[];
  /** Title of the copy's receipt line, e.g. "PANWASLU KECAMATAN (menerima salinan)". */
  salinan: string;
  /** The note under it on refusals to sign. */
  penolakan: string;
  /** Who attended the sidang: saksi and supervisor names printed on their lines. */
  hadir?: Kehadiran;
}

/**
 * Font sizes and the few rules that differ between layout versions: layouts 2 and 3 draw SIGNATURE_STYLE;
 * pleno-layout/1 (frozen, layout-v1/signatures.ts) drew smaller, and its supervisor line had no receipt and no note.
 */
export interface SignatureStyle {
  /** The closing paragraph's font and line height; the place and date's size. */
  intro: { size: number; lh: number; date: number };
  /** Table heads; members' rows and their signature numbers; saksi numbers, pasangan names, the refusal box's note. */
  text: { head: number; row: number; signNo: number; paslonNo: number; paslon: number; refusal: number };
  /** The supervisor's line: "Nama:" size, where its line starts; its "Tanda terima" and the refusal note under it. */
  salinan: { label: number; lineFrom: number; receipt: boolean };
}

export const SIGNATURE_STYLE: SignatureStyle = {
  intro: { size: 9, lh: 11.5, date: 9 },
  text: { head: 8, row: 8, signNo: 8, paslonNo: 8, paslon: 8, refusal: 8 },
  salinan: { label: 8, lineFrom: 30, receipt: true },
};

/** Height the block needs (so a layout can decide whether it fits under a list). */
export function signatureBlockHeight(s: Signers, style = SIGNATURE_STYLE): number {
  const saksi = s.pilihan.filter((p) => p.kind !== 'kolom-kosong').length;
  const left = 40 + 14 + s.anggota.length * ROW_PPK;
  const right = 40 + 14 + saksi * ROW_SAKSI + 18 + ROW_PPK + (style.salinan.receipt ? 40 : 0);
  return Math.max(left, right) + 10;
}

interface Column {
  st: SignatureStyle;
  x: number;
  w: number;
  /** Top of the block's table (below the place and date). */
  top: number;
}

/** The closing paragraph and "<tempat>, <tanggal>"; returns the y where the two tables start. */
function introItems(
  items: LayoutItem[],
  tempat: string,
  issued: string,
  width: number,
  top: number,
  intro: string,
  m: TextMeasure,
  st: SignatureStyle['intro'],
): number {
  let y = top - 10;
  for (const line of wrapText(intro, width - 2 * MARGIN_X, st.size, m)) {
    items.push({ t: 'text', x: MARGIN_X, y, size: st.size, text: line });
    y -= st.lh;
  }
  items.push({
    t: 'text',
    x: width - MARGIN_X,
    y: y - 2,
    size: st.date,
    text: `${tempat}, ${formatTanggal(issued)}`,
    align: 'right',
    bold: true,
  });
  return y - 22;
}

/** A titled table head: the title, the shaded header row; returns the y under it. */
function tableHead(items: LayoutItem[], c: Column, title: string, xs: number[], heads: string[]): number {
  items.push({ t: 'text', x: c.x, y: c.top, size: 8, text: title, bold: true });
  const y = c.top - 6;
  items.push({ t: 'rect', x: c.x, y: y - 12, w: c.w, h: 12, fill: true });
  const size = c.st.text.head;
  heads.forEach((h, i) => items.push({ t: 'text', x: xs[i]! + 2.5, y: y - 9, size, text: h, bold: true }));
  return y - 12;
}

/** Ketua and anggota with a numbered signature line each. */
function anggotaItems(items: LayoutItem[], s: Signers, c: Column, m: TextMeasure): void {
  const xs = [c.x, c.x + 18, c.x + 18 + c.w * 0.42, c.x + 18 + c.w * 0.62, c.x + c.w];
  const { row: size, signNo } = c.st.text;
  let ly = tableHead(items, c, s.lembaga, xs, ['No', 'Nama', 'Jabatan', 'Tanda Tangan']);
  s.anggota.forEach((p, i) => {
    const base = ly - ROW_PPK;
    const cell = (k: number, text: string) =>
      items.push({
        t: 'text',
        x: xs[k]! + 2.5,
        y: base + 10,
        size,
        text: fitText(text, xs[k + 1]! - xs[k]! - 5, size, m),
      });
    items.push({ t: 'text', x: xs[0]! + 2.5, y: base + 10, size, text: `${i + 1}.` });
    cell(1, p.nama);
    cell(2, p.jabatan);
    items.push({ t: 'text', x: xs[3]! + 4, y: base + 10, size: signNo, text: `${i + 1}.`, gray: true });
    items.push({ t: 'line', x1: xs[3]! + 14, y1: base + 8, x2: xs[4]! - 6, y2: base + 8, width: 0.4 });
    ly = base;
    items.push({ t: 'line', x1: c.x, y1: ly, x2: c.x + c.w, y2: ly, width: 0.3 });
  });
  items.push({ t: 'rect', x: c.x, y: ly, w: c.w, h: c.top - 6 - ly, stroke: true });
}

/** The saksi of each pasangan calon: name and signature lines and a box to note a refusal; returns the y under it. */
function saksiItems(items: LayoutItem[], s: Signers, c: Column, xs: number[], m: TextMeasure): number {
  const hadir = s.hadir;
  const t = c.st.text;
  let ry = tableHead(items, c, 'SAKSI PASANGAN CALON', xs, ['No', 'Pasangan Calon', 'Nama Saksi', 'Tanda Tangan']);
  for (const p of s.pilihan) {
    if (p.kind === 'kolom-kosong') continue;
    const base = ry - ROW_SAKSI;
    items.push({ t: 'text', x: xs[0]! + 2.5, y: ry - 10, size: t.paslonNo, text: String(p.nomor), bold: true });
    wrapText(p.nama, xs[2]! - xs[1]! - 5, t.paslon, m)
      .slice(0, 2)
      .forEach((line, k) =>
        items.push({ t: 'text', x: xs[1]! + 2.5, y: ry - 10 - k * 8.5, size: t.paslon, text: line }),
      );
    // The saksi who attended (recorded in the sidang), above the name line; blank when none was recorded.
    const names = hadir ? saksiNames(hadir, p.nomor) : '';
    if (names) {
      const text = fitText(names, xs[3]! - xs[2]! - 10, 8, m);
      items.push({ t: 'text', x: xs[2]! + 5, y: base + 18, size: 8, text });
    }
    items.push({ t: 'line', x1: xs[2]! + 4, y1: base + 16, x2: xs[3]! - 4, y2: base + 16, width: 0.4 });
    items.push({ t: 'line', x1: xs[3]! + 4, y1: base + 16, x2: xs[4]! - 4, y2: base + 16, width: 0.4 });
    items.push({ t: 'rect', x: xs[2]! + 4, y: base + 3.5, w: 6, h: 6, stroke: true });
    items.push({
      t: 'text',
      x: xs[2]! + 13,
      y: base + 4.5,
      size: t.refusal,
      text: 'menolak menandatangani; alasan:',
      gray: true,
    });
    ry = base;
    items.push({ t: 'line', x1: c.x, y1: ry, x2: c.x + c.w, y2: ry, width: 0.3 });
  }
  items.push({ t: 'rect', x: c.x, y: ry, w: c.w, h: c.top - 6 - ry, stroke: true });
  return ry;
}

/**
 * The supervisor (Panwaslu Kecamatan, Bawaslu kab/kota) receives a copy (salinan); it does not sign the berita acara
 * (docs/spec-readings.md). The line records who received the copy; then the note on refusals.
 */
function salinanItems(items: LayoutItem[], s: Signers, c: Column, xs: number[], from: number, m: TextMeasure): void {
  const st = c.st.salinan;
  let ry = from - 16;
  items.push({ t: 'text', x: c.x, y: ry, size: 8, text: s.salinan, bold: true });
  ry -= ROW_PPK - 6;
  items.push({ t: 'text', x: c.x + 2.5, y: ry + 4, size: st.label, text: 'Nama:', gray: true });
  const panwaslu = s.hadir?.panwaslu.join(', ') ?? '';
  if (panwaslu)
    items.push({ t: 'text', x: c.x + 32, y: ry + 4, size: 8, text: fitText(panwaslu, xs[3]! - c.x - 40, 8, m) });
  items.push({ t: 'line', x1: c.x + st.lineFrom, y1: ry + 2, x2: xs[3]! - 4, y2: ry + 2, width: 0.4 });
  if (st.receipt) items.push({ t: 'text', x: xs[3]! + 4, y: ry + 4, size: 8, text: 'Tanda terima:', gray: true });
  items.push({ t: 'line', x1: xs[3]! + (st.receipt ? 60 : 4), y1: ry + 2, x2: xs[4]! - 4, y2: ry + 2, width: 0.4 });
  if (!st.receipt) return;
  ry -= 16;
  wrapText(s.penolakan, c.w, 8, m).forEach((line, k) =>
    items.push({ t: 'text', x: c.x, y: ry - k * 10, size: 8, text: line, gray: true }),
  );
}

/** The closing paragraph `intro`, place and date (`issued`), and the signers' tables from `top` down. */
export function signatureItems(
  s: Signers,
  issued: string,
  width: number,
  top: number,
  intro: string,
  m: TextMeasure,
  st = SIGNATURE_STYLE,
): LayoutItem[] {
  const items: LayoutItem[] = [];
  const y = introItems(items, s.tempat, issued, width, top, intro, m, st.intro);
  const gap = 18;
  const colW = (width - 2 * MARGIN_X - gap) / 2;
  anggotaItems(items, s, { st, x: MARGIN_X, w: colW, top: y }, m);
  const right: Column = { st, x: MARGIN_X + colW + gap, w: colW, top: y };
  const xs = [right.x, right.x + 22, right.x + colW * 0.42, right.x + colW * 0.7, right.x + colW];
  const ry = saksiItems(items, s, right, xs, m);
  salinanItems(items, s, right, xs, ry, m);
  return items;
}
