// What differs between the kecamatan documents (PPK) and the kab/kota documents of a receiver (KPU kab/kota,
// docs/receiver-plenary.md), as data for the one frame (frame.ts), signature block (signatures.ts) and layouts: the
// wilayah line, who signed the data, who initials every page, who signs and who receives the copy, and the words of
// the opening and closing paragraphs.
import type { Pilihan, Wilayah } from '../domain/model';
import type { Kehadiran } from '../domain/sidang';
import { formatNumber } from './format';
import { wilayahLine, type FrameInput } from './frame';
import type { KabDocHeader } from './kabko-types';
import type { Signers } from './signatures';
import { padaHariIni } from './terbilang';
import type { DocHeader, DocMetaBase } from './types';

export interface DocLevel {
  /** The frame's level data (FrameInput without the document's meta, hash and titles). */
  frame: Pick<FrameInput, 'pemilihan' | 'wilayah' | 'penandatangan'>;
  /** Who initials every page without the full signatures. */
  paraf: string[];
  signers: Signers;
  /** Who holds the plenary: "Panitia Pemilihan Kecamatan Hampang", "Komisi Pemilihan Umum Kotabaru". */
  penyelenggara: string;
  /** "kecamatan", "kabupaten/kota" (as in "di tingkat …"). */
  tingkat: string;
  /** The supervisor attending: "Panwaslu Kecamatan", "Bawaslu Kotabaru". */
  pengawas: string;
  /** Who signs, in the closing paragraph: "ketua dan anggota PPK". */
  penandaTangan: string;
  /** Where the votes were summed, in the closing paragraph: "di kecamatan", "di Kotabaru". */
  diWilayah: string;
}

/** The frame's level data: the pemilihan, the wilayah from the provinsi down (`below`: under the kab/kota), signer. */
function levelFrame(
  h: { provinsi: Wilayah; kabkota: Wilayah; pemilihan: { nama: string } },
  below: [string, Wilayah][],
  penandatangan: string,
): DocLevel['frame'] {
  const wilayah = wilayahLine([['Provinsi', h.provinsi], ['Kabupaten/Kota', h.kabkota], ...below]);
  return { pemilihan: h.pemilihan.nama, wilayah, penandatangan };
}

const saksiParaf = (pilihan: readonly Pilihan[]) =>
  pilihan.filter((p) => p.kind !== 'kolom-kosong').map((p) => `Saksi Paslon ${p.nomor}`);

/** Who initials every page of a kecamatan document: each PPK member and the saksi of each pasangan calon. */
export function parafHolders(header: DocHeader): string[] {
  let anggota = 0;
  const ppk = header.ppk.map((p) => (/^ketua/i.test(p.jabatan) ? 'Ketua PPK' : `Anggota PPK ${++anggota}`));
  return [...ppk, ...saksiParaf(header.pilihan)];
}

const REFUSAL_NOTE = (who: string) =>
  `Anggota ${who} atau saksi yang hadir tetapi tidak bersedia menandatangani mencantumkan alasannya; penolakan ` +
  'dicatat dalam Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK.';

/** The kecamatan level: PPK members sign, Panwaslu Kecamatan receives the copy (docs/spec-readings.md). */
export function kecamatanLevel(h: DocHeader, hadir?: Kehadiran): DocLevel {
  const kec = h.kecamatan.nama;
  return {
    frame: levelFrame(h, [['Kecamatan', h.kecamatan]], 'PPK'),
    paraf: parafHolders(h),
    signers: {
      tempat: h.tempat,
      lembaga: `PANITIA PEMILIHAN KECAMATAN ${kec.toUpperCase()}`,
      anggota: h.ppk,
      pilihan: h.pilihan,
      salinan: 'PANWASLU KECAMATAN (menerima salinan)',
      penolakan: REFUSAL_NOTE('PPK'),
      ...(hadir ? { hadir } : {}),
    },
    penyelenggara: `Panitia Pemilihan Kecamatan ${kec}`,
    tingkat: 'kecamatan',
    pengawas: 'Panwaslu Kecamatan',
    penandaTangan: 'ketua dan anggota PPK',
    diWilayah: 'di kecamatan',
  };
}

/** The kab/kota level: the KPU kab/kota members sign, Bawaslu kab/kota receives the copy. */
export function kabLevel(h: KabDocHeader): DocLevel {
  const kab = h.kabkota.nama;
  let n = 0;
  const kpu = h.anggota.map((a) => (a.jabatan === 'ketua' ? 'Ketua KPU' : `Anggota KPU ${++n}`));
  return {
    frame: levelFrame(h, [], 'KPU kabupaten/kota'),
    paraf: [...kpu, ...saksiParaf(h.pilihan)],
    signers: {
      tempat: h.tempat,
      lembaga: `KOMISI PEMILIHAN UMUM ${kab.toUpperCase()}`,
      anggota: h.anggota.map((a) => ({ nama: a.nama, jabatan: a.jabatan === 'ketua' ? 'Ketua' : 'Anggota' })),
      pilihan: h.pilihan,
      salinan: `BAWASLU ${kab.toUpperCase()} (menerima salinan)`,
      penolakan: REFUSAL_NOTE('KPU'),
    },
    penyelenggara: `Komisi Pemilihan Umum ${kab}`,
    tingkat: 'kabupaten/kota',
    pengawas: `Bawaslu ${kab}`,
    penandaTangan: `ketua dan anggota KPU ${kab}`,
    diWilayah: `di ${kab}`,
  };
}

/** The frame of one document of a level. */
export function frameFor(
  level: DocLevel,
  meta: DocMetaBase,
  dataSha256: string,
  formTitle: string,
  formSubtitle: string,
): FrameInput {
  return { meta, dataSha256, formTitle, formSubtitle, ...level.frame };
}

/** The opening paragraph of a D.Hasil's berita acara, with the date in words. */
export function openingParagraph(level: DocLevel, issued: string): string {
  return (
    `${padaHariIni(issued)}, ${level.penyelenggara} melaksanakan rapat pleno terbuka rekapitulasi hasil ` +
    `penghitungan perolehan suara ${level.frame.pemilihan} di tingkat ${level.tingkat}, dihadiri saksi pasangan ` +
    `calon dan ${level.pengawas}, dengan hasil sebagai berikut:`
  );
}

/**
 * The closing paragraph above a D.Hasil's signatures: what was summed (`cakupan`, e.g. "30 TPS di 9
 * desa/kelurahan"), the votes in words of the form, and what follows (`tail`: draft status, holds, reissue reason).
 */
export function closingParagraph(
  level: DocLevel,
  cakupan: string,
  suara: { paslon: number[]; sah: number; tidakSah: number; total: number },
  tail: string,
): string {
  const perolehan = level.signers.pilihan
    .map(
      (p, i) =>
        `${p.kind === 'kolom-kosong' ? 'Kolom kosong' : `Paslon ${p.nomor} (${p.nama})`} ${formatNumber(suara.paslon[i] ?? 0)} suara`,
    )
    .join('; ');
  return (
    `Demikian berita acara dan sertifikat rekapitulasi hasil penghitungan perolehan suara ini dibuat dalam rapat ` +
    `pleno terbuka ${level.penyelenggara}, dari ${cakupan}, dan ditandatangani oleh ${level.penandaTangan} serta ` +
    `saksi yang hadir. Perolehan suara sah ${level.diWilayah}: ${perolehan}. Jumlah suara sah ` +
    `${formatNumber(suara.sah)}, tidak sah ${formatNumber(suara.tidakSah)}, seluruhnya ${formatNumber(suara.total)}.` +
    tail
  );
}
