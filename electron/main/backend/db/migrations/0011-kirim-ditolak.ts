// Migration 0011 (kirim-ditolak): pushes the receiver refused for their content (docs/design.md §4.3, a 422 with
// `masalah`), so the Kirim screen still shows "Ditolak" with the receiver's problems in words after the app restarts
// (docs/kirim.md). A refusal is a fact the receiver told; a later receipt of the same manifest supersedes it.
// Append-only and audited; a refusal is stored again only when its problems differ from the last one stored.
import { auditedMigration, type AuditedTables } from './sql-parts';

const AUDITED: AuditedTables = [['kirim_ditolak', 'id']];

const SQL = `
CREATE TABLE kirim_ditolak (
  id              INTEGER PRIMARY KEY,
  manifest_sha256 TEXT NOT NULL REFERENCES kirim_manifest (sha256),
  masalah         TEXT NOT NULL CHECK (json_valid(masalah) AND json_type(masalah) = 'array'),
  ditolak_at      TEXT NOT NULL CHECK (length(ditolak_at) BETWEEN 10 AND 40)
) STRICT;
CREATE INDEX kirim_ditolak_manifest ON kirim_ditolak (manifest_sha256, id);
`;

export const migration = auditedMigration(11, 'kirim-ditolak', AUDITED, SQL);
