// Migration 0012: withdrawing a mistaken attendance entry of a sidang (docs/plenary-decisions.md). The entry in
// sidang_hadir stays; a row here, with the reason and who withdrew it, takes it out of the sidang's list and of the
// D.Hasil signature page. At most one per entry; append-only and audited.
import { auditedMigration, type AuditedTables } from './sql-parts';

const AUDITED: AuditedTables = [['sidang_hadir_batal', 'id']];

const SQL = `
CREATE TABLE sidang_hadir_batal (
  id       INTEGER PRIMARY KEY,
  hadir_id INTEGER NOT NULL UNIQUE REFERENCES sidang_hadir (id),
  reason   TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 3 AND 2000),
  by       TEXT NOT NULL CHECK (length(trim(by)) BETWEEN 1 AND 200),
  at       TEXT NOT NULL CHECK (length(at) BETWEEN 10 AND 40)
) STRICT;
`;

export const migration = auditedMigration(12, 'hadir-batal', AUDITED, SQL);
