// Integrity on open (issue 14, item 5): a database file with one page zeroed, and one marked read-only, open read-only
// with the reason for the banner; a write is refused in plain words (DB_ERROR, never INTERNAL); the LAN receiver
// answers a phone 503 with the reason; `pleno audit verify` exits with the code its printed verdict says. Also: read-
// only CLI commands run beside a running app (it holds the lock), and `*.tmp` leftovers are removed at start.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFor, openBackend } from '../../electron/main/backend/backend';
import { createKecamatanFixture } from '../support/records';
import type { Result } from '../../shared/contracts/result';
import type { IntegrityView } from '../../shared/contracts/system.contract';
import { postOnce } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');

function pleno(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let template: string;
let record: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pleno-damaged-'));
  const fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 2, dir: path.join(dir, 'template') });
  try {
    const [first, ...rest] = fx.devices;
    const r = (await fx.backend.dispatch('import.files', {
      files: rest.map((d) => ({
        name: `${d.tps}.pleno`,
        contentBase64: Buffer.from(fx.bundleBytes(d.tps)).toString('base64'),
      })),
    })) as Result<unknown>;
    expect(r.ok).toBe(true);
    record = new TextEncoder().encode(JSON.stringify(fx.record(first!.tps, 'bupati')));
    template = fx.dbPath;
  } finally {
    await fx.close();
  }
}, 120_000);

afterAll(() => {
  if (dir) {
    execFileSync('chmod', ['-R', 'u+w', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function copyOf(name: string): string {
  const own = mkdtempSync(path.join(dir, `${name}-`));
  const dbPath = path.join(own, 'kecamatan.db');
  cpSync(template, dbPath);
  cpSync(dataDirFor(template), dataDirFor(dbPath), { recursive: true });
  return dbPath;
}

/** Zeroes the submission table's root page (as a failing disk sector would). */
function zeroSubmissionPage(dbPath: string): void {
  const q = (sql: string) => execFileSync('sqlite3', [dbPath, sql], { encoding: 'utf8' }).trim();
  const page = Number(q("SELECT rootpage FROM sqlite_master WHERE name = 'submission'"));
  const size = Number(q('PRAGMA page_size'));
  expect(page).toBeGreaterThan(1);
  const fd = openSync(dbPath, 'r+');
  try {
    writeSync(fd, Buffer.alloc(size), 0, size, (page - 1) * size);
  } finally {
    closeSync(fd);
  }
}

/** `warning`: the integrity warning expected (a damaged file is said to be damaged; a healthy read-only file has none). */
async function expectReadOnlyBackend(dbPath: string, reason: RegExp, warning: RegExp | null): Promise<void> {
  const backend = await openBackend({ dbPath, mode: 'web' });
  try {
    expect(backend.ctx.readOnly?.message).toMatch(reason);
    const v = (await backend.dispatch('system.integrity', {})) as Result<IntegrityView>;
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.ok).toBe(false);
    expect(v.value.storage).toMatchObject({ readOnly: true, canRestore: true });
    expect(v.value.storage.message).toMatch(reason);
    if (warning === null) expect(v.value.warning).toBeNull();
    else expect(v.value.warning).toMatch(warning);
    // A damaged file is said to be damaged, not edited outside the app.
    expect(v.value.warning ?? '').not.toMatch(/diubah di luar aplikasi/);

    const write = (await backend.dispatch('plenary.startSession', { member: 0 })) as Result<unknown>;
    expect(write.ok).toBe(false);
    if (!write.ok) {
      expect(write.error.code).toBe('DB_ERROR');
      expect(write.error.message).toMatch(/tidak disimpan/);
      expect(write.error.message).not.toMatch(/SQLITE|Sqlite|submission/);
    }

    const lan = (await backend.dispatch('import.lanStart', { port: 0 })) as Result<{
      port: number | null;
    }>;
    // The receiver still starts on a read-only file and answers every push 503 in words.
    expect(lan.ok).toBe(true);
    if (!lan.ok) return;
    const a = await postOnce(lan.value.port!, '/v1/c-hasil', record, { from: '127.0.0.1' });
    expect(a.status).toBe(503);
    expect(a.body).toMatch(/hanya-baca/);
    await backend.dispatch('import.lanStop', {});
  } finally {
    await backend.close();
  }
}

describe('a damaged or read-only database file', () => {
  it('one zeroed page: opened read-only with the reason, writes refused in words, LAN 503, audit verify exit = verdict', async () => {
    const dbPath = copyOf('zeroed');
    zeroSubmissionPage(dbPath);
    await expectReadOnlyBackend(
      dbPath,
      /rusak.*salinan cadangan/,
      /rusak dan tidak dapat dibaca seluruhnya.*Pulihkan dari cadangan/,
    );
    const audit = pleno(['audit', 'verify', '--db', dbPath]);
    expect(audit.stdout).toMatch(/^tidak valid/);
    expect(audit.code).toBe(1);
    expect(audit.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  }, 60_000);

  it('a file marked read-only: opened read-only with the reason; audit verify says valid and exits 0', async () => {
    const dbPath = copyOf('readonly');
    chmodSync(dbPath, 0o444);
    await expectReadOnlyBackend(dbPath, /hanya-baca/, null);
    const audit = pleno(['audit', 'verify', '--db', dbPath]);
    expect(audit.stdout).toMatch(/^valid/);
    expect(audit.code).toBe(0);
    const recap = pleno(['recap', '--db', dbPath, '--json']);
    expect(recap.code).toBe(0);
  }, 60_000);
});

describe('a page damaged while the app runs', () => {
  it('PRAGMA quick_check before a document is issued: refused in words, no file, no row', async () => {
    const dbPath = copyOf('running');
    const backend = await openBackend({ dbPath, mode: 'web' });
    try {
      expect(backend.ctx.readOnly ?? null).toBeNull();
      // Everything in the main file, then one page zeroed under the running app (a failing sector). A write by the
      // sqlite3 tool moves the WAL, so the app's connection drops its page cache and reads the file again.
      backend.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      zeroSubmissionPage(dbPath);
      execFileSync('sqlite3', [dbPath, 'PRAGMA journal_mode=WAL; PRAGMA application_id = 1;'], { encoding: 'utf8' });
      const r = (await backend.dispatch('documents.issue', {
        kind: 'd-hasil',
        pemilihan: 'bupati',
      })) as Result<unknown>;
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('DB_ERROR');
        expect(r.error.message).toMatch(
          /^Dokumen tidak diterbitkan: pemeriksaan berkas basis data menemukan kerusakan/,
        );
        expect(r.error.message).not.toMatch(/SQLITE|btree|page|submission/i);
      }
      const docs = path.join(dataDirFor(dbPath), 'documents');
      expect(existsSync(docs) ? execFileSync('ls', [docs], { encoding: 'utf8' }).trim() : '').toBe('');
    } finally {
      await backend.close();
    }
  }, 60_000);
});

describe('start-up housekeeping and readers beside a running app', () => {
  it('read-only CLI commands run while the app holds the database; *.tmp leftovers are removed at start', async () => {
    const dbPath = copyOf('beside');
    const photos = path.join(dataDirFor(dbPath), 'photos', 'ab');
    mkdirSync(photos, { recursive: true });
    const leftovers = [path.join(photos, 'abcd.123.0.tmp'), path.join(dataDirFor(dbPath), 'documents', 'x.pdf.tmp')];
    for (const f of leftovers) writeFileSync(f, 'half a photo');
    const backend = await openBackend({ dbPath, mode: 'web' });
    try {
      for (const f of leftovers) expect(existsSync(f)).toBe(false);
      expect(existsSync(`${dbPath}.lock`)).toBe(true);
      const recap = pleno(['recap', '--db', dbPath, '--json']);
      expect(recap.stderr).toBe('');
      expect(recap.code).toBe(0);
      expect(pleno(['audit', 'verify', '--db', dbPath]).code).toBe(0);
      // A writer is still refused: the lock protects the single writer.
      const imp = pleno(['import', '--db', dbPath, dbPath]);
      expect(imp.code).toBe(1);
      expect(imp.stderr).toMatch(/sedang dibuka oleh Pleno lain/);
      const write = (await backend.dispatch('plenary.startSession', { member: 0 })) as Result<unknown>;
      expect(write.ok).toBe(true);
    } finally {
      await backend.close();
    }
  }, 60_000);
});
