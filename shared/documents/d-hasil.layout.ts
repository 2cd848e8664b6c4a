// Layout of Model D.Hasil Kecamatan-KWK: the opening paragraph ("Pada hari ini …"), the kecamatan table (one column
// per desa + total), an attachment per desa (one column per TPS + desa total), each page with the paraf strip, and
// the signature page (recap.layout.ts draws them; this file says what the kecamatan level holds). A cell whose formula
// fails is marked and listed under its table. Pure: data in, pages out.
import { formatKode } from '../domain/model';
import { NOTES_TITLE, WARN_MARK } from './form-table';
import { reissueNote, type FrameInput } from './frame';
import { closingParagraph, frameFor, kecamatanLevel, openingParagraph, type DocLevel } from './level';
import { RECAP_STYLE, columnsTitle, layoutRecap, type RecapStyle, type RecapTable } from './recap.layout';
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

/**
 * What a D.Hasil prints besides its tables' numbers, by layout version: layouts 2 and 3 print DHASIL_VERSION;
 * pleno-layout/1 (frozen, layout-v1/d-hasil.layout.ts) named its pages' columns by number, printed no opening
 * paragraph, no holds and no attendance, and drew with its own styles.
 */
export interface DHasilVersion {
  level: (data: DHasilData) => DocLevel;
  /** The kecamatan table's columns, in its page titles: "desa 1–9 dari 9 dan jumlah kecamatan". */
  kecamatanColumns: (cols: number[], nDesa: number) => string;
  /** What follows a lampiran's desa in its page titles: ": TPS 1–3 dari 3 dan jumlah desa". */
  lampiranColumns: (cols: number[], nTps: number) => string;
  /** A lampiran's TPS column heading. */
  tpsColumn: (t: DocTps) => string;
  /** The opening paragraph over the first table; the TPS on hold listed in the closing one. */
  opening: boolean;
  holds: boolean;
  style: RecapStyle;
}

export const DHASIL_VERSION: DHasilVersion = {
  level: (data) => kecamatanLevel(data.header, data.kehadiran),
  kecamatanColumns: (cols, n) => columnsTitle(cols, n, 'desa', 'jumlah kecamatan'),
  lampiranColumns: (cols, n) => `: ${columnsTitle(cols, n, 'TPS', 'jumlah desa')}`,
  tpsColumn,
  opening: true,
  holds: true,
  style: RECAP_STYLE,
};

export function layoutDHasil(data: DHasilData, dataSha256: string, m: TextMeasure, v = DHASIL_VERSION): DocumentLayout {
  const level = v.level(data);
  const kec = data.header.kecamatan;
  const nDesa = data.recap.desa.length;
  const tables: RecapTable[] = [
    {
      role: 'kecamatan',
      columns: [...data.recap.desa.map((d) => d.nama), `JUMLAH KECAMATAN ${kec.nama.toUpperCase()}`],
      values: [...data.recap.desa.map((d) => d.total), data.recap.total],
      title: (cols, part, parts) =>
        `Rekapitulasi per desa/kelurahan (${v.kecamatanColumns(cols, nDesa)}) · bagian ${part}/${parts}`,
    },
    // One attachment per desa: one column per TPS and the desa total.
    ...data.lampiran.map((desa): RecapTable => ({
      role: `lampiran:${desa.kode}`,
      columns: [...desa.tps.map(v.tpsColumn), `JUMLAH DESA/KEL.`],
      values: [...desa.tps.map((t) => t.counts), data.recap.desa.find((d) => d.kode === desa.kode)?.total ?? null],
      tps: desa.tps,
      title: (cols, part, parts) =>
        `Lampiran Desa/Kelurahan ${desa.nama} (${formatKode(desa.kode)})` +
        `${v.lampiranColumns(cols, desa.tps.length)} · bagian ${part}/${parts}`,
    })),
  ];
  const content = {
    notesTitle: NOTES_TITLE,
    ...(v.opening ? { opening: openingText(data) } : {}),
    tables,
    closing: closingText(data, v.holds),
  };
  return layoutRecap(level, frameOf(data, dataSha256), content, m, v.style);
}

/** The closing paragraph above the signatures: totals in words of the form, draft status, reissue reason. */
function closingText(data: DHasilData, holds: boolean): string {
  const t = data.recap.tps;
  const draftNote = data.meta.final
    ? ''
    : ` Dokumen ini DRAF, bukan hasil final: ${t.diputuskan} dari ${t.total} TPS sudah diputuskan pleno, ` +
      `${t.total - t.masuk} TPS belum masuk, ${t.konflik} TPS konflik.`;
  return closingParagraph(
    kecamatanLevel(data.header),
    `${t.total} TPS di ${data.recap.desa.length} desa/kelurahan`,
    data.recap.total.suara,
    `${draftNote}${holds ? holdNote(data) : ''}${reissueNote(data.meta)}`,
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
