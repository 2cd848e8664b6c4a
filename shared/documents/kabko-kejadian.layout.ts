// Layout of the kab/kota D.Kejadian Khusus dan/atau Keberatan Saksi (docs/receiver-plenary.md): a numbered list (time,
// kecamatan, who, kind, what, how resolved), "NIHIL" when there was nothing, and the signatures of the KPU kab/kota
// members and saksi. Pure: data in, pages out.
import { formatWaktu, landscape, wrapText } from './format';
import { FOOTER_H, HEADER_H, MARGIN_X, PARAF_H, reissueNote } from './frame';
import { finishKabPages, kabHeaderItems, kabParafItems, kabSignatureItems, type KabFrame } from './kabko-frame';
import type { KabKejadianData } from './kabko-types';
import type { DocMeta, DocumentLayout, KejadianEntry, LayoutItem, LayoutPage, TextMeasure } from './types';

const FONT = 8;
const LINE_H = 10;
const PAD = 3;
const SIGN_H = 230;

const JENIS: Record<KejadianEntry['jenis'], string> = {
  keberatan: 'Keberatan',
  kejadian: 'Kejadian khusus',
  koreksi: 'Koreksi',
  penerimaan: 'Penerimaan hasil',
  'penolakan-tanda-tangan': 'Menolak tanda tangan',
};

interface Col {
  title: string;
  w: number;
  text: (e: KejadianEntry, i: number) => string;
}

function columns(width: number): Col[] {
  const flex = (width - 2 * MARGIN_X - (22 + 74 + 112 + 92 + 66)) / 2;
  return [
    { title: 'No', w: 22, text: (_e, i) => `${i + 1}.` },
    { title: 'Waktu', w: 74, text: (e) => formatWaktu(e.waktu) },
    { title: 'Kecamatan', w: 112, text: (e) => e.tempat },
    { title: 'Pihak', w: 92, text: (e) => e.pihak },
    { title: 'Jenis', w: 66, text: (e) => JENIS[e.jenis] },
    { title: 'Uraian Kejadian / Keberatan', w: flex, text: (e) => e.uraian },
    { title: 'Penyelesaian', w: flex, text: (e) => e.penyelesaian || 'Belum diselesaikan' },
  ];
}

export function kabKejadianFrame(data: KabKejadianData, dataSha256: string): KabFrame {
  return {
    meta: data.meta,
    header: data.header,
    dataSha256,
    formTitle: 'MODEL D.KEJADIAN KHUSUS DAN/ATAU KEBERATAN SAKSI-KWK',
    formSubtitle:
      'CATATAN KEJADIAN KHUSUS DAN/ATAU KEBERATAN SAKSI DALAM REKAPITULASI HASIL PENGHITUNGAN SUARA DI TINGKAT KABUPATEN/KOTA',
  };
}

function headRow(items: LayoutItem[], cols: Col[], y: number, tableW: number): number {
  items.push({ t: 'rect', x: MARGIN_X, y: y - 14, w: tableW, h: 14, fill: true });
  let x = MARGIN_X;
  for (const c of cols) {
    items.push({ t: 'text', x: x + PAD, y: y - 10, size: FONT, text: c.title, bold: true });
    x += c.w;
  }
  return y - 14;
}

export function layoutKabKejadian(data: KabKejadianData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const { w, h } = landscape(data.meta.paper);
  const frame = kabKejadianFrame(data, dataSha256);
  const cols = columns(w);
  const tableW = cols.reduce((s, c) => s + c.w, 0);
  const top = h - HEADER_H;
  const bottom = FOOTER_H + PARAF_H + 8;
  const pages: LayoutPage[] = [];
  const title = 'Daftar kejadian khusus dan/atau keberatan saksi';
  let items: LayoutItem[] = kabHeaderItems(frame, w, h, title, m);
  let y = headRow(items, cols, top, tableW);
  let tableTop = top;
  const rules = () => {
    let x = MARGIN_X;
    items.push({ t: 'line', x1: x, y1: tableTop, x2: x, y2: y, width: 0.6 });
    for (const c of cols) {
      x += c.w;
      items.push({ t: 'line', x1: x, y1: tableTop, x2: x, y2: y, width: 0.3 });
    }
    items.push({ t: 'line', x1: MARGIN_X, y1: y, x2: MARGIN_X + tableW, y2: y, width: 0.6 });
  };
  if (data.entries.length === 0) {
    items.push({
      t: 'text',
      x: MARGIN_X + tableW / 2,
      y: y - 30,
      size: 16,
      text: 'NIHIL',
      bold: true,
      align: 'center',
    });
    y -= 60;
  }
  data.entries.forEach((e, i) => {
    const cells = cols.map((c) => wrapText(c.text(e, i), c.w - 2 * PAD, FONT, m));
    const rowH = Math.max(...cells.map((c) => c.length)) * LINE_H + 4;
    if (y - rowH < bottom) {
      rules();
      pages.push({ width: w, height: h, role: 'daftar', items: [...items, ...kabParafItems(data.header, w)] });
      items = kabHeaderItems(frame, w, h, title, m);
      y = headRow(items, cols, top, tableW);
      tableTop = top;
    }
    let x = MARGIN_X;
    cells.forEach((lines, k) => {
      lines.forEach((line, j) =>
        items.push({ t: 'text', x: x + PAD, y: y - (j + 1) * LINE_H + 1, size: FONT, text: line, bold: k === 0 }),
      );
      x += cols[k]!.w;
    });
    y -= rowH;
    items.push({ t: 'line', x1: MARGIN_X, y1: y, x2: MARGIN_X + tableW, y2: y, width: 0.3 });
  });
  rules();
  const intro =
    `Demikian catatan kejadian khusus dan/atau keberatan saksi ini dibuat dalam rapat pleno terbuka rekapitulasi ` +
    `Komisi Pemilihan Umum ${data.header.kabkota.nama} (${data.entries.length} catatan).` +
    reissueNote(data.meta as unknown as DocMeta);
  if (y - FOOTER_H < SIGN_H) {
    pages.push({ width: w, height: h, role: 'daftar', items: [...items, ...kabParafItems(data.header, w)] });
    items = kabHeaderItems(frame, w, h, 'Pengesahan', m);
    y = top;
  }
  items.push(...kabSignatureItems(data.header, data.meta, w, y - 6, intro, m));
  pages.push({ width: w, height: h, role: 'tanda-tangan', items });
  return { pages: finishKabPages(pages, frame, m) };
}
