// The database open rules and the migration runner, on real SQLite files in a temp dir.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { DbOpenError, openDatabase, type OpenedDatabase } from './open';
import { checkMigrationList, PLENO_APPLICATION_ID, type Migration } from './migrate';
import { migrations as realMigrations } from './migrations/index';

/** A migration that creates one table with `sql`. */
const tableMigration = (version: number, name: string, sql: string): Migration => ({
  version,
  name,
  audited: [],
  up: (db) => db.exec(sql),
});
const m1 = tableMigration(1, 'one', 'CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
const m2 = tableMigration(
  2,
  'two',
  'CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES a(id)) STRICT',
);
/** Version 3 after a reserved (skipped) number 2. */
const m3 = tableMigration(3, 'three', 'CREATE TABLE c (id INTEGER PRIMARY KEY) STRICT');
const m3bad: Migration = {
  version: 3,
  name: 'bad',
  audited: [],
  up: (db) => {
    db.exec('CREATE TABLE c (id INTEGER PRIMARY KEY) STRICT');
    throw new Error('boom in migration 3');
  },
};

let dir: string;
const opened: OpenedDatabase[] = [];
const open = (path: string, migrations: Migration[]) => {
  const o = openDatabase(path, {
    migrations,
    backupDir: join(dir, 'backups'),
    clock: () => new Date('2024-11-28T01:02:03Z'),
  });
  opened.push(o);
  return o;
};
function refusal(fn: () => unknown): DbOpenError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DbOpenError);
    return err as DbOpenError;
  }
  throw new Error('expected a DbOpenError');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-db-'));
});
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates a fresh database at the latest version with WAL, FULL sync, foreign keys and the Pleno application id', () => {
    const o = open(join(dir, 'sub', 'k.db'), [m1, m2]);
    expect(o.fromVersion).toBe(0);
    expect(o.toVersion).toBe(2);
    expect(o.backupPath).toBeNull();
    expect(o.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(o.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(o.db.pragma('application_id', { simple: true })).toBe(PLENO_APPLICATION_ID);
    expect(() => o.db.prepare('INSERT INTO b (a_id) VALUES (42)').run()).toThrow(/FOREIGN KEY/);
    expect(existsSync(o.lockPath!)).toBe(true);
    o.close();
    expect(existsSync(o.lockPath!)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('backups'))).toEqual([]);
  });

  it('upgrades an older database after writing a backup copy that still holds the old version and data', () => {
    const path = join(dir, 'k.db');
    const first = open(path, [m1]);
    first.db.prepare("INSERT INTO a (v) VALUES ('suara')").run();
    first.close();

    const second = open(path, [m1, m2]);
    expect(second.fromVersion).toBe(1);
    expect(second.toVersion).toBe(2);
    expect(second.backupPath).not.toBeNull();
    expect(second.backupPath!.startsWith(join(dir, 'backups'))).toBe(true);
    expect(second.backupPath).toMatch(/k-v1-20241128T010203Z\.db$/);
    const copy = new Database(second.backupPath!, { readonly: true });
    try {
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.prepare('SELECT v FROM a').all()).toEqual([{ v: 'suara' }]);
      expect(copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    } finally {
      copy.close();
    }
    expect(second.db.prepare('SELECT v FROM a').all()).toEqual([{ v: 'suara' }]);
  });

  it('opens a database already at the latest version without a backup', () => {
    const path = join(dir, 'k.db');
    open(path, [m1]).close();
    const again = open(path, [m1]);
    expect(again.backupPath).toBeNull();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('rolls back a failing migration, staying at the last applied version', () => {
    const path = join(dir, 'k.db');
    open(path, [m1, m2]).close();
    const err = refusal(() => open(path, [m1, m2, m3bad]));
    expect(err.kind).toBe('migration');
    expect(err.message).toMatch(/boom in migration 3/);
    const check = new Database(path, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(2);
      expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'c'").get()).toEqual({ n: 0 });
    } finally {
      check.close();
    }
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses a database from a newer version and leaves the file byte-identical', () => {
    const path = join(dir, 'k.db');
    open(path, [m1, m2]).close();
    const before = readFileSync(path);
    const err = refusal(() => open(path, [m1]));
    expect(err.kind).toBe('newer-version');
    expect(err.messageId).toBe('db.newer-version');
    expect(err.message).toMatch(/versi Pleno yang lebih baru/);
    expect(err.english).toMatch(/newer Pleno/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses a file that is not SQLite and leaves it byte-identical', () => {
    const path = join(dir, 'k.db');
    const content = Buffer.from('{"format":"pleno.master/1"} this is not a database '.repeat(20));
    writeFileSync(path, content);
    const err = refusal(() => open(path, [m1]));
    expect(err.kind).toBe('not-sqlite');
    expect(err.message).toMatch(/bukan basis data/);
    expect(readFileSync(path).equals(content)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['k.db']);
  });

  it('refuses a damaged file with a valid SQLite header and leaves it byte-identical', () => {
    const path = join(dir, 'k.db');
    const content = Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 0xab)]);
    writeFileSync(path, content);
    const err = refusal(() => open(path, [m1]));
    expect(['not-sqlite', 'io']).toContain(err.kind);
    expect(readFileSync(path).equals(content)).toBe(true);
  });

  it('refuses an SQLite database that is not a Pleno database and leaves it byte-identical', () => {
    const path = join(dir, 'other.db');
    const foreign = new Database(path);
    foreign.exec('CREATE TABLE contacts (name TEXT)');
    foreign.close();
    const before = readFileSync(path);
    const err = refusal(() => open(path, [m1]));
    expect(err.kind).toBe('not-pleno');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a second open while the first holds the lock, and allows it after close', () => {
    const path = join(dir, 'k.db');
    const first = open(path, [m1]);
    const err = refusal(() => open(path, [m1]));
    expect(err.kind).toBe('locked');
    expect(err.message).toMatch(/sedang dibuka oleh Pleno lain/);
    expect(err.message).toContain(`${path}.lock`);
    // The refused open must not have released the holder's lock.
    expect(existsSync(`${path}.lock`)).toBe(true);
    first.close();
    const second = open(path, [m1]);
    expect(second.toVersion).toBe(1);
  });

  it('takes over a stale lock left by a dead process', async () => {
    const path = join(dir, 'k.db');
    open(path, [m1]).close();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((res) => child.on('exit', () => res(child.pid!)));
    const { hostname } = await import('node:os');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: deadPid, host: hostname(), nonce: 'x', since: '2024-01-01' }));
    const o = open(path, [m1]);
    expect(JSON.parse(readFileSync(o.lockPath!, 'utf8')).pid).toBe(process.pid);
  });

  it('does not block the sqlite3 CLI from reading while open, nor after close', () => {
    const path = join(dir, 'k.db');
    const o = open(path, [m1]);
    o.db.prepare("INSERT INTO a (v) VALUES ('x')").run();
    expect(execFileSync('sqlite3', [path, 'SELECT count(*) FROM a']).toString().trim()).toBe('1');
    o.close();
    expect(execFileSync('sqlite3', [path, 'PRAGMA user_version']).toString().trim()).toBe('1');
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('checks that migration versions strictly increase (gaps allowed; the real list too)', () => {
    expect(() => checkMigrationList([m1, m1])).toThrow(/out of order/);
    expect(() => checkMigrationList([m2, m1])).toThrow(/out of order/);
    expect(() => checkMigrationList([{ ...m1, version: 0 }])).toThrow(/out of order/);
    expect(() => checkMigrationList([m1, m3bad])).not.toThrow();
    expect(() => checkMigrationList(realMigrations)).not.toThrow();
    expect(realMigrations[0]?.version).toBe(1);
  });

  it('skips a reserved number: 1 then 3, user_version 3', () => {
    const path = join(dir, 'k.db');
    open(path, [m1]).close();
    const o = open(path, [m1, m3]);
    expect(o.fromVersion).toBe(1);
    expect(o.toVersion).toBe(3);
    expect(o.backupPath).not.toBeNull();
  });

  it('refuses a database at a version this build does not list, file byte-identical', () => {
    const path = join(dir, 'k.db');
    open(path, [m1, m2]).close();
    const before = readFileSync(path);
    const err = refusal(() => open(path, [m1, m3]));
    expect(err.kind).toBe('migration');
    expect(err.message).toMatch(/skema 2 yang tidak dikenal/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('opens the real migration list on a fresh file and again without changes', () => {
    const path = join(dir, 'real.db');
    const first = open(path, [...realMigrations]);
    expect(first.toVersion).toBe(realMigrations.at(-1)!.version);
    first.close();
    const again = open(path, [...realMigrations]);
    expect(again.backupPath).toBeNull();
    expect(again.fromVersion).toBe(again.toVersion);
  });
});
