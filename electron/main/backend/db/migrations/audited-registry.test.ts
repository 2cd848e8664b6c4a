// The audited-table registry: each migration declares the tables it audits, its up() registers exactly those, every
// table of the schema (but the audit chain itself) is one of them, and `audit verify` requires all of them — a table
// of a later migration (lan_contact) dropped from audit_table outside the app is reported like a core one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AUDITED_TABLES, migrations } from './index';
import { runMigrations } from '../migrate';
import { openBackend, type Backend } from '../../backend';
import { verifyAudit } from '../../repositories/audit.repo';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-audited-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const registered = (db: Database.Database) =>
  (db.prepare('SELECT name, pk FROM audit_table ORDER BY rowid').all() as { name: string; pk: string }[]).map((r) => [
    r.name,
    r.pk,
  ]);

describe('audited tables of every migration', () => {
  it('each migration registers exactly the tables it declares', () => {
    const db = new Database(join(dir, 'steps.db'));
    try {
      let before: string[][] = [];
      for (let i = 0; i < migrations.length; i += 1) {
        runMigrations(db, migrations.slice(0, i + 1));
        const after = registered(db);
        expect(after.slice(before.length), migrations[i]!.name).toEqual(migrations[i]!.audited.map((x) => [...x]));
        before = after;
      }
      expect(AUDITED_TABLES).toEqual(before.map(([name]) => name));
    } finally {
      db.close();
    }
  });

  it('every table of the schema but the chain itself is audited', () => {
    const db = new Database(join(dir, 'schema.db'));
    try {
      runMigrations(db, migrations);
      const tables = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
          name: string;
        }[]
      ).map((t) => t.name);
      expect(tables.filter((t) => !AUDITED_TABLES.includes(t)).sort()).toEqual(['audit', 'audit_table']);
    } finally {
      db.close();
    }
  });

  it('audit verify reports a later migration’s table removed from audit_table', async () => {
    const dbPath = join(dir, 'tampered.db');
    const b: Backend = await openBackend({ dbPath, mode: 'web' });
    expect(verifyAudit(b.ctx.db, { requiredTables: AUDITED_TABLES }).ok).toBe(true);
    await b.close();
    // What a tamperer would do with the sqlite3 tool.
    const raw = new Database(dbPath);
    raw.exec("DROP TRIGGER audit_table_no_delete; DELETE FROM audit_table WHERE name = 'lan_contact';");
    raw.close();
    const again = await openBackend({ dbPath, mode: 'web' });
    try {
      const r = verifyAudit(again.ctx.db, { requiredTables: AUDITED_TABLES });
      expect(r.ok).toBe(false);
      expect(r.problems.map((p) => [p.kind, p.entity])).toContainEqual(['registry', 'lan_contact']);
      expect(r.problems.find((p) => p.entity === 'lan_contact')!.message).toMatch(/lan_contact hilang/);
    } finally {
      await again.close();
    }
  });
});
