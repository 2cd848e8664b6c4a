// The command unit (electron/main/backend/db/command.ts, docs/storage.md): a repository write outside a command does
// not compile, a raw SQL write in a service does not lint, and on a real SQLite file a refused command leaves
// nothing behind (rows, audit entries, events) while a committed one sends its events only after the commit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot as root, typeErrors } from './support/typecheck';
import { openBackend, type Backend } from '../electron/main/backend/backend';
import { runCommand } from '../electron/main/backend/db/command';
import { countAudit } from '../electron/main/backend/repositories/audit.repo';
import { insertKejadian, listKejadian } from '../electron/main/backend/repositories/plenary.repo';
import { fail, ok } from '../shared/domain/result';
import type { PlenoEvent } from '../shared/contracts/events';

const SERVICE = 'electron/main/backend/services/plenary';

const kejadian = (text: string) => ({
  at: '2024-11-28T09:00:00.000Z',
  tps: null,
  desa: null,
  pemilihan: null,
  who: 'PPS',
  text,
  recordedBy: 'Operator',
  recordedAt: '2024-11-28T09:00:00.000Z',
});

async function lintErrors(rel: string, source: string): Promise<{ ruleId: string | null; message: string }[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(source, { filePath: join(root, rel) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

describe('a repository write outside the command unit', () => {
  it('fails to compile with the context’s ReadableDb, and compiles with the WritableDb of runCommand', () => {
    const head =
      "import type { BackendContext } from '../../context';\n" +
      "import { insertKejadian } from '../../repositories/plenary.repo';\n" +
      "import { runWrite } from '../../db/command';\n";
    const row =
      "{ at: 'x', tps: null, desa: null, pemilihan: null, who: 'a', text: 'b', recordedBy: 'c', recordedAt: 'x' }";
    const outside = typeErrors(
      `${SERVICE}/probe-outside.ts`,
      `${head}export const probe = (ctx: BackendContext) => insertKejadian(ctx.db, ${row});\n`,
    );
    expect(outside.join('\n')).toMatch(/not assignable to parameter of type 'WritableDb'/);
    const inside = typeErrors(
      `${SERVICE}/probe-inside.ts`,
      `${head}export const probe = (ctx: BackendContext) => runWrite(ctx, (unit) => insertKejadian(unit.db, ${row}));\n`,
    );
    expect(inside).toEqual([]);
  }, 120_000);

  it('fails lint: a raw INSERT, a prepared statement or a WritableDb cast in a service', async () => {
    const source =
      "import type { BackendContext } from '../../context';\n" +
      "import type { WritableDb } from '../../db/command';\n" +
      'export function sneak(ctx: BackendContext): void {\n' +
      '  ctx.db.prepare("INSERT INTO kejadian_khusus (text) VALUES (\'x\')").run();\n' +
      "  ctx.db.exec('DELETE FROM audit');\n" +
      '  const w = ctx.db as WritableDb;\n' +
      '  void w;\n' +
      '}\n';
    const inService = await lintErrors(`${SERVICE}/probe-sneak.service.ts`, source);
    const restricted = inService.filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(restricted.length).toBeGreaterThanOrEqual(4);
    expect(restricted.map((m) => m.message).join('\n')).toMatch(/SQL belongs to the storage layer/);
    expect(restricted.map((m) => m.message).join('\n')).toMatch(/Only runCommand/);
    // The same statement is allowed where SQL lives.
    const inRepo = await lintErrors(
      'electron/main/backend/repositories/probe.repo.ts',
      "import type { Db } from '../context';\nexport const n = (db: Db) => db.prepare('SELECT 1').get();\n",
    );
    expect(inRepo.filter((m) => m.ruleId === 'no-restricted-syntax')).toEqual([]);
  }, 60_000);
});

describe('runCommand on a real database', () => {
  let dir: string;
  let b: Backend;
  let events: { event: PlenoEvent; inTransaction: boolean; rows: number }[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pleno-command-'));
    b = await openBackend({ dbPath: join(dir, 'uji.db'), mode: 'web' });
    events = [];
    b.events.subscribe((event) =>
      events.push({ event, inTransaction: b.ctx.db.inTransaction, rows: listKejadian(b.ctx.db).length }),
    );
  });
  afterEach(async () => {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const changed: PlenoEvent = { type: 'pleno-changed', pemilihan: null, desa: null, tps: null };

  it('commits the row with its audit entry, then sends the queued event', () => {
    const audit0 = countAudit(b.ctx.db);
    const r = runCommand(b.ctx, (unit) => {
      const row = insertKejadian(unit.db, kejadian('tercatat'));
      unit.emit(changed);
      expect(events).toEqual([]); // queued, not sent, while the transaction is open
      return ok(row.id);
    });
    expect(r.ok).toBe(true);
    expect(listKejadian(b.ctx.db).map((k) => k.text)).toEqual(['tercatat']);
    expect(countAudit(b.ctx.db)).toBe(audit0 + 1);
    expect(events).toEqual([{ event: changed, inTransaction: false, rows: 1 }]);
  });

  it('rolls back a refused command: no row, no audit entry, no event, the failure returned as is', () => {
    const audit0 = countAudit(b.ctx.db);
    const r = runCommand(b.ctx, (unit) => {
      insertKejadian(unit.db, kejadian('dibatalkan'));
      unit.emit(changed);
      return fail('CONFLICT', 'Desa sudah dikunci.');
    });
    expect(r).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Desa sudah dikunci.' } });
    expect(listKejadian(b.ctx.db)).toEqual([]);
    expect(countAudit(b.ctx.db)).toBe(audit0);
    expect(events).toEqual([]);
    expect(b.ctx.db.inTransaction).toBe(false);
  });

  it('rolls back and rethrows a bug', () => {
    expect(() =>
      runCommand(b.ctx, (unit) => {
        insertKejadian(unit.db, kejadian('setengah jalan'));
        unit.emit(changed);
        throw new Error('bug');
      }),
    ).toThrow('bug');
    expect(listKejadian(b.ctx.db)).toEqual([]);
    expect(events).toEqual([]);
  });

  it('runs a nested command as a savepoint: its refusal undoes only its own rows and events', () => {
    const r = runCommand(b.ctx, (unit) => {
      insertKejadian(unit.db, kejadian('luar'));
      unit.emit(changed);
      const inner = runCommand(b.ctx, (nested) => {
        insertKejadian(nested.db, kejadian('dalam'));
        nested.emit({ type: 'documents-changed' });
        return fail('INVALID_INPUT', 'ditolak');
      });
      expect(inner.ok).toBe(false);
      return ok(null);
    });
    expect(r.ok).toBe(true);
    expect(listKejadian(b.ctx.db).map((k) => k.text)).toEqual(['luar']);
    expect(events.map((e) => e.event.type)).toEqual(['pleno-changed']);
  });

  it('refuses a handle used after its command ended', () => {
    let leaked: { db: unknown } | null = null;
    runCommand(b.ctx, (unit) => {
      leaked = unit;
      return ok(null);
    });
    expect(() => leaked!.db).toThrow(/after its command ended/);
  });
});
