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
