// Schema (STRICT, FKs, append-only triggers) and the audit hash chain on a real SQLite file: verify passes on a clean
// database and fails, naming the entry or row, after a row is changed, deleted or inserted with the sqlite3 tool.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CORE_AUDITED_TABLES } from '../db/migrations/0001-core';
import { appendAudit, entryHash, GENESIS_HASH, listAudit, rowHash, verifyAudit } from './audit.repo';
import { insertOperatorSession, insertKejadian } from './plenary.repo';
import { importMaster } from '../services/master/master.service';
import { importBundleBytes } from '../services/import/import.service';
import {
  makeBundle,
  makeFixture,
  openTestBackend,
  type StorageFixture,
  type TestBackend,
} from '../../../../tests/support/records';
import { runWrite } from '../db/command';

const BIN = fileURLToPath(new URL('../../../../bin/pleno.mjs', import.meta.url));
const required = CORE_AUDITED_TABLES.map(([t]) => t);

let tb: TestBackend;
let fx: StorageFixture;
beforeEach(async () => {
  tb = await openTestBackend();
  fx = makeFixture();
});
afterEach(async () => {
  await tb.close();
});

/** Runs SQL with the sqlite3 CLI against the (closed) database file, like someone editing it by hand. */
function sqlite(sql: string): void {
  execFileSync('sqlite3', [tb.dbPath, sql]);
}

async function populated(): Promise<void> {
  const ctx = tb.backend.ctx;
  expect(importMaster(ctx, fx.masterBytes).ok).toBe(true);
  for (const tps of fx.tpsCodes.slice(0, 2)) {
    expect(
      (await importBundleBytes(ctx, makeBundle(fx, tps), { channel: 'file', name: `${tps}.pleno` })).map(
        (o) => o.status,
      ),
    ).toEqual(['diterima', 'diterima']);
  }
  runWrite(ctx, (unit) =>
    insertOperatorSession(unit.db, { nama: 'Ketua Uji', jabatan: 'ketua', startedAt: '2024-11-28T09:00:00.000Z' }),
  );
}

function cliVerify(): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', tb.dbPath], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('schema', () => {
  it('creates STRICT tables with foreign keys on, and append-only triggers that abort UPDATE and DELETE', async () => {
    await populated();
    const db = tb.backend.ctx.db;
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as {
      name: string;
      sql: string;
    }[];
    for (const t of tables.filter((x) => required.includes(x.name) || x.name === 'audit'))
      expect(t.sql, t.name).toMatch(/\) STRICT$/);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("UPDATE submission SET source_name = 'x'").run()).toThrow(/append-only table submission/);
    expect(() => db.prepare('DELETE FROM submission').run()).toThrow(/append-only table submission/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only table audit/);
    expect(() => db.prepare("UPDATE meta SET kecamatan_nama = 'x'").run()).toThrow(/append-only/);
    // CHECK constraints and FKs reject malformed rows.
    expect(() =>
      runWrite({ db }, (unit) =>
        insertKejadian(unit.db, {
          at: 'x',
          tps: null,
          desa: null,
          pemilihan: null,
          who: 'a',
          text: 'b',
          recordedBy: 'c',
          recordedAt: 'x',
        }),
      ),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare("INSERT INTO tps (kode, desa, nomor, dpt_l, dpt_p) VALUES ('6302149999001', '6302149999', 1, 1, 1)")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO desa (kode, nama, urutan) VALUES ('63021420x1', 'x', 99)").run()).toThrow(
      /CHECK/,
    );
  });

  it('appendAudit refuses to run outside a transaction and chains entries', async () => {
    const db = tb.backend.ctx.db;
    // A read handle does not type-check as a WritableDb; forced anyway, the run-time guard refuses it too.
    // @ts-expect-error the context's handle is a ReadableDb
    expect(() => appendAudit(db, { actor: 'uji', action: 'x' })).toThrow(/inside the transaction/);
    runWrite({ db }, (unit) => {
      appendAudit(unit.db, { actor: 'uji', action: 'uji.satu', at: '2024-11-28T09:00:00.000Z' });
      appendAudit(unit.db, { actor: 'uji', action: 'uji.dua', at: '2024-11-28T09:00:01.000Z' });
    });
    const [second, first] = listAudit(db, { limit: 10 });
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(second!.prevHash).toBe(first!.hash);
    const { prevHash: _p, hash: _h, ...base } = second!;
    expect(entryHash(first!.hash, base)).toBe(second!.hash);
  });
});

// Each case spawns `pleno audit verify` (tsx start-up): generous timeouts for a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('verifyAudit', () => {
  it('passes on a clean database: every row has exactly one entry whose rowHash covers it', async () => {
    await populated();
    const db = tb.backend.ctx.db;
    const r = verifyAudit(db, { requiredTables: required });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    let rows = 0;
    for (const [t] of CORE_AUDITED_TABLES)
      rows += (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(r.rows).toBe(rows);
    expect(r.entries).toBe(rows);
    const sub = db.prepare('SELECT * FROM submission WHERE id = 1').get() as Record<string, unknown>;
    const entry = db.prepare("SELECT row_hash FROM audit WHERE entity = 'submission' AND entity_id = '1'").get() as {
      row_hash: string;
    };
    expect(entry.row_hash).toBe(rowHash(sub));
  });

  it('names the entry after a row is changed with the sqlite3 tool (trigger dropped first)', async () => {
    await populated();
    const seq = (
      tb.backend.ctx.db.prepare("SELECT seq FROM audit WHERE entity = 'submission' AND entity_id = '2'").get() as {
        seq: number;
      }
    ).seq;
    await tb.backend.close();
    sqlite(
      `DROP TRIGGER submission_no_update; UPDATE submission SET counts_json = replace(counts_json, '"sah":', '"sah":1') WHERE id = 2;`,
    );
    const cli = cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`entri audit #${seq} (submission 2)`);
    expect(cli.stdout).toContain('diubah di luar aplikasi');
    expect(cli.stderr).toContain('trigger submission_no_update');
  });

  it('names the entry after a row is deleted, and a row inserted outside the app', async () => {
    await populated();
    const db0 = tb.backend.ctx.db;
    const seqPhoto = db0
      .prepare("SELECT seq, entity_id FROM audit WHERE entity = 'photo' ORDER BY seq LIMIT 1")
      .get() as { seq: number; entity_id: string };
    const seqSp = (
      db0.prepare("SELECT seq FROM audit WHERE entity = 'submission_photo' AND entity_id = '1'").get() as {
        seq: number;
      }
    ).seq;
    await tb.backend.close();
    // Deleting the photo row needs its reference gone too (FKs are off in the sqlite3 CLI by default, so not really).
    sqlite(`DROP TRIGGER photo_no_delete; DELETE FROM photo WHERE sha256 = '${seqPhoto.entity_id}';`);
    let cli = cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`entri audit #${seqPhoto.seq} (photo ${seqPhoto.entity_id})`);
    expect(cli.stdout).toContain('dihapus di luar aplikasi');
    expect(seqSp).toBeGreaterThan(0);

    sqlite(
      "INSERT INTO kejadian_khusus (at, who, text, recorded_by, recorded_at) VALUES ('2024-11-28T10:00:00Z', 'Saksi', 'sisipan palsu', 'x', '2024-11-28T10:00:00Z');",
    );
    cli = cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('baris kejadian_khusus 1 tidak punya entri audit (disisipkan di luar aplikasi)');
  });

  it('detects an edited or removed audit entry (chain) and reports valid with the count when intact', async () => {
    await populated();
    const entries = verifyAudit(tb.backend.ctx.db).entries;
    await tb.backend.close();
    let cli = cliVerify();
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`^valid: ${entries} entri audit`));

    sqlite("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'orang lain' WHERE seq = 5;");
    cli = cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('entri audit #5');
    expect(cli.stdout).toContain('hash entri tidak cocok');
  });

  it('detects removing the last entry together with its row being kept (row without entry)', async () => {
    await populated();
    const last = listAudit(tb.backend.ctx.db, { limit: 1 })[0]!;
    await tb.backend.close();
    sqlite(`DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = ${last.seq};`);
    const cli = cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`baris ${last.entity} ${last.entityId} tidak punya entri audit`);
  });
});
