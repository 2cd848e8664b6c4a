// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change it; a new drawing is a new layout version.
// Layout of Model D.Hasil Kecamatan-KWK: the kecamatan table (one column per desa + total), an attachment per desa
// (one column per TPS + desa total), and the signature page. Pure: data in, pages out.
import { formatKode } from '../../domain/model';
import { formatNumber, landscape } from '../format';
import { FOOTER_H, HEADER_H, frameV1 } from './frame';
import { finishPages, headerItems, reissueNote } from '../frame';
import { signatureItems } from '../signatures';
import { V1_SIGNATURES, v1Signers } from './signatures';
import { V1_TABLE } from './table';
import { layoutTable } from '../table';
import { formTable, type FormTableStyle } from '../form-table';
import type { DHasilData, DocumentLayout, LayoutPage, TextMeasure } from '../types';

/** Layout 1 printed the form's labels without their formulas and marked no cell. */
const V1_ROWS: FormTableStyle = { formulaLabels: false, markFailures: false };

export function layoutDHasil(data: DHasilData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const { w, h } = landscape(data.meta.paper);
  const frame = frameV1(data, dataSha256);
  const top = h - HEADER_H;
  const bottom = FOOTER_H + 6;
  const pages: LayoutPage[] = [];
  const kec = data.header.kecamatan;

  // The kecamatan table: one column per desa and the kecamatan total.
  const kecSpec = formTable(
    data.header.pilihan,
    [...data.recap.desa.map((d) => d.nama), `JUMLAH KECAMATAN ${kec.nama.toUpperCase()}`],
    [...data.recap.desa.map((d) => d.total), data.recap.total],
    [],
    V1_ROWS,
  );
  const kecPages = layoutTable(kecSpec, w, top, bottom, m, { style: V1_TABLE });
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
      [],
      V1_ROWS,
    );
    const tablePages = layoutTable(spec, w, top, bottom, m, { style: V1_TABLE });
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
  const sig = signatureItems(v1Signers(data.header), data.meta.issued, w, top, intro, m, V1_SIGNATURES);
  pages.push({
    width: w,
    height: h,
    role: 'tanda-tangan',
    items: [...headerItems(frame, w, h, 'Pengesahan', m), ...sig],
  });
  return { pages: finishPages(pages, frame, m) };
}
