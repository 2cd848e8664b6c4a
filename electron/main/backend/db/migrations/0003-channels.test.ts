// Migration 0003 (channels): tables created by the migration runner, registered as audited, append-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import { CHANNEL_AUDITED_TABLES, migration } from './0003-channels';
import { verifyAudit } from '../../repositories/audit.repo';
import { insertLanContact } from '../../repositories/lan-contact.repo';
import { runWrite } from '../command';

let fx: KecamatanFixture;
beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 1 });
});
afterAll(async () => {
  await fx?.close();
});

describe('migration 0003-channels', () => {
  it('is applied by the runner and registers its tables as audited', () => {
    const db = fx.backend.ctx.db;
    const names = (db.prepare('SELECT name FROM audit_table').all() as { name: string }[]).map((r) => r.name);
    for (const [t] of CHANNEL_AUDITED_TABLES) expect(names).toContain(t);
    expect(migration.version).toBe(3);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
  });

  it('keeps its rows append-only and covered by the audit chain', () => {
    const db = fx.backend.ctx.db;
    runWrite({ db }, (unit) =>
      insertLanContact(unit.db, {
        at: '2024-11-27T20:00:00.000Z',
        keyId: 'hp-uji',
        registered: false,
        remote: '10.0.0.9',
        endpoint: 'c-hasil',
        httpStatus: 401,
        outcome: 'ditolak',
        tps: null,
        pemilihan: null,
        sha256: null,
        records: 0,
        size: 100,
        reason: 'perangkat tidak terdaftar',
      }),
    );
    expect(() => db.prepare("UPDATE lan_contact SET reason = 'diubah'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM lan_contact').run()).toThrow(/append-only/);
    expect(verifyAudit(db).ok).toBe(true);
  });
});
