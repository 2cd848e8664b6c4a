// What the migrations PRODUCE, captured on a fresh in-memory database: each statement every migration runs (as
// SQLite traces it: one entry per statement, whatever exec call or helper issued it; comment lines before a
// statement dropped, since SQLite stores none of them), the audited tables each declares, the final sqlite_master
// (type, name, tbl_name, sql in creation order), audit_table and user_version. Migrations are frozen in what they
// produce; tests/fixtures/schema-0013.json holds this capture from a901a26 (before their source shared helpers).
import Database from 'better-sqlite3';
import { runMigrations, userVersion, type Migration } from '../../electron/main/backend/db/migrate';

export interface MigrationCapture {
  migrations: { version: number; name: string; audited: string[][]; statements: string[] }[];
  sqliteMaster: { type: string; name: string; tbl_name: string; sql: string | null }[];
  auditTable: { name: string; pk: string }[];
  userVersion: number;
}

/** Drops leading blank and `--` comment lines: SQLite's trace reports a statement with the comments before it. */
function statementText(traced: string): string {
  const lines = traced.split('\n');
  while (lines.length > 0 && (lines[0]!.trim() === '' || lines[0]!.trimStart().startsWith('--'))) lines.shift();
  return lines.join('\n');
}

export function captureMigrations(list: readonly Migration[]): MigrationCapture {
  let trace: string[] = [];
  const db = new Database(':memory:', { verbose: (s: unknown) => trace.push(statementText(String(s))) });
  try {
    const steps: MigrationCapture['migrations'] = [];
    for (let i = 0; i < list.length; i += 1) {
      const m = list[i]!;
      trace = [];
      runMigrations(db, list.slice(0, i + 1));
      // The runner's own reads of user_version are not the migration's output.
      const statements = trace.filter((s) => s !== 'PRAGMA user_version');
      steps.push({ version: m.version, name: m.name, audited: m.audited.map((x) => [...x]), statements });
    }
    trace = [];
    return {
      migrations: steps,
      sqliteMaster: db
        .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid')
        .all() as MigrationCapture['sqliteMaster'],
      auditTable: db.prepare('SELECT name, pk FROM audit_table ORDER BY rowid').all() as MigrationCapture['auditTable'],
      userVersion: userVersion(db),
    };
  } finally {
    db.close();
  }
}
