// The kab/kota plenary's tables (migration 0010-kabkota-pleno): members, acceptances, keberatan, kejadian, locks,
// corrections and issued documents. Insert (audited, inside the caller's command) and list functions only; the
// current state is derived by shared/domain/kab-pleno.ts. Lists are in insertion (id) order.
import type { DocumentItem } from '../../../../shared/contracts/documents.contract';
import type { KabKejadianView } from '../../../../shared/contracts/kabpleno.contract';
import type { KabRowsIn } from '../../../../shared/domain/kab-pleno';
import type { Db } from '../context';
import type { WritableDb } from '../db/command';
import { insertAudited } from './audit.repo';
import { rowsOf } from './rows';
import { stmt } from './statements';

export interface KabAnggota {
  id: number;
  nama: string;
  jabatan: 'ketua' | 'anggota';
  actor: string;
  createdAt: string;
}
/** A decision row of one kind as stored: the read model's row (shared/domain/kab-pleno.ts) with its pemilihan. */
type Stored<K extends keyof KabRowsIn> = KabRowsIn[K][number] & { pemilihan: string };
export type KabPenerimaan = Stored<'penerimaan'>;
export type KabKeberatan = Stored<'keberatan'>;
export type KabKeberatanSelesai = KabRowsIn['keberatanSelesai'][number];
/** A kejadian as stored: the contract's view with its time as `createdAt`. */
export type KabKejadian = Omit<KabKejadianView, 'waktu' | 'selesai'> & { createdAt: string };
export interface KabKejadianSelesai {
  id: number;
  kejadian: number;
  catatan: string;
  oleh: string;
  createdAt: string;
}
export type KabKunci = Stored<'kunci'>;
export type KabKoreksi = Stored<'koreksi'>;
export type KabKoreksiKeputusan = KabRowsIn['koreksiKeputusan'][number];
/** An issued kab/kota document as stored (booleans as 0/1), the fields of the contract's DocumentItem. */
export type KabDokumen = Omit<DocumentItem, 'kind' | 'final' | 'simulasi' | 'paper'> & {
  kind: 'd-hasil-kabko' | 'kejadian-kabko';
  final: number;
  simulasi: number;
  paper: 'a4' | 'f4';
};

type New<T> = Omit<T, 'id'>;

/** Whether the file has migration 0010's tables (false only for a file deliberately left at an older version). */
export function hasKabPlenoTables(db: Db): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kab_anggota'").get() !== undefined;
}

const TABLE_ACTION: Record<string, string> = {
  kab_anggota: 'kab.anggota',
  kab_penerimaan: 'kab.penerimaan',
  kab_keberatan: 'kab.keberatan',
  kab_keberatan_selesai: 'kab.keberatan.selesai',
  kab_kejadian: 'kab.kejadian',
  kab_kejadian_selesai: 'kab.kejadian.selesai',
  kab_kunci: 'kab.kunci',
  kab_koreksi: 'kab.koreksi',
  kab_koreksi_keputusan: 'kab.koreksi.keputusan',
  kab_dokumen: 'kab.dokumen',
};

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function insertRow(
  db: WritableDb,
  table: string,
  row: Record<string, string | number | null>,
  actor: string,
  at: string,
): number {
  const values: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(row)) values[snake(k)] = v;
  return Number(insertAudited(db, table, values, { actor, action: TABLE_ACTION[table]!, at }));
}

export function insertKabAnggota(db: WritableDb, r: New<KabAnggota>): number {
  return insertRow(db, 'kab_anggota', { ...r }, r.actor, r.createdAt);
}
export function insertKabPenerimaan(db: WritableDb, r: New<KabPenerimaan>): number {
  return insertRow(db, 'kab_penerimaan', { ...r }, r.oleh, r.createdAt);
}
export function insertKabKeberatan(db: WritableDb, r: New<KabKeberatan>): number {
  return insertRow(db, 'kab_keberatan', { ...r }, r.oleh, r.createdAt);
}
export function insertKabKeberatanSelesai(db: WritableDb, r: New<KabKeberatanSelesai>): number {
  return insertRow(db, 'kab_keberatan_selesai', { ...r }, r.oleh, r.createdAt);
}
export function insertKabKejadian(db: WritableDb, r: New<KabKejadian>): number {
  return insertRow(db, 'kab_kejadian', { ...r }, r.oleh, r.createdAt);
}
export function insertKabKejadianSelesai(db: WritableDb, r: New<KabKejadianSelesai>): number {
  return insertRow(db, 'kab_kejadian_selesai', { ...r }, r.oleh, r.createdAt);
}
export function insertKabKunci(db: WritableDb, r: New<KabKunci>): number {
  return insertRow(db, 'kab_kunci', { ...r }, r.oleh, r.createdAt);
}
export function insertKabKoreksi(db: WritableDb, r: New<KabKoreksi>): number {
  return insertRow(db, 'kab_koreksi', { ...r }, r.oleh, r.createdAt);
}
export function insertKabKoreksiKeputusan(db: WritableDb, r: New<KabKoreksiKeputusan>): number {
  return insertRow(db, 'kab_koreksi_keputusan', { ...r }, r.oleh, r.createdAt);
}
export function insertKabDokumen(db: WritableDb, r: New<KabDokumen>): KabDokumen {
  const id = insertRow(db, 'kab_dokumen', { ...r }, r.issuedBy, r.issuedAt);
  return { id, ...r };
}

const all = <T>(db: Db, table: string, where = '', ...args: (string | number)[]): T[] =>
  hasKabPlenoTables(db) ? rowsOf<T>(stmt(db, `SELECT * FROM ${table} ${where} ORDER BY id`).all(...args)) : [];

export const listKabAnggota = (db: Db) => all<KabAnggota>(db, 'kab_anggota');
export const listKabKejadian = (db: Db) => all<KabKejadian>(db, 'kab_kejadian');
export const listKabKejadianSelesai = (db: Db) => all<KabKejadianSelesai>(db, 'kab_kejadian_selesai');
export const listKabDokumen = (db: Db) => all<KabDokumen>(db, 'kab_dokumen');

/** Every decision row of one pemilihan (kejadian for all pemilihan included), for the read model. */
export function listKabPlenoRows(db: Db, pemilihan: string) {
  const byPemilihan = 'WHERE pemilihan = ?';
  const keberatan = all<KabKeberatan>(db, 'kab_keberatan', byPemilihan, pemilihan);
  const koreksi = all<KabKoreksi>(db, 'kab_koreksi', byPemilihan, pemilihan);
  const ids = new Set(keberatan.map((k) => k.id));
  const kids = new Set(koreksi.map((k) => k.id));
  return {
    anggota: listKabAnggota(db),
    penerimaan: all<KabPenerimaan>(db, 'kab_penerimaan', byPemilihan, pemilihan),
    keberatan,
    keberatanSelesai: all<KabKeberatanSelesai>(db, 'kab_keberatan_selesai').filter((s) => ids.has(s.keberatan)),
    kejadian: all<KabKejadian>(db, 'kab_kejadian', 'WHERE pemilihan IS NULL OR pemilihan = ?', pemilihan),
    kunci: all<KabKunci>(db, 'kab_kunci', byPemilihan, pemilihan),
    koreksi,
    koreksiKeputusan: all<KabKoreksiKeputusan>(db, 'kab_koreksi_keputusan').filter((d) => kids.has(d.koreksi)),
  };
}

export type KabPlenoRows = ReturnType<typeof listKabPlenoRows>;

export function latestKabDokumenVersion(db: Db, kind: KabDokumen['kind'], pemilihan: string): number {
  const r = stmt(db, 'SELECT MAX(version) AS v FROM kab_dokumen WHERE kind = ? AND pemilihan = ?').get(
    kind,
    pemilihan,
  ) as { v: number | null };
  return r.v ?? 0;
}
