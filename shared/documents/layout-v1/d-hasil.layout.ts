// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change it; a new drawing is a new layout version.
// Layout of Model D.Hasil Kecamatan-KWK: the kecamatan table (one column per desa + total), an attachment per desa
// (one column per TPS + desa total), and the signature page. Pure: data in, pages out.
import { formatKode } from '../../domain/model';
import type { CHasilCounts } from '../../domain/model';
import { PART_TITLES, SECTION_TITLES, formRows, getCount, type FormSection } from '../../domain/labels';
import { formatNumber, landscape } from '../format';
import { FOOTER_H, HEADER_H, finishPages, headerItems, reissueNote, type FrameInput } from './frame';
import { signatureItems } from './signatures';
import { layoutTable, type TableBlock, type TableSection, type TableSpec } from './table';
import type { DHasilData, DocumentLayout, LayoutPage, TextMeasure } from '../types';
import type { Pilihan } from '../../domain/model';

const SECTION_ORDER: FormSection[] = ['I', 'II', 'III', 'IV'];
const PART_OF_ROW: Record<string, keyof typeof PART_TITLES> = { 'I:A': 'I.A', 'I:B': 'I.B', 'IV:A': 'IV.A' };

/** Shown for a TPS without a valid record yet (only possible in a draft). */
export const NO_DATA = '–';

/**
 * The rows of sections I–IV for a set of columns: an L/P row becomes L, P and Jumlah (L+P); a column without data
 * (null) shows NO_DATA.
 */
export function formTable(pilihan: readonly Pilihan[], columns: string[], data: (CHasilCounts | null)[]): TableSpec {
  const sections: TableSection[] = SECTION_ORDER.map((s) => ({
    title: `${s}. ${SECTION_TITLES[s].toUpperCase()}`,
    blocks: [],
  }));
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
    let block: TableBlock;
    if (row.lp) {
      const { l, p } = row.lp;
      block = {
        rows: [
          { no, label: row.label, sub: 'L', values: data.map((c) => cell(c, l)) },
          { no, label: row.label, sub: 'P', values: data.map((c) => cell(c, p)) },
          {
            no,
            label: row.label,
            sub: 'Jml',
            bold: true,
            values: data.map((c) => (c ? formatNumber(getCount(c, l) + getCount(c, p)) : NO_DATA)),
          },
        ],
      };
    } else {
      const path = row.path!;
      const isTotal = path === 'suara.sah' || path === 'suara.total' || path === 'suratSuara.digunakan';
      block = { rows: [{ no, label: row.label, values: data.map((c) => cell(c, path)), bold: isTotal }] };
    }
    section.blocks.push(block);
  }
  return { columns, sections };
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

export function layoutDHasil(data: DHasilData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const { w, h } = landscape(data.meta.paper);
  const frame = frameOf(data, dataSha256);
  const top = h - HEADER_H;
  const bottom = FOOTER_H + 6;
  const pages: LayoutPage[] = [];
  const kec = data.header.kecamatan;

  // The kecamatan table: one column per desa and the kecamatan total.
  const kecSpec = formTable(
    data.header.pilihan,
    [...data.recap.desa.map((d) => d.nama), `JUMLAH KECAMATAN ${kec.nama.toUpperCase()}`],
    [...data.recap.desa.map((d) => d.total), data.recap.total],
  );
  const kecPages = layoutTable(kecSpec, w, top, bottom, m);
  kecPages.forEach((tp, i) => {
    const first = tp.columns[0]! + 1;
    const last = tp.columns[tp.columns.length - 1]! + 1;
    const title = `Rekapitulasi per desa/kelurahan (kolom ${first}–${last} dari ${kecSpec.columns.length}) · bagian ${i + 1}/${kecPages.length}`;
    pages.push({ width: w, height: h, role: 'kecamatan', items: [...headerItems(frame, w, h, title, m), ...tp.items] });
  });

  // One attachment per desa: one column per TPS and the desa total.
  for (const desa of data.lampiran) {
    const recapDesa = data.recap.desa.find((d) => d.kode === desa.kode);
    const spec = formTable(
      data.header.pilihan,
      [...desa.tps.map((t) => `TPS ${String(t.nomor).padStart(3, '0')}`), `JUMLAH DESA/KEL.`],
      [...desa.tps.map((t) => t.counts), recapDesa ? recapDesa.total : null],
    );
    const tablePages = layoutTable(spec, w, top, bottom, m);
    tablePages.forEach((tp, i) => {
      const title = `Lampiran Desa/Kelurahan ${desa.nama} (${formatKode(desa.kode)}) · bagian ${i + 1}/${tablePages.length}`;
      pages.push({
        width: w,
        height: h,
        role: `lampiran:${desa.kode}`,
        items: [...headerItems(frame, w, h, title, m), ...tp.items],
      });
    });
  }

  // Signature page.
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
  const intro =
    `Demikian berita acara dan sertifikat rekapitulasi hasil penghitungan perolehan suara ini dibuat dalam rapat ` +
    `pleno terbuka Panitia Pemilihan Kecamatan ${kec.nama}, dari ${t.total} TPS di ` +
    `${data.recap.desa.length} desa/kelurahan, dan ditandatangani oleh ketua dan anggota PPK serta saksi yang hadir. ` +
    `Perolehan suara sah di kecamatan: ${perolehan}. Jumlah suara sah ${formatNumber(total.sah)}, tidak sah ` +
    `${formatNumber(total.tidakSah)}, seluruhnya ${formatNumber(total.total)}.${draftNote}${reissueNote(data.meta)}`;
  const sig = signatureItems(data.header, data.meta, w, top, intro, m);
  pages.push({
    width: w,
    height: h,
    role: 'tanda-tangan',
    items: [...headerItems(frame, w, h, 'Pengesahan', m), ...sig],
  });
  return { pages: finishPages(pages, frame, m) };
}
