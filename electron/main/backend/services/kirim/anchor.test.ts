// Receipts anchor the audit chain: a chain shorter than, or different at, a head a stored receipt witnessed is
// reported. The receipt is a real one: the kecamatan issues its D.Hasil and pushes it to a real receiver over HTTP,
// which signs the receipt the sender verifies and stores. The chain is then cut or rewritten on copies of the file
// with the sqlite3 tool (the append-only trigger dropped and restored), as someone holding the laptop would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKirimPair, type KirimPair } from '../../../../../tests/support/kirim-pair';
import { issueOk } from '../../../../../tests/support/issue-document';
import { auditHead } from '../../repositories/audit.repo';
import { listTandaTerima, type TandaTerimaRow } from '../../repositories/kirim.repo';
import { kirimOutbox, outcomeLine } from './sender';
import { witnessedHeadProblems } from './anchor';

let pair: KirimPair;
let dir: string;
let receipt: TandaTerimaRow;
let firstDiterima: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pleno-anchor-'));
  pair = await startKirimPair({ desa: 1, tpsPerDesa: 1 });
  const ctx = pair.fx.backend.ctx;
  await issueOk(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
  const pushed = await kirimOutbox(ctx, { batasMs: 30_000, baseDelayMs: 50, maxDelayMs: 400 });
  expect(pushed.ok && pushed.value.map(outcomeLine)).toEqual([
    `${pair.fx.master.kecamatan.kode} bupati urutan 1: lengkap`,
  ]);
  // The receiver answers the manifest (what it still lacks), then the completed push; both witness one head.
  const receipts = listTandaTerima(ctx.db);
  expect(receipts.map((r) => r.status).at(-1)).toBe('lengkap');
  expect(new Set(receipts.map((r) => `${r.auditJumlah}:${r.auditKepala}`)).size).toBe(1);
  receipt = receipts.at(-1)!;
  firstDiterima = receipts[0]!.diterima; // a head is reported once, under the first receipt that witnessed it
}, 120_000);

afterAll(async () => {
  await pair?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs SQL with the sqlite3 tool on the file (another connection). */
function sqlite(file: string, sql: string): string {
  return execFileSync('sqlite3', [file], { input: sql, encoding: 'utf8' });
}

/** A copy of the kecamatan database, edited around the audit table's append-only trigger, then read. */
async function editedCopy(name: string, trigger: 'audit_no_update' | 'audit_no_delete', edit: string) {
  const file = path.join(dir, `${name}.db`);
  await pair.fx.backend.ctx.db.backup(file);
  const sql = sqlite(file, `SELECT sql FROM sqlite_master WHERE name = '${trigger}';`).trim();
  expect(sql).toMatch(/^CREATE TRIGGER/);
  sqlite(file, `DROP TRIGGER ${trigger};\n${edit};\n${sql};`);
  expect(sqlite(file, `SELECT count(*) FROM sqlite_master WHERE name = '${trigger}';`).trim()).toBe('1');
  const db = new Database(file, { readonly: true });
  try {
    return witnessedHeadProblems(db).map((p) => [p.english, p.message]);
  } finally {
    db.close();
  }
}

describe('audit anchoring by receipts', () => {
  it('a manifest names the head just before its own entry: after the document and its objects and blobs', () => {
    const rows = pair.fx.backend.ctx.db.prepare('SELECT seq, action, hash FROM audit ORDER BY seq').all() as {
      seq: number;
      action: string;
      hash: string;
    }[];
    const manifest = rows.find((r) => r.action === 'kirim.manifest')!;
    expect([receipt.auditJumlah, receipt.auditKepala]).toEqual([manifest.seq - 1, rows[manifest.seq - 2]!.hash]);
    const issued = rows.map((r) => r.seq < manifest.seq && r.action.startsWith('document.')).lastIndexOf(true);
    const between = rows.slice(issued + 1, manifest.seq - 1).map((r) => r.action);
    expect(between.length).toBeGreaterThan(1);
    expect(new Set(between)).toEqual(new Set(['kirim.objek', 'kirim.berkas']));
  });

  it('a real receipt witnessed a head the chain still holds: nothing to report', () => {
    const db = pair.fx.backend.ctx.db;
    expect(receipt.via).toBe('online');
    expect(receipt.auditJumlah).toBeGreaterThan(1);
    // The receipt and what came after it are newer entries; the witnessed head is still in the chain.
    expect(auditHead(db).seq).toBeGreaterThan(receipt.auditJumlah);
    const [entry] = db.prepare('SELECT hash FROM audit WHERE seq = ?').all(receipt.auditJumlah) as { hash: string }[];
    expect(entry!.hash).toBe(receipt.auditKepala);
    expect(witnessedHeadProblems(db)).toEqual([]);
  });

  it('reports the entry at the witnessed head rewritten', async () => {
    const j = receipt.auditJumlah;
    const problems = await editedCopy(
      'rewritten',
      'audit_no_update',
      `UPDATE audit SET hash = '${'b'.repeat(64)}' WHERE seq = ${j}`,
    );
    expect(problems).toEqual([
      [
        `audit entry #${j} differs from the head a receiver's receipt witnessed`,
        `entri audit #${j} berbeda dari kepala yang disaksikan tanda terima penerima ${firstDiterima}`,
      ],
    ]);
  });

  it('reports the chain cut below the witnessed head', async () => {
    const j = receipt.auditJumlah;
    const problems = await editedCopy('cut', 'audit_no_delete', `DELETE FROM audit WHERE seq >= ${j - 1}`);
    expect(problems).toEqual([
      [
        `audit chain shorter than the head (${j}) a receiver's receipt witnessed`,
        `rantai audit lebih pendek (${j - 2} entri) daripada kepala ${j} yang disaksikan tanda terima penerima ${firstDiterima}`,
      ],
    ]);
  });

  it('an entry after the witnessed head rewritten is not the receipt’s business', async () => {
    const j = receipt.auditJumlah;
    const problems = await editedCopy(
      'later',
      'audit_no_update',
      `UPDATE audit SET hash = '${'c'.repeat(64)}' WHERE seq = ${j + 1}`,
    );
    expect(problems).toEqual([]);
  });
});
