// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change it; a new drawing is a new layout version.
// The signature block: place and date, the PPK members (ketua and anggota) from the data master, a line for the saksi
// of each pasangan calon with a box to note a refusal to sign, and a line for Panwaslu Kecamatan.
import { fitText, formatTanggal, wrapText } from '../format';
import { MARGIN_X } from './frame';
import type { DocHeader, DocMeta, LayoutItem, TextMeasure } from '../types';

const ROW_PPK = 26;
const ROW_SAKSI = 34;

/** Height the block needs (so a layout can decide whether it fits under a list). */
export function signatureBlockHeight(header: DocHeader): number {
  const saksi = header.pilihan.filter((p) => p.kind !== 'kolom-kosong').length;
  const left = 40 + 14 + header.ppk.length * ROW_PPK;
  const right = 40 + 14 + saksi * ROW_SAKSI + 18 + ROW_PPK;
  return Math.max(left, right) + 10;
}

export function signatureItems(
  header: DocHeader,
  meta: DocMeta,
  width: number,
  top: number,
  intro: string,
  m: TextMeasure,
): LayoutItem[] {
  const items: LayoutItem[] = [];
  const fullW = width - 2 * MARGIN_X;
  let y = top - 10;
  for (const line of wrapText(intro, fullW, 8, m)) {
    items.push({ t: 'text', x: MARGIN_X, y, size: 8, text: line });
    y -= 10.5;
  }
  items.push({
    t: 'text',
    x: width - MARGIN_X,
    y: y - 2,
    size: 8.5,
    text: `${header.tempat}, ${formatTanggal(meta.issued)}`,
    align: 'right',
    bold: true,
  });
  y -= 22;
  const gap = 18;
  const colW = (fullW - gap) / 2;
  const leftX = MARGIN_X;
  const rightX = MARGIN_X + colW + gap;

  // PPK members.
  let ly = y;
  items.push({
    t: 'text',
    x: leftX,
    y: ly,
    size: 8,
    text: `PANITIA PEMILIHAN KECAMATAN ${header.kecamatan.nama.toUpperCase()}`,
    bold: true,
  });
  ly -= 6;
  const ppkCols = [leftX, leftX + 18, leftX + 18 + colW * 0.42, leftX + 18 + colW * 0.62, leftX + colW];
  items.push({ t: 'rect', x: leftX, y: ly - 12, w: colW, h: 12, fill: true });
  ['No', 'Nama', 'Jabatan', 'Tanda Tangan'].forEach((h, i) =>
    items.push({ t: 'text', x: ppkCols[i]! + 2.5, y: ly - 9, size: 7, text: h, bold: true }),
  );
  ly -= 12;
  header.ppk.forEach((p, i) => {
    const base = ly - ROW_PPK;
    items.push({ t: 'text', x: ppkCols[0]! + 2.5, y: base + 10, size: 7.5, text: `${i + 1}.` });
    items.push({
      t: 'text',
      x: ppkCols[1]! + 2.5,
      y: base + 10,
      size: 7.5,
      text: fitText(p.nama, ppkCols[2]! - ppkCols[1]! - 5, 7.5, m),
    });
    items.push({
      t: 'text',
      x: ppkCols[2]! + 2.5,
      y: base + 10,
      size: 7.5,
      text: fitText(p.jabatan, ppkCols[3]! - ppkCols[2]! - 5, 7.5, m),
    });
    items.push({ t: 'text', x: ppkCols[3]! + 4, y: base + 10, size: 7, text: `${i + 1}.`, gray: true });
    items.push({ t: 'line', x1: ppkCols[3]! + 14, y1: base + 8, x2: ppkCols[4]! - 6, y2: base + 8, width: 0.4 });
    ly = base;
    items.push({ t: 'line', x1: leftX, y1: ly, x2: leftX + colW, y2: ly, width: 0.3 });
  });
  items.push({ t: 'rect', x: leftX, y: ly, w: colW, h: y - 6 - ly, stroke: true });

  // Saksi of each pasangan calon.
  let ry = y;
  items.push({ t: 'text', x: rightX, y: ry, size: 8, text: 'SAKSI PASANGAN CALON', bold: true });
  ry -= 6;
  const sx = [rightX, rightX + 22, rightX + colW * 0.42, rightX + colW * 0.7, rightX + colW];
  items.push({ t: 'rect', x: rightX, y: ry - 12, w: colW, h: 12, fill: true });
  ['No', 'Pasangan Calon', 'Nama Saksi', 'Tanda Tangan'].forEach((h, i) =>
    items.push({ t: 'text', x: sx[i]! + 2.5, y: ry - 9, size: 7, text: h, bold: true }),
  );
  ry -= 12;
  for (const p of header.pilihan) {
    if (p.kind === 'kolom-kosong') continue;
    const base = ry - ROW_SAKSI;
    items.push({ t: 'text', x: sx[0]! + 2.5, y: ry - 10, size: 7.5, text: String(p.nomor), bold: true });
    wrapText(p.nama, sx[2]! - sx[1]! - 5, 7, m)
      .slice(0, 2)
      .forEach((line, k) => items.push({ t: 'text', x: sx[1]! + 2.5, y: ry - 10 - k * 8.5, size: 7, text: line }));
    items.push({ t: 'line', x1: sx[2]! + 4, y1: base + 16, x2: sx[3]! - 4, y2: base + 16, width: 0.4 });
    items.push({ t: 'line', x1: sx[3]! + 4, y1: base + 16, x2: sx[4]! - 4, y2: base + 16, width: 0.4 });
    items.push({ t: 'rect', x: sx[2]! + 4, y: base + 3.5, w: 6, h: 6, stroke: true });
    items.push({
      t: 'text',
      x: sx[2]! + 13,
      y: base + 4.5,
      size: 6.5,
      text: 'menolak menandatangani; alasan:',
      gray: true,
    });
    ry = base;
    items.push({ t: 'line', x1: rightX, y1: ry, x2: rightX + colW, y2: ry, width: 0.3 });
  }
  items.push({ t: 'rect', x: rightX, y: ry, w: colW, h: y - 6 - ry, stroke: true });
  ry -= 16;
  items.push({ t: 'text', x: rightX, y: ry, size: 8, text: 'PANWASLU KECAMATAN', bold: true });
  ry -= ROW_PPK - 6;
  items.push({ t: 'text', x: rightX + 2.5, y: ry + 4, size: 7, text: 'Nama:', gray: true });
  items.push({ t: 'line', x1: rightX + 28, y1: ry + 2, x2: sx[3]! - 4, y2: ry + 2, width: 0.4 });
  items.push({ t: 'line', x1: sx[3]! + 4, y1: ry + 2, x2: sx[4]! - 4, y2: ry + 2, width: 0.4 });
  return items;
}
