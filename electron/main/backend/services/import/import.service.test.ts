// File import on a real database with real signed data: outcomes diterima / duplikat / konflik / ditolak for
// envelopes and bundles, bundle atomicity, photos matched by hash when they arrive later, the manual channel, and
// one test per malformed input showing the clear message, the quarantine copy with its reason, and nothing stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { PlenoEvent } from '../../../../../shared/contracts/events';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { writeBundle } from '../../../../../shared/formats/bundle';
import { generateKeyPair, signPayload } from '../../crypto';
import { verifyAudit } from '../../repositories/audit.repo';
import { listSubmissions, submissionPhotos } from '../../repositories/submission.repo';
import { listQuarantine } from '../../repositories/quarantine.repo';
import { importMaster } from '../master/master.service';
import { ppkKey } from '../keys/ppk-key';
import { readPhoto } from '../photos/photo-store';
import { photoPath } from '../photos/photo-files';
import { encodeQrParts } from '../../../../../shared/formats/qr';
import { renderQrPng } from '../qr/qr-render';
import { importBundleBytes, importEnvelopeBytes, importPaths, importQrTexts } from './import.service';
import {
  envelopeBytes,
  makeBundle,
  makeFixture,
  makePhoto,
  openTestBackend,
  recordFor,
  signRecord,
  type StorageFixture,
  type TestBackend,
} from '../../../../../tests/support/records';

let tb: TestBackend;
let fx: StorageFixture;
let events: PlenoEvent[];
beforeEach(async () => {
  tb = await openTestBackend();
  fx = makeFixture();
  expect(importMaster(tb.backend.ctx, fx.masterBytes).ok).toBe(true);
  events = [];
  tb.backend.ctx.events.subscribe((e) => events.push(e));
});
afterEach(() => tb.close());

const n = (t: string) => (tb.backend.ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
const file = { channel: 'file' as const, name: 'uji.json' };
const [TPS1, TPS2] = ['6302142001001', '6302142001002'];

describe('envelopes', () => {
  it('diterima, then duplikat for the same content, then konflik for different content (kept, never replacing)', () => {
    const ctx = tb.backend.ctx;
    const first = envelopeBytes(signRecord(fx, recordFor(fx, TPS1, 'bupati')));
    const a = importEnvelopeBytes(ctx, first, file);
    expect(a).toMatchObject({ status: 'diterima', kind: 'record', tps: TPS1, pemilihan: 'bupati' });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(events).toEqual([{ type: 'results-changed', tps: TPS1, pemilihan: 'bupati' }]);
    // Same payload, different whitespace/key order in the file: still the same record.
    const reformatted = utf8Encode(JSON.stringify(JSON.parse(new TextDecoder().decode(first)), null, 4));
    expect(importEnvelopeBytes(ctx, reformatted, file)).toMatchObject({
      status: 'duplikat',
      submissionId: a.submissionId,
    });
    const other = envelopeBytes(signRecord(fx, recordFor(fx, TPS1, 'bupati', { bump: 5 })));
    const c = importEnvelopeBytes(ctx, other, file);
    expect(c).toMatchObject({ status: 'konflik', tps: TPS1 });
    const subs = listSubmissions(ctx.db, { tps: TPS1 });
    expect(subs.map((s) => [s.id, s.outcome])).toEqual([
      [a.submissionId, 'diterima'],
      [c.submissionId, 'konflik'],
    ]);
    expect(subs[0]!.counts.suara.paslon).toEqual(recordFor(fx, TPS1, 'bupati').suara.paslon);
    // Kept exactly as received.
    const stored = ctx.db
      .prepare('SELECT envelope_json, channel, source_name FROM submission WHERE id = ?')
      .get(a.submissionId) as Record<string, string>;
    expect(stored).toEqual({
      envelope_json: new TextDecoder().decode(first),
      channel: 'file',
      source_name: 'uji.json',
    });
    expect(verifyAudit(ctx.db).ok).toBe(true);
  });

  it('accepts a PPK-signed record only on the manual channel', () => {
    const ctx = tb.backend.ctx;
    const key = ppkKey(ctx);
    const rec = { ...recordFor(fx, TPS2, 'gubernur'), perangkat: key.keyId };
    const env = key.signPayload(rec);
    const asFile = importEnvelopeBytes(ctx, envelopeBytes(env), file);
    expect(asFile.status).toBe('ditolak');
    expect(asFile.reason).toContain('tidak terdaftar');
    const manual = importEnvelopeBytes(ctx, envelopeBytes(env), { channel: 'manual', name: 'entri manual' });
    expect(manual).toMatchObject({ status: 'diterima', tps: TPS2, pemilihan: 'gubernur' });
  });
});

describe('bundles', () => {
  it('stores both records and their photos (content-addressed files) atomically; again → duplikat', async () => {
    const ctx = tb.backend.ctx;
    const bytes = makeBundle(fx, TPS1);
    const outs = await importBundleBytes(ctx, bytes, { channel: 'file', name: `${TPS1}.pleno` });
    expect(outs.map((o) => [o.pemilihan, o.status])).toEqual([
      ['bupati', 'diterima'],
      ['gubernur', 'diterima'],
    ]);
    expect(n('photo')).toBe(2);
    for (const o of outs) {
      const photos = submissionPhotos(ctx.db, o.submissionId!);
      expect(photos).toHaveLength(1);
      expect(photos[0]!.present).toBe(true);
      const p = readPhoto(ctx, photos[0]!.sha256);
      expect(p.ok).toBe(true);
      expect(existsSync(photoPath(ctx.dataDir, photos[0]!.sha256, 'png'))).toBe(true);
    }
    expect(readdirSync(join(ctx.dataDir, 'photos')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await importBundleBytes(ctx, bytes, { channel: 'file', name: 'salinan.pleno' });
    expect(again.map((o) => o.status)).toEqual(['duplikat', 'duplikat']);
    expect(n('photo')).toBe(2);
    expect(readdirSync(join(ctx.dataDir, 'photos'))).toHaveLength(2);
    expect(verifyAudit(ctx.db).ok).toBe(true);
  });

  it('rejects the whole bundle when one of its records is bad: nothing of it is stored', async () => {
    const ctx = tb.backend.ctx;
    const ph = makePhoto(7);
    const good = signRecord(fx, recordFor(fx, TPS1, 'gubernur', { foto: [{ lembar: 1, sha256: ph.sha256 }] }));
    const badRec = recordFor(fx, TPS1, 'bupati');
    const bad = signRecord(fx, { ...badRec, suara: { ...badRec.suara, paslon: [1, 2] } });
    const bytes = writeBundle({
      results: [
        { pemilihan: 'gubernur', envelope: good },
        { pemilihan: 'bupati', envelope: bad },
      ],
      photos: new Map([[ph.sha256, { ext: 'png', bytes: ph.bytes }]]),
    });
    const outs = await importBundleBytes(ctx, bytes, { channel: 'file', name: 'campur.pleno' });
    expect(outs).toHaveLength(1);
    expect(outs[0]!.status).toBe('ditolak');
    expect(outs[0]!.reason).toContain('results/bupati.json');
    expect(outs[0]!.reason).toContain('suara.paslon');
    expect([n('submission'), n('photo'), n('submission_photo')]).toEqual([0, 0, 0]);
    expect(existsSync(photoPath(ctx.dataDir, ph.sha256, 'png'))).toBe(false);
  });
});

describe('photos arriving later', () => {
  it('matches a loose photo file to the record that references its hash', async () => {
    const ctx = tb.backend.ctx;
    const ph = makePhoto(42);
    const env = signRecord(fx, recordFor(fx, TPS2, 'bupati', { foto: [{ lembar: 1, sha256: ph.sha256 }] }));
    const r = importEnvelopeBytes(ctx, envelopeBytes(env), file);
    expect(r.status).toBe('diterima');
    expect(submissionPhotos(ctx.db, r.submissionId!)[0]!.present).toBe(false);
    const dir = join(tb.dir, 'masuk');
    mkdirSync(dir);
    writeFileSync(join(dir, 'foto-lembar-1.png'), ph.bytes);
    writeFileSync(join(dir, 'acak.png'), makePhoto(43).bytes);
    const outs = await importPaths(ctx, [dir]);
    expect(outs.map((o) => [o.file.split('/').pop(), o.status])).toEqual([
      ['acak.png', 'ditolak'],
      ['foto-lembar-1.png', 'diterima'],
    ]);
    expect(outs[0]!.reason).toContain('bukan kode QR Pleno dan bukan foto yang dirujuk');
    expect(outs[1]!.outcomes[0]).toMatchObject({ kind: 'foto', tps: TPS2, pemilihan: 'bupati', sha256: ph.sha256 });
    expect(submissionPhotos(ctx.db, r.submissionId!)[0]!.present).toBe(true);
    const again = await importPaths(ctx, [join(dir, 'foto-lembar-1.png')]);
    expect(again[0]!.status).toBe('duplikat');
  });
});

describe('QR', () => {
  it('imports a multi-part code spread over several images (any order); every image reports the outcome', async () => {
    const ctx = tb.backend.ctx;
    const env = signRecord(fx, recordFor(fx, TPS1, 'gubernur', { foto: [{ lembar: 1, sha256: makePhoto(9).sha256 }] }));
    const parts = encodeQrParts(env, { maxTextLength: 300 });
    expect(parts.length).toBeGreaterThan(2);
    const dir = join(tb.dir, 'qr');
    mkdirSync(dir);
    // Written so that the folder order is not the part order.
    for (let i = 0; i < parts.length; i++)
      writeFileSync(join(dir, `${String.fromCharCode(122 - i)}.png`), await renderQrPng(parts[i]!));
    const outs = await importPaths(ctx, [dir], undefined, { batchFiles: 1 });
    expect(outs).toHaveLength(parts.length);
    expect(new Set(outs.map((o) => o.status))).toEqual(new Set(['diterima']));
    expect(listSubmissions(ctx.db)).toMatchObject([{ tps: TPS1, pemilihan: 'gubernur', channel: 'qr' }]);
    // The photo is not carried by QR: it can follow later and is matched by hash.
    expect(submissionPhotos(ctx.db, listSubmissions(ctx.db)[0]!.id)[0]!.present).toBe(false);
  });

  it('rejects the images of a code that stays incomplete, naming the missing parts', async () => {
    const ctx = tb.backend.ctx;
    const parts = encodeQrParts(signRecord(fx, recordFor(fx, TPS2, 'bupati')), { maxTextLength: 300 });
    const dir = join(tb.dir, 'qr-kurang');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.png'), await renderQrPng(parts[0]!));
    writeFileSync(join(dir, 'b.png'), await renderQrPng(parts[2]!));
    const outs = await importPaths(ctx, [dir]);
    expect(outs.map((o) => o.status)).toEqual(['ditolak', 'ditolak']);
    expect(outs[0]!.reason).toContain(`kode QR Pleno belum lengkap: 2 dari ${parts.length} bagian (kurang bagian 2`);
    expect(n('submission')).toBe(0);
    expect(listQuarantine(ctx.db)).toHaveLength(2);
  });

  it('importQrTexts: decoded texts in any order; a garbled text is rejected', () => {
    const ctx = tb.backend.ctx;
    const parts = encodeQrParts(signRecord(fx, recordFor(fx, TPS2, 'gubernur')), { maxTextLength: 400 });
    const outs = importQrTexts(ctx, [...parts].reverse(), { channel: 'qr', name: 'kamera' });
    expect(outs).toMatchObject([{ status: 'diterima', tps: TPS2, pemilihan: 'gubernur' }]);
    const bad = importQrTexts(ctx, ['PLN1:%%%'], { channel: 'qr', name: 'kamera' });
    expect(bad[0]!.status).toBe('ditolak');
  });
});

// ---- Malformed input: a clear message, a quarantine copy with the reason, and nothing stored ----

type Case = { name: string; fileName: string; bytes: () => Uint8Array; expect: string | RegExp };

function withPayload(mutate: (p: Record<string, unknown>) => void, tps = TPS1): Uint8Array {
  const p = structuredClone(recordFor(fx, tps, 'bupati')) as unknown as Record<string, unknown>;
  mutate(p);
  return envelopeBytes(
    signRecord(fx, p, { privateKey: fx.devices.get(TPS1)!.key.privateKey, keyId: fx.devices.get(TPS1)!.id }),
  );
}

const suara = (p: Record<string, unknown>) => p.suara as Record<string, unknown>;
const pemilih = (p: Record<string, unknown>) => (p.pemilih as Record<string, Record<string, unknown>>).dpt!;

const CASES: Case[] = [
  { name: 'not JSON', fileName: 'rusak.json', bytes: () => utf8Encode('{"payload": {'), expect: /JSON/ },
  {
    name: 'not an envelope',
    fileName: 'bukan.json',
    bytes: () => utf8Encode('{"halo": 1}'),
    expect: /halo: kolom tidak dikenal/,
  },
  { name: 'unknown field', fileName: 'x.json', bytes: () => withPayload((p) => (p.catatan = 'x')), expect: 'catatan' },
  {
    name: 'missing field',
    fileName: 'x.json',
    bytes: () => withPayload((p) => delete p.suratSuara),
    expect: 'suratSuara',
  },
  {
    name: 'float count',
    fileName: 'x.json',
    bytes: () => withPayload((p) => (suara(p).sah = 10.5)),
    expect: 'suara.sah',
  },
  {
    name: 'negative count',
    fileName: 'x.json',
    bytes: () => withPayload((p) => (pemilih(p).l = -1)),
    expect: 'pemilih.dpt.l',
  },
  {
    name: 'count above 9999',
    fileName: 'x.json',
    bytes: () => withPayload((p) => (suara(p).total = 10000)),
    expect: 'suara.total',
  },
  {
    name: 'wrong number of choices',
    fileName: 'x.json',
    bytes: () => withPayload((p) => (suara(p).paslon = [1, 2])),
    expect: 'suara.paslon',
  },
  {
    name: 'unknown pemilihan',
    fileName: 'x.json',
    bytes: () => withPayload((p) => (p.pemilihan = 'walikota')),
    expect: 'pemilihan',
  },
  {
    name: 'unknown TPS',
    fileName: 'x.json',
    bytes: () => withPayload((p) => (p.tps = '6302142009001')),
    expect: 'tps',
  },
  {
    name: 'device registered for another TPS',
    fileName: 'x.json',
    bytes: () => withPayload((p) => (p.tps = TPS2)),
    expect: /bukan untuk TPS 6302142001002|perangkat/,
  },
  {
    name: 'unknown device',
    fileName: 'x.json',
    bytes: () => {
      const k = generateKeyPair();
      return envelopeBytes(
        signPayload({ ...recordFor(fx, TPS1, 'bupati'), perangkat: 'kpps-asing' }, k.privateKey, 'kpps-asing'),
      );
    },
    expect: 'tidak terdaftar',
  },
  {
    name: 'bad signature (signed by another key under the device id)',
    fileName: 'x.json',
    bytes: () =>
      envelopeBytes(signPayload(recordFor(fx, TPS1, 'bupati'), generateKeyPair().privateKey, fx.devices.get(TPS1)!.id)),
    expect: 'tanda tangan tidak sah',
  },
  {
    name: 'payload changed after signing',
    fileName: 'x.json',
    bytes: () => {
      const env = signRecord(fx, recordFor(fx, TPS1, 'bupati')) as { payload: { suara: { paslon: number[] } } };
      env.payload.suara.paslon[0]! += 800;
      return envelopeBytes(env);
    },
    expect: 'tanda tangan tidak sah',
  },
  {
    name: 'a data master given as a result',
    fileName: 'master.json',
    bytes: () => fx.masterBytes,
    expect: 'data master',
  },
  {
    name: 'unreadable bundle',
    fileName: 'rusak.pleno',
    bytes: () => utf8Encode('PK bukan zip'),
    expect: /arsip|ZIP|zip/,
  },
  {
    name: 'bundle with an extra entry',
    fileName: 'ekstra.pleno',
    bytes: () =>
      zipSync({
        'results/bupati.json': envelopeBytes(signRecord(fx, recordFor(fx, TPS1, 'bupati'))),
        'catatan.txt': utf8Encode('x'),
      }),
    expect: 'catatan.txt',
  },
  {
    name: 'bundle with a path going up',
    fileName: 'naik.pleno',
    bytes: () => zipSync({ '../results/bupati.json': envelopeBytes(signRecord(fx, recordFor(fx, TPS1, 'bupati'))) }),
    expect: '..',
  },
  {
    name: 'bundle photo whose hash does not match its name',
    fileName: 'hash.pleno',
    bytes: () => {
      const ph = makePhoto(1);
      const other = makePhoto(2);
      return zipSync({
        'results/bupati.json': envelopeBytes(
          signRecord(fx, recordFor(fx, TPS1, 'bupati', { foto: [{ lembar: 1, sha256: ph.sha256 }] })),
        ),
        [`foto/${ph.sha256}.png`]: other.bytes,
      });
    },
    expect: 'hash',
  },
  {
    // Every signature is good, but the reader refuses the bundle before staging any photo.
    name: 'bundle mixing two TPS',
    fileName: 'campur.pleno',
    bytes: () => {
      const [p1, p2] = [makePhoto(11), makePhoto(12)];
      const rec = (tps: string, pem: 'gubernur' | 'bupati', ph: typeof p1) =>
        signRecord(fx, recordFor(fx, tps, pem, { foto: [{ lembar: 1, sha256: ph.sha256 }] }));
      return writeBundle({
        results: [
          { pemilihan: 'gubernur', envelope: rec(TPS1, 'gubernur', p1) },
          { pemilihan: 'bupati', envelope: rec(TPS2, 'bupati', p2) },
        ],
        photos: new Map([
          [p1.sha256, { ext: 'png' as const, bytes: p1.bytes }],
          [p2.sha256, { ext: 'png' as const, bytes: p2.bytes }],
        ]),
      });
    },
    expect: 'berbeda dengan TPS',
  },
  {
    name: 'bundle missing a referenced photo',
    fileName: 'tanpa-foto.pleno',
    bytes: () =>
      zipSync({
        'results/bupati.json': envelopeBytes(
          signRecord(fx, recordFor(fx, TPS1, 'bupati', { foto: [{ lembar: 1, sha256: 'b'.repeat(64) }] })),
        ),
      }),
    expect: 'tidak ada dalam bundel',
  },
  {
    name: 'oversized envelope',
    fileName: 'besar.json',
    bytes: () => utf8Encode(`{"payload": {}, "x": "${'a'.repeat(1024 * 1024)}"}`),
    expect: 'terlalu besar',
  },
  {
    name: 'unknown file type',
    fileName: 'catatan.txt',
    bytes: () => utf8Encode('halo'),
    expect: 'jenis berkas tidak dikenal',
  },
];

describe('malformed input', () => {
  it.each(CASES)('$name: ditolak with a clear message, quarantined with the reason, nothing stored', async (c) => {
    const ctx = tb.backend.ctx;
    const bytes = c.bytes();
    const path = join(tb.dir, c.fileName);
    writeFileSync(path, bytes);
    const [out] = await importPaths(ctx, [path]);
    expect(out!.status).toBe('ditolak');
    if (typeof c.expect === 'string') expect(out!.reason).toContain(c.expect);
    else expect(out!.reason).toMatch(c.expect);
    // Nothing stored, not even a photo file or a temp file the reader staged.
    expect([n('submission'), n('submission_photo'), n('photo')]).toEqual([0, 0, 0]);
    const photos = join(ctx.dataDir, 'photos');
    expect(existsSync(photos) ? readdirSync(photos) : []).toEqual([]);
    expect(events).toEqual([]);
    // Quarantined: the exact bytes, the reason beside them, and a log row.
    const q = listQuarantine(ctx.db);
    expect(q).toHaveLength(1);
    expect(q[0]!.name).toBe(c.fileName);
    expect(q[0]!.reason).toBe(out!.reason);
    const qdir = join(ctx.dataDir, 'quarantine');
    const copied = join(qdir, q[0]!.storedName);
    expect(new Uint8Array(readFileSync(copied))).toEqual(bytes);
    const reasonText = readFileSync(`${copied}.reason.txt`, 'utf8');
    expect(reasonText).toContain(`Alasan ditolak: ${out!.reason}`);
    expect(reasonText).toContain('Reason (English): ');
    expect(verifyAudit(ctx.db).ok).toBe(true);
  });
});

describe('importPaths', () => {
  it('walks folders, reports one outcome per file after commit, and is idempotent', async () => {
    const ctx = tb.backend.ctx;
    const dir = join(tb.dir, 'kiriman');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, `${TPS1}.pleno`), makeBundle(fx, TPS1));
    writeFileSync(join(dir, 'sub', `${TPS2}.pleno`), makeBundle(fx, TPS2));
    writeFileSync(
      join(dir, 'sub', 'ulang.json'),
      envelopeBytes(signRecord(fx, recordFor(fx, TPS2, 'bupati', { bump: 3 }))),
    );
    writeFileSync(join(dir, 'README.md'), 'diabaikan');
    const seen: string[] = [];
    const outs = await importPaths(ctx, [dir], (f) => seen.push(`${f.file.split('/').pop()}: ${f.status}`), {
      batchFiles: 2,
    });
    expect(seen).toEqual([`${TPS1}.pleno: diterima`, `${TPS2}.pleno: diterima`, 'ulang.json: konflik']);
    expect(outs).toHaveLength(3);
    expect(n('submission')).toBe(5);
    const again = await importPaths(ctx, [dir]);
    expect(again.map((o) => o.status)).toEqual(['duplikat', 'duplikat', 'duplikat']);
    expect(n('submission')).toBe(5);
    expect(verifyAudit(ctx.db).ok).toBe(true);
  });
});
