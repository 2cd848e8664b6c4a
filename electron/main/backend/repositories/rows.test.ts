// The one mapping between records and rows (rows.ts) on a real SQLite file: a record's fields land in the table's
// snake_case columns with their audit entry, `*_json` columns come back parsed under the field's name, list filters
// drop the conditions not given, and a field that is not a column fails the whole command (nothing written).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../../../tests/support/records';
import { runWrite } from '../db/command';
import { verifyAudit } from './audit.repo';
import { insertObjection, listObjections, type NewObjection } from './objection.repo';
import { auditedTable, BY_AT, insertFields, whereOf } from './rows';
import { type NewSidangEvent } from './sidang.repo';
import { type SidangAction } from '../../../../shared/domain/sidang';
import { stmt } from './statements';
import { pick } from '../../../../shared/util/pick';

let tb: TestBackend;
beforeEach(async () => {
  tb = await openTestBackend('pleno-rows-');
});
afterEach(async () => {
  await tb.close();
});

const objection: NewObjection = {
  scope: 'prosedur',
  tps: null,
  desa: null,
  pemilihan: null,
  raisedBy: { peran: 'saksi', paslon: 2, nama: 'Saksi Dua' },
  text: 'Salinan C.Hasil terlambat dibagikan',
  raisedAt: '2024-11-28T09:00:00.000Z',
  recordedBy: 'Ketua Uji',
};

const count = (sql: string) => (stmt(tb.backend.ctx.db, sql).get() as { n: number }).n;

describe('rows: records in, records out', () => {
  it('stores the fields as snake_case columns (JSON canonical) with one audit entry, and reads them back', () => {
    const ctx = tb.backend.ctx;
    const auditBefore = count('SELECT count(*) AS n FROM audit');
    const stored = runWrite(ctx, (unit) => insertObjection(unit.db, objection));
    const row = stmt(ctx.db, 'SELECT * FROM objection WHERE id = ?').get(stored.id) as Record<string, unknown>;
    expect(row).toEqual({
      id: stored.id,
      scope: 'prosedur',
      tps: null,
      desa: null,
      pemilihan: null,
      raised_by_json: '{"nama":"Saksi Dua","paslon":2,"peran":"saksi"}',
      text: 'Salinan C.Hasil terlambat dibagikan',
      raised_at: '2024-11-28T09:00:00.000Z',
      recorded_by: 'Ketua Uji',
    });
    expect(count('SELECT count(*) AS n FROM audit')).toBe(auditBefore + 1);
    expect(verifyAudit(ctx.db).ok).toBe(true);
    expect(listObjections(ctx.db)).toEqual([{ id: stored.id, ...objection }]);
  });

  it('filters only on the conditions given', () => {
    const ctx = tb.backend.ctx;
    runWrite(ctx, (unit) => insertObjection(unit.db, objection));
    expect(listObjections(ctx.db, {})).toHaveLength(1);
    expect(listObjections(ctx.db, { pemilihan: 'bupati' })).toHaveLength(1); // pemilihan NULL concerns all
    expect(listObjections(ctx.db, { desa: '6302142001' })).toHaveLength(0);
    expect(whereOf([['a = ?', undefined]])).toEqual({ sql: '', args: [] });
    expect(
      whereOf([
        ['a = ?', 'x'],
        ['b = ?', undefined],
        ['c = ?', 0],
      ]),
    ).toEqual({
      sql: 'WHERE a = ? AND c = ?',
      args: ['x', 0],
    });
  });

  it('a field that is not a column fails the command: no row, no audit entry', () => {
    const ctx = tb.backend.ctx;
    const auditBefore = count('SELECT count(*) AS n FROM audit');
    const fields = { ...pick(objection, ['scope', 'text', 'raisedAt', 'recordedBy']), raisedByJson: '{}', extra: 1 };
    expect(() =>
      runWrite(ctx, (unit) => insertFields(unit.db, 'objection', fields, { actor: 'x', action: 'y', at: 'z' })),
    ).toThrow();
    expect(count('SELECT count(*) AS n FROM objection')).toBe(0);
    expect(count('SELECT count(*) AS n FROM audit')).toBe(auditBefore);
  });

  it('auditedTable: the audit entry takes actor, action and time from the record; lists keep id order and filters', () => {
    const ctx = tb.backend.ctx;
    let present = true;
    const events = auditedTable<NewSidangEvent>(
      'sidang_event',
      (e) => `sidang.${e.action}`,
      BY_AT,
      () => present,
    );
    const at = (m: number) => `2024-11-28T09:0${m}:00.000Z`;
    const event = (hari: number, action: SidangAction, m: number): NewSidangEvent => ({
      hari,
      action,
      note: action === 'skors' ? 'Istirahat' : null,
      by: `Ketua ${m}`,
      at: at(m),
    });
    const stored = runWrite(ctx, (unit) => [
      events.insert(unit.db, event(1, 'buka', 1)),
      events.insert(unit.db, event(1, 'skors', 2)),
      events.insert(unit.db, event(2, 'lanjut', 3)),
    ]);
    expect(stored.map((e) => e.id)).toEqual([...stored.map((e) => e.id)].sort((a, b) => a - b));
    const entries = stmt(
      ctx.db,
      "SELECT actor, action, at, entity_id FROM audit WHERE entity = 'sidang_event' ORDER BY seq",
    )
      .all()
      .map((r) => r as { actor: string; action: string; at: string; entity_id: string });
    expect(entries).toEqual([
      { actor: 'Ketua 1', action: 'sidang.buka', at: at(1), entity_id: String(stored[0]!.id) },
      { actor: 'Ketua 2', action: 'sidang.skors', at: at(2), entity_id: String(stored[1]!.id) },
      { actor: 'Ketua 3', action: 'sidang.lanjut', at: at(3), entity_id: String(stored[2]!.id) },
    ]);
    expect(verifyAudit(ctx.db).ok).toBe(true);
    expect(events.list(ctx.db)).toEqual(stored);
    expect(events.list(ctx.db, whereOf([['hari = ?', 1]]))).toEqual([stored[0], stored[1]]);
    present = false; // a file left at a schema before the table: nothing to list
    expect(events.list(ctx.db)).toEqual([]);
  });
});
