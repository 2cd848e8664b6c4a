// Layout of the kab/kota documents of a receiver (docs/receiver-plenary.md): Model D.Hasil Kabupaten/Kota-KWK — the
// opening paragraph, the kab/kota table (one column per kecamatan + JUMLAH), an attachment per kecamatan (one column
// per desa + the kecamatan total), the paraf strip on each page and the signature page — and its D.Kejadian Khusus.
// Drawn by the kecamatan documents' own layouts (recap.layout.ts, kejadian.layout.ts) with the kab/kota level's data
// (level.ts: KPU members sign, Bawaslu receives the copy). Pure: data in, pages out.
import { formatKode } from '../domain/model';
import { reissueNote, type FrameInput } from './frame';
import type { KabDHasilData, KabKejadianData } from './kabko-types';
import { layoutKejadianList, type KejadianList } from './kejadian.layout';
import { closingParagraph, frameFor, kabLevel, openingParagraph } from './level';
import { columnsTitle, layoutRecap, type RecapTable } from './recap.layout';
import type { DocumentLayout, TextMeasure } from './types';

const KAB_LIST: KejadianList = { tempat: 'Kecamatan', jenisW: 66, jenis: { penerimaan: 'Penerimaan hasil' } };

export function kabFrameOf(data: KabDHasilData, dataSha256: string): FrameInput {
  return frameFor(
    kabLevel(data.header),
    data.meta,
    dataSha256,
    'MODEL D.HASIL KABUPATEN/KOTA-KWK',
    'BERITA ACARA DAN SERTIFIKAT REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DI TINGKAT KABUPATEN/KOTA',
  );
}

export function kabOpeningText(data: KabDHasilData): string {
  return openingParagraph(kabLevel(data.header), data.meta.issued);
}

export function layoutKabDHasil(data: KabDHasilData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const level = kabLevel(data.header);
  const n = data.recap.kecamatan.length;
  const tables: RecapTable[] = [
    {
      role: 'kabkota',
      columns: [...data.recap.kecamatan.map((k) => k.nama), `JUMLAH ${data.header.kabkota.nama.toUpperCase()}`],
      values: [...data.recap.kecamatan.map((k) => k.total), data.recap.total],
      title: (cols, part, parts) =>
        `Rekapitulasi per kecamatan (${columnsTitle(cols, n, 'kecamatan', 'jumlah kabupaten/kota')}) · ` +
        `bagian ${part}/${parts}`,
    },
    ...data.lampiran.map((kec): RecapTable => ({
      role: `lampiran:${kec.kode}`,
      columns: [...kec.desa.map((d) => d.nama), 'JUMLAH KECAMATAN'],
      values: [...kec.desa.map((d) => d.total), data.recap.kecamatan.find((k) => k.kode === kec.kode)?.total ?? null],
      title: (cols, part, parts) =>
        `Lampiran Kecamatan ${kec.nama} (${formatKode(kec.kode)}): ` +
        `${columnsTitle(cols, kec.desa.length, 'desa', 'jumlah kecamatan')} · bagian ${part}/${parts}`,
    })),
  ];
  const notesTitle = 'Tidak sesuai rumus (angka dicetak seperti diterima):';
  const content = { notesTitle, opening: kabOpeningText(data), tables, closing: kabClosingText(data) };
  return layoutRecap(level, kabFrameOf(data, dataSha256), content, m);
}

function kabClosingText(data: KabDHasilData): string {
  const kec = data.recap.kecamatan;
  const locked = kec.filter((k) => k.dikunci).length;
  const belum = kec.filter((k) => !k.total).map((k) => k.nama);
  const draft = data.meta.final
    ? ''
    : ` Dokumen ini DRAF, bukan hasil final: ${locked} dari ${kec.length} kecamatan sudah dikunci pleno` +
      (belum.length > 0 ? `; belum ada D.Hasil dari ${belum.length} kecamatan (${belum.join(', ')})` : '') +
      '.';
  return closingParagraph(
    kabLevel(data.header),
    `${kec.length} kecamatan`,
    data.recap.total.suara,
    `${draft}${reissueNote(data.meta)}`,
  );
}

export function layoutKabKejadian(data: KabKejadianData, dataSha256: string, m: TextMeasure): DocumentLayout {
  return layoutKejadianList(kabLevel(data.header), KAB_LIST, data.meta, data.entries, dataSha256, m);
}
