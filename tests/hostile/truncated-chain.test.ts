// The newest rows deleted together with their audit entries (issue 14, item 4): the file alone stays consistent, so
// `pleno audit verify` cannot see it; what left the laptop can. A kecamatan issues a D.Hasil (the PDF carries the
// audit head it was drawn at, printed in the footer), pushes it to a real receiver (the receipt names the head), and is
// backed up to a drive (cadangan.json). A copy of its file is then cut back with the sqlite3 tool (delete triggers
// dropped and restored) to before the document; `pleno audit verify --saksi` with those three files reports the
// truncation in Indonesian and exits 1. Once the app writes on past the witnessed head, the report is divergence.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFor, openBackend } from '../../electron/main/backend/backend';
import { startKirimPair, type KirimPair } from '../support/kirim-pair';
import { issueOk } from '../support/issue-document';
import { kirimOutbox, outcomeLine } from '../../electron/main/backend/services/kirim/sender';
import type { Result } from '../../shared/contracts/result';
import type { BackupStatus } from '../../shared/contracts/backup.contract';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');

function pleno(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const sqlite = (dbPath: string, sql: string): string =>
  execFileSync('sqlite3', [dbPath], { input: sql, encoding: 'utf8' });

let pair: KirimPair;
let media: string;
const savedRoots = process.env.PLENO_DRIVE_ROOTS;
/** The witnesses, as they would sit on paper scans, a drive and the receiver's answer. */
let pdf: string;
let backupJson: string;
let receipt: string;
/** The audit head the D.Hasil was drawn at. */
let witnessed: { jumlah: number; kepala: string };
let original: string;

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

beforeAll(async () => {
  media = mkdtempSync(path.join(tmpdir(), 'pleno-saksi-'));
  mkdirSync(path.join(media, 'FLASHDISK'));
  process.env.PLENO_DRIVE_ROOTS = media;
  pair = await startKirimPair({ desa: 2, tpsPerDesa: 2 });
  const { fx } = pair;
  const issued = await issueOk(fx.backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
  pdf = issued.path;
  const pushed = await kirimOutbox(fx.backend.ctx, { batasMs: 30_000, baseDelayMs: 50, maxDelayMs: 400 });
  expect(pushed.ok && pushed.value.map(outcomeLine)).toEqual([`${fx.master.kecamatan.kode} bupati urutan 1: lengkap`]);
  // The receipt as carried back on a drive (its exact bytes, as the receiver writes tanda-terima/<sha>.json).
  const row = fx.backend.ctx.db.prepare('SELECT envelope_json FROM kirim_tanda_terima ORDER BY id DESC').get() as {
    envelope_json: string;
  };
  receipt = path.join(media, 'tanda-terima.json');
  writeFileSync(receipt, row.envelope_json);
  const d = fx.backend.dispatch;
  value((await d('backup.setTarget', { root: path.join(media, 'FLASHDISK') })) as Result<unknown>);
  const backup = value((await d('backup.now', {})) as Result<BackupStatus>);
  backupJson = path.join(path.dirname(backup.last!.path), 'cadangan.json');
  fx.backend.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  original = path.join(media, 'asli', 'kecamatan.db');
  mkdirSync(path.dirname(original));
  cpSync(fx.dbPath, original);
  cpSync(dataDirFor(fx.dbPath), dataDirFor(original), { recursive: true });
  const keywords = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /audit:(\d+):([0-9a-f]{64})/.exec(keywords);
  expect(m).not.toBeNull();
  witnessed = { jumlah: Number(m![1]), kepala: m![2]! };
}, 180_000);

afterAll(async () => {
  await pair?.close();
  rmSync(media, { recursive: true, force: true });
  if (savedRoots === undefined) delete process.env.PLENO_DRIVE_ROOTS;
  else process.env.PLENO_DRIVE_ROOTS = savedRoots;
});

/** A copy of the kecamatan file, cut back to `keep` audit entries: every newer entry deleted with its row. */
function truncatedCopy(keep: number): string {
  const own = mkdtempSync(path.join(media, 'cut-'));
  const dbPath = path.join(own, 'kecamatan.db');
  cpSync(original, dbPath);
  cpSync(dataDirFor(original), dataDirFor(dbPath), { recursive: true });
  const pk = new Map(
    sqlite(dbPath, 'SELECT name, pk FROM audit_table;')
      .trim()
      .split('\n')
      .map((l) => l.split('|') as [string, string]),
  );
  const rows = sqlite(dbPath, `SELECT entity, entity_id FROM audit WHERE seq > ${keep} AND entity IS NOT NULL;`)
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('|') as [string, string]);
  const tables = [...new Set(['audit', ...rows.map(([t]) => t)])];
  const triggers = tables.map((t) => sqlite(dbPath, `SELECT sql FROM sqlite_master WHERE name = '${t}_no_delete';`));
  expect(triggers.every((t) => /CREATE TRIGGER/.test(t))).toBe(true);
  const deletes = rows.map(([t, id]) => `DELETE FROM ${t} WHERE ${pk.get(t)} = '${id.replace(/'/g, "''")}';`);
  sqlite(
    dbPath,
    [
      ...tables.map((t) => `DROP TRIGGER ${t}_no_delete;`),
      ...deletes,
      `DELETE FROM audit WHERE seq > ${keep};`,
      ...triggers.map((t) => `${t.trim()};`),
    ].join('\n'),
  );
  return dbPath;
}

describe('pleno audit verify --saksi', () => {
  it('the document carries the head it was drawn at: printed in the footer, in the PDF metadata', () => {
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const short = (witnessed.kepala.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
    expect(text).toContain(`Rantai audit saat diterbitkan: ${witnessed.jumlah} entri, kepala ${short}`);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(text.split('Rantai audit saat diterbitkan').length - 1).toBe(pages);
    const verified = pleno(['audit', 'verify', '--db', original, '--saksi', pdf, backupJson, receipt]);
    expect(verified.stdout).toMatch(/dokumen DHASIL-\d+-bupati versi 1 \(draf\).*: cocok/);
    expect(verified.stdout).toMatch(/cadangan .*: cocok/);
    expect(verified.stdout).toMatch(/tanda terima bupati urutan 1 .*: cocok/);
    expect(verified.stdout).toMatch(/^valid: .*cocok dengan 3 saksi$/m);
    expect(verified.code).toBe(0);
  }, 60_000);

  it('a chain cut back before the document: invisible alone, reported as truncated by each witness', () => {
    const keep = witnessed.jumlah - 3;
    const cut = truncatedCopy(keep);
    expect(Number(sqlite(cut, 'SELECT max(seq) FROM audit;'))).toBe(keep);
    expect(sqlite(cut, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_delete';")).toBe(
      sqlite(original, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_delete';"),
    );
    expect(sqlite(cut, 'SELECT count(*) FROM document;').trim()).toBe('0');

    const alone = pleno(['audit', 'verify', '--db', cut]);
    expect(alone.stdout).toMatch(/^valid: /); // the file is consistent: only a witness can tell
    expect(alone.code).toBe(0);

    const r = pleno(['audit', 'verify', '--db', cut, '--saksi', pdf, backupJson, receipt]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^tidak valid \/ invalid: rantai audit TERPOTONG/m);
    const lines = r.stdout.split('\n');
    const about = (file: string) => lines.filter((l) => l.startsWith(`saksi ${file}:`)).join('\n');
    expect(about(pdf)).toContain(
      `rantai audit TERPOTONG: dokumen DHASIL-${pair.fx.master.kecamatan.kode}-bupati versi 1 (draf)`,
    );
    expect(about(pdf)).toContain(`menyaksikan ${witnessed.jumlah} entri, basis data hanya memegang ${keep} entri`);
    expect(about(pdf)).toMatch(/tidak tercatat di basis data: catatan penerbitannya dihapus/);
    expect(about(backupJson)).toMatch(/rantai audit TERPOTONG: cadangan /);
    expect(about(receipt)).toMatch(/rantai audit TERPOTONG: tanda terima bupati urutan 1/);
    expect(r.stderr).toMatch(/4 masalah/);
    // No English, no table names, no stack traces on the user's line.
    expect(r.stdout).not.toMatch(/Error|at .*\.ts|kirim_tanda_terima/);
  }, 60_000);

  it('the app writing on past the witnessed head after a cut: reported as a different chain', async () => {
    const cut = truncatedCopy(witnessed.jumlah - 3);
    const b = await openBackend({ dbPath: cut, mode: 'web' });
    try {
      // Reissue until the chain is longer than the head the PDF saw: the entry at that number is now another one.
      while (Number(sqlite(cut, 'SELECT max(seq) FROM audit;')) < witnessed.jumlah)
        await issueOk(b.ctx, { kind: 'kejadian-khusus', pemilihan: 'bupati', actor: 'uji' });
    } finally {
      await b.close();
    }
    const r = pleno(['audit', 'verify', '--db', cut, '--saksi', pdf]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `rantai audit BERBEDA: entri #${witnessed.jumlah} tidak sama dengan kepala yang disaksikan dokumen`,
    );
  }, 60_000);

  it('refuses what cannot witness, in words: another file, a witness of another database', () => {
    const junk = path.join(media, 'catatan.txt');
    writeFileSync(junk, 'bukan saksi');
    const r = pleno(['audit', 'verify', '--db', original, '--saksi', junk]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `saksi ${junk}: tidak dapat dipakai — bukan PDF, cadangan.json, atau tanda terima Pleno`,
    );
    const other = JSON.parse(readFileSync(backupJson, 'utf8')) as { kecamatan: { kode: string } };
    other.kecamatan.kode = '639999';
    const otherFile = path.join(media, 'lain.json');
    writeFileSync(otherFile, JSON.stringify({ ...other }));
    const o = pleno(['audit', 'verify', '--db', original, '--saksi', otherFile]);
    expect(o.code).toBe(1);
    expect(o.stdout).toMatch(/saksi kecamatan 639999, bukan \d{6}/);
    expect(pleno(['audit', 'verify', '--db', original, junk]).code).toBe(2);
  }, 60_000);
});
