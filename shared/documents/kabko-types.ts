// The kab/kota documents of a receiver (docs/receiver-plenary.md): Model D.Hasil Kabupaten/Kota-KWK and its
// D.Kejadian Khusus, `pleno.document/2` data drawn by the same engine (shared/documents). Their kinds are their own
// (`d-hasil-kabko`, `kejadian-kabko`), so a verifier of the kecamatan kinds never mistakes one for the other. Each
// kecamatan column carries `sumber`: the kecamatan's push (manifest and D.Hasil object addresses, docs/design.md §4.2)
// and the corrections the kab/kota plenary applied to it (docs/spec-readings.md).
import type { SumberKoreksi } from '../domain/count-trace';
import type { CHasilCounts, Pilihan, Wilayah } from '../domain/model';
import type { DocMetaBase, DocumentData, KejadianEntry } from './types';

export type KabDocKind = 'd-hasil-kabko' | 'kejadian-kabko';

export const KAB_DOC_TITLES: Record<KabDocKind, string> = {
  'd-hasil-kabko': 'Model D.Hasil Kabupaten/Kota-KWK',
  'kejadian-kabko': 'Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK (Kabupaten/Kota)',
};

/** `id` is `DHASILKAB-<kabkota>-<pemilihan>` / `DKEJADIANKAB-…`; signed with the receiver key. */
export interface KabDocMeta extends DocMetaBase<KabDocKind> {
  kabkota: string;
}

export interface KabDocHeader {
  provinsi: Wilayah;
  kabkota: Wilayah;
  pemilihan: { id: string; nama: string };
  pilihan: Pilihan[];
  /** The KPU kab/kota members registered in the receiver (docs/receiver-plenary.md). */
  anggota: { nama: string; jabatan: 'ketua' | 'anggota' }[];
  tempat: string;
}

/** Where a kecamatan column comes from: the kecamatan's push and the kab/kota corrections applied to it. */
export interface KabSumber {
  /** sha256(JCS(manifest envelope)) of the kecamatan's push (§4.2). */
  manifest: string;
  urutan: number;
  /** sha256(JCS(envelope)) of the kecamatan's D.Hasil object in that push. */
  dokumen: string;
  /** Approved kab/kota corrections, each naming its TPS, in the order applied. */
  koreksi: (SumberKoreksi & { tps: string })[];
}

export interface KabRecapKecamatan {
  kode: string;
  nama: string;
  /** As locked/read at the kab/kota (after its corrections); null when nothing was committed. */
  total: CHasilCounts | null;
  /** Whether the kab/kota plenary locked it. */
  dikunci: boolean;
  sumber: KabSumber | null;
}

export interface KabLampiranKecamatan {
  kode: string;
  nama: string;
  desa: { kode: string; nama: string; total: CHasilCounts }[];
}

export interface KabDHasilData {
  format: 'pleno.document/2';
  meta: KabDocMeta & { kind: 'd-hasil-kabko' };
  header: KabDocHeader;
  recap: { kecamatan: KabRecapKecamatan[]; total: CHasilCounts };
  lampiran: KabLampiranKecamatan[];
}

export interface KabKejadianData {
  format: 'pleno.document/2';
  meta: KabDocMeta & { kind: 'kejadian-kabko' };
  header: KabDocHeader;
  entries: KejadianEntry[];
}

export type KabDocumentData = KabDHasilData | KabKejadianData;
/** Every document data Pleno draws and verifies. */
export type AnyDocumentData = DocumentData | KabDocumentData;

export function isKabDocument(d: { meta: { kind: string } }): d is KabDocumentData {
  return d.meta.kind === 'd-hasil-kabko' || d.meta.kind === 'kejadian-kabko';
}

/** Title and author of a kab/kota document's PDF metadata. */
export function kabPdfDescription(d: KabDocumentData): { title: string; author: string } {
  const kab = d.header.kabkota.nama;
  return { title: `${KAB_DOC_TITLES[d.meta.kind]} — ${d.header.pemilihan.nama} — ${kab}`, author: `KPU ${kab}` };
}
