// TPS put on hold for PSU/PSS/PSL (tps_tunda) and saksi refusals to sign (saksi_penolakan): migration 0009.
// Append-only; every row with its audit entry (insertFields). Exports: insertTunda, listTunda, lastSubmissionId,
// insertPenolakan, listPenolakan.
import type { Db } from '../context';
import type { PemilihanId } from '../../../../shared/domain/model';
import { insertFields, rowsOf } from './rows';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

import type { JenisTunda } from '../../../../shared/contracts/psu.contract';

export type { JenisTunda };

export interface NewTunda {
  tps: string;
  pemilihan: PemilihanId;
  jenis: JenisTunda;
  dasar: string;
  alasan: string;
  /** The last submission id of the TPS at the hold (0 when none): only later submissions are its new result. */
  sebelumKiriman: number;
  decidedBy: string;
  decidedAs: 'ketua' | 'delegate';
  decidedAt: string;
}
export interface Tunda extends NewTunda {
  id: number;
}

export function insertTunda(db: WritableDb, t: NewTunda): Tunda {
  const id = insertFields(db, 'tps_tunda', t, { actor: t.decidedBy, action: 'tps_tunda.create', at: t.decidedAt });
  return { id, ...t };
}

/** False on a database built at a schema before 0009 (the upgrade test works on such files through the handlers). */
function hasTunda(db: Db): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tps_tunda'").get() !== undefined;
}

/** Holds of one pemilihan (of one desa's TPS with `desa`), oldest first. */
export function listTunda(db: Db, f: { pemilihan: PemilihanId; desa?: string }): Tunda[] {
  if (!hasTunda(db)) return [];
  const rows =
    f.desa === undefined
      ? stmt(db, 'SELECT * FROM tps_tunda WHERE pemilihan = ? ORDER BY id').all(f.pemilihan)
      : stmt(db, 'SELECT * FROM tps_tunda WHERE pemilihan = ? AND substr(tps, 1, 10) = ? ORDER BY id').all(
          f.pemilihan,
          f.desa,
        );
  return rowsOf<Tunda>(rows);
}

export function lastSubmissionId(db: Db, tps: string, pemilihan: PemilihanId): number {
  const r = stmt(db, 'SELECT max(id) AS id FROM submission WHERE tps = ? AND pemilihan = ?').get(tps, pemilihan) as {
    id: number | null;
  };
  return r.id ?? 0;
}

export interface NewPenolakan {
  pemilihan: PemilihanId;
  paslon: number;
  nama: string;
  alasan: string;
  recordedBy: string;
  recordedAt: string;
}
export interface Penolakan extends NewPenolakan {
  id: number;
}

export function insertPenolakan(db: WritableDb, p: NewPenolakan): Penolakan {
  const id = insertFields(db, 'saksi_penolakan', p, {
    actor: p.recordedBy,
    action: 'saksi_penolakan.create',
    at: p.recordedAt,
  });
  return { id, ...p };
}

export function listPenolakan(db: Db, pemilihan: PemilihanId): Penolakan[] {
  if (!hasTunda(db)) return [];
  return rowsOf<Penolakan>(stmt(db, 'SELECT * FROM saksi_penolakan WHERE pemilihan = ? ORDER BY id').all(pemilihan));
}
