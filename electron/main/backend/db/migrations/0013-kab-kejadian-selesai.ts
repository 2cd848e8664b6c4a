// Migration 0013: a kejadian khusus of the kab/kota plenary declared settled, with how (docs/receiver-plenary.md),
// as the kecamatan level does with kejadian_selesai (0007): the note is printed as its penyelesaian on the
// D.Kejadian Khusus Kabupaten/Kota. At most one per kejadian; append-only and audited.
import { auditedMigration, type AuditedTables } from './sql-parts';

const AUDITED: AuditedTables = [['kab_kejadian_selesai', 'id']];

const SQL = `
CREATE TABLE kab_kejadian_selesai (
  id         INTEGER PRIMARY KEY,
  kejadian   INTEGER NOT NULL UNIQUE REFERENCES kab_kejadian (id),
  catatan    TEXT NOT NULL CHECK (length(trim(catatan)) BETWEEN 3 AND 2000),
  oleh       TEXT NOT NULL CHECK (length(trim(oleh)) BETWEEN 1 AND 200),
  created_at TEXT NOT NULL CHECK (length(created_at) BETWEEN 10 AND 40)
) STRICT;
`;

export const migration = auditedMigration(13, 'kab-kejadian-selesai', AUDITED, SQL);
