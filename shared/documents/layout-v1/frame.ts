// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change it; a new drawing is a new layout version.
// The frame every document page shares: title block at the top, footer with document id, version, data hash,
// "Halaman x dari y" and a QR of them at the bottom, and the DRAF / SIMULASI watermark.
import { formatKode } from '../../domain/model';
import { fitText, formatWaktu, zoneName } from '../format';
import type { DocHeader, DocMeta, LayoutItem, LayoutPage, TextMeasure } from '../types';

export const MARGIN_X = 28;
export const TOP = 22;
/** Distance from the page top to where content starts. */
export const HEADER_H = 70;
/** Height reserved at the bottom for the footer. */
export const FOOTER_H = 64;
const QR_SIZE = 46;

export interface FrameInput {
  meta: DocMeta;
  header: DocHeader;
  dataSha256: string;
  /** Upper-case form title, e.g. "MODEL D.HASIL KECAMATAN-KWK". */
  formTitle: string;
  /** Second line (what the form is). */
  formSubtitle: string;
}

/** Text the footer QR holds: enough to find and check the document (`pleno verify` compares it with the data). */
export function qrText(meta: DocMeta, dataSha256: string): string {
  return `PLENO-DOC:${meta.id}:v${meta.version}:${dataSha256}`;
}

export function watermarkTexts(meta: DocMeta): string[] {
  const out: string[] = [];
  if (!meta.final) out.push('DRAF');
  if (meta.demo) out.push('SIMULASI');
  return out;
}

/** Items of the header of one page; `pageTitle` is the right-hand line (what this page shows). */
export function headerItems(
  f: FrameInput,
  width: number,
  height: number,
  pageTitle: string,
  m: TextMeasure,
): LayoutItem[] {
  const cx = width / 2;
  const y0 = height - TOP;
  const h = f.header;
  const items: LayoutItem[] = [
    { t: 'text', x: cx, y: y0 - 8, size: 10.5, text: f.formTitle, bold: true, align: 'center' },
    { t: 'text', x: cx, y: y0 - 19, size: 7.5, text: f.formSubtitle, align: 'center' },
    { t: 'text', x: cx, y: y0 - 29, size: 8, text: h.pemilihan.nama.toUpperCase(), bold: true, align: 'center' },
  ];
  const wil =
    `Provinsi: ${h.provinsi.nama} (${formatKode(h.provinsi.kode)})    ` +
    `Kabupaten/Kota: ${h.kabkota.nama} (${formatKode(h.kabkota.kode)})    ` +
    `Kecamatan: ${h.kecamatan.nama} (${formatKode(h.kecamatan.kode)})`;
  const wilW = m.width(wil, 7.5);
  items.push({ t: 'text', x: MARGIN_X, y: y0 - 41, size: 7.5, text: wil });
  const titleRoom = width - 2 * MARGIN_X - wilW - 16;
  items.push({
    t: 'text',
    x: width - MARGIN_X,
    y: y0 - 41,
    size: 7.5,
    text: fitText(pageTitle, Math.max(40, titleRoom), 7.5, m, true),
    bold: true,
    align: 'right',
  });
  items.push({ t: 'line', x1: MARGIN_X, y1: y0 - 45, x2: width - MARGIN_X, y2: y0 - 45, width: 0.8 });
  return items;
}

/** Footer items; page numbers are known only once every page is laid out. */
export function footerItems(
  f: FrameInput,
  width: number,
  pageNo: number,
  pageCount: number,
  m: TextMeasure,
): LayoutItem[] {
  const meta = f.meta;
  const qrX = width - MARGIN_X - QR_SIZE;
  const textRight = qrX - 10;
  const status = meta.final ? 'FINAL' : 'DRAF';
  const zone = zoneName(meta.issued);
  const line1 =
    `Dokumen ${meta.id} · versi ${meta.version} · ${status} · diterbitkan ${formatWaktu(meta.issued)}` +
    (zone ? ` ${zone}` : '') +
    ` · kertas ${meta.paper.toUpperCase()}`;
  const line2 = `SHA-256 data: ${f.dataSha256}`;
  const line3 = `Kunci PPK: ${meta.signer} · periksa dengan: pleno verify <berkas.pdf>`;
  const halaman = `Halaman ${pageNo} dari ${pageCount}`;
  const hW = m.width(halaman, 8, true);
  const room = textRight - MARGIN_X - hW - 12;
  return [
    { t: 'line', x1: MARGIN_X, y1: FOOTER_H - 4, x2: width - MARGIN_X, y2: FOOTER_H - 4, width: 0.5 },
    { t: 'text', x: MARGIN_X, y: 44, size: 6.5, text: fitText(line1, room, 6.5, m) },
    { t: 'text', x: MARGIN_X, y: 35, size: 6.5, text: line2 },
    { t: 'text', x: MARGIN_X, y: 26, size: 6.5, text: fitText(line3, room, 6.5, m), gray: true },
    { t: 'text', x: textRight, y: 35, size: 8, text: halaman, bold: true, align: 'right' },
    { t: 'qr', x: qrX, y: 12, size: QR_SIZE, text: qrText(meta, f.dataSha256) },
  ];
}

/** Adds watermark and footer to every page, numbering them 1..n (mutates the pages built by a layout). */
export function finishPages(pages: LayoutPage[], f: FrameInput, m: TextMeasure): LayoutPage[] {
  const wm = watermarkTexts(f.meta);
  return pages.map((p, i) => ({
    ...p,
    items: [
      ...(wm.length > 0 ? [{ t: 'watermark' as const, texts: wm }] : []),
      ...p.items,
      ...footerItems(f, p.width, i + 1, pages.length, m),
    ],
  }));
}

/** Sentence for the signature page of a reissue ("" for a first issue). */
export function reissueNote(meta: DocMeta): string {
  return meta.reason ? ` Versi ${meta.version} ini diterbitkan ulang dengan alasan: ${meta.reason}.` : '';
}
