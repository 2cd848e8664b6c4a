// The receiver's tables (migration 0004-penerima): identity, masters, certificates, PPK keys, manifests, objects,
// blobs and receipts. Reads take any handle; writes take the command unit's WritableDb and are audited.
import type { Db } from '../context';
import type { WritableDb } from '../db/command';
import { insertAudited } from './audit.repo';
import { camelMany, camelOne } from './rows';
import { stmt } from './statements';

export interface PenerimaRow {
  provinsiKode: string;
  provinsiNama: string;
  kabkotaKode: string;
  kabkotaNama: string;
  kpuPublicKey: string;
  kpuKeyId: string;
  keyId: string;
  publicKey: string;
  privateKeyPkcs8: string;
  simulasi: number;
  createdAt: string;
}

export interface PenerimaMasterRow {
  kecamatan: string;
  nama: string;
  sha256: string;
  envelopeJson: string;
  createdAt: string;
}

export interface PpkKeyBinding {
  keyId: string;
  publicKey: string;
  kecamatan: string;
  alasan: string;
  actor: string;
  createdAt: string;
}

export interface ManifestRow {
  address: string;
  kecamatan: string;
  pemilihan: string;
  urutan: number;
  sebelumnya: string | null;
  keyId: string;
  auditJumlah: number;
  envelopeJson: string;
  createdAt: string;
}

export interface ReceiptRow {
  id: number;
  manifest: string;
  status: 'lengkap' | 'menunggu-berkas';
  berkasKurang: number;
  receiptJson: string;
  createdAt: string;
}

export function getPenerima(db: Db): PenerimaRow | undefined {
  return camelOne<PenerimaRow>(stmt(db, 'SELECT * FROM penerima WHERE id = 1').get());
}

export function insertPenerima(db: WritableDb, p: PenerimaRow, actor: string): void {
  insertAudited(
    db,
    'penerima',
    {
      id: 1,
      provinsi_kode: p.provinsiKode,
      provinsi_nama: p.provinsiNama,
      kabkota_kode: p.kabkotaKode,
      kabkota_nama: p.kabkotaNama,
      kpu_public_key: p.kpuPublicKey,
      kpu_key_id: p.kpuKeyId,
      key_id: p.keyId,
      public_key: p.publicKey,
      private_key_pkcs8: p.privateKeyPkcs8,
      simulasi: p.simulasi,
      created_at: p.createdAt,
    },
    { actor, action: 'penerima.init', at: p.createdAt },
  );
}

export function listPenerimaMasters(db: Db): PenerimaMasterRow[] {
  return camelMany<PenerimaMasterRow>(stmt(db, 'SELECT * FROM penerima_master ORDER BY kecamatan').all());
}

export function getPenerimaMaster(db: Db, kecamatan: string): PenerimaMasterRow | undefined {
  return camelOne<PenerimaMasterRow>(stmt(db, 'SELECT * FROM penerima_master WHERE kecamatan = ?').get(kecamatan));
}

export function insertPenerimaMaster(db: WritableDb, m: PenerimaMasterRow, actor: string): void {
  insertAudited(
    db,
    'penerima_master',
    { kecamatan: m.kecamatan, nama: m.nama, sha256: m.sha256, envelope_json: m.envelopeJson, created_at: m.createdAt },
    { actor, action: 'penerima.master', at: m.createdAt },
  );
}

export function latestSertifikat(db: Db): { url: string; envelopeJson: string } | undefined {
  return camelOne(stmt(db, 'SELECT url, envelope_json FROM penerima_sertifikat ORDER BY id DESC LIMIT 1').get());
}

export function insertSertifikat(db: WritableDb, url: string, envelopeJson: string, at: string, actor: string): void {
  insertAudited(
    db,
    'penerima_sertifikat',
    { url, envelope_json: envelopeJson, created_at: at },
    { actor, action: 'penerima.sertifikat', at },
  );
}

export function getPpkBinding(db: Db, keyId: string): PpkKeyBinding | undefined {
  return camelOne<PpkKeyBinding>(stmt(db, 'SELECT * FROM penerima_ppk WHERE key_id = ?').get(keyId));
}

export function listPpkBindings(db: Db): PpkKeyBinding[] {
  return camelMany<PpkKeyBinding>(stmt(db, 'SELECT * FROM penerima_ppk ORDER BY kecamatan, created_at').all());
}

export function insertPpkBinding(db: WritableDb, b: PpkKeyBinding): void {
  insertAudited(
    db,
    'penerima_ppk',
    {
      key_id: b.keyId,
      public_key: b.publicKey,
      kecamatan: b.kecamatan,
      alasan: b.alasan,
      actor: b.actor,
      created_at: b.createdAt,
    },
    { actor: b.actor, action: 'penerima.kunci-ppk', at: b.createdAt },
  );
}

export interface UnknownKeyRow {
  keyId: string;
  publicKey: string;
  kecamatan: string;
  createdAt: string;
}

export function listUnknownKeys(db: Db): UnknownKeyRow[] {
  return camelMany<UnknownKeyRow>(
    stmt(
      db,
      `SELECT key_id, public_key, kecamatan, created_at FROM penerima_kunci_asing
       WHERE key_id NOT IN (SELECT key_id FROM penerima_ppk) ORDER BY id`,
    ).all(),
  );
}

/** Records an unknown key's first try for a kecamatan; later tries add nothing. */
export function noteUnknownKey(db: WritableDb, k: UnknownKeyRow): void {
  const seen = stmt(db, 'SELECT 1 FROM penerima_kunci_asing WHERE key_id = ? AND kecamatan = ?').get(
    k.keyId,
    k.kecamatan,
  );
  if (seen) return;
  insertAudited(
    db,
    'penerima_kunci_asing',
    { key_id: k.keyId, public_key: k.publicKey, kecamatan: k.kecamatan, created_at: k.createdAt },
    { actor: 'penerima', action: 'penerima.kunci-asing', at: k.createdAt },
  );
}

export function getManifest(db: Db, address: string): ManifestRow | undefined {
  return camelOne<ManifestRow>(stmt(db, 'SELECT * FROM penerima_manifest WHERE address = ?').get(address));
}

export function insertManifest(db: WritableDb, m: ManifestRow): void {
  insertAudited(
    db,
    'penerima_manifest',
    {
      address: m.address,
      kecamatan: m.kecamatan,
      pemilihan: m.pemilihan,
      urutan: m.urutan,
      sebelumnya: m.sebelumnya,
      key_id: m.keyId,
      audit_jumlah: m.auditJumlah,
      envelope_json: m.envelopeJson,
      created_at: m.createdAt,
    },
    { actor: m.keyId, action: 'penerima.manifest', at: m.createdAt },
  );
}

/** The last confirmed manifest (one holding a receipt) of a kecamatan and pemilihan, or undefined. */
export function lastConfirmed(db: Db, kecamatan: string, pemilihan: string): ManifestRow | undefined {
  return camelOne<ManifestRow>(
    stmt(
      db,
      `SELECT m.* FROM penerima_manifest m
       WHERE m.kecamatan = ? AND m.pemilihan = ?
         AND EXISTS (SELECT 1 FROM penerima_tanda_terima t WHERE t.manifest = m.address)
       ORDER BY m.urutan DESC LIMIT 1`,
    ).get(kecamatan, pemilihan),
  );
}

/** Manifests of a PPK key whose newest receipt is not `lengkap` (taken, not yet complete): they are open. */
export function openManifests(db: Db, keyId: string): ManifestRow[] {
  return camelMany<ManifestRow>(
    stmt(
      db,
      `SELECT m.* FROM penerima_manifest m WHERE m.key_id = ?
         AND COALESCE((SELECT t.status FROM penerima_tanda_terima t WHERE t.manifest = m.address
                       ORDER BY t.id DESC LIMIT 1), '') <> 'lengkap'`,
    ).all(keyId),
  );
}

/** Every open manifest of any key (for blob uploads, which carry no key). */
export function allOpenManifests(db: Db): ManifestRow[] {
  return camelMany<ManifestRow>(
    stmt(
      db,
      `SELECT m.* FROM penerima_manifest m
       WHERE COALESCE((SELECT t.status FROM penerima_tanda_terima t WHERE t.manifest = m.address
                       ORDER BY t.id DESC LIMIT 1), '') <> 'lengkap'`,
    ).all(),
  );
}

export function hasObjek(db: Db, address: string): boolean {
  return stmt(db, 'SELECT 1 FROM penerima_objek WHERE address = ?').get(address) !== undefined;
}

export function getObjekJcs(db: Db, address: string): string | undefined {
  const r = stmt(db, 'SELECT jcs FROM penerima_objek WHERE address = ?').get(address) as { jcs: string } | undefined;
  return r?.jcs;
}

export function insertObjek(db: WritableDb, address: string, jenis: string, jcs: string, at: string): void {
  insertAudited(
    db,
    'penerima_objek',
    { address, jenis, jcs, created_at: at },
    { actor: 'penerima', action: 'penerima.objek', at },
  );
}

export function hasBerkas(db: Db, sha256: string): boolean {
  return stmt(db, 'SELECT 1 FROM penerima_berkas WHERE sha256 = ?').get(sha256) !== undefined;
}

export function insertBerkas(db: WritableDb, sha256: string, ukuran: number, at: string): void {
  insertAudited(
    db,
    'penerima_berkas',
    { sha256, ukuran, created_at: at },
    { actor: 'penerima', action: 'penerima.berkas', at },
  );
}

export function latestReceipt(db: Db, manifest: string): ReceiptRow | undefined {
  return camelOne<ReceiptRow>(
    stmt(db, 'SELECT * FROM penerima_tanda_terima WHERE manifest = ? ORDER BY id DESC LIMIT 1').get(manifest),
  );
}

export function insertReceipt(db: WritableDb, r: Omit<ReceiptRow, 'id'>): void {
  insertAudited(
    db,
    'penerima_tanda_terima',
    {
      manifest: r.manifest,
      status: r.status,
      berkas_kurang: r.berkasKurang,
      receipt_json: r.receiptJson,
      created_at: r.createdAt,
    },
    { actor: 'penerima', action: `penerima.tanda-terima.${r.status}`, at: r.createdAt },
  );
}

/** The newest manifest of each kecamatan and pemilihan that holds a receipt (for the recap, §5.2). */
export function latestConfirmedAll(db: Db): ManifestRow[] {
  return camelMany<ManifestRow>(
    stmt(
      db,
      `SELECT m.* FROM penerima_manifest m
       WHERE EXISTS (SELECT 1 FROM penerima_tanda_terima t WHERE t.manifest = m.address)
         AND m.urutan = (SELECT MAX(m2.urutan) FROM penerima_manifest m2
                         WHERE m2.kecamatan = m.kecamatan AND m2.pemilihan = m.pemilihan
                           AND EXISTS (SELECT 1 FROM penerima_tanda_terima t2 WHERE t2.manifest = m2.address))
       ORDER BY m.kecamatan, m.pemilihan`,
    ).all(),
  );
}
