// The domain model: wilayah, TPS, pemilihan and choices, the C.Hasil record (docs/design.md §3.2) and the data master
// (§3.6). Plain JSON types only; parsing and validation live in shared/formats, rules in shared/domain/rules.

/** Count of laki-laki and perempuan. */
export interface LP {
  l: number;
  p: number;
}

export interface PemilihVoters {
  dpt: LP;
  dpph: LP;
  dptb: LP;
  jumlah: LP;
}

export interface SuratSuara {
  diterima: number;
  dikembalikan: number;
  tidakDigunakan: number;
  digunakan: number;
}

export interface Suara {
  /** Votes per choice, index i = nomor urut i+1; a kolom kosong is the last choice. */
  paslon: number[];
  sah: number;
  tidakSah: number;
  total: number;
}

/** The numeric parts of a C.Hasil record; also the shape of recap totals (docs/design.md §5.1 `<Totals>`). */
export interface CHasilCounts {
  pemilih: PemilihVoters;
  pengguna: PemilihVoters;
  disabilitas: { pemilih: LP; pengguna: LP };
  suratSuara: SuratSuara;
  suara: Suara;
}

export type Totals = CHasilCounts;

export const PEMILIHAN_IDS = ['gubernur', 'bupati', 'walikota'] as const;
export type PemilihanId = (typeof PEMILIHAN_IDS)[number];

export interface FotoRef {
  lembar: number;
  sha256: string;
}

export const C_HASIL_FORMAT = 'pleno.c-hasil/1';

export interface CHasilRecord extends CHasilCounts {
  format: typeof C_HASIL_FORMAT;
  /** 13-digit TPS code: desa code + 3-digit TPS number. */
  tps: string;
  pemilihan: PemilihanId;
  foto: FotoRef[];
  /** Device id (= envelope keyId). */
  perangkat: string;
  /** ISO 8601 time with offset, as written by the device. */
  dibuat: string;
}

/** docs/design.md §3.1: a signed object. */
export interface Signature {
  alg: 'Ed25519';
  keyId: string;
  /** base64url (no padding) of the 64-byte signature over JCS(payload). */
  sig: string;
  /** base64url raw public key; present where the verifier does not hold the key yet (data master). */
  publicKey?: string;
}

export interface SignedEnvelope<P> {
  payload: P;
  signature: Signature;
}

// ---- Data master (docs/design.md §3.6) ----

export const MASTER_FORMAT = 'pleno.master/1';

export interface Wilayah {
  kode: string;
  nama: string;
}

export interface MasterTps {
  nomor: number;
  dpt: LP;
}

export interface MasterDesa extends Wilayah {
  tps: MasterTps[];
}

export interface Pilihan {
  nomor: number;
  nama: string;
  kind?: 'kolom-kosong';
}

export interface Pemilihan {
  id: PemilihanId;
  nama: string;
  /** Wilayah code of the election's area: provinsi (gubernur) or kab/kota (bupati/walikota). */
  wilayah: string;
  pilihan: Pilihan[];
}

export interface PpkMember {
  nama: string;
  jabatan: string;
}

export interface Perangkat {
  id: string;
  tps: string;
  publicKey: string;
}

export interface DataMaster {
  format: typeof MASTER_FORMAT;
  provinsi: Wilayah;
  kabkota: Wilayah;
  kecamatan: Wilayah;
  desa: MasterDesa[];
  pemilihan: Pemilihan[];
  ppk: PpkMember[];
  perangkat: Perangkat[];
}

// ---- Plenary status (docs/design.md §2) ----

export type TpsStatus = 'belum-masuk' | 'masuk' | 'sesuai' | 'dikoreksi';

/** Flags that block locking a desa. */
export interface TpsFlags {
  /** An open objection (keberatan). */
  sengketa: boolean;
  /** Two differing submissions not yet settled. */
  konflik: boolean;
  /** At least one rule of severity error on the current version. */
  bermasalah: boolean;
}

// ---- Wilayah codes ----

/** TPS code = 10-digit desa code + 3-digit TPS number. */
export function tpsCode(desaKode: string, nomor: number): string {
  return desaKode + String(nomor).padStart(3, '0');
}

export function desaOfTps(tps: string): string {
  return tps.slice(0, 10);
}

export function nomorOfTps(tps: string): number {
  return Number(tps.slice(10));
}

/** Dotted display of a wilayah code: 63.02.14.2001; a TPS code shows as `63.02.14.2001 TPS 003`. */
export function formatKode(kode: string): string {
  const parts = [kode.slice(0, 2), kode.slice(2, 4), kode.slice(4, 6), kode.slice(6, 10)].filter((p) => p.length > 0);
  const dotted = parts.join('.');
  return kode.length === 13 ? `${dotted} TPS ${kode.slice(10)}` : dotted;
}
