// Pushes refused for their content (migration 0006-penerima-ditolak): what the kab/kota dashboard shows as "ditolak".
import type { Db } from '../context';
import type { WritableDb } from '../db/command';
import { camelRow, insertAudited } from './audit.repo';
import { stmt } from './statements';

export interface DitolakRow {
  id: number;
  manifest: string;
  kecamatan: string;
  pemilihan: string;
  urutan: number;
  jalur: 'online' | 'berkas';
  masalah: string[];
  createdAt: string;
}

const parse = (r: Record<string, unknown>): DitolakRow => {
  const row = camelRow<DitolakRow & { masalah: string }>(r);
  return { ...row, masalah: JSON.parse(row.masalah as unknown as string) as string[] };
};

/** Records a refusal, unless the same manifest was already refused with the same problems (a sender retries). */
export function insertDitolak(db: WritableDb, r: Omit<DitolakRow, 'id'>): void {
  const masalah = JSON.stringify(r.masalah);
  const seen = stmt(db, 'SELECT 1 FROM penerima_ditolak WHERE manifest = ? AND masalah = ?').get(r.manifest, masalah);
  if (seen) return;
  insertAudited(
    db,
    'penerima_ditolak',
    {
      manifest: r.manifest,
      kecamatan: r.kecamatan,
      pemilihan: r.pemilihan,
      urutan: r.urutan,
      jalur: r.jalur,
      masalah,
      created_at: r.createdAt,
    },
    { actor: 'penerima', action: 'penerima.ditolak', at: r.createdAt },
  );
}

/** The newest refusal of each kecamatan and pemilihan. */
export function latestDitolakAll(db: Db): DitolakRow[] {
  return (
    stmt(
      db,
      `SELECT d.* FROM penerima_ditolak d
       WHERE d.id = (SELECT MAX(d2.id) FROM penerima_ditolak d2
                     WHERE d2.kecamatan = d.kecamatan AND d2.pemilihan = d.pemilihan)
       ORDER BY d.kecamatan, d.pemilihan`,
    ).all() as Record<string, unknown>[]
  ).map(parse);
}

export function listDitolak(db: Db, kecamatan: string): DitolakRow[] {
  return (
    stmt(db, 'SELECT * FROM penerima_ditolak WHERE kecamatan = ? ORDER BY id DESC').all(kecamatan) as Record<
      string,
      unknown
    >[]
  ).map(parse);
}
