import { zipSync } from 'fflate';
import { type RawEntry, rawZip } from '../../tests/support/hostile-zip';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, nodeCrypto, sha256Hex, signPayload } from '../../electron/main/backend/crypto';
import { bytesEqual, concatBytes, utf8Encode } from './bytes';
import { type BundlePhoto, crc32, peekBundleKeyIds, peekBundleResults, readBundle, writeBundle } from './bundle';
import { sampleRecord } from '../../tests/support/format-samples';

// Minimal "images": correct magic numbers plus distinct content.
const jpg = (n: number) =>
  concatBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), utf8Encode(`jpeg-${n}`), new Uint8Array([0xff, 0xd9]));
const png = (n: number) =>
  concatBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), utf8Encode(`png-${n}`));

const kp = generateKeyPair();
const photo1 = jpg(1);
const photo2 = png(2);
const h1 = sha256Hex(photo1);
const h2 = sha256Hex(photo2);

function envelopeFor(pemilihan: 'bupati' | 'gubernur', foto: string[]) {
  const rec = { ...sampleRecord(), pemilihan, foto: foto.map((sha256, i) => ({ lembar: i + 1, sha256 })) };
  if (pemilihan === 'gubernur') rec.suara = { ...rec.suara, paslon: [200, 112] };
  return signPayload(rec, kp.privateKey, rec.perangkat);
}

function goodInput() {
  const photos = new Map<string, BundlePhoto>([
    [h1, { ext: 'jpg', bytes: photo1 }],
    [h2, { ext: 'png', bytes: photo2 }],
  ]);
  return {
    results: [
      { pemilihan: 'gubernur', envelope: envelopeFor('gubernur', [h2]) },
      { pemilihan: 'bupati', envelope: envelopeFor('bupati', [h1]) },
    ],
    photos,
  };
}

const resultEntry = (pemilihan: 'bupati' | 'gubernur', foto: string[]): RawEntry => ({
  name: `results/${pemilihan}.json`,
  data: utf8Encode(JSON.stringify(envelopeFor(pemilihan, foto))),
  deflate: true,
});
const photoEntry = (bytes: Uint8Array, ext = 'jpg', name?: string): RawEntry => ({
  name: name ?? `foto/${sha256Hex(bytes)}.${ext}`,
  data: bytes,
});

describe('writeBundle / readBundle', () => {
  it('round-trips results and photos', () => {
    const zip = writeBundle(goodInput());
    const r = readBundle(zip, nodeCrypto);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    if (!r.ok) return;
    expect(r.value.results.map((x) => x.pemilihan)).toEqual(['bupati', 'gubernur']);
    expect(JSON.parse(r.value.results[0]!.text)).toEqual(goodInput().results[1]!.envelope);
    expect(r.value.results[0]!.json).toBe(r.value.results[0]!.text);
    expect(r.value.results[1]!.envelope.payload.pemilihan).toBe('gubernur');
    expect(r.value.photos.size).toBe(2);
    expect(r.value.photos.get(h1)!.ext).toBe('jpg');
    expect(bytesEqual(r.value.photos.get(h2)!.bytes, photo2)).toBe(true);
  });

  it('is deterministic (same bytes for the same content, regardless of input order or time)', () => {
    const a = writeBundle(goodInput());
    const input = goodInput();
    input.results.reverse();
    const b = writeBundle({ results: input.results, photos: new Map([...input.photos].reverse()) });
    expect(sha256Hex(a)).toBe(sha256Hex(b));
  });

  it('keeps a result text exactly as given', () => {
    const text = JSON.stringify(envelopeFor('bupati', []), null, 2);
    const r = readBundle(writeBundle({ results: [{ pemilihan: 'bupati', text }], photos: new Map() }), nodeCrypto);
    expect(r.ok && r.value.results[0]!.text).toBe(text);
  });

  it('accepts zips made by other tools, with directory entries, and unreferenced photos', () => {
    const zip = zipSync({
      results: { 'bupati.json': utf8Encode(JSON.stringify(envelopeFor('bupati', [h1]))) },
      foto: { [`${h1}.jpg`]: photo1, [`${h2}.png`]: photo2 },
    });
    const withDirs = rawZip([
      { name: 'results/', data: new Uint8Array() },
      { name: 'foto/', data: new Uint8Array() },
      resultEntry('bupati', []),
      photoEntry(photo1),
    ]);
    for (const z of [zip, withDirs]) {
      const r = readBundle(z, nodeCrypto);
      expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    }
  });
});

describe('readBundle rejects', () => {
  const good = writeBundle(goodInput());
  const cases: [string, () => Uint8Array, string, RegExp][] = [
    ['an empty file', () => new Uint8Array(), 'BUNDLE_UNREADABLE', /tidak dapat dibaca/],
    ['a non-zip file', () => utf8Encode('{"payload":{}}'.repeat(10)), 'BUNDLE_UNREADABLE', /bukan ZIP/],
    ['a truncated archive', () => good.subarray(0, good.length - 40), 'BUNDLE_UNREADABLE', /tidak dapat dibaca/],
    [
      'a cut in the middle',
      () => concatBytes(good.subarray(0, 100), good.subarray(good.length - 300)),
      'BUNDLE_UNREADABLE',
      /./,
    ],
    ['trailing data', () => concatBytes(good, new Uint8Array([1, 2, 3])), 'BUNDLE_UNREADABLE', /./],
    ['an empty zip', () => zipSync({}), 'BUNDLE_EMPTY', /tidak berisi hasil/],
    ['photos only', () => rawZip([photoEntry(photo1)]), 'BUNDLE_EMPTY', /tidak berisi hasil/],
    [
      'an extra file',
      () => rawZip([resultEntry('bupati', []), { name: 'readme.txt', data: utf8Encode('hi') }]),
      'BUNDLE_BAD_ENTRY',
      /"readme.txt" tidak diizinkan/,
    ],
    [
      'a nested result',
      () => rawZip([{ ...resultEntry('bupati', []), name: 'results/x/bupati.json' }]),
      'BUNDLE_BAD_ENTRY',
      /tidak diizinkan/,
    ],
    [
      'an unknown pemilihan',
      () => rawZip([{ ...resultEntry('bupati', []), name: 'results/presiden.json' }]),
      'BUNDLE_BAD_ENTRY',
      /pemilihan tidak dikenal/,
    ],
    [
      'a path with ..',
      () => rawZip([resultEntry('bupati', []), { name: 'foto/../../etc/passwd', data: utf8Encode('x') }]),
      'BUNDLE_BAD_ENTRY',
      /"\.\."/,
    ],
    [
      'a path with . segment',
      () => rawZip([{ ...resultEntry('bupati', []), name: 'results/./bupati.json' }]),
      'BUNDLE_BAD_ENTRY',
      /"\."/,
    ],
    [
      'an absolute path',
      () => rawZip([{ ...resultEntry('bupati', []), name: '/results/bupati.json' }]),
      'BUNDLE_BAD_ENTRY',
      /absolut/,
    ],
    [
      'a drive path',
      () => rawZip([{ ...resultEntry('bupati', []), name: 'C:/results/bupati.json' }]),
      'BUNDLE_BAD_ENTRY',
      /absolut/,
    ],
    [
      'a backslash path',
      () => rawZip([{ ...resultEntry('bupati', []), name: 'results\\bupati.json' }]),
      'BUNDLE_BAD_ENTRY',
      /miring terbalik/,
    ],
    [
      'a NUL in a name',
      () => rawZip([{ ...resultEntry('bupati', []), name: 'results/bupati.json\u0000.txt' }]),
      'BUNDLE_BAD_ENTRY',
      /\\x00/,
    ],
    [
      'a non-ASCII name',
      () => rawZip([{ ...resultEntry('bupati', []), name: 'results/bupatí.json' }]),
      'BUNDLE_BAD_ENTRY',
      /karakter tidak sah/,
    ],
    [
      'a duplicate result entry',
      () => rawZip([resultEntry('bupati', []), resultEntry('bupati', [])]),
      'BUNDLE_DUPLICATE_ENTRY',
      /muncul dua kali/,
    ],
    [
      'a duplicate photo entry',
      () => rawZip([resultEntry('bupati', [h1]), photoEntry(photo1), photoEntry(photo1)]),
      'BUNDLE_DUPLICATE_ENTRY',
      /muncul dua kali/,
    ],
    [
      'one photo as jpg and png',
      () => rawZip([resultEntry('bupati', [h1]), photoEntry(photo1), photoEntry(photo1, 'png')]),
      'BUNDLE_DUPLICATE_ENTRY',
      /muncul dua kali/,
    ],
    [
      'a photo whose hash differs from its name',
      () => rawZip([resultEntry('bupati', [h1]), photoEntry(jpg(9), 'jpg', `foto/${h1}.jpg`)]),
      'BUNDLE_PHOTO_HASH',
      /tidak sama dengan namanya/,
    ],
    [
      'an uppercase photo hash name',
      () => rawZip([resultEntry('bupati', []), photoEntry(photo1, 'jpg', `foto/${h1.toUpperCase()}.jpg`)]),
      'BUNDLE_BAD_ENTRY',
      /tidak diizinkan/,
    ],
    [
      'a photo that is not of its type',
      () => rawZip([resultEntry('bupati', []), photoEntry(png(5), 'jpg')]),
      'BUNDLE_BAD_ENTRY',
      /bukan berkas JPG/,
    ],
    [
      'a referenced photo missing',
      () => rawZip([resultEntry('bupati', [h1, h2]), photoEntry(photo1)]),
      'BUNDLE_PHOTO_MISSING',
      new RegExp(`foto ${h2} dirujuk`),
    ],
    [
      'a result that is not JSON',
      () => rawZip([{ name: 'results/bupati.json', data: utf8Encode('{nope') }]),
      'INVALID_JSON',
      /^results\/bupati\.json: /,
    ],
    [
      'a result that is not an envelope',
      () => rawZip([{ name: 'results/bupati.json', data: utf8Encode(JSON.stringify(sampleRecord())) }]),
      'UNKNOWN_FIELD',
      /^results\/bupati\.json: /,
    ],
    [
      'a result named for another pemilihan',
      () => rawZip([{ ...resultEntry('bupati', []), name: 'results/gubernur.json' }]),
      'BUNDLE_MISMATCH',
      /nama berkas/,
    ],
    [
      'results of two TPS',
      () => {
        const other = signPayload(
          { ...sampleRecord(), pemilihan: 'gubernur', tps: '6302142001002', foto: [] },
          kp.privateKey,
          'x',
        );
        return rawZip([
          resultEntry('bupati', []),
          { name: 'results/gubernur.json', data: utf8Encode(JSON.stringify(other)) },
        ]);
      },
      'BUNDLE_MISMATCH',
      /TPS 6302142001002 berbeda/,
    ],
    ['a CRC mismatch', () => rawZip([{ ...resultEntry('bupati', []), crc: 12345 }]), 'BUNDLE_UNREADABLE', /CRC/],
    [
      'a lying (smaller) size',
      () => rawZip([{ ...resultEntry('bupati', []), size: 10 }]),
      'BUNDLE_UNREADABLE',
      /rusak/,
    ],
    [
      'a result that is not UTF-8',
      () => rawZip([{ name: 'results/bupati.json', data: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }]),
      'BUNDLE_BAD_ENTRY',
      /^results\/bupati\.json: teks bukan UTF-8/,
    ],
    [
      'a local name differing from the central one',
      () => rawZip([{ ...resultEntry('bupati', []), localName: 'results/gubernur.json' }]),
      'BUNDLE_UNREADABLE',
      /tidak konsisten/,
    ],
    [
      'an encrypted entry',
      () => rawZip([{ ...resultEntry('bupati', []), flags: 1 }]),
      'BUNDLE_UNREADABLE',
      /terenkripsi/,
    ],
    [
      'a directory entry with data',
      () => rawZip([resultEntry('bupati', []), { name: 'foto/', data: utf8Encode('x') }]),
      'BUNDLE_BAD_ENTRY',
      /berisi data/,
    ],
  ];
  it.each(cases)('%s', (_name, make, code, msg) => {
    const r = readBundle(make(), nodeCrypto);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(msg);
  });

  it('a deflate stream that is not deflate', () => {
    const e = resultEntry('bupati', []);
    const zip = rawZip([e]);
    // Corrupt the compressed bytes in place (after the 30-byte local header and the name).
    const start = 30 + 'results/bupati.json'.length;
    for (let i = start; i < start + 8; i++) zip[i] = 0xff;
    const r = readBundle(zip, nodeCrypto);
    expect(!r.ok && r.error.code).toBe('BUNDLE_UNREADABLE');
  });

  it('a zip bomb over the size limit, before inflating anything', () => {
    // Entries declaring 20 MiB each (what a bomb declares; a bomb that lies lower is caught by size/CRC below).
    const zeros = new Uint8Array(64 * 1024);
    const bomb = rawZip([
      resultEntry('bupati', []),
      ...[0, 1, 2, 3, 4, 5].map((i) => ({
        name: `foto/${String(i).repeat(64)}.jpg`,
        data: zeros,
        deflate: true,
        size: 20 * 1024 * 1024,
      })),
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = readBundle(bomb, nodeCrypto);
    expect(!r.ok && r.error.code).toBe('BUNDLE_TOO_LARGE');
    expect(!r.ok && r.error.message).toMatch(/melebihi 100 MiB/);
    // A configurable, smaller limit.
    const small = readBundle(writeBundle(goodInput()), { ...nodeCrypto, maxTotalBytes: 100 });
    expect(!small.ok && small.error.code).toBe('BUNDLE_TOO_LARGE');
  });

  it('a declared size smaller than the real data does not grow memory: caught by CRC/size', () => {
    const big = utf8Encode(JSON.stringify(envelopeFor('bupati', [])));
    const r = readBundle(rawZip([{ name: 'results/bupati.json', data: big, deflate: true, size: 50 }]), nodeCrypto);
    expect(!r.ok && r.error.code).toBe('BUNDLE_UNREADABLE');
  });

  it('too many entries', () => {
    const r = readBundle(writeBundle(goodInput()), { ...nodeCrypto, maxEntries: 2 });
    expect(!r.ok && r.error.code).toBe('BUNDLE_TOO_LARGE');
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(utf8Encode('123456789'))).toBe(0xcbf43926);
  });

  it('agrees with Node zlib.crc32, which readBundle uses when injected (and still rejects a mismatch with it)', () => {
    const data = new Uint8Array(100_000).map((_, i) => (i * 7919 + (i >> 8)) & 0xff);
    expect(zlibCrc32(data)).toBe(crc32(data));
    expect(zlibCrc32(new Uint8Array(0))).toBe(crc32(new Uint8Array(0)));
    let calls = 0;
    const native = (b: Uint8Array) => {
      calls += 1;
      return zlibCrc32(b);
    };
    const good = readBundle(writeBundle(goodInput()), { ...nodeCrypto, crc32: native });
    expect(good.ok).toBe(true);
    expect(calls).toBe(4);
    const bad = readBundle(rawZip([{ ...resultEntry('bupati', []), crc: 12345 }]), { ...nodeCrypto, crc32: native });
    expect(!bad.ok && bad.error.message).toMatch(/CRC/);
  });
});

describe('readBundle checks what each result says about its photos and TPS', () => {
  const withPayload = (change: (p: Record<string, unknown>) => void): RawEntry => {
    const rec = { ...sampleRecord(), pemilihan: 'bupati' } as unknown as Record<string, unknown>;
    change(rec);
    return { name: 'results/bupati.json', data: utf8Encode(JSON.stringify(signPayload(rec, kp.privateKey, 'k'))) };
  };
  const refusal = (zip: Uint8Array) => {
    const r = readBundle(zip, nodeCrypto);
    return r.ok ? null : r.error;
  };

  it('foto must be a list of objects each naming a lowercase SHA-256', () => {
    const bad = (foto: unknown) => refusal(rawZip([withPayload((p) => (p.foto = foto))]));
    expect(bad('x')).toMatchObject({
      code: 'BUNDLE_BAD_ENTRY',
      message: 'results/bupati.json: payload.foto harus daftar',
    });
    const hex = 'a'.repeat(64);
    for (const entry of [
      null,
      'abc',
      5,
      { sha256: 5 },
      { sha256: hex.toUpperCase() },
      { sha256: `x${hex}` },
      { sha256: `${hex}x` },
    ])
      expect(bad([entry]), JSON.stringify(entry)).toMatchObject({
        code: 'BUNDLE_BAD_ENTRY',
        message: 'results/bupati.json: payload.foto[0].sha256 harus SHA-256 hex huruf kecil',
      });
    expect(bad([{ sha256: hex }])).toMatchObject({ code: 'BUNDLE_PHOTO_MISSING' });
  });

  it('payload.tps must be text', () => {
    expect(refusal(rawZip([withPayload((p) => (p.tps = 6302142001001))]))).toMatchObject({
      code: 'BUNDLE_BAD_ENTRY',
      message: 'results/bupati.json: payload.tps harus teks',
    });
  });

  it('a photo must carry the whole magic number of its type, not only its first byte', () => {
    const fake = concatBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), utf8Encode('bukan png'));
    expect(refusal(rawZip([resultEntry('bupati', []), photoEntry(fake, 'png')]))).toMatchObject({
      code: 'BUNDLE_BAD_ENTRY',
      message: `foto foto/${sha256Hex(fake)}.png: isi bukan berkas PNG`,
    });
  });

  it('a result entry may declare at most 1 MiB and a photo at most 20 MiB', () => {
    const bigResult = { ...resultEntry('bupati', []), size: 1024 * 1024 + 1 };
    expect(refusal(rawZip([bigResult]))).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
      message: 'entri "results/bupati.json" melebihi 1 MiB setelah diekstrak',
    });
    const bigPhoto = { ...photoEntry(photo1), deflate: true, size: 20 * 1024 * 1024 + 1 };
    expect(refusal(rawZip([resultEntry('bupati', []), bigPhoto]))?.message).toBe(
      `entri "foto/${h1}.jpg" melebihi 20 MiB setelah diekstrak`,
    );
  });

  it('writes results in pemilihan order whatever order they are given in', () => {
    const walikota = signPayload({ ...sampleRecord(), pemilihan: 'walikota', foto: [] }, kp.privateKey, 'k');
    const all = [
      { pemilihan: 'bupati', envelope: envelopeFor('bupati', []) },
      { pemilihan: 'gubernur', envelope: envelopeFor('gubernur', []) },
      { pemilihan: 'walikota', envelope: walikota },
    ];
    for (const order of [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
      [2, 0, 1],
      [0, 2, 1],
      [1, 0, 2],
    ]) {
      const zip = writeBundle({ results: order.map((i) => all[i]!), photos: new Map() });
      const r = readBundle(zip, nodeCrypto);
      expect(r.ok && r.value.results.map((x) => x.pemilihan), order.join()).toEqual(['bupati', 'gubernur', 'walikota']);
    }
  });
});

describe("peekBundleResults / peekBundleKeyIds (the LAN rate limit's cheap look)", () => {
  const entry = (name: string, bytes: number): RawEntry => ({ name, data: new Uint8Array(bytes).fill(0x20) });

  it('inflates only the result entries, each of at most 64 KiB, and at most three of them', () => {
    const zip = writeBundle(goodInput());
    expect(peekBundleResults(zip).map((b) => JSON.parse(new TextDecoder().decode(b)).payload.pemilihan)).toEqual([
      'bupati',
      'gubernur',
    ]);
    expect(peekBundleResults(rawZip([entry('results/bupati.json', 64 * 1024)]))).toHaveLength(1);
    expect(peekBundleResults(rawZip([entry('results/bupati.json', 64 * 1024 + 1)]))).toEqual([]);
    const three = ['a', 'b', 'c'].map((n) => entry(`results/${n}.json`, 10));
    expect(peekBundleResults(rawZip(three))).toHaveLength(3);
    expect(peekBundleResults(rawZip([...three, entry('results/d.json', 10)]))).toEqual([]);
    expect(peekBundleResults(utf8Encode('bukan zip'))).toEqual([]);
  });

  it('names each signer once and skips results that are not envelopes', () => {
    expect(peekBundleKeyIds(writeBundle(goodInput()))).toEqual([sampleRecord().perangkat]);
    expect(peekBundleKeyIds(rawZip([{ name: 'results/bupati.json', data: utf8Encode('bukan json') }]))).toEqual([]);
  });
});
