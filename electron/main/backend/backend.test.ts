// openBackend (data folder, log, lock), the dispatcher's error paths, and the failed-backend mode, on real files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirFor, failedBackend, openBackend, toStartupError } from './backend';
import { createDispatcher, formatPath } from './dispatch';
import { createLogger } from './log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-backend-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openBackend', () => {
  it('puts the data folder beside the database and creates its subfolders', async () => {
    expect(dataDirFor('/x/hampang.db')).toBe('/x/hampang.pleno-data');
    expect(dataDirFor('/x/hampang')).toBe('/x/hampang.pleno-data');
    const b = await openBackend({ dbPath: join(dir, 'hampang.db'), mode: 'web' });
    try {
      expect(b.ctx.dataDir).toBe(join(dir, 'hampang.pleno-data'));
      for (const sub of ['photos', 'quarantine', 'backups', 'documents', 'logs'])
        expect(existsSync(join(b.ctx.dataDir, sub)), sub).toBe(true);
      const info = await b.dispatch('system.info', {});
      expect(info).toMatchObject({ ok: true, value: { dataDir: b.ctx.dataDir, startupError: null } });
      await expect(openBackend({ dbPath: join(dir, 'hampang.db'), mode: 'web' })).rejects.toMatchObject({
        kind: 'locked',
      });
    } finally {
      await b.close();
    }
    expect(existsSync(join(dir, 'hampang.db.lock'))).toBe(false);
    const again = await openBackend({ dbPath: join(dir, 'hampang.db'), mode: 'web' });
    await again.close();
  });

  it('failed backend: system.info carries the startup error, other calls fail, unknown methods stay 400', async () => {
    const path = join(dir, 'bukan.db');
    writeFileSync(path, 'bukan basis data '.repeat(20));
    const err = await openBackend({ dbPath: path, mode: 'web' }).catch((e: unknown) => e);
    const startup = toStartupError(err);
    expect(startup.kind).toBe('not-sqlite');
    const fb = failedBackend(path, 'web', startup);
    const info = await fb.dispatch('system.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { kecamatan: null, dataDir: null, startupError: { kind: 'not-sqlite' } },
    });
    expect(await fb.dispatch('nope.x', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(existsSync(dataDirFor(path))).toBe(false);
  });
});

describe('dispatcher', () => {
  it('turns a handler exception into INTERNAL with a reference id that is in the log file', async () => {
    const log = createLogger({ logDir: join(dir, 'logs') });
    const handlers = async () => () => {
      throw new Error('kaboom');
    };
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    let r;
    try {
      r = await createDispatcher(handlers, log)('system.info', {});
    } finally {
      process.stderr.write = stderr;
    }
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INTERNAL');
    expect(r.error.ref).toMatch(/^E-[2-9A-HJKMNP-Z]{4}$/);
    expect(r.error.message).toContain(r.error.ref);
    const logged = readFileSync(join(dir, 'logs', 'pleno.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(logged.at(-1)).toMatchObject({ level: 'error', ref: r.error.ref, error: 'kaboom' });
  });

  it('never calls a handler with unvalidated input', async () => {
    let called = 0;
    const handlers = async () => () => {
      called += 1;
      return { ok: true as const, value: null };
    };
    const d = createDispatcher(handlers, createLogger({ logDir: null }));
    for (const input of [undefined, null, 1, 'x', [], { a: 1 }]) {
      expect(await d('system.info', input), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(called).toBe(0);
    expect(await d('system.info', {})).toEqual({ ok: true, value: null });
    expect(called).toBe(1);
  });

  it('formats field paths like suara.paslon[2]', () => {
    expect(formatPath(['suara', 'paslon', 2])).toBe('suara.paslon[2]');
    expect(formatPath([0, 'tps'])).toBe('[0].tps');
  });
});
