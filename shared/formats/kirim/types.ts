// The payloads of the push protocol between a kecamatan and its KPU kabupaten/kota receiver (docs/design.md §4).
// Plain data; parsers live beside this file, one per format.

/** `pleno.penerima/1`: the receiver certificate, signed by the KPU kab/kota key that signs the data masters (§4.1). */
export interface PenerimaCert {
  format: 'pleno.penerima/1';
  kabkota: { kode: string; nama: string };
  /** Where the kecamatan pushes (`https://…`, or `http://…` on a LAN or loopback). */
  url: string;
  /** base64url of the receiver's raw 32-byte Ed25519 key: the only key a receipt is valid under. */
  publicKey: string;
  dibuat: string;
}

export type ObjekJenis = 'd-hasil' | 'kejadian-khusus' | 'c-hasil';
export type BerkasJenis = 'pdf' | 'foto';

export interface ManifestObjek {
  /** sha256(JCS(envelope)): the object's address. */
  sha256: string;
  jenis: ObjekJenis;
  /** Byte length of JCS(envelope). */
  ukuran: number;
}

export interface ManifestBerkas {
  /** sha256(bytes): the blob's address. */
  sha256: string;
  jenis: BerkasJenis;
  ukuran: number;
  mime: string;
}

export interface AuditHead {
  /** Number of audit entries. */
  jumlah: number;
  /** Hash of the newest audit entry. */
  kepala: string;
}

/** `pleno.kirim/1`: one push, signed by the PPK key, frozen once made (§4.2). */
export interface KirimManifest {
  format: 'pleno.kirim/1';
  kecamatan: string;
  pemilihan: string;
  /** 1 for the first manifest of a kecamatan and pemilihan, then +1 each (docs/spec-readings.md). */
  urutan: number;
  /** sha256(JCS(previous manifest envelope)), null for the first. */
  sebelumnya: string | null;
  audit: AuditHead;
  objek: ManifestObjek[];
  berkas: ManifestBerkas[];
  dibuat: string;
}

export type ReceiptStatus = 'lengkap' | 'menunggu-berkas';

/** `pleno.tanda-terima/1`: the receipt, signed by the receiver key (§4.3). */
export interface TandaTerima {
  format: 'pleno.tanda-terima/1';
  kecamatan: string;
  pemilihan: string;
  urutan: number;
  manifest: string;
  audit: AuditHead;
  status: ReceiptStatus;
  berkasKurang: number;
  diterima: string;
}

/** `GET /v1/hello` of a receiver. */
export interface KirimHello {
  kabkota: string;
  format: 'pleno.kirim/1';
  sertifikat: unknown;
}

/** `POST /v1/kirim` 200 body: what the receiver still lacks for that manifest at that moment. */
export interface KirimKurang {
  manifest: string;
  kurang: { objek: string[]; berkas: { sha256: string; diterima: number }[] };
}
