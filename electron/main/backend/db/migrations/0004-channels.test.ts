// Migration 0004 (channels): tables created, registered as audited, append-only, and idempotent — the interim
// ensureChannelSchema may have created them before the migration list holds version 4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKecamatanFixture, type KecamatanFixture } from '../../lan/kecamatan-fixture';
import { CHANNEL_AUDITED_TABLES, ensureChannelSchema, migration } from './0004-channels';
import { verifyAudit } from '../../repositories/audit.repo';
import { insertLanContact } from '../../repositories/lan-contact.repo';

let fx: KecamatanFixture;
beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 1 });
});
afterAll(async () => {
  await fx?.close();
});

describe('migration 0004-channels', () => {
  it('is registered as audited and can run again over tables that already exist', () => {
    const db = fx.backend.ctx.db;
    const names = (db.prepare('SELECT name FROM audit_table').all() as { name: string }[]).map((r) => r.name);
    for (const [t] of CHANNEL_AUDITED_TABLES) expect(names).toContain(t);
    expect(() => db.transaction(() => migration.up(db))()).not.toThrow();
    expect(() => ensureChannelSchema(db)).not.toThrow();
    expect(migration.version).toBe(4);
  });

  it('keeps its rows append-only and covered by the audit chain', () => {
    const db = fx.backend.ctx.db;
    db.transaction(() =>
      insertLanContact(db, {
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
    )();
    expect(() => db.prepare("UPDATE lan_contact SET reason = 'diubah'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM lan_contact').run()).toThrow(/append-only/);
    expect(verifyAudit(db).ok).toBe(true);
  });
});
