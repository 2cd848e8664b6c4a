// Rows edited outside the app (issue 14, item 4): a kecamatan whose every TPS was imported as signed bundles,
// accepted and locked through the handlers; then its file is edited with the sqlite3 tool — the append-only trigger
// dropped, a counted record's numbers changed, the trigger restored, as an attacker would. The app must not use those
// numbers silently: the integrity state fails (the banner's source), no final D.Hasil is issued, the recap CLI warns
// and exits 1, `pleno verify --db` does not call a document "sah", `pleno audit verify` exits 1 naming the row.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFor, openBackend } from '../../electron/main/backend/backend';
import { createKecamatanFixture } from '../support/records';
import type { Result } from '../../shared/contracts/result';
import type { IntegrityView } from '../../shared/contracts/system.contract';
import { tpsCode } from '../../shared/domain/model';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');

function pleno(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs SQL with the sqlite3 tool on the file (another connection, as an attacker with the laptop would). */
function sqlite(dbPath: string, sql: string): string {
  return execFileSync('sqlite3', [dbPath], { input: sql, encoding: 'utf8' });
}

/** Drops the table's no-update trigger, runs the edit, restores the trigger exactly as it was. */
function editAroundTrigger(dbPath: string, table: string, edit: string): void {
  const trigger = sqlite(dbPath, `SELECT sql FROM sqlite_master WHERE name = '${table}_no_update';`).trim();
  expect(trigger).toMatch(/CREATE TRIGGER/);
  sqlite(dbPath, `DROP TRIGGER ${table}_no_update;\n${edit};\n${trigger};`);
}

let dir: string;
let template: string;
let tps: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pleno-edited-'));
  const fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 2, dir: path.join(dir, 'template') });
  try {
    const call = async (m: string, input: unknown) => {
      const r = (await fx.backend.dispatch(m, input)) as Result<unknown>;
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
      return r.value;
    };
    await call('import.files', {
      files: fx.devices.map((d) => ({
        name: `${d.tps}.pleno`,
        contentBase64: Buffer.from(fx.bundleBytes(d.tps)).toString('base64'),
      })),
    });
    await call('plenary.startSession', { member: 0 });
    await call('plenary.setPin', { pin: '2580' }); // the ketua confirms the locks (docs/plenary-decisions.md)
    for (const d of fx.master.desa) {
      for (const t of d.tps) await call('plenary.accept', { tps: tpsCode(d.kode, t.nomor), pemilihan: 'bupati' });
    }
    for (const d of fx.master.desa) await call('plenary.lockDesa', { desa: d.kode, pemilihan: 'bupati', pin: '2580' });
    tps = tpsCode(fx.master.desa[0]!.kode, fx.master.desa[0]!.tps[0]!.nomor);
    template = fx.dbPath;
  } finally {
    await fx.close();
  }
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function copyOf(name: string): string {
  const own = mkdtempSync(path.join(dir, `${name}-`));
  const dbPath = path.join(own, 'kecamatan.db');
  cpSync(template, dbPath);
  cpSync(dataDirFor(template), dataDirFor(dbPath), { recursive: true });
  return dbPath;
}

/** The counted record of the TPS for bupati and its first paslon's votes, raised by 500 in counts_json. */
function raiseVotes(dbPath: string): number {
  const id = Number(
    sqlite(dbPath, `SELECT id FROM submission WHERE tps = '${tps}' AND pemilihan = 'bupati' ORDER BY id LIMIT 1;`),
  );
  const counts = JSON.parse(sqlite(dbPath, `SELECT counts_json FROM submission WHERE id = ${id};`)) as {
    suara: { paslon: number[] };
  };
  counts.suara.paslon[0]! += 500;
  editAroundTrigger(
    dbPath,
    'submission',
    `UPDATE submission SET counts_json = '${JSON.stringify(counts)}' WHERE id = ${id}`,
  );
  return id;
}

describe('a counted record edited with the sqlite3 tool (trigger dropped and restored)', () => {
  it('fails the integrity state, refuses a final D.Hasil, and every CLI reader says so', async () => {
    const dbPath = copyOf('edited');
    const before = pleno(['recap', '--db', dbPath, '--json']);
    expect(before.code).toBe(0);
    raiseVotes(dbPath);
    // The trigger is back: a plain `audit verify` of the triggers alone would not notice.
    expect(sqlite(dbPath, "SELECT count(*) FROM sqlite_master WHERE name = 'submission_no_update';").trim()).toBe('1');

    const recap = pleno(['recap', '--db', dbPath, '--json']);
    expect(recap.code).toBe(1);
    expect(recap.stderr).toMatch(/PERINGATAN: Pemeriksaan keutuhan data gagal/);
    expect(recap.stderr).toContain(`Hasil TPS ${tps} (bupati)`);
    expect(recap.stderr).toMatch(/angka yang tersimpan berbeda dengan angka yang ditandatangani/);

    const audit = pleno(['audit', 'verify', '--db', dbPath]);
    expect(audit.code).toBe(1);
    expect(audit.stdout).toMatch(/tidak valid.*submission/);

    const backend = await openBackend({ dbPath, mode: 'web' });
    try {
      const v = (await backend.dispatch('system.integrity', {})) as Result<IntegrityView>;
      expect(v.ok).toBe(true);
      if (!v.ok) return;
      expect(v.value.ok).toBe(false);
      expect(v.value.warning).toMatch(/dokumen final tidak dapat diterbitkan/);
      expect(v.value.problems.join('\n')).toContain(`Hasil TPS ${tps} (bupati)`);
      expect(v.value.problemCount).toBe(2); // the signed-envelope mismatch and the audit row hash

      const final = (await backend.dispatch('documents.issue', {
        kind: 'd-hasil',
        pemilihan: 'bupati',
        final: true,
      })) as Result<unknown>;
      expect(final.ok).toBe(false);
      if (!final.ok) expect(final.error.detail).toMatch(/Pemeriksaan keutuhan data gagal/);
      const draft = (await backend.dispatch('documents.issue', { kind: 'd-hasil', pemilihan: 'bupati' })) as Result<{
        id: number;
      }>;
      expect(draft.ok).toBe(true);
    } finally {
      await backend.close();
    }
    const docs = path.join(dataDirFor(dbPath), 'documents');
    const pdf = execFileSync('sh', ['-c', `ls ${docs}/*.pdf`], { encoding: 'utf8' })
      .trim()
      .split('\n')[0]!;
    const verify = pleno(['verify', pdf, '--db', dbPath]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).not.toMatch(/sah —/);
    expect(verify.stderr).toMatch(/gagal pemeriksaan keutuhan/);
    // The draft says so on every page, in its text (read back) and in its signed data (so it re-renders the same).
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('PERINGATAN: keutuhan data gagal saat diterbitkan (2 temuan)');
    const intact = pleno(['verify', pdf]);
    expect(intact.stdout).toMatch(/utuh, penanda tangan BELUM dipastikan/);
  }, 120_000);

  it('an edit while the app runs is noticed at the next read (another connection changes data_version)', async () => {
    const dbPath = copyOf('live');
    const backend = await openBackend({ dbPath, mode: 'web' });
    try {
      const first = (await backend.dispatch('system.integrity', {})) as Result<IntegrityView>;
      expect(first.ok && first.value.ok).toBe(true);
      const final = (await backend.dispatch('documents.issue', {
        kind: 'd-hasil',
        pemilihan: 'bupati',
        final: true,
      })) as Result<unknown>;
      expect(final.ok).toBe(true);

      raiseVotes(dbPath);
      const after = (await backend.dispatch('system.integrity', {})) as Result<IntegrityView>;
      expect(after.ok && after.value.ok).toBe(false);
      const again = (await backend.dispatch('documents.issue', {
        kind: 'd-hasil',
        pemilihan: 'bupati',
        final: true,
        reason: 'uji penerbitan ulang',
      })) as Result<unknown>;
      expect(again.ok).toBe(false);
    } finally {
      await backend.close();
    }
  }, 120_000);

  it('a record whose envelope, id and numbers were all rewritten still fails: the signature does not verify', async () => {
    const dbPath = copyOf('rewritten');
    const id = raiseVotes(dbPath);
    // Make counts_json and the envelope's payload agree again (the signature stays the device's old one).
    const env = JSON.parse(sqlite(dbPath, `SELECT envelope_json FROM submission WHERE id = ${id};`)) as {
      payload: { suara: { paslon: number[] } };
    };
    env.payload.suara.paslon[0]! += 500;
    editAroundTrigger(
      dbPath,
      'submission',
      `UPDATE submission SET envelope_json = '${JSON.stringify(env)}' WHERE id = ${id}`,
    );
    const recap = pleno(['recap', '--db', dbPath, '--json']);
    expect(recap.code).toBe(1);
    expect(recap.stderr).toMatch(/tanda tangan rekaman tidak sah/);
  }, 60_000);
});
