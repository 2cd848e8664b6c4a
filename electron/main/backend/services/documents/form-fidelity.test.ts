// The D.Hasil and D.Kejadian Khusus of the hampang demo read back from the PDFs (pdftotext, the decoded content
// streams, pdftoppm): the seeded inconsistent columns are marked on the draft; a final with an unexplained
// R01/R02/R05/R06 break is refused and issued once the plenary corrected (905 → 105) or accepted with a reason (every
// decision, lock and refusal through the handlers and their guards, never written into the repositories); the
// paraf strip on every page; the opening paragraph with the date in words; no text under 8 pt; D.Kejadian shows the
// correction with its basis and approver. The A4 and F4 pages are kept as PNGs under artifacts/documents/.
// The drafts, each final scenario and the pleno verify checks work on their own copy of the imported demo database,
// so the tests hold in any order (vitest --sequence.shuffle).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../backend';
import { loadDataMaster } from '../../repositories/master.repo';
import { listSubmissions } from '../../repositories/submission.repo';
import type { Result } from '../../../../../shared/domain/result';
import type { DashboardView, MembersView } from '../../../../../shared/contracts/plenary.contract';
import type { TpsReview } from '../../../../../shared/contracts/plenary-review.contract';
import { generateDemo } from '../demo/demo-generator';
import type { DemoFault } from '../demo/demo-types';
import { getCount } from '../../../../../shared/domain/labels';
import type { DataMaster } from '../../../../../shared/domain/model';
import { formulaFailures } from '../../../../../shared/documents/formula';
import { padaHariIni } from '../../../../../shared/documents/terbilang';
import { issueOk, issueRefused } from '../../../../../tests/support/issue-document';
import { readEmbeddedData } from './verify-pdf';
import { checkTraces } from '../../../../../shared/documents/traces';
import { traceReport } from '../../../cli/verify-traces';
import type { DHasilData } from '../../../../../shared/documents/types';
import { checkR16, type PhotoRecord } from '../../../../../shared/domain/rules/r16-photo';

const ROOT = path.resolve(__dirname, '../../../../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');
const ARTIFACTS = path.join(ROOT, 'artifacts/documents');

function pleno(args: string[]): number {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT }).status ?? -1;
}

/** Text of each page (pdftotext separates pages with a form feed), whitespace collapsed. */
function pageTexts(file: string): string[] {
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return out
    .split('\f')
    .slice(0, -1)
    .map((s) => s.replace(/\s+/g, ' '));
}

/** The decoded content stream of every page. */
async function contentStreams(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((p) => {
    const s = p.node.lookup(PDFName.of('Contents'));
    if (!(s instanceof PDFRawStream)) throw new Error('page without a single content stream');
    return inflateSync(s.contents).toString('latin1');
  });
}

let dir: string;
/** The drafts' backend. */
let backend: Backend;
const opened: Backend[] = [];
let master: DataMaster;
let faults: DemoFault[];
let demoPhotos: PhotoRecord[];
const ISSUED = Date.parse('2024-11-30T08:00:00Z'); // 16.00 WITA, Saturday 30 November 2024

beforeAll(async () => {
  // The kept page images: the folder made and last run's pictures removed here, before any test writes one (in a
  // fresh checkout the folder does not exist, and a test run first must not write into nothing).
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith('hampang-form-')) rmSync(path.join(ARTIFACTS, f));
  dir = mkdtempSync(path.join(tmpdir(), 'pleno-form-'));
  expect(pleno(['demo', path.join(dir, 'demo'), '--preset', 'hampang'])).toBe(0);
  // The imported demo, never opened here: each part of the file takes a copy (database file and data folder).
  const dbPath = path.join(dir, 'imported', 'hampang.db');
  mkdirSync(path.dirname(dbPath));
  expect(pleno(['init', '--db', dbPath, '--master', path.join(dir, 'demo/master.json')])).toBe(0);
  pleno(['import', '--db', dbPath, path.join(dir, 'demo/tps')]);
  const demo = generateDemo({ preset: 'hampang' });
  faults = demo.expected.faults;
  demoPhotos = demo.records.map((r) => ({
    tps: r.tps,
    pemilihan: r.pemilihan,
    foto: r.envelope.payload.foto,
  }));
  backend = await importedCopy('drafts');
  master = loadDataMaster(backend.ctx.db)!;
}, 360_000); // past 180 s at load 28

afterAll(async () => {
  for (const b of opened) await b.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A backend on a fresh copy of the imported demo, with its own clock (a second a call) from `start`. The drafts
 * start at ISSUED (the date printed in words); the plenary's decisions must come after the records were received
 * (the CLI import ran at the real time), or each later record reopens a konflik.
 */
async function importedCopy(name: string, start = ISSUED): Promise<Backend> {
  cpSync(path.join(dir, 'imported'), path.join(dir, name), { recursive: true });
  let at = start;
  const b = await openBackend({
    dbPath: path.join(dir, name, 'hampang.db'),
    mode: 'web',
    clock: () => new Date((at += 1000)),
  });
  opened.push(b);
  return b;
}

const desaOf = (tps: string) => master.desa.find((d) => d.kode === tps.slice(0, 10))!;
const ketua = () => master.ppk[0]!.nama;

describe('D.Hasil drafts of the hampang demo, read back', () => {
  it('marks every seeded inconsistent column and lists it on the page, in A4 and F4', async () => {
    const sah = faults.find((f) => f.kind === 'jumlah-tidak-cocok' && f.field === 'suara.sah')!;
    const pemilih = faults.find((f) => f.kind === 'jumlah-tidak-cocok' && f.field === 'pemilih.jumlah.l')!;
    for (const paper of ['a4', 'f4'] as const) {
      const g = await issueOk(backend.ctx, { kind: 'd-hasil', pemilihan: 'gubernur', actor: 'uji', paper });
      const pages = pageTexts(g.path);
      const tpsName = `TPS ${sah.tps.slice(10)}`;
      const desa = desaOf(sah.tps);
      // The TPS column on its desa attachment, the desa column and the kecamatan total on the kecamatan table.
      const lampiran = pages.filter((p) => p.includes(`Lampiran Desa/Kelurahan ${desa.nama} `)).join(' ');
      expect(lampiran).toContain('Tidak sesuai rumus');
      expect(lampiran).toContain(`${tpsName} · IV.B Jumlah suara sah: tertulis ${sah.nilaiTercatat}`);
      expect(lampiran).toContain(`A.1+A.2 = ${sah.nilaiBenar}`);
      expect(lampiran).toContain(`▲ ${sah.nilaiTercatat}`);
      const kec = pages.filter((p) => p.includes('Rekapitulasi per desa/kelurahan (')).join(' ');
      expect(kec).toContain(`${desa.nama} · IV.B Jumlah suara sah`);
      expect(kec).toContain('JUMLAH KECAMATAN HAMPANG · IV.B Jumlah suara sah');
      // No desa is counted twice: "1–9 dari 9 dan jumlah kecamatan".
      expect(kec).toContain(`(desa 1–${master.desa.length} dari ${master.desa.length} dan jumlah kecamatan)`);
      // Every lampiran page title is printed whole, "bagian x/y" included (it once ended "bagia…" on A4).
      const titled = pages.filter((p) => p.includes('Lampiran Desa/Kelurahan '));
      expect(titled.length).toBeGreaterThan(0);
      for (const p of titled) {
        expect(p).not.toContain('…');
        expect(p).toMatch(/Lampiran Desa\/Kelurahan .+ \(\d{2}\.\d{2}\.\d{2}\.\d{4}\):/);
        expect(p).toMatch(/TPS \d+–\d+ dari \d+( dan jumlah desa)? · bagian \d+\/\d+|jumlah desa · bagian \d+\/\d+/);
      }
      execFileSync('pdftoppm', ['-r', '80', '-png', g.path, path.join(ARTIFACTS, `hampang-form-gubernur-${paper}`)]);
    }
    const b = await issueOk(backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    const text = pageTexts(b.path).join(' ');
    expect(text).toContain(
      `TPS ${pemilih.tps.slice(10)} · I.A.4 Jumlah pemilih L: tertulis ${pemilih.nilaiTercatat}, A.1+A.2+A.3 = ${pemilih.nilaiBenar}`,
    );
    // The misread 905 breaks IV.B of its TPS.
    const misread = faults.find((f) => f.kind === 'salah-baca')!;
    expect(text).toContain(`TPS ${misread.tps.slice(10)} · IV.B Jumlah suara sah`);
  }, 180_000); // three documents and two page renderings: slow on a loaded machine

  it('has the paraf strip on every page but the signature page, the date in words, and no text under 8 pt', async () => {
    const doc = await issueOk(backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', paper: 'f4' });
    const pages = pageTexts(doc.path);
    expect(pages).toHaveLength(doc.row.pages);
    pages.forEach((p, i) => {
      expect(p).toContain(`Halaman ${i + 1} dari ${pages.length}`);
      if (i < pages.length - 1) {
        expect(p).toContain('Paraf:');
        for (const who of ['Ketua PPK', 'Anggota PPK 4', 'Saksi Paslon 1', 'Saksi Paslon 3']) expect(p).toContain(who);
      } else {
        expect(p).toContain('Tanda Tangan');
        expect(p).toContain('PANWASLU KECAMATAN (menerima salinan)');
      }
      expect(p).not.toMatch(/pleno verify|SHA-256/);
      expect(p).toContain('Keaslian dapat diperiksa di aplikasi Pleno');
    });
    const issued = new Date(ISSUED);
    expect(issued.getUTCDay()).toBe(6);
    expect(pages[0]).toContain(padaHariIni('2024-11-30T16:00:00+08:00'));
    expect(pages[0]).toContain('Pada hari ini Sabtu tanggal tiga puluh bulan November tahun dua ribu dua puluh empat');
    // Column numbers and formulas in the labels.
    for (const n of [1, 2, 3, 4, 5, master.desa.length + 4]) expect(pages[0]).toContain(`(${n})`);
    expect(pages.join(' ')).toContain('Jumlah Seluruh Suara Sah (A.1+A.2+A.3)');
    expect(pages.join(' ')).toContain('(B+C)');
    // Every text size set in the content streams (Tf) is at least 8 pt; text matrices do not scale it down.
    const streams = await contentStreams(doc.bytes);
    expect(streams.length).toBe(pages.length);
    for (const cs of streams) {
      const sizes = [...cs.matchAll(/ ([\d.]+) Tf/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(50);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8);
      // Every text set with a size has its matrix right after it (none may slip past the scale check).
      const matrices = [...cs.matchAll(/Tf (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) [-\d.]+ [-\d.]+ Tm/g)];
      expect(matrices.length).toBe(sizes.length);
      for (const m of matrices) expect(Math.hypot(Number(m[1]), Number(m[2]))).toBeCloseTo(1, 4);
    }
  });
});

describe('R16 on the hampang demo', () => {
  it('flags the seeded reused photo on both TPS that carry it, and nothing else', () => {
    const reused = faults.find((f) => f.kind === 'foto-tertukar')!;
    const flagged = checkR16(demoPhotos);
    expect(new Set(flagged.map((v) => v.tps))).toEqual(new Set([reused.tps, reused.files[1]!.slice(4, 17)]));
    expect(flagged.find((v) => v.tps === reused.tps)!.message).toMatch(/^Foto lembar 3 sama persis dengan foto TPS/);
  });
});

/** The ketua's PIN in this test (services/plenary/pins.service.ts). */
const PIN = '2580';
const P = 'bupati';

function caller(b: Backend) {
  return async <T = unknown>(m: string, input: unknown): Promise<T> => {
    const r = (await b.dispatch(m, input)) as Result<T>;
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}\n${r.error.detail ?? ''}`);
    return r.value;
  };
}

/**
 * The plenary of bupati through the handlers and their guards: the misread 905 corrected to `misreadTo` (proposed by
 * an anggota, approved by the ketua with the PIN), each konflik settled by choosing the later consistent submission,
 * the TPS with no result typed by manual double entry, every other TPS accepted (with the plenary's reason where the
 * rules found an error), every desa locked, and a saksi's refusal to sign recorded.
 */
async function decideThroughGuards(b: Backend, misreadTo: number) {
  const call = caller(b);
  const misread = faults.find((f) => f.kind === 'salah-baca' && f.pemilihan === P)!;
  const { members } = await call<MembersView>('plenary.members', {});
  const chair = members.find((m) => m.ketua)!;
  const [anggota, juru] = members.filter((m) => !m.ketua);
  expect(chair.nama).toBe(ketua());
  expect(anggota!.nama).toBe(master.ppk[1]!.nama);
  const tiles = async () =>
    (await call<DashboardView>('plenary.dashboard', { pemilihan: P })).desa.flatMap((d) => d.tiles);

  await call('plenary.startSession', { member: anggota!.id });
  const before = (await call<TpsReview>('plenary.tps', { tps: misread.tps, pemilihan: P })).current!;
  expect(getCount(before, misread.field!)).toBe(905);
  const { correctionId } = await call<{ correctionId: number }>('plenary.proposeCorrection', {
    tps: misread.tps,
    pemilihan: P,
    changes: [{ path: misread.field!, value: misreadTo }],
    reason: 'Angka salah baca; C.Hasil plano menulis 105',
    basis: 'c-hasil-plano',
  });
  const subs = listSubmissions(b.ctx.db, { pemilihan: P });
  for (const t of (await tiles()).filter((x) => x.konflik)) {
    const own = subs.filter((s) => s.tps === t.tps);
    const later = own.filter((s) => formulaFailures(s.counts).length === 0).at(-1) ?? own.at(-1)!;
    await call('plenary.chooseSubmission', {
      tps: t.tps,
      pemilihan: P,
      submissionId: later.id,
      reason: 'Kiriman kedua sesuai C.Hasil plano',
    });
  }
  const plain = (await tiles()).find((t) => t.status === 'masuk' && !t.bermasalah && !t.konflik)!;
  const template = (await call<TpsReview>('plenary.tps', { tps: plain.tps, pemilihan: P })).current!;
  for (const t of (await tiles()).filter((x) => x.base === 'belum-masuk')) {
    for (const [slot, op] of [
      [1, anggota!],
      [2, juru!],
    ] as const)
      await call('import.manualSubmit', { tps: t.tps, pemilihan: P, operator: op.nama, slot, counts: template });
  }

  await call('plenary.startSession', { member: chair.id });
  await call('plenary.setPin', { pin: PIN, currentPin: PIN });
  await call('plenary.decideCorrection', { pin: PIN, correctionId, decision: 'approved' });
  for (const d of (await call<DashboardView>('plenary.dashboard', { pemilihan: P })).desa) {
    for (const t of d.tiles.filter((x) => x.base === 'masuk')) {
      const reason = 'C.Hasil plano menulis jumlah ini; kekeliruan penjumlahan KPPS dicatat';
      await call('plenary.accept', {
        pin: PIN,
        tps: t.tps,
        pemilihan: P,
        ...(t.bermasalah ? { overrideReason: reason } : {}),
      });
    }
    await call('plenary.lockDesa', { pin: PIN, desa: d.kode, pemilihan: P });
  }
  await call('documents.recordRefusal', {
    pemilihan: P,
    paslon: 3,
    nama: 'Rahmat Saksi',
    alasan: 'keberatan atas TPS 002 belum dijawab tertulis',
  });
  expect((await call<DashboardView>('plenary.dashboard', { pemilihan: P })).final).toBe(true);
  return { misread, subs: listSubmissions(b.ctx.db, { pemilihan: P }) };
}

/** Every decision of the plenary through the guards (the misread 905 → 105), then the final D.Hasil bupati issued. */
async function decideAndIssueFinal(b: Backend) {
  const { misread, subs } = await decideThroughGuards(b, 105);
  const final = await issueOk(b.ctx, { kind: 'd-hasil', pemilihan: P, actor: 'uji', final: true });
  return { final, subs, misread };
}

describe('a final D.Hasil and the D.Kejadian Khusus after the plenary decided', () => {
  it('refuses a final while a correction left a sum broken without a reason, naming the TPS and the sum', async () => {
    // Locking needs every TPS settled, and an approved correction settles its TPS: a correction to 106 instead of 105
    // leaves IV.B broken on a pemilihan the read model calls final; the documents alone refuse it.
    const b = await importedCopy('refused-final', Date.now());
    const { misread } = await decideThroughGuards(b, 106);
    const current = (await caller(b)<TpsReview>('plenary.tps', { tps: misread.tps, pemilihan: P })).current!;
    const parts = current.suara.paslon.reduce((a, n) => a + n, 0);
    expect(parts).toBe(current.suara.sah + 1);
    expect(parts).toBeLessThan(1000); // printed without a thousands separator
    const e = await issueRefused(b.ctx, { kind: 'd-hasil', pemilihan: P, actor: 'uji', final: true });
    expect(e.code).toBe('CONFLICT');
    // Only the corrected TPS: the breaks accepted with a reason (the R01 pemilih L among them) are explained.
    expect(e.detail!.split('\n')).toEqual([
      `Desa/Kel. ${desaOf(misread.tps).nama}, TPS ${misread.tps.slice(10)}: jumlah suara sah tertulis ` +
        `${current.suara.sah}, A.1+A.2+A.3 = ${parts} (R05) — koreksi, atau terima dengan alasan dalam pleno`,
    ]);
  }, 180_000);

  it('issues the final after the correction 905 → 105 and acceptances with a reason; D.Kejadian lists them', async () => {
    const b = await importedCopy('final', Date.now());
    const ctx = b.ctx;
    const { final, subs, misread } = await decideAndIssueFinal(b);
    const text = pageTexts(final.path).join(' ');
    expect(text).not.toContain('DRAF');
    // The accepted R01 break stays marked on the final.
    const pemilih = faults.find((f) => f.kind === 'jumlah-tidak-cocok' && f.field === 'pemilih.jumlah.l')!;
    expect(text).toContain(`▲ ${pemilih.nilaiTercatat}`);
    expect(text).toContain(`TPS ${pemilih.tps.slice(10)} · I.A.4 Jumlah pemilih L`);
    expect(text).not.toContain('905');

    // pleno.document/2: every lampiran TPS names its record and corrections; replaying them gives the printed counts.
    const data = JSON.parse(new TextDecoder().decode((await readEmbeddedData(final.bytes))!)) as {
      payload: DHasilData;
    };
    expect(data.payload.format).toBe('pleno.document/2');
    const held = new Map(subs.map((s) => [s.sha256, { tps: s.tps, counts: s.counts }]));
    const traces = checkTraces(data.payload, (sha) => held.get(sha));
    expect(traces.problems).toEqual([]);
    expect(traces.traced).toBe(data.payload.lampiran.flatMap((d) => d.tps).filter((t) => t.counts).length);
    const fixed = data.payload.lampiran.flatMap((d) => d.tps).find((t) => t.sumber?.koreksi.length)!;
    expect(fixed.sumber!.koreksi).toEqual([
      expect.objectContaining({
        bidang: misread.field,
        dari: 905,
        menjadi: 105,
        dasar: 'c-hasil-plano',
        disetujui: ketua(),
      }),
    ]);
    // A tampered trace is reported.
    fixed.sumber!.koreksi[0]!.menjadi = 106;
    expect(checkTraces(data.payload, (sha) => held.get(sha)).problems).toHaveLength(1);

    const kej = await issueOk(ctx, { kind: 'kejadian-khusus', pemilihan: 'bupati', actor: 'uji', final: true });
    const k = pageTexts(kej.path).join(' ');
    expect(k).toMatch(/Suara Sah Paslon Nomor Urut \d \([^)]*\): 905 → 105/);
    expect(k).toContain('Dasar: C.Hasil-KWK plano (dari kotak suara)');
    expect(k).toContain(`Disetujui ${ketua()} (Ketua PPK)`);
    // pdftotext interleaves the narrow "Pihak" column with its neighbour: the proposer's name words are there.
    expect(k).toContain('(diusulkan');
    for (const w of master.ppk[1]!.nama.split(' ')) expect(k).toContain(w);
    expect(k).toContain('dokumen tetap sah');
    expect(k).toContain('Data diterima pleno walaupun jumlah pemilih laki-laki tertulis');
    expect(k).toContain('kekeliruan penjumlahan KPPS dicatat');
    // The refusal recorded through documents.recordRefusal; pdftotext interleaves its narrow "Jenis" cell
    // ("Menolak tanda tangan") with the paslon's name in the "Pihak" cell.
    expect(k).toMatch(/Saksi Paslon 3 \S+ Menolak \S+ – \S+ tanda tangan \S+ \(Rahmat Saksi\)/);
    expect(k).toContain(
      'Saksi Rahmat Saksi menolak menandatangani. Alasan: keberatan atas TPS 002 belum dijawab tertulis',
    );
    execFileSync('pdftoppm', ['-r', '80', '-png', kej.path, path.join(ARTIFACTS, 'hampang-form-kejadian-a4')]);
  });
});

describe('pleno verify of the final D.Hasil (pleno.document/2)', () => {
  // Its own copy with the final issued; closed (the database is locked while open) before the command reads it.
  let dbPath: string;
  let finalPath: string;
  let subs: ReturnType<typeof listSubmissions>;
  beforeAll(async () => {
    const b = await importedCopy('verify', Date.now());
    const issued = await decideAndIssueFinal(b);
    finalPath = issued.final.path;
    subs = issued.subs;
    dbPath = b.ctx.dbPath;
    await b.close();
    opened.splice(opened.indexOf(b), 1);
  }, 180_000);
  const verify = (args: string[]) =>
    spawnSync(process.execPath, [BIN, 'verify', ...args], { encoding: 'utf8', cwd: ROOT });

  it('with --db replays every lampiran trace against the records held and reports each TPS', async () => {
    const r = verify(['--db', dbPath, finalPath]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const data = JSON.parse(new TextDecoder().decode((await readEmbeddedData(readFileSync(finalPath)))!)) as {
      payload: DHasilData;
    };
    const counted = data.payload.lampiran.flatMap((d) => d.tps.filter((t) => t.counts).map((t) => ({ d, t })));
    const lines = r.stdout.split('\n').filter((l) => l.includes(': jejak Desa '));
    expect(lines).toHaveLength(counted.length);
    for (const { d, t } of counted) {
      const line = lines.find((l) => l.includes(`jejak Desa ${d.nama} TPS ${String(t.nomor).padStart(3, '0')}: `))!;
      expect(line).toContain(`cocok (rekaman ${t.sumber!.rekaman.slice(0, 12)}…, ${t.sumber!.koreksi.length} koreksi)`);
    }
    expect(lines.filter((l) => l.endsWith(', 1 koreksi)'))).toHaveLength(1);
    expect(r.stdout).toContain(`jejak angka: ${counted.length} TPS diperiksa terhadap basis data, semuanya cocok`);
  });

  it('without --db says in plain words that the traces were not checked; a missing record is reported per TPS', async () => {
    const r = verify([finalPath]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/jejak angka \d+ TPS \(rekaman C\.Hasil dan koreksinya\) TIDAK diperiksa: berikan --db/);
    expect(r.stdout).not.toContain('cocok');

    const data = JSON.parse(new TextDecoder().decode((await readEmbeddedData(readFileSync(finalPath)))!)) as {
      payload: DHasilData;
    };
    const missing = data.payload.lampiran[1]!.tps[0]!;
    const held = new Map(
      subs.filter((s) => s.sha256 !== missing.sumber!.rekaman).map((s) => [s.sha256, { tps: s.tps, counts: s.counts }]),
    );
    const report = traceReport(data.payload, (sha) => held.get(sha))!;
    expect(report.ok).toBe(false);
    const where = `Desa ${data.payload.lampiran[1]!.nama} TPS ${String(missing.nomor).padStart(3, '0')}`;
    expect(report.lines).toContain(
      `jejak ${where}: TIDAK COCOK — rekaman ${missing.sumber!.rekaman.slice(0, 16)}… tidak ada di basis data`,
    );
    expect(report.lines.at(-1)).toBe(
      `jejak angka: 1 dari ${data.payload.lampiran.flatMap((d) => d.tps).filter((t) => t.counts).length} TPS tidak cocok dengan rekaman di basis data`,
    );
  });
});
