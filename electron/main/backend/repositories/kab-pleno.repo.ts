// The kab/kota plenary's tables (migration 0010-kabkota-pleno): members, acceptances, keberatan, kejadian, locks,
// corrections and issued documents. Insert (audited, inside the caller's command) and list functions only; the
// current state is derived by shared/domain/kab-pleno.ts. Lists are in insertion (id) order.
import type { DocumentItem } from '../../../../shared/contracts/documents.contract';
import type { KabKejadianView } from '../../../../shared/contracts/kabpleno.contract';
import type { KabRowsIn } from '../../../../shared/domain/kab-pleno';
import type { Db } from '../context';
import { auditedTable, type ColumnValues, hasTable, type Who, whereOf } from './rows';
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
export const hasKabPlenoTables = (db: Db): boolean => hasTable(db, 'kab_anggota');

/** Most kab/kota decisions name who recorded them as `oleh`, at `createdAt`. */
const OLEH = { actor: 'oleh', at: 'createdAt' } as const;
const kab = <R extends ColumnValues<R>>(table: string, action: string, who: Who<R>) =>
  auditedTable<R>(table, action, who, hasKabPlenoTables);

const anggota = kab<New<KabAnggota>>('kab_anggota', 'kab.anggota', { actor: 'actor', at: 'createdAt' });
const penerimaan = kab<New<KabPenerimaan>>('kab_penerimaan', 'kab.penerimaan', OLEH);
const keberatan = kab<New<KabKeberatan>>('kab_keberatan', 'kab.keberatan', OLEH);
const keberatanSelesai = kab<New<KabKeberatanSelesai>>('kab_keberatan_selesai', 'kab.keberatan.selesai', OLEH);
const kejadian = kab<New<KabKejadian>>('kab_kejadian', 'kab.kejadian', OLEH);
const kejadianSelesai = kab<New<KabKejadianSelesai>>('kab_kejadian_selesai', 'kab.kejadian.selesai', OLEH);
const kunci = kab<New<KabKunci>>('kab_kunci', 'kab.kunci', OLEH);
const koreksi = kab<New<KabKoreksi>>('kab_koreksi', 'kab.koreksi', OLEH);
const koreksiKeputusan = kab<New<KabKoreksiKeputusan>>('kab_koreksi_keputusan', 'kab.koreksi.keputusan', OLEH);
const dokumen = kab<New<KabDokumen>>('kab_dokumen', 'kab.dokumen', { actor: 'issuedBy', at: 'issuedAt' });

export const insertKabAnggota = anggota.insert;
export const insertKabPenerimaan = penerimaan.insert;
export const insertKabKeberatan = keberatan.insert;
export const insertKabKeberatanSelesai = keberatanSelesai.insert;
export const insertKabKejadian = kejadian.insert;
export const insertKabKejadianSelesai = kejadianSelesai.insert;
export const insertKabKunci = kunci.insert;
export const insertKabKoreksi = koreksi.insert;
export const insertKabKoreksiKeputusan = koreksiKeputusan.insert;
export const insertKabDokumen = dokumen.insert;

export const listKabAnggota = (db: Db): KabAnggota[] => anggota.list(db);
export const listKabKejadian = (db: Db): KabKejadian[] => kejadian.list(db);
export const listKabKejadianSelesai = (db: Db): KabKejadianSelesai[] => kejadianSelesai.list(db);
export const listKabDokumen = (db: Db): KabDokumen[] => dokumen.list(db);

/** Every decision row of one pemilihan (kejadian for all pemilihan included), for the read model. */
export function listKabPlenoRows(db: Db, pemilihan: string) {
  const byPemilihan = whereOf([['pemilihan = ?', pemilihan]]);
  const keberatanRows: KabKeberatan[] = keberatan.list(db, byPemilihan);
  const koreksiRows: KabKoreksi[] = koreksi.list(db, byPemilihan);
  const ids = new Set(keberatanRows.map((k) => k.id));
  const kids = new Set(koreksiRows.map((k) => k.id));
  return {
    anggota: listKabAnggota(db),
    penerimaan: penerimaan.list(db, byPemilihan),
    keberatan: keberatanRows,
    keberatanSelesai: keberatanSelesai.list(db).filter((s) => ids.has(s.keberatan)),
    kejadian: kejadian.list(db, { sql: 'WHERE pemilihan IS NULL OR pemilihan = ?', args: [pemilihan] }),
    kunci: kunci.list(db, byPemilihan),
    koreksi: koreksiRows,
    koreksiKeputusan: koreksiKeputusan.list(db).filter((d) => kids.has(d.koreksi)),
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
