// Known failures of the storage (issue 14): SQLite's READONLY, FULL, CORRUPT and IOERR leave the command unit as a
// StorageFailure and reach the person as DB_ERROR with a sentence in Bahasa Indonesia — never INTERNAL, never a raw
// SqliteError, no table name — and the log records SQLite's words and code as a warning, not a bug with a stack.
// READONLY and FULL happen for real on a real database file (a file marked read-only; a database that may not grow:
// PRAGMA max_page_count); CORRUPT and IOERR are raised inside a command on a real database with SQLite's own error
// class, since a real damaged page makes the file open read-only first (tests/hostile/damaged-file.test.ts).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/contracts/result';
import { ok } from '../../../../shared/domain/result';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../tests/support/records';
import { openBackend, type Backend } from '../backend';
import { createDispatcher } from '../dispatch';
import { createLogger } from '../log';
import { runCommand } from './command';
import { StorageFailure } from './storage-failure';

let dir: string;
let fx: KecamatanFixture;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-storage-failure-'));
  fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 2, dir: join(dir, 'kec') });
}, 120_000);

afterAll(async () => {
  await fx?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface LogLine {
  level: string;
  msg: string;
  code?: string;
  stack?: string;
}

function logLines(file: string | null): LogLine[] {
  if (!file) throw new Error('no log file');
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogLine);
}

/** The answer is the known failure in words, and the log has SQLite's code as a warning, no "threw" error. */
function expectKnown(r: Result<unknown>, sentence: RegExp, lines: LogLine[], code: string): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('DB_ERROR');
  expect(r.error.message).toMatch(sentence);
  expect(r.error.message).not.toMatch(/SQLITE|Sqlite|operator_session|database/);
  const warned = lines.filter((l) => l.level === 'warn' && l.msg.endsWith('storage failure'));
  expect(warned.map((l) => l.code?.slice(0, code.length))).toContain(code);
  expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  expect(warned.every((l) => l.stack === undefined)).toBe(true);
}

describe('storage failures are known failures (DB_ERROR in words), never INTERNAL', () => {
  it('SQLITE_FULL: a database that may not grow refuses the write in words; the data held stays', async () => {
    const b = fx.backend;
    const pages = (b.ctx.db.pragma('page_count', { simple: true }) as number) + 0;
    b.ctx.db.pragma(`max_page_count = ${pages}`);
    const before = (b.ctx.db.prepare('SELECT count(*) AS n FROM operator_session').get() as { n: number }).n;
    let r: Result<unknown> = { ok: true, value: null };
    let tries = 0;
    for (; tries < 500 && r.ok; tries++)
      r = (await b.dispatch('plenary.startSession', { member: 0 })) as Result<unknown>;
    expect(tries).toBeGreaterThan(0);
    expectKnown(
      r,
      /^Disk penuh: perubahan ini tidak disimpan/,
      logLines((b.ctx.log as unknown as { file: string | null }).file),
      'SQLITE_FULL',
    );
    const after = (b.ctx.db.prepare('SELECT count(*) AS n FROM operator_session').get() as { n: number }).n;
    expect(after).toBe(before + tries - 1);
    b.ctx.db.pragma('max_page_count = 4294967294');
  });

  it('SQLITE_READONLY: a database file marked read-only opens read-only; a write is refused in words', async () => {
    mkdirSync(join(dir, 'ro'));
    const copy = join(dir, 'ro', 'kecamatan.db');
    await fx.backend.ctx.db.backup(copy);
    chmodSync(copy, 0o444);
    const b: Backend = await openBackend({ dbPath: copy, mode: 'web' });
    try {
      expect(b.ctx.readOnly?.kind).toBe('read-only-file');
      const r = (await b.dispatch('plenary.startSession', { member: 0 })) as Result<unknown>;
      const log = (b.ctx.log as unknown as { file: string | null }).file;
      expectKnown(
        r,
        /^Basis data sedang dibuka hanya-baca: perubahan ini tidak disimpan/,
        logLines(log),
        'SQLITE_READONLY',
      );
    } finally {
      await b.close();
      chmodSync(copy, 0o644);
    }
  });

  for (const [code, sentence] of [
    ['SQLITE_CORRUPT', /^Berkas basis data rusak: perubahan ini tidak disimpan\. Pulihkan dari salinan cadangan/],
    ['SQLITE_IOERR_WRITE', /^Disk tidak dapat dibaca atau ditulisi: perubahan ini tidak disimpan/],
  ] as const) {
    it(`${code}: raised inside a command, it leaves the unit as a StorageFailure and is answered in words`, async () => {
      const db = new Database(join(dir, `${code}.db`));
      db.exec('CREATE TABLE t (x INTEGER)');
      const log = createLogger({ logDir: join(dir, `${code}-logs`) });
      const write = () =>
        runCommand({ db }, () => {
          db.prepare('INSERT INTO t VALUES (1)').run();
          throw new Database.SqliteError('database disk image is malformed', code);
        });
      let thrown: unknown;
      try {
        write();
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(StorageFailure);
      expect((thrown as StorageFailure).code).toBe(code);
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 }); // rolled back
      const dispatch = createDispatcher(async () => () => write(), log);
      const r = await dispatch('plenary.startSession', { member: 0 });
      expectKnown(r, sentence, logLines(log.file), code.replace(/_WRITE$/, ''));
      // A write that succeeds is untouched by the translation.
      expect(runCommand({ db }, () => ok(db.prepare('INSERT INTO t VALUES (2)').run().changes))).toEqual(ok(1));
      db.close();
    });
  }
});
