// SQL pieces the numbered migrations share. Migrations are frozen in what they produce: schema-pin.test.ts holds
// every statement they run to the byte (tests/fixtures/schema-0013.json), so each piece returns exactly the text the
// migrations once spelled out themselves, and a migration keeps its own statement order.
import type Database from 'better-sqlite3';
import type { Migration } from '../migrate';

/** Audited tables with their primary-key column, as a migration declares them (Migration.audited). */
export type AuditedTables = ReadonlyArray<readonly [table: string, pk: string]>;

// Shapes reused in CHECKs.
/** An ISO 8601 timestamp as the app writes it. */
export const ISO = (col: string) => `length(${col}) BETWEEN 10 AND 40`;
/** A SHA-256 in lowercase hex. */
export const HEX64 = (col: string) => `(length(${col}) = 64 AND ${col} NOT GLOB '*[^0-9a-f]*')`;
/** A wilayah code of exactly `n` digits. */
export const DIGITS = (col: string, n: number) => `(length(${col}) = ${n} AND ${col} NOT GLOB '*[^0-9]*')`;
export const NONEMPTY = (col: string) => `length(trim(${col})) > 0`;
/** A person's name (kab/kota tables and later). */
export const NAMA = (col: string) => `length(trim(${col})) BETWEEN 1 AND 200`;
/** A reason, basis or account in words (kab/kota tables and later). */
export const TEXT = (col: string) => `length(trim(${col})) BETWEEN 3 AND 2000`;
/** A pemilihan id where the table holds other kecamatan's data (no foreign key to pemilihan). */
export const PEMILIHAN = (col: string) => `length(${col}) BETWEEN 1 AND 32`;

/** One column definition line of a CREATE TABLE, its name padded to the table's column width. */
const column = (width: number, name: string, definition: string) => `  ${name.padEnd(width)}${definition}`;

/**
 * Who took a plenary decision, as what and when (docs/plenary-decisions.md): 'ketua' or 'delegate', and in the
 * first plenary tables also the 'operator' (0001). No comma after the last line.
 */
export function decidedColumns(width: number, as: 'ketua-delegate' | 'with-operator'): string {
  const roles = as === 'with-operator' ? `'ketua', 'delegate', 'operator'` : `'ketua', 'delegate'`;
  return [
    column(width, 'decided_by', `TEXT NOT NULL CHECK (${NONEMPTY('decided_by')}),`),
    column(width, 'decided_as', `TEXT NOT NULL CHECK (decided_as IN (${roles})),`),
    column(width, 'decided_at', `TEXT NOT NULL CHECK (${ISO('decided_at')})`),
  ].join('\n');
}

/** Who recorded a kab/kota row and when (0010 and later; column width 11). No comma after the last line. */
export const OLEH_COLUMNS = [
  column(11, 'oleh', `TEXT NOT NULL CHECK (${NAMA('oleh')}),`),
  column(11, 'created_at', `TEXT NOT NULL CHECK (${ISO('created_at')})`),
].join('\n');

/**
 * The columns of one issued version of a document, kecamatan (0002 document) or kab/kota (0010 kab_dokumen): its
 * number, final and SIMULASI flags, paper and pages, the hashes of its data and PDF, file name, signer and the
 * reason of a reissue. Column width 12, each line ending with a comma.
 */
export const DOCUMENT_VERSION_COLUMNS = `  version     INTEGER NOT NULL CHECK (version >= 1),
  final       INTEGER NOT NULL CHECK (final IN (0, 1)),
  simulasi    INTEGER NOT NULL CHECK (simulasi IN (0, 1)),
  paper       TEXT NOT NULL CHECK (paper IN ('a4', 'f4')),
  pages       INTEGER NOT NULL CHECK (pages >= 1),
  data_sha256 TEXT NOT NULL CHECK ${HEX64('data_sha256')},
  file_sha256 TEXT NOT NULL CHECK ${HEX64('file_sha256')},
  file_name   TEXT NOT NULL CHECK (file_name NOT LIKE '%/%' AND file_name NOT LIKE '%\\%' AND length(file_name) > 4),
  signer      TEXT NOT NULL,
  reason      TEXT,`;

/** The BEFORE UPDATE / BEFORE DELETE triggers that make `table` append-only for the app. */
export function appendOnlyTriggers(table: string): string {
  return `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'append-only table ${table}: UPDATE is not allowed'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'append-only table ${table}: DELETE is not allowed'); END;
`;
}

/** The statement that registers an audited table (`audit verify` checks every row of each has its audit entry). */
export function auditRegistration(db: Database.Database): Database.Statement<[string, string]> {
  return db.prepare('INSERT INTO audit_table (name, pk) VALUES (?, ?)');
}

/**
 * A migration that creates its tables with `sql`, then registers each audited table and adds its append-only
 * triggers, table by table (the order migrations 0003 to 0013 run their statements in).
 */
export function auditedMigration(version: number, name: string, audited: AuditedTables, sql: string): Migration {
  return {
    version,
    name,
    audited,
    up(db) {
      db.exec(sql);
      const register = auditRegistration(db);
      for (const [table, pk] of audited) {
        register.run(table, pk);
        db.exec(appendOnlyTriggers(table));
      }
    },
  };
}

/** A migration that adds one audited table, `table` (primary key `id`); `columns` holds its lines, each after a newline. */
export function oneTableMigration(version: number, name: string, table: string, columns: string): Migration {
  return auditedMigration(version, name, [[table, 'id']], `\nCREATE TABLE ${table} (${columns}\n) STRICT;\n`);
}
