// Issuing documents from a real database built from the hampang demo (pleno demo → init → import): the PDFs read
// back with pdftotext hold every desa name, the totals and the signature names; pages render with pdftoppm (PNGs kept
// under artifacts/documents/); a final needs every desa locked; reissues get versions and need a reason; the CLI
// `pleno document` + `pleno verify` work on the files and reject altered bytes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../backend';
import {
  insertKejadian,
  insertLockEvent,
  insertObjection,
  insertObjectionResolution,
} from '../../repositories/pleno.repo';
import { loadDataMaster } from '../../repositories/master.repo';
import { listAudit } from '../../repositories/audit.repo';
import { recap } from '../recap/recap.service';
import { formatNumber } from '../../../../../shared/documents/format';
import type { DataMaster } from '../../../../../shared/domain/model';
import { DocumentError, issueDocument, issuedDocuments } from './documents.service';
import { verifyPdf } from './verify-pdf';
import { runWrite } from '../../db/command';

const ROOT = path.resolve(__dirname, '../../../../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');
const ARTIFACTS = path.join(ROOT, 'artifacts/documents');

function pleno(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function text(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** pdftotext breaks table headers and lines; compare with whitespace collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

let dir: string;
let dbPath: string;
let backend: Backend;
let master: DataMaster;
let at = Date.parse('2024-11-30T08:00:00Z');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pleno-docs-'));
  expect(pleno(['demo', path.join(dir, 'demo'), '--preset', 'hampang']).code).toBe(0);
  dbPath = path.join(dir, 'hampang.db');
  expect(pleno(['init', '--db', dbPath, '--master', path.join(dir, 'demo/master.json')]).code).toBe(0);
  pleno(['import', '--db', dbPath, path.join(dir, 'demo/tps')]);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('documents service on the hampang demo', () => {
  it('issues a D.Hasil draft whose text holds every desa, the totals and the signature names', async () => {
    backend = await openBackend({ dbPath, mode: 'web', clock: () => new Date((at += 60_000)) });
    master = loadDataMaster(backend.ctx.db)!;
    const doc = await issueDocument(backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    expect(doc.row).toMatchObject({ version: 1, final: false, simulasi: true, kind: 'd-hasil' });
    expect(existsSync(doc.path)).toBe(true);
    const t = flat(text(doc.path));
    for (const d of master.desa) expect(t).toContain(`Lampiran Desa/Kelurahan ${d.nama}`);
    const r = recap(backend.ctx, 'bupati')!.pemilihan[0]!;
    for (const v of [...r.total.suara.paslon, r.total.suara.sah, r.total.suara.tidakSah, r.total.suara.total]) {
      expect(t).toContain(formatNumber(v));
    }
    for (const d of r.desa) expect(t).toContain(formatNumber(d.total.suara.sah));
    for (const m of master.ppk) expect(t).toContain(m.nama);
    const bupati = master.pemilihan.find((p) => p.id === 'bupati')!;
    for (const p of bupati.pilihan) expect(t).toContain(p.nama);
    expect(t).toContain('DRAF');
    expect(t).toContain('SIMULASI');
    expect(t).toContain(`SHA-256 data: ${doc.row.dataSha256}`);
    expect((await verifyPdf(doc.bytes, { expectedPublicKey: undefined })).valid).toBe(true);

    // Pages render; keep the PNGs of the demo as artifacts.
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const f of readdirSync(ARTIFACTS)) if (f.startsWith('hampang-')) rmSync(path.join(ARTIFACTS, f));
    execFileSync('pdftoppm', ['-r', '70', '-png', doc.path, path.join(ARTIFACTS, 'hampang-d-hasil')]);
    const pngs = readdirSync(ARTIFACTS).filter((f) => f.startsWith('hampang-d-hasil'));
    expect(pngs.length).toBe(doc.row.pages);
    for (const f of pngs) expect(readFileSync(path.join(ARTIFACTS, f)).subarray(1, 4).toString()).toBe('PNG');
    // The audit entry of the issue.
    const audit = listAudit(backend.ctx.db, { limit: 100, entity: 'document' });
    expect(audit.map((e) => e.action)).toEqual(['document.issue-draft']);
  });

  it('issues D.Kejadian Khusus with NIHIL when nothing was recorded', async () => {
    const doc = await issueDocument(backend.ctx, {
      kind: 'kejadian-khusus',
      pemilihan: 'bupati',
      actor: 'uji',
      paper: 'f4',
    });
    const t = flat(text(doc.path));
    expect(t).toContain('NIHIL');
    for (const m of master.ppk) expect(t).toContain(m.nama);
    execFileSync('pdftoppm', ['-r', '70', '-png', doc.path, path.join(ARTIFACTS, 'hampang-kejadian')]);
  });

  it('lists keberatan (with how they were resolved) and kejadian khusus in D.Kejadian Khusus, in local time', async () => {
    const ctx = backend.ctx;
    const d0 = master.desa[0]!;
    const tps = `${d0.kode}001`;
    runWrite(ctx, (unit) => {
      const o = insertObjection(unit.db, {
        scope: 'tps',
        tps,
        desa: d0.kode,
        pemilihan: 'bupati',
        raisedBy: { peran: 'saksi', paslon: 2, nama: 'Junaidi' },
        text: 'Suara sah paslon 2 di C.Hasil salinan saksi berbeda dengan layar',
        raisedAt: '2024-11-29T02:10:00.000Z',
        recordedBy: 'Operator',
      });
      insertObjectionResolution(unit.db, {
        objectionId: o.id,
        outcome: 'ditolak',
        reason: 'Dicocokkan dengan C.Hasil plano: angka di layar benar',
        correctionId: null,
        decidedBy: master.ppk[0]!.nama,
        decidedAs: 'ketua',
        decidedAt: '2024-11-29T02:30:00.000Z',
      });
      insertObjection(unit.db, {
        scope: 'prosedur',
        tps: null,
        desa: null,
        pemilihan: 'gubernur',
        raisedBy: { peran: 'panwascam' },
        text: 'Saksi paslon 1 tidak menerima salinan',
        raisedAt: '2024-11-29T03:00:00.000Z',
        recordedBy: 'Operator',
      });
      insertKejadian(unit.db, {
        at: '2024-11-29T01:00:00.000Z',
        tps: null,
        desa: d0.kode,
        pemilihan: null,
        who: 'PPS Desa',
        text: 'Kotak suara tiba dengan segel rusak',
        recordedBy: 'Operator',
        recordedAt: '2024-11-29T01:05:00.000Z',
      });
    });
    const doc = await issueDocument(ctx, { kind: 'kejadian-khusus', pemilihan: 'bupati', actor: 'uji' });
    const t = flat(text(doc.path));
    expect(t).not.toContain('NIHIL');
    expect(t).toContain('Saksi Paslon 2');
    expect(t).toContain('Junaidi');
    expect(t).toContain('Ditolak: Dicocokkan dengan C.Hasil plano');
    expect(t).toContain('segel rusak');
    expect(t).toContain(`TPS 001`);
    // 02:10 UTC is 10.10 WITA; the kejadian (01:00 UTC) comes first.
    expect(t).toContain('29 November 2024 10.10');
    expect(t.indexOf('segel rusak')).toBeLessThan(t.indexOf('Saksi Paslon 2'));
    expect(t).not.toContain('tidak menerima salinan'); // the gubernur objection is not in the bupati document
  });

  it('refuses a final while a desa is unlocked, issues it when all are locked, and versions reissues', async () => {
    const ctx = backend.ctx;
    const lock = (desa: string) =>
      runWrite(ctx, (unit) =>
        insertLockEvent(unit.db, {
          pemilihan: 'bupati',
          desa,
          action: 'lock',
          reason: null,
          decidedBy: master.ppk[0]!.nama,
          decidedAs: 'ketua',
          decidedAt: new Date(at).toISOString(),
        }),
      );
    for (const d of master.desa.slice(0, -1)) lock(d.kode);
    const last = master.desa[master.desa.length - 1]!;
    await expect(
      issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: true }),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof DocumentError &&
        e.code === 'NOT_FINAL' &&
        e.reasons.length === 1 &&
        e.reasons[0]!.includes(last.nama),
    );
    lock(last.kode);
    const final = await issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: true });
    expect(final.row).toMatchObject({ version: 2, final: true, reason: null });
    expect(flat(text(final.path))).not.toContain('DRAF');
    await expect(
      issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: true }),
    ).rejects.toSatisfy((e: unknown) => e instanceof DocumentError && e.code === 'REASON_REQUIRED');
    const again = await issueDocument(ctx, {
      kind: 'd-hasil',
      pemilihan: 'bupati',
      actor: 'uji',
      final: true,
      reason: 'Salah ketik nama saksi',
    });
    expect(again.row).toMatchObject({ version: 3, final: true, reason: 'Salah ketik nama saksi' });
    // Overlapping issues (two clicks) get distinct versions.
    const both = await Promise.all([
      issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', reason: 'Draf pembanding A' }),
      issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', reason: 'Draf pembanding B' }),
    ]);
    expect(both.map((d) => d.row.version)).toEqual([4, 5]);
    const list = issuedDocuments(ctx, { kind: 'd-hasil' });
    expect(list.map((d) => d.version)).toEqual([1, 2, 3, 4, 5]);
    for (const d of list) expect(existsSync(path.join(ctx.dataDir, 'documents', d.fileName))).toBe(true);
  });

  it('serves the contract: status, list with hashes, issue, file, verify; no PNG page route; refusals as Results', async () => {
    const call = (m: string, i: unknown) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading JSON results loosely in a test
      backend.dispatch(m, i) as Promise<{ ok: boolean; value?: any; error?: any }>;
    const status = await call('documents.status', {});
    expect(status.ok).toBe(true);
    const bupati = status.value.pemilihan.find((p: { id: string }) => p.id === 'bupati');
    expect(bupati).toMatchObject({
      final: true,
      blockers: [],
      finalIssued: { 'd-hasil': true, 'kejadian-khusus': false },
    });
    const gub = status.value.pemilihan.find((p: { id: string }) => p.id === 'gubernur');
    expect(gub.final).toBe(false);
    expect(gub.blockers.filter((b: string) => b.includes('belum dikunci')).length).toBe(master.desa.length);
    expect(gub.blockers.filter((b: string) => /^Keberatan #\d+ belum diselesaikan$/.test(b))).toHaveLength(1);
    const refused = await call('documents.issue', { kind: 'd-hasil', pemilihan: 'gubernur', final: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(refused.error.detail).toContain('belum dikunci');
    const noReason = await call('documents.issue', { kind: 'd-hasil', pemilihan: 'bupati', final: true });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const issued = await call('documents.issue', { kind: 'kejadian-khusus', pemilihan: 'bupati', final: true });
    expect(issued.ok).toBe(true);
    const list = await call('documents.list', {});
    expect(list.value[0]).toMatchObject({
      id: issued.value.id,
      final: true,
      dataSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const file = await call('documents.file', { id: issued.value.id });
    expect(file.value.sha256).toBe(issued.value.fileSha256);
    const v = await call('documents.verify', { id: issued.value.id });
    expect(v.value).toEqual({ id: issued.value.id, valid: true, problems: [] });
    // Previews are drawn by the renderer (pdf.js): the backend has no page-image route any more.
    expect(await call('documents.page', { id: issued.value.id, page: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await call('documents.file', { id: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // Save a copy to a removable drive (PLENO_DRIVE_ROOTS stands in for /media/<user>); only listed drives are accepted.
    const parent = path.join(dir, 'media');
    mkdirSync(path.join(parent, 'FLASHDISK'), { recursive: true });
    const before = process.env.PLENO_DRIVE_ROOTS;
    process.env.PLENO_DRIVE_ROOTS = parent;
    try {
      const drives = await call('documents.drives', {});
      const usb = drives.value.find((d: { label: string }) => d.label === 'FLASHDISK');
      expect(usb).toBeDefined();
      const saved = await call('documents.saveToDrive', { id: issued.value.id, root: usb.root });
      expect(saved.ok).toBe(true);
      expect(saved.value.path).toBe(path.join(usb.root, 'Pleno-Dokumen', issued.value.fileName));
      expect(readFileSync(saved.value.path).equals(Buffer.from(file.value.base64, 'base64'))).toBe(true);
      expect(await call('documents.saveToDrive', { id: issued.value.id, root: dir })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    } finally {
      if (before === undefined) delete process.env.PLENO_DRIVE_ROOTS;
      else process.env.PLENO_DRIVE_ROOTS = before;
    }
    await backend.close();
  });

  it('pleno document and pleno verify on the command line; altered bytes fail with a reason', () => {
    const out = path.join(dir, 'dh.pdf');
    const r = pleno(['document', 'd-hasil', '--db', dbPath, '--pemilihan', 'gubernur', '--out', out, '--paper', 'f4']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/DHASIL-630214-gubernur versi 1 DRAF SIMULASI/);
    const ok = pleno(['verify', out, '--db', dbPath]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/sah — DHASIL-630214-gubernur versi 1 DRAF/);

    // Flip one byte inside the compressed page content of the first page: the file no longer matches its data.
    const bytes = readFileSync(out);
    const idx = bytes.indexOf(Buffer.from('stream\n'), bytes.indexOf(Buffer.from('/FlateDecode')));
    const altered = Buffer.from(bytes);
    altered[idx + 40] = altered[idx + 40]! ^ 0x01;
    writeFileSync(path.join(dir, 'altered.pdf'), altered);
    const bad = pleno(['verify', path.join(dir, 'altered.pdf')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/TIDAK SAH/);

    expect(
      pleno(['document', 'd-hasil', '--db', dbPath, '--pemilihan', 'gubernur', '--out', out, '--final']).code,
    ).toBe(1);
    expect(pleno(['document', 'd-hasil', '--db', dbPath, '--pemilihan', 'dprd', '--out', out]).code).toBe(2);
    expect(pleno(['document', 'x', '--db', dbPath]).code).toBe(2);
  }, 120_000);

  it('pleno verify checks a TPS bundle and an envelope against the master beside them', () => {
    const tpsDir = path.join(dir, 'demo/tps');
    const bundle = readdirSync(tpsDir).find((f) => f.endsWith('.pleno'))!;
    const r = pleno(['verify', path.join(tpsDir, bundle)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sah — C\.Hasil TPS \d{13}/);
    const m = pleno(['verify', path.join(dir, 'demo/master.json')]);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/data master Kecamatan Hampang/);
    // Without a master nearby a device signature cannot be checked: not verified.
    const lone = path.join(dir, 'lone');
    mkdirSync(path.join(lone, 'x'), { recursive: true });
    writeFileSync(path.join(lone, 'x', bundle), readFileSync(path.join(tpsDir, bundle)));
    const u = pleno(['verify', path.join(lone, 'x', bundle)]);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/tidak dapat diperiksa tanpa data master/);
  }, 60_000);
});
