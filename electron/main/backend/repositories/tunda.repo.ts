// TPS put on hold for PSU/PSS/PSL (tps_tunda) and saksi refusals to sign (saksi_penolakan): migration 0009.
// Append-only; every row with its audit entry (insertFields). Exports: insertTunda, listTunda, lastSubmissionId,
// insertPenolakan, listPenolakan.
import type { Db } from '../context';
import type { PemilihanId } from '../../../../shared/domain/model';
import { auditedTable, DECIDED, type Decided, hasTable, RECORDED, type Recorded, type Stored, whereOf } from './rows';
import { stmt } from './statements';

import type { JenisTunda } from '../../../../shared/contracts/psu.contract';

export type { JenisTunda };

export interface NewTunda extends Decided {
  tps: string;
  pemilihan: PemilihanId;
  jenis: JenisTunda;
  dasar: string;
  alasan: string;
  /** The last submission id of the TPS at the hold (0 when none): only later submissions are its new result. */
  sebelumKiriman: number;
}
export type Tunda = Stored<NewTunda>;

/** False on a database built at a schema before 0009 (the upgrade test works on such files through the handlers). */
const hasTunda = (db: Db): boolean => hasTable(db, 'tps_tunda');

const tunda = auditedTable<NewTunda>('tps_tunda', 'tps_tunda.create', DECIDED, hasTunda);
export const insertTunda = tunda.insert;

/** Holds of one pemilihan (of one desa's TPS with `desa`), oldest first. */
export function listTunda(db: Db, f: { pemilihan: PemilihanId; desa?: string }): Tunda[] {
  return tunda.list(
    db,
    whereOf([
      ['pemilihan = ?', f.pemilihan],
      ['substr(tps, 1, 10) = ?', f.desa],
    ]),
  );
}

export function lastSubmissionId(db: Db, tps: string, pemilihan: PemilihanId): number {
  const r = stmt(db, 'SELECT max(id) AS id FROM submission WHERE tps = ? AND pemilihan = ?').get(tps, pemilihan) as {
    id: number | null;
  };
  return r.id ?? 0;
}

export interface NewPenolakan extends Recorded {
  pemilihan: PemilihanId;
  paslon: number;
  nama: string;
  alasan: string;
}
export type Penolakan = Stored<NewPenolakan>;

const penolakan = auditedTable<NewPenolakan>('saksi_penolakan', 'saksi_penolakan.create', RECORDED, hasTunda);
export const insertPenolakan = penolakan.insert;

export function listPenolakan(db: Db, pemilihan: PemilihanId): Penolakan[] {
  return penolakan.list(db, whereOf([['pemilihan = ?', pemilihan]]));
}
