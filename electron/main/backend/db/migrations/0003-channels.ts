// Migration 0003: tables of the import channels — LAN contacts (who tried to send what, including unknown devices)
// and manual double entry (each operator's entry, and the agreed result that became a record).
// Append-only and audited like the core tables (registered in audit_table, UPDATE/DELETE triggers abort).
import { auditedMigration, ISO, HEX64, NONEMPTY, type AuditedTables } from './sql-parts';

export const CHANNEL_AUDITED_TABLES: AuditedTables = [
  ['lan_contact', 'id'],
  ['manual_entry', 'id'],
  ['manual_result', 'id'],
];

const SQL = `
-- One row per POST to the LAN receiver that got an answer other than 429 (rate-limited requests are counted in
-- memory only, so a flood cannot fill the database). key_id NULL when the body named no device.
-- registered: 1 when key_id is a device registered in the data master (or by PPK decision).
CREATE TABLE lan_contact (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL CHECK (${ISO('at')}),
  key_id      TEXT CHECK (key_id IS NULL OR length(key_id) BETWEEN 1 AND 128),
  registered  INTEGER NOT NULL CHECK (registered IN (0, 1)),
  remote      TEXT NOT NULL,
  endpoint    TEXT NOT NULL CHECK (endpoint IN ('c-hasil', 'bundle')),
  http_status INTEGER NOT NULL CHECK (http_status BETWEEN 100 AND 599),
  outcome     TEXT NOT NULL CHECK (outcome IN ('diterima', 'duplikat', 'konflik', 'ditolak')),
  tps         TEXT,
  pemilihan   TEXT,
  sha256      TEXT CHECK (sha256 IS NULL OR ${HEX64('sha256')}),
  records     INTEGER NOT NULL CHECK (records >= 0),
  size        INTEGER NOT NULL CHECK (size >= 0),
  reason      TEXT
) STRICT;
CREATE INDEX lan_contact_key ON lan_contact (key_id, id);

-- Manual double entry: each operator types the C.Hasil from paper into slot 1 or 2. A re-typed entry is a new row;
-- the latest row of each slot after the last agreed result is the one compared. counts_json = JCS of CHasilCounts.
CREATE TABLE manual_entry (
  id          INTEGER PRIMARY KEY,
  tps         TEXT NOT NULL REFERENCES tps (kode),
  pemilihan   TEXT NOT NULL REFERENCES pemilihan (id),
  slot        INTEGER NOT NULL CHECK (slot IN (1, 2)),
  operator    TEXT NOT NULL CHECK (${NONEMPTY('operator')}),
  counts_json TEXT NOT NULL,
  entered_at  TEXT NOT NULL CHECK (${ISO('entered_at')})
) STRICT;
CREATE INDEX manual_entry_key ON manual_entry (pemilihan, tps, id);

-- Both entries agreed: the record built from them (signed with the PPK key) and what the import service said.
CREATE TABLE manual_result (
  id          INTEGER PRIMARY KEY,
  tps         TEXT NOT NULL REFERENCES tps (kode),
  pemilihan   TEXT NOT NULL REFERENCES pemilihan (id),
  entry1_id   INTEGER NOT NULL REFERENCES manual_entry (id),
  entry2_id   INTEGER NOT NULL REFERENCES manual_entry (id),
  operator1   TEXT NOT NULL CHECK (${NONEMPTY('operator1')}),
  operator2   TEXT NOT NULL CHECK (${NONEMPTY('operator2')}),
  sha256      TEXT NOT NULL CHECK (${HEX64('sha256')}),
  outcome     TEXT NOT NULL CHECK (outcome IN ('diterima', 'duplikat', 'konflik', 'ditolak')),
  reason      TEXT,
  created_at  TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;
CREATE INDEX manual_result_key ON manual_result (pemilihan, tps, id);
`;

export const migration = auditedMigration(3, 'channels', CHANNEL_AUDITED_TABLES, SQL);
