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
  /** How the frame is drawn: FRAME_STYLE unless an older layout's (layout-v1/frame.ts). */
  style?: FrameStyle;
}

/** A line of the title block: its baseline below the block's top and its font size. */
type TitleLine = readonly [dy: number, size: number];
/** The form title, subtitle, pemilihan, and the wilayah line with the page title at its right. */
type TitleLines = readonly [title: TitleLine, subtitle: TitleLine, pemilihan: TitleLine, wilayah: TitleLine];

/**
 * How the frame is drawn; layouts 2 and 3 draw FRAME_STYLE, pleno-layout/1 (frozen) drew a smaller title block, its
 * own footer lines and a text watermark (layout-v1/frame.ts). The differences are these values, the drawing is one.
 */
export interface FrameStyle {
  /** The title block's top below the page top, its lines, the rule under them, page titles on up to two lines. */
  header: { top: number; lines: TitleLines; rule: number; twoLines: boolean };
  /** The footer's rule, QR size and baseline, "Halaman x dari y" baseline and size, the gap left of it; its lines. */
  footer: {
    rule: number;
    qr: number;
    qrY: number;
    pageY: number;
    pageSize: number;
    gap: number;
    lines: (f: FrameInput, room: number, m: TextMeasure) => LayoutItem[];
  };
  /** The watermark drawn as glyph outlines (out of the text layer) rather than text. */
  outlineWatermark: boolean;
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
  const s = (f.style ?? FRAME_STYLE).header;
  const cx = width / 2;
  const y0 = height - s.top;
  const pemilihan = f.pemilihan.toUpperCase();
  const centred = ([dy, size]: TitleLine, text: string, bold?: boolean): LayoutItem => ({
    t: 'text',
    x: cx,
    y: y0 - dy,
    size,
    text,
    bold,
    align: 'center',
  });
  const [title, subtitle, pemilihanLine, [wilDy, size]] = s.lines;
  const items: LayoutItem[] = [
    centred(title, f.formTitle, true),
    centred(subtitle, f.formSubtitle),
    centred(pemilihanLine, pemilihan, true),
  ];
  const wil = f.wilayah;
  const wilW = m.width(wil, size);
  items.push({ t: 'text', x: MARGIN_X, y: y0 - wilDy, size, text: wil });
  const titleRoom = Math.max(40, width - 2 * MARGIN_X - wilW - 16);
  // A title too long for the room beside the wilayah line takes a second line above it, right of the centred
  // pemilihan name (an A4 lampiran title would otherwise lose its "bagian x/y"); only what still does not fit is cut.
  const upperRoom = () => width / 2 - MARGIN_X - m.width(pemilihan, pemilihanLine[1], true) / 2 - 16;
  const lines = s.twoLines
    ? splitTitle(pageTitle, titleRoom, upperRoom(), m)
    : [fitText(pageTitle, titleRoom, size, m, true)];
  lines.forEach((text, i) =>
    items.push({
      t: 'text',
      x: width - MARGIN_X,
      y: y0 - wilDy + (lines.length - 1 - i) * 9,
      size,
      text,
      bold: true,
      align: 'right',
    }),
  );
  items.push({ t: 'line', x1: MARGIN_X, y1: y0 - s.rule, x2: width - MARGIN_X, y2: y0 - s.rule, width: 0.8 });
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

/** "30-11-2024 16:05 WITA": when the document was issued, as its footer prints it. */
export function issuedAt(meta: Pick<DocMetaBase, 'issued'>): string {
  const zone = zoneName(meta.issued);
  return formatWaktu(meta.issued) + (zone ? ` ${zone}` : '');
}

/**
 * The footer lines of layouts 2 and 3: the document, its version and status, a short data hash, how a person checks
 * it (or the integrity warning), and the audit head and signer's key fingerprint.
 */
function footerLines(f: FrameInput, room: number, m: TextMeasure): LayoutItem[] {
  const meta = f.meta;
  const status = meta.final ? 'final' : 'DRAF';
  const line1 =
    `Dokumen ${meta.id} · versi ${meta.version} (${status}) · diterbitkan ${issuedAt(meta)}` +
    ` · sidik data ${shortHash(f.dataSha256)}`;
  const line2 =
    'Keaslian dapat diperiksa di aplikasi Pleno: kode QR dan sidik data harus cocok dengan data bertanda tangan ' +
    `${f.penandatangan} di dalam berkas PDF ini.`;
  const bottom = bottomLine(f);
  return [
    { t: 'text', x: MARGIN_X, y: 34, size: 8, text: fitText(line1, room, 8, m) },
    // A draft issued while the integrity check failed says so in place of the how-to-check line, on every page.
    meta.keutuhan
      ? { t: 'text', x: MARGIN_X, y: 23, size: 8, text: fitText(integrityLine(meta), room, 8, m, true), bold: true }
      : { t: 'text', x: MARGIN_X, y: 23, size: 8, text: fitText(line2, room, 8, m), gray: true },
    ...(bottom
      ? [{ t: 'text' as const, x: MARGIN_X, y: 12, size: 8, text: fitText(bottom, room, 8, m), gray: true }]
      : []),
  ];
}

export const FRAME_STYLE: FrameStyle = {
  header: {
    top: 20,
    lines: [
      [9, 11],
      [21, 8],
      [32, 9],
      [45, 8],
    ],
    rule: 49,
    twoLines: true,
  },
  footer: { rule: FOOTER_H - 2, qr: 42, qrY: 4, pageY: 29, pageSize: 9, gap: 14, lines: footerLines },
  outlineWatermark: true,
};

/**
 * Footer items (page numbers are known only once every page is laid out): the style's lines left, "Halaman x dari y"
 * and the QR (which holds the full data hash) right.
 */
export function footerItems(
  f: FrameInput,
  width: number,
  pageNo: number,
  pageCount: number,
  m: TextMeasure,
): LayoutItem[] {
  const s = (f.style ?? FRAME_STYLE).footer;
  const qrX = width - MARGIN_X - s.qr;
  const textRight = qrX - 10;
  const halaman = `Halaman ${pageNo} dari ${pageCount}`;
  const hW = m.width(halaman, s.pageSize, true);
  const room = textRight - MARGIN_X - hW - s.gap;
  return [
    { t: 'line', x1: MARGIN_X, y1: s.rule, x2: width - MARGIN_X, y2: s.rule, width: 0.5 },
    ...s.lines(f, room, m),
    { t: 'text', x: textRight, y: s.pageY, size: s.pageSize, text: halaman, bold: true, align: 'right' },
    { t: 'qr', x: qrX, y: s.qrY, size: s.qr, text: qrText(f.meta, f.dataSha256) },
  ];
}

/** The warning of a document issued while the integrity check failed (meta.keutuhan). */
export function integrityLine(meta: Pick<DocMetaBase, 'keutuhan'>): string {
  const n = meta.keutuhan?.temuan ?? 0;
  return `PERINGATAN: keutuhan data gagal saat diterbitkan (${n} temuan); angka belum tentu yang ditandatangani`;
}

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

/** The audit head the data was drawn at, as printed (a witness a person can compare: `pleno audit verify --saksi`). */
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
  const outline = (f.style ?? FRAME_STYLE).outlineWatermark || undefined;
  return pages.map((p, i) => ({
    ...p,
    items: [
      ...(wm.length > 0 ? [{ t: 'watermark' as const, texts: wm, outline }] : []),
      ...p.items,
      ...footerItems(f, p.width, i + 1, pages.length, m),
    ],
  }));
}

/** Sentence for the signature page of a reissue ("" for a first issue). */
export function reissueNote(meta: Pick<DocMetaBase, 'version' | 'reason'>): string {
  return meta.reason ? ` Versi ${meta.version} ini diterbitkan ulang dengan alasan: ${meta.reason}.` : '';
}
