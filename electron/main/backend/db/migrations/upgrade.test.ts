// Real upgrades: for EACH earlier schema version, a database is built with the real migrations up to that version and
// filled through the real handlers (demo kecamatan imported, decisions, a correction, an objection, a kejadian, a
// locked desa; a document or a manual entry where the version has their tables). Opening it with the app then
// upgrades it: every row is kept exactly, the pre-migration backup holds the old version with the same rows, the
// audit chain verifies (`pleno audit verify`), the recap is unchanged and the app keeps working on it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBackend, dataDirFor } from '../../backend';
import { createEventBus, type BackendContext } from '../../context';
import { createDispatcher, type Dispatch } from '../../dispatch';
import { createHandlers } from '../../handlers/index';
import { createLogger } from '../../log';
import { verifyAudit } from '../../repositories/audit.repo';
import { openDatabase } from '../open';
import { latestVersion, userVersion } from '../migrate';
import { migrations } from './index';
import { main } from '../../../cli';
import type { Result } from '../../../../../shared/contracts/result';
import type { DashboardView, TpsReview } from '../../../../../shared/contracts/plenary.contract';
import type { RecapJson } from '../../../../../shared/domain/recap';

/** The ketua's PIN in this test (services/plenary/pins.service.ts). */
const PIN = '2580';

const LATEST = latestVersion(migrations);
const EARLIER = migrations.filter((m) => m.version < LATEST).map((m) => m.version);
const T0 = Date.parse('2024-11-28T09:00:00+08:00');

async function call<T>(dispatch: Dispatch, method: string, input: unknown): Promise<T> {
  const r = (await dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Every row of every table (sorted by rowid), as the database holds it; WITHOUT ROWID tables by their full row. */
function dumpTables(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    out[name] = rows
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
      .sort();
  }
  return out;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out += typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    err += typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
    return true;
  });
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

interface Built {
  version: number;
  dbPath: string;
  auditOk: boolean;
  rows: Record<string, unknown[]>;
  recap: RecapJson;
  /** What was done, so that the checks can find it again. */
  acceptedTps: string[];
  correctedTps: string;
  lockedDesa: string;
}

/** A database at `version` built with the real migrations up to it, filled through the real handlers. */
async function buildAt(dir: string, version: number): Promise<Built> {
  const dbPath = join(dir, `hampang-v${version}.db`);
  const dataDir = dataDirFor(dbPath);
  let now = T0;
  const clock = () => new Date((now += 1000));
  const opened = openDatabase(dbPath, {
    migrations: migrations.filter((m) => m.version <= version),
    backupDir: join(dataDir, 'backups'),
    clock,
  });
  expect(opened.toVersion).toBe(version);
  const log = createLogger({ logDir: join(dataDir, 'logs'), clock, echo: false });
  const ctx: BackendContext = { db: opened.db, dbPath, dataDir, clock, events: createEventBus(), log, mode: 'web' };
  const handlerSet = createHandlers(ctx);
  const dispatch = createDispatcher((method) => handlerSet.handler(method), log);
  try {
    const demo = await call<{ imported: Record<string, number> }>(dispatch, 'setup.createDemo', {
      preset: 'hampang',
      seed: 7,
    });
    expect(demo.imported.diterima).toBeGreaterThan(10);
    await call(dispatch, 'plenary.startSession', { member: 0 }); // the ketua
    if (version >= 7) await call(dispatch, 'plenary.setPin', { pin: PIN });
    const dash = await call<DashboardView>(dispatch, 'plenary.dashboard', { pemilihan: 'bupati' });

    // The smallest desa whose TPS all arrived: every TPS settled, then the desa locked.
    const desa = [...dash.desa]
      .filter((d) => d.tiles.length > 0 && d.tiles.every((t) => t.base !== 'belum-masuk'))
      .sort((a, b) => a.tiles.length - b.tiles.length)[0]!;
    const acceptedTps: string[] = [];
    for (const t of desa.tiles) {
      const review = await call<TpsReview>(dispatch, 'plenary.tps', { tps: t.tps, pemilihan: 'bupati' });
      if (review.konflik) {
        const first = review.submissions[0]!;
        await call(dispatch, 'plenary.chooseSubmission', {
          tps: t.tps,
          pemilihan: 'bupati',
          submissionId: first.id,
          reason: 'sesuai C.Hasil plano yang dibacakan',
        });
      } else {
        await call(dispatch, 'plenary.accept', {
          pin: PIN,
          tps: t.tps,
          pemilihan: 'bupati',
          ...(review.violations.some((v) => v.severity === 'error') ? { overrideReason: 'sesuai C.Hasil plano' } : {}),
        });
      }
      acceptedTps.push(t.tps);
    }
    // A correction (one vote moved between paslon 1 and 2), proposed and approved, on the first settled TPS.
    const correctedTps = acceptedTps[0]!;
    const current = (await call<TpsReview>(dispatch, 'plenary.tps', { tps: correctedTps, pemilihan: 'bupati' }))
      .current!;
    const { correctionId } = await call<{ correctionId: number }>(dispatch, 'plenary.proposeCorrection', {
      tps: correctedTps,
      pemilihan: 'bupati',
      changes: [
        { path: 'suara.paslon.0', value: current.suara.paslon[0]! + 1 },
        { path: 'suara.paslon.1', value: current.suara.paslon[1]! - 1 },
      ],
      reason: 'Satu suara tercatat pada paslon yang salah',
      basis: 'salinan-saksi',
    });
    await call(dispatch, 'plenary.decideCorrection', { pin: PIN, correctionId, decision: 'approved' });
    const { objectionId } = await call<{ objectionId: number }>(dispatch, 'plenary.raiseObjection', {
      scope: 'tps',
      pemilihan: 'bupati',
      tps: acceptedTps[acceptedTps.length - 1]!,
      by: { kind: 'saksi', paslon: 2 },
      text: 'Saksi paslon 2 meminta penjelasan jumlah suara tidak sah',
    });
    await call(dispatch, 'plenary.resolveObjection', {
      pin: PIN,
      objectionId,
      outcome: 'ditolak',
      reason: 'Sesuai C.Hasil plano dan salinan Panwascam',
    });
    await call(dispatch, 'plenary.addKejadian', { pemilihan: 'bupati', text: 'Listrik padam 10 menit, rapat diskors' });
    await call(dispatch, 'plenary.lockDesa', { pin: PIN, desa: desa.kode, pemilihan: 'bupati' });
    if (version >= 2) {
      await call(dispatch, 'documents.issue', { kind: 'kejadian-khusus', pemilihan: 'bupati', final: false });
    }
    const recap = await call<RecapJson>(dispatch, 'plenary.recap', {});
    return {
      version: userVersion(opened.db),
      dbPath,
      auditOk: verifyAudit(opened.db).ok,
      rows: dumpTables(opened.db),
      recap,
      acceptedTps,
      correctedTps,
      lockedDesa: desa.kode,
    };
  } finally {
    await handlerSet.close();
    opened.close();
  }
}

interface Upgraded {
  fromVersion: number;
  toVersion: number;
  rows: Record<string, unknown[]>;
  recap: Result<RecapJson>;
  unlock: Result<unknown>;
  auditAfterUnlock: boolean;
  backups: string[];
  backupVersion: number;
  backupRows: Record<string, unknown[]>;
  backupAudit: boolean;
  cli: { code: number; out: string; err: string };
}

/** Opens the built file with the app (all migrations), records what it finds, then runs `pleno audit verify`. */
async function upgrade(built: Built): Promise<Upgraded> {
  const b = await openBackend({ dbPath: built.dbPath, mode: 'web', clock: () => new Date(T0 + 86_400_000) });
  let u: Omit<Upgraded, 'backups' | 'backupVersion' | 'backupRows' | 'backupAudit' | 'cli'>;
  try {
    const rows = dumpTables(b.ctx.db);
    const recap = (await b.dispatch('plenary.recap', {})) as Result<RecapJson>;
    // the app keeps working on the upgraded file: a new decision is recorded and chained
    await b.dispatch('plenary.startSession', { member: 0 });
    await b.dispatch('plenary.setPin', { pin: PIN });
    const unlock = (await b.dispatch('plenary.unlockDesa', {
      pin: PIN,
      desa: built.lockedDesa,
      pemilihan: 'bupati',
      reason: 'Dibuka kembali untuk uji setelah pembaruan',
    })) as Result<unknown>;
    u = {
      fromVersion: built.version,
      toVersion: userVersion(b.ctx.db),
      rows,
      recap,
      unlock,
      auditAfterUnlock: verifyAudit(b.ctx.db).ok,
    };
  } finally {
    await b.close();
  }
  const backupDir = join(dataDirFor(built.dbPath), 'backups');
  const backups = readdirSync(backupDir).sort();
  const backup = new Database(join(backupDir, backups[0]!), { readonly: true });
  try {
    return {
      ...u,
      backups,
      backupVersion: userVersion(backup),
      backupRows: dumpTables(backup),
      backupAudit: verifyAudit(backup).ok,
      cli: await cli(['audit', 'verify', '--db', built.dbPath]),
    };
  } finally {
    backup.close();
  }
}

describe.each(EARLIER.map((v) => [v] as const))('upgrade from schema %i to the latest', (version) => {
  let dir = '';
  let built: Built;
  let up: Upgraded;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `pleno-upgrade-v${version}-`));
    built = await buildAt(dir, version);
    up = await upgrade(built);
  }, 360_000); // a database filled through the handlers at each version, then upgraded: past 180 s at load 28
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the database built at this version held the data of every step', () => {
    expect(built.version).toBe(version);
    expect(built.rows['submission']!.length).toBeGreaterThan(10);
    for (const t of ['acceptance', 'correction', 'correction_decision', 'objection', 'objection_resolution']) {
      expect(built.rows[t]!.length, t).toBeGreaterThan(0);
    }
    expect(built.rows['lock_event']).toHaveLength(1);
    expect(built.rows['kejadian_khusus']).toHaveLength(1);
    if (version >= 2) expect(built.rows['document']).toHaveLength(1);
    else expect(built.rows['document']).toBeUndefined();
    expect(built.auditOk).toBe(true);
  });

  it('keeps every row: old tables unchanged (audit_table only gains the new tables), new tables empty', () => {
    expect(up.fromVersion).toBe(version);
    expect(up.toVersion).toBe(LATEST);
    for (const [table, rows] of Object.entries(built.rows)) {
      if (table === 'audit_table') expect(up.rows[table]).toEqual(expect.arrayContaining(rows));
      else expect(up.rows[table], table).toEqual(rows);
    }
    const added = Object.keys(up.rows).filter((t) => !(t in built.rows));
    expect(added.length).toBeGreaterThanOrEqual(migrations.filter((m) => m.version > version).length);
    for (const t of added) expect(up.rows[t], `${t} (new)`).toEqual([]);
  });

  it('the recap is unchanged and the app records a new decision on the upgraded file, still chained', () => {
    expect(up.recap).toEqual({ ok: true, value: built.recap });
    expect(up.unlock.ok).toBe(true);
    expect(up.auditAfterUnlock).toBe(true);
  });

  it('wrote one backup, at the old version, with exactly the rows before the upgrade', () => {
    expect(up.backups).toEqual([`hampang-v${version}-v${version}-20241129T010000Z.db`]);
    expect(up.backupVersion).toBe(version);
    expect(up.backupRows).toEqual(built.rows);
    expect(up.backupAudit).toBe(true);
  });

  it('`pleno audit verify` accepts the upgraded database', () => {
    expect(up.cli.err).toBe('');
    expect(up.cli.code).toBe(0);
    expect(up.cli.out).toMatch(/^valid: \d+ entri audit, \d+ baris diperiksa, hash terakhir [0-9a-f]{16}\n$/);
  });
});
