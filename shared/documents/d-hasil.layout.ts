// Layout of Model D.Hasil Kecamatan-KWK: the opening paragraph ("Pada hari ini …"), the kecamatan table (one column
// per desa + total), an attachment per desa (one column per TPS + desa total), each page with the paraf strip, and
// the signature page (recap.layout.ts draws them; this file says what the kecamatan level holds). A cell whose formula
// fails is marked and listed under its table. Pure: data in, pages out.
import { formatKode } from '../domain/model';
import { NOTES_TITLE, WARN_MARK } from './form-table';
import { reissueNote, type FrameInput } from './frame';
import { closingParagraph, frameFor, kecamatanLevel, openingParagraph } from './level';
import { columnsTitle, layoutRecap, type RecapTable } from './recap.layout';
import type { DHasilData, DocTps, DocumentLayout, TextMeasure } from './types';

export { NO_DATA, NOTES_TITLE, WARN_MARK, WARNINGS_TITLE, formTable } from './form-table';

export function frameOf(data: DHasilData, dataSha256: string): FrameInput {
  return frameFor(
    kecamatanLevel(data.header),
    data.meta,
    dataSha256,
    'MODEL D.HASIL KECAMATAN-KWK',
    'BERITA ACARA DAN SERTIFIKAT REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DI TINGKAT KECAMATAN',
  );
}

/** The opening paragraph of the berita acara, with the date in words. */
export function openingText(data: DHasilData): string {
  return openingParagraph(kecamatanLevel(data.header), data.meta.issued);
}

/** A lampiran column heading: "TPS 003", "TPS 003 (DITUNDA PSU)", "TPS 002 ◆" (a warned counted version). */
function tpsColumn(t: DocTps): string {
  return (
    `TPS ${String(t.nomor).padStart(3, '0')}${t.tunda ? ` (DITUNDA ${t.tunda.jenis})` : ''}` +
    `${t.peringatan?.length ? ` ${WARN_MARK}` : ''}`
  );
}

export function layoutDHasil(data: DHasilData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const level = kecamatanLevel(data.header, data.kehadiran);
  const kec = data.header.kecamatan;
  const nDesa = data.recap.desa.length;
  const tables: RecapTable[] = [
    {
      role: 'kecamatan',
      columns: [...data.recap.desa.map((d) => d.nama), `JUMLAH KECAMATAN ${kec.nama.toUpperCase()}`],
      values: [...data.recap.desa.map((d) => d.total), data.recap.total],
      title: (cols, part, parts) =>
        `Rekapitulasi per desa/kelurahan (${columnsTitle(cols, nDesa, 'desa', 'jumlah kecamatan')}) · ` +
        `bagian ${part}/${parts}`,
    },
    // One attachment per desa: one column per TPS and the desa total.
    ...data.lampiran.map((desa): RecapTable => ({
      role: `lampiran:${desa.kode}`,
      columns: [...desa.tps.map(tpsColumn), `JUMLAH DESA/KEL.`],
      values: [...desa.tps.map((t) => t.counts), data.recap.desa.find((d) => d.kode === desa.kode)?.total ?? null],
      tps: desa.tps,
      title: (cols, part, parts) =>
        `Lampiran Desa/Kelurahan ${desa.nama} (${formatKode(desa.kode)}): ` +
        `${columnsTitle(cols, desa.tps.length, 'TPS', 'jumlah desa')} · bagian ${part}/${parts}`,
    })),
  ];
  const content = { notesTitle: NOTES_TITLE, opening: openingText(data), tables, closing: closingText(data) };
  return layoutRecap(level, frameOf(data, dataSha256), content, m);
}

/** The closing paragraph above the signatures: totals in words of the form, draft status, reissue reason. */
function closingText(data: DHasilData): string {
  const t = data.recap.tps;
  const draftNote = data.meta.final
    ? ''
    : ` Dokumen ini DRAF, bukan hasil final: ${t.diputuskan} dari ${t.total} TPS sudah diputuskan pleno, ` +
      `${t.total - t.masuk} TPS belum masuk, ${t.konflik} TPS konflik.`;
  return closingParagraph(
    kecamatanLevel(data.header),
    `${t.total} TPS di ${data.recap.desa.length} desa/kelurahan`,
    data.recap.total.suara,
    `${draftNote}${holdNote(data)}${reissueNote(data.meta)}`,
  );
}

/** " TPS ditunda, tidak dihitung: Desa Lasung TPS 003 (PSU; dasar: …)." — empty when no TPS is on hold. */
function holdNote(data: DHasilData): string {
  const held = data.lampiran.flatMap((d) =>
    d.tps.flatMap((t) =>
      t.tunda
        ? [`Desa ${d.nama} TPS ${String(t.nomor).padStart(3, '0')} (${t.tunda.jenis}; dasar: ${t.tunda.dasar})`]
        : [],
    ),
  );
  return held.length === 0
    ? ''
    : ` TPS yang ditunda untuk pemungutan/penghitungan suara ulang atau lanjutan dan tidak dihitung sampai hasil ` +
        `barunya diterima pleno: ${held.join('; ')}.`;
}
