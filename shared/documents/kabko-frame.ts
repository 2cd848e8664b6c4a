// The frame of the kab/kota documents (docs/receiver-plenary.md): the same page furniture as the kecamatan documents
// (footer with id, version, data hash, audit head, "Halaman x dari y" and QR; DRAF/SIMULASI watermark: frame.ts), a
// header naming the provinsi and kab/kota, the paraf strip of the KPU members and saksi, and the signature block of
// the KPU kab/kota members and saksi with Bawaslu receiving a copy.
import { formatKode } from '../domain/model';
import { fitText, formatTanggal, wrapText } from './format';
import { FOOTER_H, MARGIN_X, PARAF_H, TOP, footerItems, watermarkTexts, type FrameInput } from './frame';
import type { KabDocHeader, KabDocMeta } from './kabko-types';
import type { DocMeta, LayoutItem, LayoutPage, TextMeasure } from './types';

export interface KabFrame {
  meta: KabDocMeta;
  header: KabDocHeader;
  dataSha256: string;
  formTitle: string;
  formSubtitle: string;
}

/** The footer is the kecamatan documents' own: it reads only the id, version, status, time and audit head. */
function footerFrame(f: KabFrame): FrameInput {
  const meta = { ...f.meta, kecamatan: f.meta.kabkota } as unknown as DocMeta;
  return { meta, header: f.header as never, dataSha256: f.dataSha256, formTitle: f.formTitle, formSubtitle: '' };
}

export function kabHeaderItems(f: KabFrame, width: number, height: number, pageTitle: string, m: TextMeasure) {
  const cx = width / 2;
  const y0 = height - TOP;
  const h = f.header;
  const items: LayoutItem[] = [
    { t: 'text', x: cx, y: y0 - 9, size: 11, text: f.formTitle, bold: true, align: 'center' },
    { t: 'text', x: cx, y: y0 - 21, size: 8, text: f.formSubtitle, align: 'center' },
    { t: 'text', x: cx, y: y0 - 32, size: 9, text: h.pemilihan.nama.toUpperCase(), bold: true, align: 'center' },
  ];
  const wil =
    `Provinsi: ${h.provinsi.nama} (${formatKode(h.provinsi.kode)})    ` +
    `Kabupaten/Kota: ${h.kabkota.nama} (${formatKode(h.kabkota.kode)})`;
  items.push({ t: 'text', x: MARGIN_X, y: y0 - 45, size: 8, text: wil });
  const room = width - 2 * MARGIN_X - m.width(wil, 8) - 16;
  items.push({
    t: 'text',
    x: width - MARGIN_X,
    y: y0 - 45,
    size: 8,
    text: fitText(pageTitle, Math.max(40, room), 8, m, true),
    bold: true,
    align: 'right',
  });
  items.push({ t: 'line', x1: MARGIN_X, y1: y0 - 49, x2: width - MARGIN_X, y2: y0 - 49, width: 0.8 });
  return items;
}

function parafHolders(h: KabDocHeader): string[] {
  let n = 0;
  const kpu = h.anggota.map((a) => (a.jabatan === 'ketua' ? 'Ketua KPU' : `Anggota KPU ${++n}`));
  return [...kpu, ...h.pilihan.filter((p) => p.kind !== 'kolom-kosong').map((p) => `Saksi Paslon ${p.nomor}`)];
}

export function kabParafItems(h: KabDocHeader, width: number): LayoutItem[] {
  const holders = parafHolders(h);
  const y = FOOTER_H + 4;
  const labelW = 44;
  const gap = 6;
  const boxW = Math.min(78, (width - 2 * MARGIN_X - labelW - gap * (holders.length - 1)) / Math.max(1, holders.length));
  const boxH = PARAF_H - 13;
  const items: LayoutItem[] = [{ t: 'text', x: MARGIN_X, y: y + boxH / 2 - 3, size: 8, text: 'Paraf:', bold: true }];
  holders.forEach((who, i) => {
    const x = MARGIN_X + labelW + i * (boxW + gap);
    items.push({ t: 'text', x: x + 1, y: y + boxH + 3, size: 8, text: who, gray: true });
    items.push({ t: 'rect', x, y, w: boxW, h: boxH, stroke: true });
  });
  return items;
}

const ROW = 26;

/** A titled table of names with a numbered signature line each; returns the y under it. */
function signTable(items: LayoutItem[], x: number, w: number, top: number, title: string, rows: string[][]): number {
  const xs = [x, x + 18, x + 18 + w * 0.42, x + 18 + w * 0.62, x + w];
  items.push({ t: 'text', x, y: top, size: 8, text: title, bold: true });
  let y = top - 6;
  items.push({ t: 'rect', x, y: y - 12, w, h: 12, fill: true });
  ['No', 'Nama', 'Jabatan', 'Tanda Tangan'].forEach((t, i) =>
    items.push({ t: 'text', x: xs[i]! + 2.5, y: y - 9, size: 8, text: t, bold: true }),
  );
  y -= 12;
  rows.forEach(([nama, jabatan], i) => {
    const base = y - ROW;
    items.push({ t: 'text', x: xs[0]! + 2.5, y: base + 10, size: 8, text: `${i + 1}.` });
    items.push({ t: 'text', x: xs[1]! + 2.5, y: base + 10, size: 8, text: nama! });
    items.push({ t: 'text', x: xs[2]! + 2.5, y: base + 10, size: 8, text: jabatan! });
    items.push({ t: 'line', x1: xs[3]! + 14, y1: base + 8, x2: xs[4]! - 6, y2: base + 8, width: 0.4 });
    items.push({ t: 'rect', x, y: base, w, h: ROW, stroke: true });
    y = base;
  });
  return y;
}

/** The closing paragraph, place and date, the KPU members, the saksi and Bawaslu's copy. */
export function kabSignatureItems(
  h: KabDocHeader,
  meta: KabDocMeta,
  width: number,
  top: number,
  intro: string,
  m: TextMeasure,
): LayoutItem[] {
  const items: LayoutItem[] = [];
  let y = top - 10;
  for (const line of wrapText(intro, width - 2 * MARGIN_X, 9, m)) {
    items.push({ t: 'text', x: MARGIN_X, y, size: 9, text: line });
    y -= 11.5;
  }
  items.push({
    t: 'text',
    x: width - MARGIN_X,
    y: y - 2,
    size: 9,
    text: `${h.tempat}, ${formatTanggal(meta.issued)}`,
    align: 'right',
    bold: true,
  });
  y -= 22;
  const colW = (width - 2 * MARGIN_X - 24) / 2;
  const kpu = h.anggota.map((a) => [a.nama, a.jabatan === 'ketua' ? 'Ketua' : 'Anggota']);
  signTable(items, MARGIN_X, colW, y, `KOMISI PEMILIHAN UMUM ${h.kabkota.nama.toUpperCase()}`, kpu);
  const saksi = h.pilihan.filter((p) => p.kind !== 'kolom-kosong').map((p) => ['', `Saksi Paslon ${p.nomor}`]);
  const x2 = MARGIN_X + colW + 24;
  const under = signTable(
    items,
    x2,
    colW,
    y,
    'SAKSI PASANGAN CALON (menolak: tulis alasan di samping tanda tangan)',
    saksi,
  );
  items.push({
    t: 'text',
    x: x2,
    y: under - 16,
    size: 8,
    text: `Salinan diterima Bawaslu ${h.kabkota.nama}: nama ____________________  tanda terima ____________`,
  });
  return items;
}

/** Watermark and footer on every page, numbered 1..n. */
export function finishKabPages(pages: LayoutPage[], f: KabFrame, m: TextMeasure): LayoutPage[] {
  const wm = watermarkTexts(f.meta as unknown as DocMeta);
  const frame = footerFrame(f);
  return pages.map((p, i) => ({
    ...p,
    items: [
      ...(wm.length > 0 ? [{ t: 'watermark' as const, texts: wm, outline: true }] : []),
      ...p.items,
      ...footerItems(frame, p.width, i + 1, pages.length, m).map((it) =>
        it.t === 'text' && it.text.includes('data bertanda tangan PPK')
          ? { ...it, text: it.text.replace('data bertanda tangan PPK', 'data bertanda tangan KPU kabupaten/kota') }
          : it,
      ),
    ],
  }));
}
