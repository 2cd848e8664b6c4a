// Reads the plenary service needs beside pleno.repo.ts (storage's plenary tables): the master as stored (meta, desa,
// TPS, pemilihan, pilihan, PPK members), submissions per pemilihan/TPS in bulk, and photo lookups. Read-only.
import type { Db } from '../context';
import { camelRow, type SqlValue } from './audit.repo';
import { stmt } from './statements';

export interface MetaRow {
  kecamatanKode: string;
  kecamatanNama: string;
  kabkotaNama: string;
  provinsiNama: string;
  simulasi: number;
}
export interface DesaRow {
  kode: string;
  nama: string;
  urutan: number;
}
export interface TpsRow {
  kode: string;
  desa: string;
  nomor: number;
  dptL: number;
  dptP: number;
}
export interface PemilihanRow {
  id: string;
  nama: string;
  wilayah: string;
  urutan: number;
}
export interface PilihanRow {
  id: number;
  pemilihan: string;
  nomor: number;
  nama: string;
  kind: 'paslon' | 'kolom-kosong';
}
export interface MemberRow {
  id: number;
  nama: string;
  jabatan: string;
  urutan: number;
}
export interface SubmissionRow {
  id: number;
  tps: string;
  pemilihan: string;
  sha256: string;
  countsJson: string;
  deviceKeyId: string;
  dibuat: string;
  channel: string;
  sourceName: string;
  outcome: 'diterima' | 'konflik';
  receivedAt: string;
}
export interface SubmissionPhotoRow {
  id: number;
  submissionId: number;
  lembar: number;
  sha256: string;
}
const all = <T>(db: Db, sql: string, ...args: SqlValue[]): T[] =>
  (stmt(db, sql).all(...args) as Record<string, unknown>[]).map((r) => camelRow<T>(r));
const one = <T>(db: Db, sql: string, ...args: SqlValue[]): T | undefined => {
  const r = stmt(db, sql).get(...args) as Record<string, unknown> | undefined;
  return r ? camelRow<T>(r) : undefined;
};

// ---- Master ----

export function readMeta(db: Db): MetaRow | undefined {
  return one<MetaRow>(
    db,
    'SELECT kecamatan_kode, kecamatan_nama, kabkota_nama, provinsi_nama, simulasi FROM meta WHERE id = 1',
  );
}
export function listDesa(db: Db): DesaRow[] {
  return all<DesaRow>(db, 'SELECT kode, nama, urutan FROM desa ORDER BY urutan');
}
export function listTps(db: Db): TpsRow[] {
  return all<TpsRow>(
    db,
    'SELECT t.kode, t.desa, t.nomor, t.dpt_l, t.dpt_p FROM tps t JOIN desa d ON d.kode = t.desa ORDER BY d.urutan, t.nomor',
  );
}
export function listPemilihan(db: Db): PemilihanRow[] {
  return all<PemilihanRow>(db, 'SELECT id, nama, wilayah, urutan FROM pemilihan ORDER BY urutan');
}
export function listPilihan(db: Db, pemilihan: string): PilihanRow[] {
  return all<PilihanRow>(
    db,
    'SELECT id, pemilihan, nomor, nama, kind FROM pilihan WHERE pemilihan = ? ORDER BY nomor',
    pemilihan,
  );
}
export function listMembers(db: Db): MemberRow[] {
  return all<MemberRow>(db, 'SELECT id, nama, jabatan, urutan FROM ppk_member ORDER BY urutan');
}

// ---- Submissions and photos ----

const SUBMISSION_COLS =
  'id, tps, pemilihan, sha256, counts_json, device_key_id, dibuat, channel, source_name, outcome, received_at';

export function submissionsOf(db: Db, pemilihan: string): SubmissionRow[] {
  return all<SubmissionRow>(db, `SELECT ${SUBMISSION_COLS} FROM submission WHERE pemilihan = ? ORDER BY id`, pemilihan);
}
/** Submissions of the TPS of one desa (TPS codes are the desa code + 3 digits: a range on the index). */
export function submissionsOfDesa(db: Db, pemilihan: string, desa: string): SubmissionRow[] {
  return all<SubmissionRow>(
    db,
    `SELECT ${SUBMISSION_COLS} FROM submission WHERE pemilihan = ? AND tps BETWEEN ? AND ? ORDER BY id`,
    pemilihan,
    `${desa}000`,
    `${desa}999`,
  );
}
export function submissionsOfTps(db: Db, pemilihan: string, tps: string): SubmissionRow[] {
  return all<SubmissionRow>(
    db,
    `SELECT ${SUBMISSION_COLS} FROM submission WHERE pemilihan = ? AND tps = ? ORDER BY id`,
    pemilihan,
    tps,
  );
}
export function submissionById(db: Db, id: number): SubmissionRow | undefined {
  return one<SubmissionRow>(db, `SELECT ${SUBMISSION_COLS} FROM submission WHERE id = ?`, id);
}
export function photosOfSubmissions(db: Db, pemilihan: string, tps: string): SubmissionPhotoRow[] {
  return all<SubmissionPhotoRow>(
    db,
    `SELECT sp.id, sp.submission_id, sp.lembar, sp.sha256 FROM submission_photo sp
       JOIN submission s ON s.id = sp.submission_id WHERE s.pemilihan = ? AND s.tps = ? ORDER BY sp.submission_id, sp.lembar`,
    pemilihan,
    tps,
  );
}
export function photoExt(db: Db, sha256: string): 'jpg' | 'png' | undefined {
  const r = stmt(db, 'SELECT ext FROM photo WHERE sha256 = ?').get(sha256) as { ext: 'jpg' | 'png' } | undefined;
  return r?.ext;
}
export function knownPhotos(db: Db, hashes: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const h of hashes) if (photoExt(db, h)) out.add(h);
  return out;
}
