// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change it; a new drawing is a new layout version.
// Layout of Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK: a numbered list (time, TPS/desa, who, what, how
// resolved), "NIHIL" when there was nothing, and the signatures. Pure: data in, pages out.
import { formatWaktu, landscape, wrapText } from '../format';
import { FOOTER_H, HEADER_H, frameV1 } from './frame';
import { MARGIN_X, finishPages, headerItems, reissueNote } from '../frame';
import { signatureBlockHeight, signatureItems } from '../signatures';
import { V1_SIGNATURES, v1Signers } from './signatures';
import type { DocumentLayout, KejadianData, KejadianEntry, LayoutItem, LayoutPage, TextMeasure } from '../types';

const FONT = 7.5;
const LINE_H = 9.5;
const PAD = 3;

interface Col {
  title: string;
  w: number;
  text: (e: KejadianEntry, i: number) => string;
}

function columns(width: number): Col[] {
  const fixed = 22 + 74 + 112 + 92 + 58;
  const flex = (width - 2 * MARGIN_X - fixed) / 2;
  return [
    { title: 'No', w: 22, text: (_e, i) => `${i + 1}.` },
    { title: 'Waktu', w: 74, text: (e) => formatWaktu(e.waktu) },
    { title: 'TPS / Desa', w: 112, text: (e) => e.tempat },
    { title: 'Pihak', w: 92, text: (e) => e.pihak },
    { title: 'Jenis', w: 58, text: (e) => (e.jenis === 'keberatan' ? 'Keberatan' : 'Kejadian khusus') },
    { title: 'Uraian Kejadian / Keberatan', w: flex, text: (e) => e.uraian },
    { title: 'Penyelesaian', w: flex, text: (e) => e.penyelesaian || 'Belum diselesaikan' },
  ];
}

export function layoutKejadian(data: KejadianData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const { w, h } = landscape(data.meta.paper);
  const frame = frameV1(data, dataSha256);
  const top = h - HEADER_H;
  const bottom = FOOTER_H + 6;
  const cols = columns(w);
  const tableW = cols.reduce((s, c) => s + c.w, 0);
  const pages: LayoutPage[] = [];
  let items: LayoutItem[] = [];
  let y = top;
  const title = 'Daftar kejadian khusus dan/atau keberatan saksi';
  const startPage = () => {
    items = [...headerItems(frame, w, h, title, m)];
    y = top;
    const hh = 14;
    items.push({ t: 'rect', x: MARGIN_X, y: y - hh, w: tableW, h: hh, fill: true });
    let x = MARGIN_X;
    for (const c of cols) {
      items.push({ t: 'text', x: x + PAD, y: y - 10, size: FONT, text: c.title, bold: true });
      x += c.w;
    }
    y -= hh;
  };
  const vrules = (fromY: number, toY: number) => {
    let x = MARGIN_X;
    items.push({ t: 'line', x1: x, y1: fromY, x2: x, y2: toY, width: 0.6 });
    for (const c of cols) {
      x += c.w;
      items.push({ t: 'line', x1: x, y1: fromY, x2: x, y2: toY, width: 0.3 });
    }
    items.push({ t: 'line', x1: MARGIN_X, y1: toY, x2: MARGIN_X + tableW, y2: toY, width: 0.6 });
  };
  const endPage = (role: string) => {
    pages.push({ width: w, height: h, role, items });
  };

  startPage();
  if (data.entries.length === 0) {
    const boxH = 60;
    items.push({
      t: 'text',
      x: MARGIN_X + tableW / 2,
      y: y - 30,
      size: 16,
      text: 'NIHIL',
      bold: true,
      align: 'center',
    });
    items.push({
      t: 'text',
      x: MARGIN_X + tableW / 2,
      y: y - 46,
      size: 7.5,
      text: 'Tidak ada kejadian khusus dan/atau keberatan saksi selama rapat pleno rekapitulasi di kecamatan.',
      align: 'center',
    });
    items.push({ t: 'rect', x: MARGIN_X, y: y - boxH, w: tableW, h: boxH, stroke: true });
    y -= boxH;
  } else {
    let tableTop = y + 14;
    data.entries.forEach((e, i) => {
      const cells = cols.map((c) => wrapText(c.text(e, i), c.w - 2 * PAD, FONT, m));
      const lines = Math.max(...cells.map((c) => c.length));
      const rowH = lines * LINE_H + 4;
      if (y - rowH < bottom) {
        vrules(tableTop, y);
        endPage('daftar');
        startPage();
        tableTop = y + 14;
      }
      let x = MARGIN_X;
      cells.forEach((cellLines, k) => {
        cellLines.forEach((line, j) =>
          items.push({ t: 'text', x: x + PAD, y: y - (j + 1) * LINE_H + 1, size: FONT, text: line, bold: k === 0 }),
        );
        x += cols[k]!.w;
      });
      y -= rowH;
      items.push({ t: 'line', x1: MARGIN_X, y1: y, x2: MARGIN_X + tableW, y2: y, width: 0.3 });
    });
    vrules(tableTop, y);
  }
  const intro =
    `Demikian catatan kejadian khusus dan/atau keberatan saksi ini dibuat dalam rapat pleno terbuka rekapitulasi ` +
    `Panitia Pemilihan Kecamatan ${data.header.kecamatan.nama} (${data.entries.length} catatan).${reissueNote(data.meta)}`;
  const signers = v1Signers(data.header);
  if (y - bottom < signatureBlockHeight(signers, V1_SIGNATURES) + 30) {
    endPage('daftar');
    items = [...headerItems(frame, w, h, 'Pengesahan', m)];
    items.push(...signatureItems(signers, data.meta.issued, w, top, intro, m, V1_SIGNATURES));
    endPage('tanda-tangan');
  } else {
    items.push(...signatureItems(signers, data.meta.issued, w, y - 6, intro, m, V1_SIGNATURES));
    endPage('daftar');
  }
  return { pages: finishPages(pages, frame, m) };
}
