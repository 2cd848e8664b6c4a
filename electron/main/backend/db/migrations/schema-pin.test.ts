// Migrations are frozen in what they produce: the schema and the rows an upgrade leaves must stay byte for byte the
// same while their source shares helpers (sql-parts.ts). tests/fixtures/schema-0013.json was captured by
// tests/support/migration-capture.ts from the migrations as released at a901a26, before any of them was refactored:
// every statement each migration runs (as SQLite traced it), the final sqlite_master, audit_table and user_version.
// A later migration (0014 on) is not part of the pin: the released ones are compared on their own.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureMigrations, type MigrationCapture } from '../../../../../tests/support/migration-capture';
import { openDatabase } from '../open';
import { migrations } from './index';

const FIXTURE = join(__dirname, '../../../../../tests/fixtures/schema-0013.json');
const pinned = JSON.parse(readFileSync(FIXTURE, 'utf8')) as MigrationCapture;
/** The released migrations the fixture pins (0001–0013). */
const released = migrations.filter((m) => m.version <= pinned.userVersion);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-schema-pin-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('what the migrations produce (pinned at a901a26)', () => {
  const now = captureMigrations(released);

  it('the same migrations, in order, declaring the same audited tables', () => {
    expect(now.migrations.map((m) => [m.version, m.name, m.audited])).toEqual(
      pinned.migrations.map((m) => [m.version, m.name, m.audited]),
    );
  });

  it('each migration runs the same statements, to the byte', () => {
    for (const [i, m] of now.migrations.entries()) {
      expect(m.statements, `${m.version}-${m.name}`).toEqual(pinned.migrations[i]!.statements);
    }
  });

  it('the same sqlite_master, audit_table and user_version', () => {
    expect(now.sqliteMaster).toEqual(pinned.sqliteMaster);
    expect(now.auditTable).toEqual(pinned.auditTable);
    expect(now.userVersion).toBe(pinned.userVersion);
  });

  it('the pin is whole: every schema object was created by a pinned statement', () => {
    const created = pinned.migrations.flatMap((m) => m.statements.filter((s) => /^CREATE /.test(s)));
    const objects = pinned.sqliteMaster.filter((o) => o.sql !== null).map((o) => o.sql);
    expect(objects.length).toBeGreaterThan(200);
    expect(created.map((s) => s.replace(/;$/, ''))).toEqual(objects);
  });

  it('a database file opened by the app has the pinned schema', () => {
    const opened = openDatabase(join(dir, 'fresh.db'), { migrations: released, backupDir: join(dir, 'backups') });
    try {
      const master = opened.db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid').all();
      expect(master).toEqual(pinned.sqliteMaster);
      expect(opened.toVersion).toBe(pinned.userVersion);
    } finally {
      opened.close();
    }
  });
});
