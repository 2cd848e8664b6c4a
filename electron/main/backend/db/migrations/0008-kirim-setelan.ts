// Migration 0008 (kirim-setelan): the PPK's choice whether photos go over the current (possibly mobile, metered)
// connection (docs/kirim.md). Append-only and audited: each change is a new row; the newest is in force, none means
// "not allowed" (numbers and PDFs still go).
import { auditedMigration, type AuditedTables } from './sql-parts';

export const KIRIM_SETELAN_AUDITED_TABLES: AuditedTables = [['kirim_setelan', 'id']];

const SQL = `
CREATE TABLE kirim_setelan (
  id            INTEGER PRIMARY KEY,
  foto_seluler  INTEGER NOT NULL CHECK (foto_seluler IN (0, 1)),
  changed_at    TEXT NOT NULL CHECK (length(changed_at) BETWEEN 10 AND 40),
  changed_by    TEXT NOT NULL CHECK (length(trim(changed_by)) > 0)
) STRICT;
`;

export const migration = auditedMigration(8, 'kirim-setelan', KIRIM_SETELAN_AUDITED_TABLES, SQL);
