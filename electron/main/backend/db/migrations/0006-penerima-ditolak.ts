// Migration 0006: pushes the receiver refused for their content (docs/design.md §4.3, 422 `masalah`), so that the
// kab/kota dashboard shows a kecamatan as "ditolak" with its problems in words. Only manifests whose key and chain
// were accepted are recorded (their kecamatan and urutan are known); the push itself is not stored by this table.
import { auditedMigration, type AuditedTables } from './sql-parts';

const AUDITED: AuditedTables = [['penerima_ditolak', 'id']];

const SQL = `
CREATE TABLE penerima_ditolak (
  id         INTEGER PRIMARY KEY,
  manifest   TEXT NOT NULL CHECK (length(manifest) = 64 AND manifest NOT GLOB '*[^0-9a-f]*'),
  kecamatan  TEXT NOT NULL REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT NOT NULL CHECK (length(pemilihan) BETWEEN 1 AND 32),
  urutan     INTEGER NOT NULL CHECK (urutan >= 1),
  jalur      TEXT NOT NULL CHECK (jalur IN ('online', 'berkas')),
  masalah    TEXT NOT NULL CHECK (json_valid(masalah) AND json_type(masalah) = 'array'),
  created_at TEXT NOT NULL CHECK (length(created_at) BETWEEN 10 AND 40)
) STRICT;
CREATE INDEX penerima_ditolak_kecamatan ON penerima_ditolak (kecamatan, pemilihan, id);
`;

export const migration = auditedMigration(6, 'penerima-ditolak', AUDITED, SQL);
