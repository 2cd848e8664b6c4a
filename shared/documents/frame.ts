// The frame every document page shares, kecamatan and kab/kota alike: title block at the top, footer with document
// id, version, a short data hash, "Halaman x dari y" and a QR of them at the bottom, the paraf strip, and the DRAF /
// SIMULASI watermark. What differs between the levels (wilayah, who signs and initials) comes in as data (level.ts).
import { formatKode, type Wilayah } from '../domain/model';
import { fitText, formatWaktu, zoneName } from './format';
import type { DocMetaBase, LayoutItem, LayoutPage, TextMeasure } from './types';

export const MARGIN_X = 28;
export const TOP = 20;
/** Distance from the page top to where content starts. */
export const HEADER_H = 74;
/** Height reserved at the bottom for the footer. */
export const FOOTER_H = 50;
/** Height of the paraf strip drawn above the footer of every page without the full signatures. */
export const PARAF_H = 32;
const QR_SIZE = 42;

export interface FrameInput {
  meta: DocMetaBase;
  dataSha256: string;
  /** Upper-case form title, e.g. "MODEL D.HASIL KECAMATAN-KWK". */
  formTitle: string;
  /** Second line (what the form is). */
  formSubtitle: string;
  /** The pemilihan's name, centred under the titles (upper case). */
  pemilihan: string;
  /** The wilayah the document covers, left under the titles (wilayahLine). */
  wilayah: string;
  /** Who signed the embedded data, named in the footer's how-to-check line: "PPK", "KPU kabupaten/kota". */
  penandatangan: string;
}

/** "Provinsi: Kalimantan Selatan (63)    Kabupaten/Kota: Kotabaru (63.02)    …" */
export function wilayahLine(parts: readonly [string, Wilayah][]): string {
  return parts.map(([label, w]) => `${label}: ${w.nama} (${formatKode(w.kode)})`).join('    ');
}

/** Text the footer QR holds: enough to find and check the document (`pleno verify` compares it with the data). */
export function qrText(meta: Pick<DocMetaBase, 'id' | 'version'>, dataSha256: string): string {
  return `PLENO-DOC:${meta.id}:v${meta.version}:${dataSha256}`;
}

/** The first 16 hex digits of the data hash in groups of 4, as printed in the footer ("3f2a 9c1b 77de 0a12"). */
export function shortHash(dataSha256: string): string {
  return (dataSha256.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}

export function watermarkTexts(meta: Pick<DocMetaBase, 'final' | 'demo'>): string[] {
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
  const pemilihan = f.pemilihan.toUpperCase();
  const items: LayoutItem[] = [
    { t: 'text', x: cx, y: y0 - 9, size: 11, text: f.formTitle, bold: true, align: 'center' },
    { t: 'text', x: cx, y: y0 - 21, size: 8, text: f.formSubtitle, align: 'center' },
    { t: 'text', x: cx, y: y0 - 32, size: 9, text: pemilihan, bold: true, align: 'center' },
  ];
  const wil = f.wilayah;
  const wilW = m.width(wil, 8);
  items.push({ t: 'text', x: MARGIN_X, y: y0 - 45, size: 8, text: wil });
  const titleRoom = width - 2 * MARGIN_X - wilW - 16;
  // A title too long for the room beside the wilayah line takes a second line above it, right of the centred
  // pemilihan name (an A4 lampiran title would otherwise lose its "bagian x/y"); only what still does not fit is cut.
  const upperRoom = width / 2 - MARGIN_X - m.width(pemilihan, 9, true) / 2 - 16;
  const lines = splitTitle(pageTitle, Math.max(40, titleRoom), upperRoom, m);
  lines.forEach((text, i) =>
    items.push({
      t: 'text',
      x: width - MARGIN_X,
      y: y0 - 45 + (lines.length - 1 - i) * 9,
      size: 8,
      text,
      bold: true,
      align: 'right',
    }),
  );
  items.push({ t: 'line', x1: MARGIN_X, y1: y0 - 49, x2: width - MARGIN_X, y2: y0 - 49, width: 0.8 });
  return items;
}

/**
 * The page title as one line when it fits `room`, else as two lines: the lower fitting `room` (beside the wilayah
 * line) and the upper fitting `upperRoom`. Breaks after ": " when it can, else with the most words on the upper line.
 */
export function splitTitle(title: string, room: number, upperRoom: number, m: TextMeasure): string[] {
  const fits = (s: string, w: number) => m.width(s, 8, true) <= w;
  if (fits(title, room)) return [title];
  const colon = title.indexOf(': ');
  if (colon > 0) {
    const upper = title.slice(0, colon + 1);
    const lower = title.slice(colon + 2);
    if (fits(upper, upperRoom) && fits(lower, room)) return [upper, lower];
  }
  const words = title.split(' ');
  for (let k = words.length - 1; k > 0; k--) {
    const upper = words.slice(0, k).join(' ');
    const lower = words.slice(k).join(' ');
    if (fits(upper, upperRoom) && fits(lower, room)) return [upper, lower];
  }
  return [fitText(title, room, 8, m, true)];
}

/**
 * Footer items (page numbers are known only once every page is laid out): the document, its version and status,
 * a short data hash, how a person checks it, "Halaman x dari y" and the QR (which holds the full hash).
 */
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
  const status = meta.final ? 'final' : 'DRAF';
  const zone = zoneName(meta.issued);
  const line1 =
    `Dokumen ${meta.id} · versi ${meta.version} (${status}) · diterbitkan ${formatWaktu(meta.issued)}` +
    (zone ? ` ${zone}` : '') +
    ` · sidik data ${shortHash(f.dataSha256)}`;
  const line2 =
    'Keaslian dapat diperiksa di aplikasi Pleno: kode QR dan sidik data harus cocok dengan data bertanda tangan ' +
    `${f.penandatangan} di dalam berkas PDF ini.`;
  const halaman = `Halaman ${pageNo} dari ${pageCount}`;
  const hW = m.width(halaman, 9, true);
  const room = textRight - MARGIN_X - hW - 14;
  return [
    { t: 'line', x1: MARGIN_X, y1: FOOTER_H - 2, x2: width - MARGIN_X, y2: FOOTER_H - 2, width: 0.5 },
    { t: 'text', x: MARGIN_X, y: 34, size: 8, text: fitText(line1, room, 8, m) },
    // A draft issued while the integrity check failed says so in place of the how-to-check line, on every page.
    meta.keutuhan
      ? { t: 'text', x: MARGIN_X, y: 23, size: 8, text: fitText(integrityLine(meta), room, 8, m, true), bold: true }
      : { t: 'text', x: MARGIN_X, y: 23, size: 8, text: fitText(line2, room, 8, m), gray: true },
    ...(bottomLine(f)
      ? [{ t: 'text' as const, x: MARGIN_X, y: 12, size: 8, text: fitText(bottomLine(f)!, room, 8, m), gray: true }]
      : []),
    { t: 'text', x: textRight, y: 29, size: 9, text: halaman, bold: true, align: 'right' },
    { t: 'qr', x: qrX, y: 4, size: QR_SIZE, text: qrText(meta, f.dataSha256) },
  ];
}

/** The warning of a document issued while the integrity check failed (meta.keutuhan). */
export function integrityLine(meta: Pick<DocMetaBase, 'keutuhan'>): string {
  const n = meta.keutuhan?.temuan ?? 0;
  return `PERINGATAN: keutuhan data gagal saat diterbitkan (${n} temuan); angka belum tentu yang ditandatangani`;
}

/** The audit head the data was drawn at, as printed (a witness a person can compare: `pleno audit verify --saksi`). */
/**
 * The footer's last line: the audit head the data was drawn at, and from pleno-layout/3 the signer's key fingerprint
 * (docs/design.md §4.1: the receiver's operator compares the PPK key "printed on every D.Hasil page"). Layout 2 drew
 * no fingerprint; its documents keep their pages.
 */
function bottomLine(f: FrameInput): string | null {
  const { meta } = f;
  const key = meta.layout === 'pleno-layout/2' ? [] : [`sidik kunci ${f.penandatangan} ${shortHash(meta.signer)}`];
  const parts = [...(meta.audit ? [auditLine(meta.audit)] : []), ...key];
  return parts.length > 0 ? parts.join(' · ') : null;
}

export function auditLine(audit: NonNullable<DocMetaBase['audit']>): string {
  return `Rantai audit saat diterbitkan: ${audit.jumlah} entri, kepala ${shortHash(audit.kepala)}`;
}

/** The paraf strip above the footer: a labelled box per holder (level.ts: the members and the saksi). */
export function parafItems(holders: readonly string[], width: number): LayoutItem[] {
  const y = FOOTER_H + 4;
  const labelW = 44;
  const gap = 6;
  const avail = width - 2 * MARGIN_X - labelW;
  const boxW = Math.min(78, (avail - gap * (holders.length - 1)) / Math.max(1, holders.length));
  const boxH = PARAF_H - 13;
  const items: LayoutItem[] = [{ t: 'text', x: MARGIN_X, y: y + boxH / 2 - 3, size: 8, text: 'Paraf:', bold: true }];
  holders.forEach((who, i) => {
    const x = MARGIN_X + labelW + i * (boxW + gap);
    items.push({ t: 'text', x: x + 1, y: y + boxH + 3, size: 8, text: who, gray: true });
    items.push({ t: 'rect', x, y, w: boxW, h: boxH, stroke: true });
  });
  return items;
}

/** Adds watermark and footer to every page, numbering them 1..n (mutates the pages built by a layout). */
export function finishPages(pages: LayoutPage[], f: FrameInput, m: TextMeasure): LayoutPage[] {
  const wm = watermarkTexts(f.meta);
  return pages.map((p, i) => ({
    ...p,
    items: [
      ...(wm.length > 0 ? [{ t: 'watermark' as const, texts: wm, outline: true }] : []),
      ...p.items,
      ...footerItems(f, p.width, i + 1, pages.length, m),
    ],
  }));
}

/** Sentence for the signature page of a reissue ("" for a first issue). */
export function reissueNote(meta: Pick<DocMetaBase, 'version' | 'reason'>): string {
  return meta.reason ? ` Versi ${meta.version} ini diterbitkan ulang dengan alasan: ${meta.reason}.` : '';
}
