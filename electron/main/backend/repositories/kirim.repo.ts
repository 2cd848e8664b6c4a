// SQL of the push outbox (migration 0005-kirim): receiver certificates, frozen manifests, their objects and blobs,
// receipts. Every insert is audited (insertAudited) and must run inside a command; nothing is updated or deleted.
import type { Db } from '../context';
import { insertAudited } from './audit.repo';
import { camelMany, camelOne, hasTable, insertFields } from './rows';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';
import type { BerkasJenis, ObjekJenis, ReceiptStatus } from '../../../../shared/formats/kirim';

export interface PenerimaRow {
  id: number;
  sertifikatJson: string;
  kabkota: string;
  url: string;
  publicKey: string;
  fingerprint: string;
  installedAt: string;
  installedBy: string;
}

export interface ManifestRow {
  id: number;
  sha256: string;
  pemilihan: string;
  urutan: number;
  sebelumnya: string | null;
  documentId: number;
  envelopeJson: string;
  createdAt: string;
}

export interface ObjekRow {
  sha256: string;
  jenis: ObjekJenis;
  ukuran: number;
  envelopeJson: string;
}

export interface BerkasRow {
  sha256: string;
  jenis: BerkasJenis;
  ukuran: number;
  mime: string;
  lokasi: string;
}

export interface TandaTerimaRow {
  id: number;
  manifestSha256: string;
  status: ReceiptStatus;
  berkasKurang: number;
  auditJumlah: number;
  auditKepala: string;
  diterima: string;
  envelopeJson: string;
  via: 'online' | 'berkas';
  storedAt: string;
}

/** The row of a content-addressed table with this SHA-256, if stored. */
const bySha256 =
  <T>(table: string) =>
  (db: Db, sha256: string): T | undefined =>
    camelOne<T>(stmt(db, `SELECT * FROM ${table} WHERE sha256 = ?`).get(sha256));

/** The newest row of `table` about one manifest (a later receipt or refusal supersedes the earlier). */
const newestOfManifest = <T>(db: Db, table: string, manifestSha256: string): T | undefined =>
  camelOne<T>(
    stmt(db, `SELECT * FROM ${table} WHERE manifest_sha256 = ? ORDER BY id DESC LIMIT 1`).get(manifestSha256),
  );

/** False on a database built at a schema before 0005 (the upgrade test issues documents on such files). */
export const hasOutbox = (db: Db): boolean => hasTable(db, 'kirim_manifest');

export function insertPenerima(db: WritableDb, p: Omit<PenerimaRow, 'id'>): number {
  return insertFields(db, 'kirim_penerima', p, { actor: p.installedBy, action: 'kirim.penerima', at: p.installedAt });
}

/** The certificate in use: the newest installed. */
export function currentPenerima(db: Db): PenerimaRow | undefined {
  return camelOne<PenerimaRow>(stmt(db, 'SELECT * FROM kirim_penerima ORDER BY id DESC LIMIT 1').get());
}

/** Stores an object once (content-addressed); true when it was new. */
export function insertObjekOnce(db: WritableDb, o: ObjekRow, actor: string, at: string): boolean {
  if (stmt(db, 'SELECT 1 FROM kirim_objek WHERE sha256 = ?').get(o.sha256)) return false;
  insertAudited(
    db,
    'kirim_objek',
    { sha256: o.sha256, jenis: o.jenis, ukuran: o.ukuran, envelope_json: o.envelopeJson },
    { actor, action: 'kirim.objek', at },
  );
  return true;
}

export const getObjek = bySha256<ObjekRow>('kirim_objek');

/** Stores a blob's location once; true when it was new. */
export function insertBerkasOnce(db: WritableDb, b: BerkasRow, actor: string, at: string): boolean {
  if (stmt(db, 'SELECT 1 FROM kirim_berkas WHERE sha256 = ?').get(b.sha256)) return false;
  insertAudited(
    db,
    'kirim_berkas',
    { sha256: b.sha256, jenis: b.jenis, ukuran: b.ukuran, mime: b.mime, lokasi: b.lokasi },
    { actor, action: 'kirim.berkas', at },
  );
  return true;
}

export const getBerkas = bySha256<BerkasRow>('kirim_berkas');

export function insertManifest(db: WritableDb, m: Omit<ManifestRow, 'id'>, actor: string): number {
  return insertFields(db, 'kirim_manifest', m, { actor, action: 'kirim.manifest', at: m.createdAt });
}

/** The newest manifest of a pemilihan (highest urutan), or undefined. */
export function latestManifest(db: Db, pemilihan: string): ManifestRow | undefined {
  return camelOne<ManifestRow>(
    stmt(db, 'SELECT * FROM kirim_manifest WHERE pemilihan = ? ORDER BY urutan DESC LIMIT 1').get(pemilihan),
  );
}

/** Every manifest, by pemilihan then urutan (the order they must be delivered in). */
export function listManifests(db: Db, pemilihan?: string): ManifestRow[] {
  return camelMany<ManifestRow>(
    pemilihan === undefined
      ? stmt(db, 'SELECT * FROM kirim_manifest ORDER BY pemilihan, urutan').all()
      : stmt(db, 'SELECT * FROM kirim_manifest WHERE pemilihan = ? ORDER BY urutan').all(pemilihan),
  );
}

export const getManifest = bySha256<ManifestRow>('kirim_manifest');

export function insertTandaTerima(db: WritableDb, t: Omit<TandaTerimaRow, 'id'>, actor: string): number {
  return insertFields(db, 'kirim_tanda_terima', t, { actor, action: 'kirim.tanda-terima', at: t.storedAt });
}

/** The newest receipt of a manifest (a lengkap upgrade comes after its menunggu-berkas). */
export const latestTandaTerima = (db: Db, manifestSha256: string): TandaTerimaRow | undefined =>
  newestOfManifest<TandaTerimaRow>(db, 'kirim_tanda_terima', manifestSha256);

/** Every stored receipt (for the audit anchoring check). */
export function listTandaTerima(db: Db): TandaTerimaRow[] {
  return camelMany<TandaTerimaRow>(stmt(db, 'SELECT * FROM kirim_tanda_terima ORDER BY id').all());
}

/** Whether photos may go over the current connection (newest setting; none = not allowed). */
export function fotoSeluler(db: Db): boolean {
  const r = stmt(db, 'SELECT foto_seluler FROM kirim_setelan ORDER BY id DESC LIMIT 1').get() as
    { foto_seluler: number } | undefined;
  return r?.foto_seluler === 1;
}

export function insertSetelan(db: WritableDb, allowed: boolean, actor: string, at: string): void {
  insertAudited(
    db,
    'kirim_setelan',
    { foto_seluler: allowed ? 1 : 0, changed_at: at, changed_by: actor },
    { actor, action: 'kirim.setelan', at },
  );
}

export interface DitolakRow {
  id: number;
  manifestSha256: string;
  masalah: string[];
  ditolakAt: string;
}

/** The newest refusal (422 `masalah`) stored for a manifest (migration 0010). */
export function latestDitolak(db: Db, manifestSha256: string): DitolakRow | undefined {
  const row = newestOfManifest<Omit<DitolakRow, 'masalah'> & { masalah: string }>(db, 'kirim_ditolak', manifestSha256);
  return row && { ...row, masalah: JSON.parse(row.masalah) as string[] };
}

export function insertDitolak(db: WritableDb, manifestSha256: string, masalah: string[], actor: string, at: string) {
  insertAudited(
    db,
    'kirim_ditolak',
    { manifest_sha256: manifestSha256, masalah: JSON.stringify(masalah), ditolak_at: at },
    { actor, action: 'kirim.ditolak', at },
  );
}
