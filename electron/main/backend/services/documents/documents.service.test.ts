// Issuing documents from real databases: the hampang demo (pleno demo → init → import through the CLI) and a small
// kecamatan whose every TPS was imported and decided through the real handlers, then every desa locked. Each test
// works on its own copy of one of those two databases, so the tests hold in any order. The PDFs read back with
// pdftotext hold every desa name, the signature names and the kejadian/keberatan entered through the plenary
// handlers; pages render with pdftoppm; a final needs every desa locked; reissues get versions and need a reason;
// the CLI `pleno document` + `pleno verify` work on the files and reject altered bytes. The numbers of the D.Hasil
// are checked cell by cell in d-hasil-cells.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFor, openBackend } from '../../backend';
import { loadDataMaster } from '../../repositories/master.repo';
import { listAudit } from '../../repositories/audit.repo';
import { createKecamatanFixture } from '../../../../../tests/support/records';
import type { Result } from '../../../../../shared/contracts/result';
import { tpsCode } from '../../../../../shared/domain/model';
import { issuedDocuments } from './documents.service';
import { issueOk, issueRefused } from '../../../../../tests/support/issue-document';
import { verifyPdf } from './verify-pdf';
import { getPpkKey } from '../../repositories/keys.repo';
import { formatFingerprint } from '../../../../../shared/formats/envelope';

/** The ketua's PIN in this test (services/plenary/pins.service.ts). */
const PIN = '2580';

const ROOT = path.resolve(__dirname, '../../../../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');

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
/** The demo database (CLI import of tps/), and the small kecamatan with every desa of bupati locked. */
let demoDb: string;
let completeDb: string;
let completeDesa: { kode: string; nama: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pleno-docs-'));
  expect(pleno(['demo', path.join(dir, 'demo'), '--preset', 'hampang']).code).toBe(0);
  demoDb = path.join(dir, 'hampang.db');
  expect(pleno(['init', '--db', demoDb, '--master', path.join(dir, 'demo/master.json')]).code).toBe(0);
  expect(pleno(['import', '--db', demoDb, path.join(dir, 'demo/tps')]).code).toBe(0);

  // Every TPS imported as a signed bundle, accepted by the ketua, every desa of bupati locked: all through the
  // handlers and their guards.
  const fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 2, dir: path.join(dir, 'complete') });
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
    await call('plenary.setPin', { pin: PIN, currentPin: PIN });
    for (const pemilihan of ['bupati', 'gubernur']) {
      for (const d of fx.master.desa) {
        for (const t of d.tps) await call('plenary.accept', { pin: PIN, tps: tpsCode(d.kode, t.nomor), pemilihan });
      }
    }
    for (const d of fx.master.desa) await call('plenary.lockDesa', { pin: PIN, desa: d.kode, pemilihan: 'bupati' });
    completeDesa = fx.master.desa.map((d) => ({ kode: d.kode, nama: d.nama }));
    completeDb = fx.dbPath;
  } finally {
    await fx.close();
  }
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of a template database (file and data folder), opened with a clock that advances a minute a call. */
async function fresh(template: string, start = '2024-11-30T08:00:00Z') {
  const own = mkdtempSync(path.join(dir, 'copy-'));
  const dbPath = path.join(own, path.basename(template));
  cpSync(template, dbPath);
  cpSync(dataDirFor(template), dataDirFor(dbPath), { recursive: true });
  let at = Date.parse(start);
  const clock = { set: (iso: string) => (at = Date.parse(iso)) };
  const backend = await openBackend({ dbPath, mode: 'web', clock: () => new Date((at += 60_000)) });
  const master = loadDataMaster(backend.ctx.db)!;
  const call = async <T>(m: string, input: unknown): Promise<T> => {
    const r = (await backend.dispatch(m, input)) as Result<T>;
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return { own, dbPath, backend, master, clock, call };
}

async function withCopy<T>(template: string, fn: (c: Awaited<ReturnType<typeof fresh>>) => Promise<T>): Promise<T> {
  const c = await fresh(template);
  try {
    return await fn(c);
  } finally {
    await c.backend.close();
  }
}

describe('documents service', () => {
  it('issues a D.Hasil draft of the demo whose text holds every desa, the signature names and its hash; pages render', () =>
    withCopy(demoDb, async ({ own, backend, master }) => {
      const doc = await issueOk(backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
      expect(doc.row).toMatchObject({ version: 1, final: false, simulasi: true, kind: 'd-hasil' });
      expect(existsSync(doc.path)).toBe(true);
      const t = flat(text(doc.path));
      for (const d of master.desa) expect(t).toContain(`Lampiran Desa/Kelurahan ${d.nama}`);
      for (const m of master.ppk) expect(t).toContain(m.nama);
      const bupati = master.pemilihan.find((p) => p.id === 'bupati')!;
      for (const p of bupati.pilihan) expect(t).toContain(p.nama);
      expect(t).toContain('DRAF');
      expect(t).toContain('SIMULASI');
      const h = doc.row.dataSha256;
      expect(t).toContain(`sidik data ${h.slice(0, 4)} ${h.slice(4, 8)} ${h.slice(8, 12)} ${h.slice(12, 16)}`);
      expect((await verifyPdf(doc.bytes, { expectedPublicKey: undefined })).valid).toBe(true);
      // The PPK key's fingerprint on every page (docs/design.md §4.1: the receiver's operator compares it there).
      const fp = formatFingerprint(getPpkKey(backend.ctx.db)!.keyId);
      const pages = text(doc.path)
        .split('\f')
        .filter((p) => p.trim() !== '');
      expect(pages.length).toBe(doc.row.pages);
      for (const p of pages) expect(flat(p)).toContain(`sidik kunci PPK ${fp}`);

      // Every page renders (into this test's temp folder).
      execFileSync('pdftoppm', ['-r', '40', '-png', doc.path, path.join(own, 'page')]);
      const pngs = readdirSync(own).filter((f) => f.startsWith('page'));
      expect(pngs.length).toBe(doc.row.pages);
      for (const f of pngs) expect(readFileSync(path.join(own, f)).subarray(1, 4).toString()).toBe('PNG');
      const audit = listAudit(backend.ctx.db, { limit: 100, entity: 'document' });
      expect(audit.map((e) => e.action)).toEqual(['document.issue-draft']);
    }));

  it('issues D.Kejadian Khusus with NIHIL when nothing was recorded', () =>
    withCopy(demoDb, async ({ backend, master }) => {
      const doc = await issueOk(backend.ctx, {
        kind: 'kejadian-khusus',
        pemilihan: 'bupati',
        actor: 'uji',
        paper: 'f4',
      });
      const t = flat(text(doc.path));
      expect(t).toContain('NIHIL');
      for (const m of master.ppk) expect(t).toContain(m.nama);
    }));

  it('lists keberatan (with how they were resolved) and kejadian khusus in D.Kejadian Khusus, in local time', () =>
    withCopy(demoDb, async ({ backend, master, clock, call }) => {
      const d0 = master.desa[0]!;
      const tps = `${d0.kode}001`;
      await call('plenary.startSession', { member: 0 });
      await call('plenary.setPin', { pin: PIN, currentPin: PIN });
      clock.set('2024-11-29T00:59:00.000Z'); // the next clock read is 01:00 UTC
      await call('plenary.addKejadian', { desa: d0.kode, text: 'Kotak suara tiba dengan segel rusak' });
      clock.set('2024-11-29T02:09:00.000Z');
      const { objectionId } = await call<{ objectionId: number }>('plenary.raiseObjection', {
        scope: 'tps',
        pemilihan: 'bupati',
        tps,
        by: { kind: 'saksi', paslon: 2 },
        text: 'Suara sah paslon 2 di C.Hasil salinan saksi berbeda dengan layar',
      });
      await call('plenary.resolveObjection', {
        pin: PIN,
        objectionId,
        outcome: 'ditolak',
        reason: 'Dicocokkan dengan C.Hasil plano: angka di layar benar',
      });
      await call('plenary.raiseObjection', {
        scope: 'prosedur',
        pemilihan: 'gubernur',
        by: { kind: 'panwascam' },
        text: 'Saksi paslon 1 tidak menerima salinan',
      });
      const doc = await issueOk(backend.ctx, { kind: 'kejadian-khusus', pemilihan: 'bupati', actor: 'uji' });
      const t = flat(text(doc.path));
      expect(t).not.toContain('NIHIL');
      expect(t).toContain('Saksi Paslon 2');
      expect(t).toContain('Ditolak: Dicocokkan dengan C.Hasil plano');
      expect(t).toContain('segel rusak');
      expect(t).toContain(`TPS 001`);
      // 02:10 UTC is 10.10 WITA; the kejadian (01:00 UTC) comes first.
      expect(t).toContain('29 November 2024 10.10');
      expect(t.indexOf('segel rusak')).toBeLessThan(t.indexOf('Saksi Paslon 2'));
      expect(t).not.toContain('tidak menerima salinan'); // the gubernur objection is not in the bupati document
    }));

  it('refuses a final while a desa is unlocked, issues it when all are locked, and versions reissues', () =>
    withCopy(completeDb, async ({ backend, call }) => {
      const ctx = backend.ctx;
      const last = completeDesa[completeDesa.length - 1]!;
      await call('plenary.startSession', { member: 0 });
      await call('plenary.setPin', { pin: PIN, currentPin: PIN });
      await call('plenary.unlockDesa', {
        pin: PIN,
        desa: last.kode,
        pemilihan: 'bupati',
        reason: 'Pemeriksaan ulang lampiran',
      });
      const notFinal = await issueRefused(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: true });
      expect(notFinal.code).toBe('CONFLICT');
      expect(notFinal.detail!.split('\n')).toEqual([expect.stringContaining(last.nama)]);
      await call('plenary.lockDesa', { pin: PIN, desa: last.kode, pemilihan: 'bupati' });
      const final = await issueOk(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: true });
      expect(final.row).toMatchObject({ version: 1, final: true, reason: null });
      expect(flat(text(final.path))).not.toContain('DRAF');
      expect(await issueRefused(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: true })).toEqual({
        code: 'INVALID_INPUT',
        message: 'Dokumen final sudah pernah diterbitkan: alasan penerbitan ulang wajib diisi.',
        detail: 'reason',
      });
      const again = await issueOk(ctx, {
        kind: 'd-hasil',
        pemilihan: 'bupati',
        actor: 'uji',
        final: true,
        reason: 'Salah ketik nama saksi',
      });
      expect(again.row).toMatchObject({ version: 2, final: true, reason: 'Salah ketik nama saksi' });
      // Overlapping issues (two clicks) get distinct versions.
      const both = await Promise.all([
        issueOk(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', reason: 'Draf pembanding A' }),
        issueOk(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', reason: 'Draf pembanding B' }),
      ]);
      expect(both.map((d) => d.row.version)).toEqual([3, 4]);
      const list = issuedDocuments(ctx, { kind: 'd-hasil' });
      expect(list.map((d) => d.version)).toEqual([1, 2, 3, 4]);
      for (const d of list) expect(existsSync(path.join(ctx.dataDir, 'documents', d.fileName))).toBe(true);
    }));

  it('serves the contract: status, list with hashes, issue, file, verify; no PNG page route; refusals as Results', () =>
    withCopy(completeDb, async ({ own, backend, call: ok }) => {
      const call = (m: string, i: unknown) =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading JSON results loosely in a test
        backend.dispatch(m, i) as Promise<{ ok: boolean; value?: any; error?: any }>;
      await ok('plenary.startSession', { member: 0 });
      await ok('plenary.raiseObjection', {
        scope: 'prosedur',
        pemilihan: 'gubernur',
        by: { kind: 'panwascam' },
        text: 'Saksi paslon 1 tidak menerima salinan',
      });
      expect((await call('documents.issue', { kind: 'd-hasil', pemilihan: 'bupati', final: true })).ok).toBe(true);
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
      expect(gub.blockers.filter((b: string) => b.includes('belum dikunci')).length).toBe(completeDesa.length);
      expect(gub.blockers.filter((b: string) => /^Keberatan tentang .+ belum diselesaikan$/.test(b))).toHaveLength(1);
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
      const parent = path.join(own, 'media');
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
        expect(await call('documents.saveToDrive', { id: issued.value.id, root: own })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        });
      } finally {
        if (before === undefined) delete process.env.PLENO_DRIVE_ROOTS;
        else process.env.PLENO_DRIVE_ROOTS = before;
      }
    }));

  it('pleno document and pleno verify on the command line; altered bytes fail with a reason', () => {
    // its own copy of the demo database (no backend open on it)
    const own = mkdtempSync(path.join(dir, 'cli-'));
    const dbPath = path.join(own, 'hampang.db');
    cpSync(demoDb, dbPath);
    cpSync(dataDirFor(demoDb), dataDirFor(dbPath), { recursive: true });
    const out = path.join(own, 'dh.pdf');
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
    writeFileSync(path.join(own, 'altered.pdf'), altered);
    const bad = pleno(['verify', path.join(own, 'altered.pdf')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/TIDAK SAH/);

    expect(
      pleno(['document', 'd-hasil', '--db', dbPath, '--pemilihan', 'gubernur', '--out', out, '--final']).code,
    ).toBe(1);
    expect(pleno(['document', 'd-hasil', '--db', dbPath, '--pemilihan', 'dprd', '--out', out]).code).toBe(2);
    expect(pleno(['document', 'x', '--db', dbPath]).code).toBe(2);
  }, 300_000); // six CLI runs: 210 s at load 28

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
    const lone = mkdtempSync(path.join(dir, 'lone-'));
    mkdirSync(path.join(lone, 'x'), { recursive: true });
    writeFileSync(path.join(lone, 'x', bundle), readFileSync(path.join(tpsDir, bundle)));
    const u = pleno(['verify', path.join(lone, 'x', bundle)]);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/tidak dapat diperiksa tanpa data master/);
  }, 180_000); // three CLI runs: 84 s at load 28
});
