// R14–R16 through the one loader (plenary-snapshot.ts) on the imported hampang demo: the seeded reused photo
// (Hampang TPS 002 bupati, lembar 3 is Cantung Kiri Hulu TPS 001's sheet) is a warning on both TPS in the review
// view and a flag on their Beranda tiles, and nothing else of the demo is flagged; an approved correction of the
// gubernur DPT makes the bupati record of that TPS (and the gubernur one) carry R14, read by a desa-scoped review
// and by the full dashboard alike. The correction goes through the handlers (proposed by an anggota, approved by the
// ketua with the PIN) on its own copy of the database, so the other tests read the demo as imported in any order.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFor, openBackend, type Backend } from '../../backend';
import { generateDemo } from '../demo/demo-generator';
import type { DashboardView, MembersView, TpsReview } from '../../../../../shared/contracts/plenary.contract';
import type { Result } from '../../../../../shared/domain/result';
import { loadSnapshot } from './plenary-snapshot';
import { readEmbeddedData } from '../documents/verify-pdf';
import type { DHasilData, KejadianData } from '../../../../../shared/documents/types';
import { formatNumber } from '../../../../../shared/documents/format';
import { cellWords, pdfWords, tpsHeadings } from '../../../../../tests/support/pdf-cells';

const ROOT = path.resolve(__dirname, '../../../../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');
const pleno = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT }).status ?? -1;

let dir: string;
let backend: Backend;
/** A copy of the imported demo, taken while closed, for the test that approves a correction. */
let copyDb: string;
const PIN = '2580';
const reused = generateDemo({ preset: 'hampang' }).expected.faults.find((f) => f.kind === 'foto-tertukar')!;
const source = reused.files[1]!.slice(4, 17);

async function call<T>(method: string, input: unknown, b: Backend = backend): Promise<T> {
  const r = (await b.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}
const flagsOf = (d: DashboardView) =>
  new Map(d.desa.flatMap((x) => x.tiles.filter((t) => t.flags.length > 0).map((t) => [t.tps, t.flags] as const)));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pleno-cross-'));
  expect(pleno(['demo', path.join(dir, 'demo'), '--preset', 'hampang'])).toBe(0);
  const db = path.join(dir, 'hampang.db');
  expect(pleno(['init', '--db', db, '--master', path.join(dir, 'demo/master.json')])).toBe(0);
  pleno(['import', '--db', db, path.join(dir, 'demo/tps')]);
  copyDb = path.join(dir, 'koreksi.db');
  cpSync(db, copyDb);
  cpSync(dataDirFor(db), dataDirFor(copyDb), { recursive: true });
  backend = await openBackend({ dbPath: db, mode: 'web' });
}, 180_000);

afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('R14–R16 in the review and on Beranda (hampang demo)', () => {
  it('the reused photo is a warning on its sheet in the review of both TPS, not a pass', async () => {
    expect(reused).toMatchObject({ pemilihan: 'bupati' });
    const r = await call<TpsReview>('plenary.tps', { pemilihan: 'bupati', tps: reused.tps });
    const r16 = r.violations.filter((v) => v.code === 'R16');
    expect(r16).toEqual([
      {
        code: 'R16',
        severity: 'warning',
        fields: [],
        lembar: 3,
        message: 'Foto lembar 3 sama persis dengan foto TPS 001 Cantung Kiri Hulu: satu foto dipakai untuk dua TPS',
      },
    ]);
    // The sheet is one of the counted record's photos (the review marks its page).
    expect(r.submissions.find((s) => s.counted)!.foto.map((f) => f.lembar)).toContain(3);
    const other = await call<TpsReview>('plenary.tps', { pemilihan: 'bupati', tps: source });
    expect(other.violations.filter((v) => v.code === 'R16').map((v) => v.message)).toEqual([
      'Foto lembar 3 sama persis dengan foto TPS 002 Hampang: satu foto dipakai untuk dua TPS',
    ]);
  });

  it('Beranda flags exactly those two tiles; gubernur has no flag', async () => {
    const bupati = await call<DashboardView>('plenary.dashboard', { pemilihan: 'bupati' });
    expect(flagsOf(bupati)).toEqual(
      new Map([
        [reused.tps, ['R16']],
        [source, ['R16']],
      ]),
    );
    expect(flagsOf(await call<DashboardView>('plenary.dashboard', { pemilihan: 'gubernur' })).size).toBe(0);
  });

  it('an approved gubernur correction of the DPT puts R14 on both pemilihan of that TPS, in every reader', async () => {
    const own = await openBackend({ dbPath: copyDb, mode: 'web' });
    try {
      const gub = loadSnapshot(own.ctx, 'gubernur');
      if (!gub.ok) throw new Error(gub.error.message);
      const [tps, t] = [...gub.value.byTps].find(([, x]) => x.derived.current && x.tile === 'masuk')!;
      const dl = t.derived.current!.pemilih.dpt.l;
      const { members } = await call<MembersView>('plenary.members', {}, own);
      await call('plenary.startSession', { member: members.find((m) => !m.ketua)!.id }, own);
      const { correctionId } = await call<{ correctionId: number }>(
        'plenary.proposeCorrection',
        {
          tps,
          pemilihan: 'gubernur',
          changes: [
            { path: 'pemilih.dpt.l', value: dl + 1 },
            { path: 'pemilih.jumlah.l', value: t.derived.current!.pemilih.jumlah.l + 1 },
          ],
          reason: 'DPT laki-laki salah tulis',
          basis: 'lainnya',
          basisNote: 'Salinan DPT dari PPS',
        },
        own,
      );
      await call('plenary.startSession', { member: members.find((m) => m.ketua)!.id }, own);
      await call('plenary.setPin', { pin: PIN, currentPin: PIN }, own);
      await call('plenary.decideCorrection', { pin: PIN, correctionId, decision: 'approved' }, own);

      const bup = await call<TpsReview>('plenary.tps', { pemilihan: 'bupati', tps }, own);
      expect(bup.violations.filter((v) => v.code === 'R14')).toEqual([
        {
          code: 'R14',
          severity: 'warning',
          fields: ['pemilih.dpt.l'],
          message: `Jumlah pemilih DPT laki-laki pemilihan bupati (${dl}) berbeda dengan pemilihan gubernur (${dl + 1}) di TPS yang sama`,
        },
      ]);
      expect(bup.status).toBe('masuk');
      const gr = await call<TpsReview>('plenary.tps', { pemilihan: 'gubernur', tps }, own);
      expect(gr.violations.filter((v) => v.code === 'R14').map((v) => v.fields)).toEqual([['pemilih.dpt.l']]);
      const dash = (p: string) => call<DashboardView>('plenary.dashboard', { pemilihan: p }, own);
      expect(flagsOf(await dash('bupati')).get(tps)).toEqual(['R14']);
      expect(flagsOf(await dash('gubernur')).get(tps)).toEqual(['R14']);

      // The bupati D.Hasil marks that TPS's DPT L cell (not only its column) and names the field in its data.
      const doc = await call<{ id: number }>('documents.issue', { kind: 'd-hasil', pemilihan: 'bupati' }, own);
      const f = await call<{ base64: string }>('documents.file', { id: doc.id }, own);
      const bytes = new Uint8Array(Buffer.from(f.base64, 'base64'));
      const data = (JSON.parse(new TextDecoder().decode((await readEmbeddedData(bytes))!)) as { payload: DHasilData })
        .payload;
      const desa = data.lampiran.find((x) => x.kode === tps.slice(0, 10))!;
      const nomor = tps.slice(10);
      expect(desa.tps.find((x) => x.nomor === Number(nomor))!.peringatan).toEqual([
        { kode: 'R14', pesan: bup.violations.find((v) => v.code === 'R14')!.message, bidang: ['pemilih.dpt.l'] },
      ]);
      const file = path.join(dir, 'r14.pdf');
      writeFileSync(file, bytes);
      const page = pdfWords(file).find(
        (ws) =>
          ws.some((w) => w.text === 'A.1') &&
          tpsHeadings(ws).some((h) => h.nomor === nomor) &&
          ws
            .map((w) => w.text)
            .join(' ')
            .includes(`Lampiran Desa/Kelurahan ${desa.nama} `),
      )!;
      const cell = (no: string, side: 'L' | 'P') =>
        cellWords(page, no, side, nomor)
          .map((w) => w.text)
          .join(' ');
      expect(cell('A.1', 'L')).toBe(`◆ ${formatNumber(dl)}`);
      expect(cell('A.1', 'P')).not.toContain('◆');
    } finally {
      await own.close();
    }
  });
});

describe('R14–R16 in the documents (hampang demo)', () => {
  const pdfText = (bytes: Uint8Array) => {
    const file = path.join(dir, `doc-${Date.now()}.pdf`);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  };
  const issue = async (kind: 'd-hasil' | 'kejadian-khusus') => {
    const doc = await call<{ id: number }>('documents.issue', { kind, pemilihan: 'bupati' });
    const file = await call<{ base64: string }>('documents.file', { id: doc.id });
    const bytes = new Uint8Array(Buffer.from(file.base64, 'base64'));
    const data = JSON.parse(new TextDecoder().decode((await readEmbeddedData(bytes))!)) as { payload: unknown };
    return { bytes, data: data.payload };
  };

  it('the D.Hasil draft marks the reused photo column and lists the warning; D.Kejadian prints the acceptance', async () => {
    const flagged = flagsOf(await call<DashboardView>('plenary.dashboard', { pemilihan: 'bupati' }));
    const d = await issue('d-hasil');
    const data = d.data as DHasilData;
    for (const desa of data.lampiran)
      for (const t of desa.tps) {
        const tps = `${desa.kode}${String(t.nomor).padStart(3, '0')}`;
        expect(
          t.peringatan?.map((w) => w.kode),
          tps,
        ).toEqual(flagged.get(tps));
      }
    const entry = data.lampiran.flatMap((x) =>
      x.tps.map((t) => ({ tps: `${x.kode}${String(t.nomor).padStart(3, '0')}`, t })),
    );
    expect(entry.find((e) => e.tps === reused.tps)!.t.peringatan).toEqual([
      {
        kode: 'R16',
        pesan: 'Foto lembar 3 sama persis dengan foto TPS 001 Cantung Kiri Hulu: satu foto dipakai untuk dua TPS',
      },
    ]);
    const text = pdfText(d.bytes);
    expect(text).toContain('TPS 002 ◆');
    expect(text).toContain('◆ Peringatan pemeriksaan silang (R14–R16):');
    expect(text).toContain('TPS 002 · R16 Foto lembar 3 sama persis dengan foto TPS 001 Cantung Kiri Hulu');

    // Accepted as read with a note: D.Kejadian carries the warning and the reason.
    await call('plenary.startSession', { member: 0 });
    await call('plenary.accept', {
      tps: reused.tps,
      pemilihan: 'bupati',
      overrideReason: 'Foto lembar 3 keliru diunggah KPPS; angka dicocokkan dengan C.Hasil plano',
    });
    const k = (await issue('kejadian-khusus')).data as KejadianData;
    const accepted = k.entries.filter((e) => e.jenis === 'penerimaan' && e.uraian.includes('R16'));
    expect(accepted.map((e) => e.uraian)).toEqual([
      'Data diterima pleno walaupun peringatan R16: Foto lembar 3 sama persis dengan foto TPS 001 Cantung Kiri Hulu: ' +
        'satu foto dipakai untuk dua TPS. Alasan: Foto lembar 3 keliru diunggah KPPS; angka dicocokkan dengan C.Hasil plano',
    ]);
    expect(accepted[0]!.tempat).toBe('Desa/Kel. Hampang, TPS 002');
  });
});
