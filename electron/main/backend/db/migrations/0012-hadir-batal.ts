// Migration 0012: withdrawing a mistaken attendance entry of a sidang (docs/plenary-decisions.md). The entry in
// sidang_hadir stays; a row here, with the reason and who withdrew it, takes it out of the sidang's list and of the
// D.Hasil signature page. At most one per entry; append-only and audited.
import { ISO, NAMA, oneTableMigration, TEXT } from './sql-parts';

const COLUMNS = `
  id       INTEGER PRIMARY KEY,
  hadir_id INTEGER NOT NULL UNIQUE REFERENCES sidang_hadir (id),
  reason   TEXT NOT NULL CHECK (${TEXT('reason')}),
  by       TEXT NOT NULL CHECK (${NAMA('by')}),
  at       TEXT NOT NULL CHECK (${ISO('at')})`;

export const migration = oneTableMigration(12, 'hadir-batal', 'sidang_hadir_batal', COLUMNS);
