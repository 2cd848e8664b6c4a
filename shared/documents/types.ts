// Types of the issued documents: the signed document data (what is embedded and hashed) and the page layout model.
//
// The document data is plain JSON (canonicalised with RFC 8785 before hashing/signing). Everything a page shows is
// computed from it by the pure layout functions in this folder, so a verifier can re-render the pages from the
// embedded data and compare them with the file.
import type { Kehadiran } from '../domain/sidang';
import type { CHasilCounts, PemilihanId, Pilihan, PpkMember, Wilayah } from '../domain/model';
import type { Sumber, SumberKoreksi } from '../domain/count-trace';

/** What Pleno issues (docs/design.md §3.7); verifiers accept both versions. */
export const DOCUMENT_FORMAT = 'pleno.document/2';
export const DOCUMENT_FORMATS = ['pleno.document/1', DOCUMENT_FORMAT] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
/**
 * Bumped whenever the drawing of the same data changes. Older layouts stay available as the values they drew with
 * (layout 1: shared/documents/layout-v1/; layout 2 is layout 3 without the signer's key fingerprint in the footer,
 * frame.ts) so documents issued with them still verify.
 */
export const LAYOUT_VERSION = 'pleno-layout/3';
export const KNOWN_LAYOUTS = ['pleno-layout/1', 'pleno-layout/2', LAYOUT_VERSION] as const;
export type LayoutVersion = (typeof KNOWN_LAYOUTS)[number];

export type DocKind = 'd-hasil' | 'kejadian-khusus';
export type PaperSize = 'a4' | 'f4';

export const DOC_KIND_TITLES: Record<DocKind, string> = {
  'd-hasil': 'Model D.Hasil Kecamatan-KWK',
  'kejadian-khusus': 'Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK',
};

/** The meta every issued document carries, whatever its level (kecamatan or kab/kota) and kind. */
export interface DocMetaBase<K extends string = string> {
  /** Stable id of the document series: `<KIND>-<wilayah>-<pemilihan>`, e.g. `DHASIL-630214-bupati`. */
  id: string;
  kind: K;
  /** 1, 2, 3... per id; a reissue is a new version. */
  version: number;
  pemilihan: string;
  /** ISO 8601 with the local offset of the wilayah, e.g. 2024-11-30T16:05:00+08:00. */
  issued: string;
  final: boolean;
  /** Synthetic (demo) data: pages carry the SIMULASI watermark. */
  demo: boolean;
  paper: PaperSize;
  /** Reason recorded for a reissue. */
  reason?: string;
  /** keyId (fingerprint) of the key that signs the document (the PPK's, or the KPU kab/kota receiver's). */
  signer: string;
  layout: LayoutVersion;
  /**
   * The audit head the data was drawn at (entries and newest hash, before the document's own entry), so the paper,
   * the PDF, its backups and pushes witness it (`pleno audit verify --saksi`). Absent in documents issued before.
   */
  audit?: AuditHeadMeta;
  /** Present only when the integrity check failed at issue (drafts only): the number of findings, printed on every page. */
  keutuhan?: { temuan: number };
}

export interface DocMeta extends DocMetaBase<DocKind> {
  pemilihan: PemilihanId;
  kecamatan: string;
}

/** An audit head as the kirim manifests and receipts carry it (docs/design.md §4.2). */
export interface AuditHeadMeta {
  jumlah: number;
  kepala: string;
}

export interface DocHeader {
  provinsi: Wilayah;
  kabkota: Wilayah;
  kecamatan: Wilayah;
  pemilihan: { id: PemilihanId; nama: string };
  pilihan: Pilihan[];
  ppk: PpkMember[];
  /** Place written above the signatures (the kecamatan name). */
  tempat: string;
}

export interface TpsCounters {
  total: number;
  masuk: number;
  diputuskan: number;
  konflik: number;
}

/** One desa of the recap (docs/design.md §5.1). */
export interface DocRecapDesa {
  kode: string;
  nama: string;
  tps: TpsCounters;
  total: CHasilCounts;
}

/** One TPS of a desa attachment; counts null when no valid record is held yet (drafts only). */
export interface DocTps {
  nomor: number;
  counts: CHasilCounts | null;
  /**
   * pleno.document/2: the counted record (SHA-256 of JCS of its payload) and the approved corrections applied to it,
   * in order; null when no record is held (then `counts` is null). Absent in version 1.
   */
  sumber?: Sumber | null;
  /**
   * Present only for a TPS the plenary put on hold for PSU/PSS/PSL (then `counts` and `sumber` are null: it is not
   * counted until its new result is accepted). Absent otherwise, so documents without holds keep their bytes.
   */
  tunda?: { jenis: 'PSU' | 'PSS' | 'PSL'; dasar: string };
  /**
   * The cross checks R14–R16 (warnings) the counted version breaks, each with its sentence: printed as a marked column
   * and listed on the page. Present only when there is one, so documents without them keep their bytes.
   */
  peringatan?: DocPeringatan[];
}

/** An R14–R17 warning of a lampiran TPS. */
export interface DocPeringatan {
  kode: 'R14' | 'R15' | 'R16' | 'R17';
  pesan: string;
  /**
   * The count paths the warning is about (as `sumber.koreksi[].bidang`, e.g. `pemilih.dpt.l`): those cells of the
   * TPS column are marked. Absent when it concerns no count (R16, a photo) and in documents issued before it existed,
   * which then keep their pages (only the column heading is marked).
   */
  bidang?: string[];
}

export interface DocLampiranDesa {
  kode: string;
  nama: string;
  tps: DocTps[];
}

export interface DHasilData {
  format: DocumentFormat;
  meta: DocMeta & { kind: 'd-hasil' };
  header: DocHeader;
  recap: { tps: TpsCounters; desa: DocRecapDesa[]; total: CHasilCounts };
  lampiran: DocLampiranDesa[];
  /**
   * Who attended the sidang (services/plenary/sidang.service.ts kehadiranFor): the saksi names for the signature
   * page's saksi lines, the Panwaslu Kecamatan receiving the copy. Absent when no attendance was recorded.
   */
  kehadiran?: Kehadiran;
}

export interface KejadianEntry {
  /** ISO time. */
  waktu: string;
  /** TPS/desa concerned, as shown ("Desa Hampang, TPS 003" or "Kecamatan"). */
  tempat: string;
  /** Who: "Saksi Paslon 2", "Panwaslu Kecamatan", "PPK". */
  pihak: string;
  /**
   * Keberatan, kejadian khusus, an approved correction (with field, old → new, basis and approver in `uraian`), a
   * record accepted with a reason although a sum on it disagrees, or a refusal to sign.
   */
  jenis: 'keberatan' | 'kejadian' | 'koreksi' | 'penerimaan' | 'penolakan-tanda-tangan';
  uraian: string;
  /** How it was resolved; empty while open. */
  penyelesaian: string;
  /** pleno.document/2, entries of kind `koreksi`: the correction's changes as in a lampiran `sumber.koreksi`. */
  koreksi?: SumberKoreksi[];
}

export interface KejadianData {
  format: DocumentFormat;
  meta: DocMeta & { kind: 'kejadian-khusus' };
  header: DocHeader;
  entries: KejadianEntry[];
}

export type DocumentData = DHasilData | KejadianData;

// ---- Layout model: pages of positioned items in PDF points, origin bottom-left ----

export type Align = 'left' | 'center' | 'right';

export type LayoutItem =
  | { t: 'text'; x: number; y: number; size: number; text: string; bold?: boolean; align?: Align; gray?: boolean }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; width: number }
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill?: boolean; stroke?: boolean }
  | { t: 'qr'; x: number; y: number; size: number; text: string }
  /** `outline`: drawn as glyph outlines, not text, so the watermark stays out of the text layer (copy, search). */
  | { t: 'watermark'; texts: string[]; outline?: boolean };

export interface LayoutPage {
  width: number;
  height: number;
  /** What the page holds, for tests and the preview list: 'kecamatan', 'lampiran:<desa>', 'tanda-tangan', 'daftar'. */
  role: string;
  items: LayoutItem[];
}

export interface DocumentLayout {
  pages: LayoutPage[];
}

/** Text width in points; injected (the renderer measures with the embedded font, tests with an approximation). */
export interface TextMeasure {
  width(text: string, size: number, bold?: boolean): number;
}
