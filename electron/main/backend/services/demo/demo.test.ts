// The demo kecamatan: determinism, a master and bundles that the real parsers accept, clean records that pass
// every rule, each seeded fault caught by its rule, QR images that decode back, and a readable photo.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCount } from '../../../../../shared/domain/labels';
import type { CHasilRecord, DataMaster } from '../../../../../shared/domain/model';
import { checkRecord, errorsOf } from '../../../../../shared/domain/rules/index';
import { readBundle } from '../../../../../shared/formats/bundle';
import { verifyCHasilEnvelope } from '../../../../../shared/formats/c-hasil';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { parseEnvelopeBytes, verifySelfSigned } from '../../../../../shared/formats/envelope';
import { parseJson } from '../../../../../shared/formats/json';
import { parseMaster } from '../../../../../shared/formats/master';
import { decodeQrText } from '../../../../../shared/formats/qr';
import { nodeCrypto, sha256Hex } from '../../crypto';
import { decodeQrImage } from '../qr/qr-image';
import { type Demo, generateDemo, generateDemoAsync, writeDemo } from './demo.service';
import { main } from '../../../cli';

// The official desa list kept in the repo (docs/data), so the names are checked in every clone.
const FIXTURE = join(__dirname, '../../../../../docs/data/kotabaru-desa.tsv');

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, base));
    else out.push(relative(base, p).split('\\').join('/'));
  }
  return out.sort();
}

function ruleCtx(master: DataMaster, rec: CHasilRecord) {
  const desa = master.desa.find((d) => d.kode === rec.tps.slice(0, 10))!;
  const tps = desa.tps.find((t) => t.nomor === Number(rec.tps.slice(10)))!;
  return { dptMaster: tps.dpt, pilihanCount: master.pemilihan.find((p) => p.id === rec.pemilihan)!.pilihan.length };
}

describe('generateDemo (hampang)', () => {
  let demo: Demo;
  let master: DataMaster;
  const tmp = mkdtempSync(join(tmpdir(), 'pleno-demo-'));

  // The demo folder `a` is written here, not by a test: the QR and README tests read it in any order.
  beforeAll(async () => {
    demo = generateDemo({ preset: 'hampang', seed: 7 });
    const parsed = parseMaster(demo.master.envelope.payload);
    if (!parsed.ok) throw new Error(parsed.error.message);
    master = parsed.value;
    await writeDemo(join(tmp, 'a'), demo);
  }, 180_000); // generating and writing the demo passed the default 60 s at load 28
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is deterministic: same seed gives byte-identical files, another seed differs', async () => {
    const again = generateDemo({ preset: 'hampang', seed: 7 });
    await writeDemo(join(tmp, 'b'), again);
    const files = listFiles(join(tmp, 'a'));
    expect(listFiles(join(tmp, 'b'))).toEqual(files);
    expect(files).toContain('master.json');
    expect(files).toContain('README.txt');
    expect(files).toContain('keys/kpu.json');
    expect(files).toContain('keys/devices.json');
    expect(files.filter((f) => f.startsWith('tps/') && f.endsWith('.pleno')).length).toBe(demo.bundles.length);
    expect(files.filter((f) => f.startsWith('qr/') && f.endsWith('.png')).length).toBe(
      demo.qrTexts.reduce((s, q) => s + q.parts.length, 0),
    );
    for (const f of files)
      expect(readFileSync(join(tmp, 'b', f)).equals(readFileSync(join(tmp, 'a', f))), f).toBe(true);

    const progress: number[] = [];
    const viaAsync = await generateDemoAsync({ preset: 'hampang', seed: 7 }, (done) => progress.push(done));
    expect(viaAsync.bundles.map((b) => Buffer.from(b.bytes).toString('base64'))).toEqual(
      demo.bundles.map((b) => Buffer.from(b.bytes).toString('base64')),
    );
    expect(progress.at(-1)).toBe(29);

    const other = generateDemo({ preset: 'hampang', seed: 8, photos: false });
    expect(Buffer.from(other.master.bytes).equals(Buffer.from(demo.master.bytes))).toBe(false);
  });

  it('refuses to write into a folder that holds files', async () => {
    const dir = join(tmp, 'full');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.txt'), 'x');
    await expect(writeDemo(dir, demo)).rejects.toThrow(/tidak kosong/);
  });

  it('has a master signed by the KPU key that parses strictly, with the 9 real desa of Hampang', () => {
    const env = parseEnvelopeBytes(demo.master.bytes);
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    const v = verifySelfSigned(env.value, nodeCrypto);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.value.fingerprint).toBe(demo.kpuKey.keyId);
    expect(master.kecamatan).toEqual({ kode: '630214', nama: 'Hampang' });
    expect(master.desa).toHaveLength(9);
    const rows = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    const fixture = rows
      .filter((r) => r[0]?.startsWith('63.02.14.'))
      .map((r) => ({ kode: r[0]!.replace(/\./g, ''), nama: r[2] }));
    expect(fixture).toHaveLength(9);
    expect(master.desa.map((d) => ({ kode: d.kode, nama: d.nama }))).toEqual(fixture);
    const tpsTotal = master.desa.reduce((s, d) => s + d.tps.length, 0);
    expect(tpsTotal).toBe(30);
    for (const d of master.desa) {
      expect(d.tps.length).toBeGreaterThanOrEqual(2);
      expect(d.tps.length).toBeLessThanOrEqual(5);
    }
    for (const d of master.desa)
      for (const t of d.tps) {
        expect(t.dpt.l + t.dpt.p).toBeGreaterThanOrEqual(150);
        expect(t.dpt.l + t.dpt.p).toBeLessThanOrEqual(600);
      }
    expect(master.pemilihan.map((p) => [p.id, p.pilihan.length])).toEqual([
      ['gubernur', 2],
      ['bupati', 3],
    ]);
    for (const p of master.pemilihan) expect(p.nama).toContain('(SIMULASI)');
    expect(master.ppk.map((p) => p.jabatan)).toEqual(['Ketua', 'Anggota', 'Anggota', 'Anggota', 'Anggota']);
    expect(master.perangkat).toHaveLength(30);
    expect(new Set(master.perangkat.map((d) => d.tps)).size).toBe(30);
  });

  it('writes bundles that readBundle accepts, with photo hashes matching the records', () => {
    expect(demo.bundles.length).toBe(
      demo.expected.tps.bundle + demo.expected.faults.filter((f) => f.kind === 'duplikat').length,
    );
    for (const b of demo.bundles) {
      const r = readBundle(b.bytes, { sha256: nodeCrypto.sha256 });
      expect(r.ok, b.name).toBe(true);
      if (!r.ok) continue;
      expect(r.value.results.map((x) => x.pemilihan).sort()).toEqual(['bupati', 'gubernur']);
      for (const res of r.value.results) {
        const v = verifyCHasilEnvelope(JSON.parse(res.text), { master, crypto: nodeCrypto });
        expect(v.ok, `${b.name} ${res.pemilihan}`).toBe(true);
        if (!v.ok) continue;
        expect(v.value.record.tps).toBe(b.tps);
        expect(v.value.record.foto.map((f) => f.lembar)).toEqual([1, 2, 3]);
        for (const f of v.value.record.foto) {
          const photo = r.value.photos.get(f.sha256);
          expect(photo).toBeDefined();
          expect(sha256Hex(photo!.bytes)).toBe(f.sha256);
        }
      }
      expect(r.value.photos.size).toBe(6);
    }
  });

  it('loose envelope files verify against the master', () => {
    expect(demo.envelopes.length).toBeGreaterThan(0);
    for (const e of demo.envelopes) {
      const j = parseJson(new TextDecoder().decode(e.bytes));
      expect(j.ok).toBe(true);
      if (!j.ok) continue;
      const v = verifyCHasilEnvelope(j.value, { master, crypto: nodeCrypto });
      expect(v.ok, e.name).toBe(true);
    }
  });

  it('clean records pass every rule; each seeded fault triggers exactly its rules', () => {
    const faultOf = new Map(demo.expected.faults.filter((f) => f.pemilihan).map((f) => [`${f.tps}/${f.pemilihan}`, f]));
    let clean = 0;
    for (const r of demo.records) {
      const rec = r.envelope.payload;
      const violations = checkRecord(rec, ruleCtx(master, rec));
      const fault = r.kiriman === 1 ? faultOf.get(`${r.tps}/${r.pemilihan}`) : undefined;
      if (!fault) {
        expect(violations, `${r.tps} ${r.pemilihan} kiriman ${r.kiriman}`).toEqual([]);
        clean++;
      } else {
        expect(
          errorsOf(violations)
            .map((v) => v.code)
            .sort(),
          `${fault.kind} ${r.tps}`,
        ).toEqual([...fault.rules].sort());
        if (fault.field) expect(getCount(rec, fault.field)).toBe(fault.nilaiTercatat);
        else expect(violations).toEqual([]);
      }
      // The sheet (photo) always passes the sums except where the form itself was written wrong.
      if (fault?.kind !== 'jumlah-tidak-cocok')
        expect(errorsOf(checkRecord(r.sheet, ruleCtx(master, rec)))).toEqual([]);
    }
    expect(clean).toBeGreaterThan(40);
  });

  it('has the misread 105 → 905 with the photo sheet showing 105, and the other fault kinds', () => {
    const kinds = demo.expected.faults.map((f) => f.kind);
    for (const k of [
      'salah-baca',
      'jumlah-tidak-cocok',
      'kiriman-kedua',
      'duplikat',
      'foto-tertukar',
      'belum-masuk',
      'hanya-qr',
      'hanya-json',
    ]) {
      expect(kinds, k).toContain(k);
    }
    const misread = demo.expected.faults.find((f) => f.kind === 'salah-baca')!;
    const rec = demo.records.find((r) => r.tps === misread.tps && r.pemilihan === misread.pemilihan)!;
    expect(getCount(rec.envelope.payload, misread.field!)).toBe(905);
    expect(getCount(rec.sheet, misread.field!)).toBe(105);

    const second = demo.expected.faults.find((f) => f.kind === 'kiriman-kedua')!;
    const both = demo.records.filter((r) => r.tps === second.tps && r.pemilihan === second.pemilihan);
    expect(both.map((r) => r.kiriman)).toEqual([1, 2]);
    expect(canonicalize(both[0]!.envelope.payload)).not.toBe(canonicalize(both[1]!.envelope.payload));
    expect(both[1]!.envelope.payload.dibuat > both[0]!.envelope.payload.dibuat).toBe(true);

    const dup = demo.expected.faults.find((f) => f.kind === 'duplikat')!;
    const copies = demo.bundles.filter((b) => b.tps === dup.tps);
    expect(copies).toHaveLength(2);
    expect(copies[0]!.name).not.toBe(copies[1]!.name);
    expect(Buffer.from(copies[0]!.bytes).equals(Buffer.from(copies[1]!.bytes))).toBe(true);

    const swapped = demo.expected.faults.find((f) => f.kind === 'foto-tertukar')!;
    const sourceTps = swapped.files[1]!.replace(/^tps\/(\d+)\.pleno$/, '$1');
    const mine = demo.records.find((r) => r.tps === swapped.tps && r.pemilihan === 'bupati')!;
    const theirs = demo.records.find((r) => r.tps === sourceTps && r.pemilihan === 'bupati')!;
    expect(mine.envelope.payload.foto[2]!.sha256).toBe(theirs.envelope.payload.foto[2]!.sha256);
    expect(mine.envelope.payload.foto[0]!.sha256).not.toBe(theirs.envelope.payload.foto[0]!.sha256);
    expect(mine.envelope.payload.suara).not.toEqual(theirs.envelope.payload.suara);

    const belum = demo.expected.faults.filter((f) => f.kind === 'belum-masuk').map((f) => f.tps);
    expect(belum).toHaveLength(3);
    for (const t of belum) expect(demo.records.some((r) => r.tps === t)).toBe(false);
    expect(demo.expected.records).toBe((30 - 3) * 2);
  });

  it('QR images of the QR-only TPS decode back to their envelopes (one set in several parts)', async () => {
    const dir = join(tmp, 'a');
    expect(demo.qrTexts.length).toBe(demo.expected.tps.qr * 2);
    expect(demo.qrTexts.some((q) => q.parts.length > 1)).toBe(true);
    for (const q of demo.qrTexts) {
      const texts: string[] = [];
      for (const f of q.files) texts.push(...(await decodeQrImage(new Uint8Array(readFileSync(join(dir, 'qr', f))))));
      expect(texts).toEqual(q.parts);
      for (const t of texts) expect(t.length).toBeLessThanOrEqual(1000);
      const json = decodeQrText(texts);
      expect(json.ok).toBe(true);
      if (json.ok) expect(json.value).toBe(canonicalize(q.envelope));
      if (q.parts.length > 1)
        expect(q.files.map((f) => f.replace(/^.*-(\d+of\d+)\.png$/, '$1'))).toEqual(
          q.parts.map((_, i) => `${i + 1}of${q.parts.length}`),
        );
    }
  });

  it('README.txt says SIMULASI and lists every fault', () => {
    const text = readFileSync(join(tmp, 'a', 'README.txt'), 'utf8');
    expect(text).toMatch(/SIMULASI/);
    for (const f of demo.expected.faults) expect(text).toContain(f.keterangan);
    const keys = JSON.parse(readFileSync(join(tmp, 'a', 'keys', 'devices.json'), 'utf8')) as {
      peringatan: string;
      perangkat: unknown[];
    };
    expect(keys.peringatan).toMatch(/SIMULASI/);
    expect(keys.perangkat).toHaveLength(30);
  });

  it('renders a readable photo', () => {
    const misread = demo.expected.faults.find((f) => f.kind === 'salah-baca')!;
    const rec = demo.records.find((r) => r.tps === misread.tps && r.pemilihan === misread.pemilihan)!;
    const votes = rec.photos.find((p) => p.lembar === 3)!;
    const png = PNG.sync.read(Buffer.from(votes.bytes));
    expect(png.width).toBeGreaterThanOrEqual(700);
    expect(png.height).toBeGreaterThan(400);
    // Some ink and mostly paper: a sheet, not a blank or black image.
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 100) dark++;
    const share = dark / (png.width * png.height);
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.3);
  });
});

describe('generateDemo (besar, without photos)', () => {
  it('has 600 TPS in 40 desa of a synthetic kecamatan, and records that verify', () => {
    const demo = generateDemo({ preset: 'besar', photos: false });
    const parsed = parseMaster(demo.master.envelope.payload);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const master = parsed.value;
    expect(master.kecamatan.kode).toBe('630290');
    expect(master.desa).toHaveLength(40);
    expect(master.desa.reduce((s, d) => s + d.tps.length, 0)).toBe(600);
    expect(new Set(master.desa.map((d) => d.nama)).size).toBe(40);
    const faulty = new Set(demo.expected.faults.filter((f) => f.pemilihan).map((f) => `${f.tps}/${f.pemilihan}`));
    for (const r of demo.records) {
      expect(r.envelope.payload.foto).toEqual([]);
      if (r.kiriman === 1 && faulty.has(`${r.tps}/${r.pemilihan}`)) continue;
      expect(checkRecord(r.envelope.payload, ruleCtx(master, r.envelope.payload))).toEqual([]);
    }
    const sample = demo.records.filter((_, i) => i % 50 === 0);
    for (const r of sample) expect(verifyCHasilEnvelope(r.envelope, { master, crypto: nodeCrypto }).ok).toBe(true);
    expect(demo.expected.faults.filter((f) => f.kind === 'salah-baca')).toHaveLength(6);
  });
});

describe('pleno demo (CLI)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pleno-demo-cli-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('exits 2 on usage errors and 1 on a folder that is not empty', async () => {
    expect(await main(['demo'])).toBe(2);
    expect(await main(['demo', join(tmp, 'x'), '--preset', 'kecil'])).toBe(2);
    expect(await main(['demo', join(tmp, 'x'), '--seed', '-1'])).toBe(2);
    expect(await main(['demo', join(tmp, 'x'), '--bogus'])).toBe(2);
    mkdirSync(join(tmp, 'full'));
    writeFileSync(join(tmp, 'full', 'a'), 'a');
    expect(await main(['demo', join(tmp, 'full')])).toBe(1);
  });

  it('writes the demo folder', async () => {
    expect(await main(['demo', join(tmp, 'ok'), '--preset', 'hampang', '--seed', '3'])).toBe(0);
    const files = listFiles(join(tmp, 'ok'));
    expect(files).toContain('master.json');
    expect(files.filter((f) => f.endsWith('.pleno')).length).toBeGreaterThan(20);
  });

  it('--no-photos writes bundles without photos', async () => {
    expect(await main(['demo', join(tmp, 'np'), '--preset', 'pulau-sembilan', '--no-photos'])).toBe(0);
    const master = JSON.parse(readFileSync(join(tmp, 'np', 'master.json'), 'utf8')) as { payload: DataMaster };
    expect(master.payload.kecamatan.nama).toBe('Pulau Sembilan');
    const bundles = listFiles(join(tmp, 'np')).filter((f) => f.endsWith('.pleno'));
    expect(bundles.length).toBeGreaterThan(8);
    for (const f of bundles) {
      const r = readBundle(new Uint8Array(readFileSync(join(tmp, 'np', f))), { sha256: nodeCrypto.sha256 });
      expect(r.ok && r.value.photos.size === 0, f).toBe(true);
    }
  });
});
