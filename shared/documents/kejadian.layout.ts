// Layout of Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK of either level: a numbered list (time, TPS/desa or
// kecamatan, who, what, how resolved), "NIHIL" when there was nothing, and the signatures. What differs between the
// kecamatan and the kab/kota list (kabko.layout.ts) is data (KejadianList). Pure: data in, pages out.
import { formatWaktu, landscape, wrapText } from './format';
import { FOOTER_H, HEADER_H, MARGIN_X, PARAF_H, finishPages, headerItems, parafItems, reissueNote } from './frame';
import type { FrameInput, FrameStyle } from './frame';
import { frameFor, kecamatanLevel, type DocLevel } from './level';
import { SIGNATURE_STYLE, signatureBlockHeight, signatureItems, type SignatureStyle } from './signatures';
import type {
  DocMetaBase,
  DocumentLayout,
  KejadianData,
  KejadianEntry,
  LayoutItem,
  LayoutPage,
  TextMeasure,
} from './types';

const PAD = 3;

/**
 * How the list is drawn: layouts 2 and 3 draw KEJADIAN_STYLE; pleno-layout/1 (frozen, layout-v1/kejadian.layout.ts)
 * drew smaller rows, no paraf strip, with its own frame and signature block. The drawing code is one.
 */
export interface KejadianStyle {
  font: number;
  lineH: number;
  /** Where the page content starts below the page top. */
  headerH: number;
  /** The lowest y of the list's rows; the lowest y of the signatures placed under the list. */
  bottom: { rows: number; closing: number };
  /** The paraf strip on every page without the full signatures. */
  paraf: boolean;
  frame?: FrameStyle;
  signatures: SignatureStyle;
}

export const KEJADIAN_STYLE: KejadianStyle = {
  font: 8,
  lineH: 10,
  headerH: HEADER_H,
  bottom: { rows: FOOTER_H + PARAF_H + 8, closing: FOOTER_H + 6 },
  paraf: true,
  signatures: SIGNATURE_STYLE,
};

const JENIS_LABELS: Record<KejadianEntry['jenis'], string> = {
  keberatan: 'Keberatan',
  kejadian: 'Kejadian khusus',
  koreksi: 'Koreksi',
  penerimaan: 'Diterima dengan catatan',
  'penolakan-tanda-tangan': 'Menolak tanda tangan',
};

interface Col {
  title: string;
  w: number;
  text: (e: KejadianEntry, i: number) => string;
}

/** What a level's list shows (the kecamatan's: KECAMATAN_LIST). */
export interface KejadianList {
  /** Heading of the place column ("TPS / Desa", "Kecamatan"). */
  tempat: string;
  /** Width of the kind column, and the kinds' names where they differ from the kecamatan's. */
  jenisW: number;
  jenis?: Partial<Record<KejadianEntry['jenis'], string>>;
}

const KECAMATAN_LIST: KejadianList = { tempat: 'TPS / Desa', jenisW: 58 };

function columns(width: number, list: KejadianList): Col[] {
  const fixed = 22 + 74 + 112 + 92 + list.jenisW;
  const flex = (width - 2 * MARGIN_X - fixed) / 2;
  const jenis = { ...JENIS_LABELS, ...list.jenis };
  return [
    { title: 'No', w: 22, text: (_e, i) => `${i + 1}.` },
    { title: 'Waktu', w: 74, text: (e) => formatWaktu(e.waktu) },
    { title: list.tempat, w: 112, text: (e) => e.tempat },
    { title: 'Pihak', w: 92, text: (e) => e.pihak },
    { title: 'Jenis', w: list.jenisW, text: (e) => jenis[e.jenis] },
    { title: 'Uraian Kejadian / Keberatan', w: flex, text: (e) => e.uraian },
    { title: 'Penyelesaian', w: flex, text: (e) => e.penyelesaian || 'Belum diselesaikan' },
  ];
}

/** The frame of a level's D.Kejadian Khusus. */
export function kejadianFrame(level: DocLevel, meta: DocMetaBase, dataSha256: string): FrameInput {
  return frameFor(
    level,
    meta,
    dataSha256,
    'MODEL D.KEJADIAN KHUSUS DAN/ATAU KEBERATAN SAKSI-KWK',
    'CATATAN KEJADIAN KHUSUS DAN/ATAU KEBERATAN SAKSI DALAM REKAPITULASI HASIL PENGHITUNGAN SUARA DI TINGKAT ' +
      level.tingkat.toUpperCase(),
  );
}

/** The pages being drawn: the current page's items and position. */
interface Pager {
  s: KejadianStyle;
  entries: readonly KejadianEntry[];
  meta: DocMetaBase;
  level: DocLevel;
  frame: FrameInput;
  w: number;
  h: number;
  top: number;
  cols: Col[];
  tableW: number;
  m: TextMeasure;
  pages: LayoutPage[];
  items: LayoutItem[];
  y: number;
}

/** A new page with the header and the list's column heads. */
function startPage(p: Pager): void {
  p.items = [...headerItems(p.frame, p.w, p.h, 'Daftar kejadian khusus dan/atau keberatan saksi', p.m)];
  p.y = p.top;
  const hh = 14;
  p.items.push({ t: 'rect', x: MARGIN_X, y: p.y - hh, w: p.tableW, h: hh, fill: true });
  let x = MARGIN_X;
  for (const c of p.cols) {
    p.items.push({ t: 'text', x: x + PAD, y: p.y - 10, size: p.s.font, text: c.title, bold: true });
    x += c.w;
  }
  p.y -= hh;
}

/** The vertical rules of the list from `fromY` down to `toY`, and its closing line. */
function vrules(p: Pager, fromY: number, toY: number): void {
  let x = MARGIN_X;
  p.items.push({ t: 'line', x1: x, y1: fromY, x2: x, y2: toY, width: 0.6 });
  for (const c of p.cols) {
    x += c.w;
    p.items.push({ t: 'line', x1: x, y1: fromY, x2: x, y2: toY, width: 0.3 });
  }
  p.items.push({ t: 'line', x1: MARGIN_X, y1: toY, x2: MARGIN_X + p.tableW, y2: toY, width: 0.6 });
}

/** Closes the page; a page without the full signatures gets the paraf strip. */
function endPage(p: Pager, role: string, signed = false): void {
  const items = signed || !p.s.paraf ? p.items : [...p.items, ...parafItems(p.level.paraf, p.w)];
  p.pages.push({ width: p.w, height: p.h, role, items });
}

function nihil(p: Pager): void {
  const boxH = 60;
  const x = MARGIN_X + p.tableW / 2;
  p.items.push({ t: 'text', x, y: p.y - 30, size: 16, text: 'NIHIL', bold: true, align: 'center' });
  p.items.push({
    t: 'text',
    x,
    y: p.y - 46,
    size: 7.5,
    text: `Tidak ada kejadian khusus dan/atau keberatan saksi selama rapat pleno rekapitulasi di ${p.level.tingkat}.`,
    align: 'center',
  });
  p.items.push({ t: 'rect', x: MARGIN_X, y: p.y - boxH, w: p.tableW, h: boxH, stroke: true });
  p.y -= boxH;
}

/** One row per entry, continued on new pages above `bottom`. */
function entryRows(p: Pager, bottom: number): void {
  const { font, lineH } = p.s;
  let tableTop = p.y + 14;
  p.entries.forEach((e, i) => {
    const cells = p.cols.map((c) => wrapText(c.text(e, i), c.w - 2 * PAD, font, p.m));
    const rowH = Math.max(...cells.map((c) => c.length)) * lineH + 4;
    if (p.y - rowH < bottom) {
      vrules(p, tableTop, p.y);
      endPage(p, 'daftar');
      startPage(p);
      tableTop = p.y + 14;
    }
    let x = MARGIN_X;
    cells.forEach((cellLines, k) => {
      cellLines.forEach((line, j) =>
        p.items.push({ t: 'text', x: x + PAD, y: p.y - (j + 1) * lineH + 1, size: font, text: line, bold: k === 0 }),
      );
      x += p.cols[k]!.w;
    });
    p.y -= rowH;
    p.items.push({ t: 'line', x1: MARGIN_X, y1: p.y, x2: MARGIN_X + p.tableW, y2: p.y, width: 0.3 });
  });
  vrules(p, tableTop, p.y);
}

/** The closing paragraph and signatures, under the list or on a page of their own. */
function closing(p: Pager): void {
  const { level, meta } = p;
  const intro =
    `Demikian catatan kejadian khusus dan/atau keberatan saksi ini dibuat dalam rapat pleno terbuka rekapitulasi ` +
    `${level.penyelenggara} (${p.entries.length} catatan).${reissueNote(meta)}`;
  const st = p.s.signatures;
  if (p.y - p.s.bottom.closing < signatureBlockHeight(level.signers, st) + 30) {
    endPage(p, 'daftar');
    p.items = [...headerItems(p.frame, p.w, p.h, 'Pengesahan', p.m)];
    p.items.push(...signatureItems(level.signers, meta.issued, p.w, p.top, intro, p.m, st));
    endPage(p, 'tanda-tangan', true);
  } else {
    p.items.push(...signatureItems(level.signers, meta.issued, p.w, p.y - 6, intro, p.m, st));
    endPage(p, 'daftar', true);
  }
}

export function layoutKejadian(data: KejadianData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const level = kecamatanLevel(data.header);
  return layoutKejadianList(level, KECAMATAN_LIST, data.meta, data.entries, dataSha256, m);
}

/** The list of a level: the kecamatan's (layoutKejadian) or the kab/kota's (kabko.layout.ts). */
export function layoutKejadianList(
  level: DocLevel,
  list: KejadianList,
  meta: DocMetaBase,
  entries: readonly KejadianEntry[],
  dataSha256: string,
  m: TextMeasure,
  s = KEJADIAN_STYLE,
): DocumentLayout {
  const { w, h } = landscape(meta.paper);
  const cols = columns(w, list);
  const frame = kejadianFrame(level, meta, dataSha256);
  const p: Pager = {
    s,
    entries,
    meta,
    level,
    frame: s.frame ? { ...frame, style: s.frame } : frame,
    w,
    h,
    top: h - s.headerH,
    cols,
    tableW: cols.reduce((s, c) => s + c.w, 0),
    m,
    pages: [],
    items: [],
    y: 0,
  };
  startPage(p);
  if (entries.length === 0) nihil(p);
  else entryRows(p, s.bottom.rows);
  closing(p);
  return { pages: finishPages(p.pages, p.frame, m) };
}
