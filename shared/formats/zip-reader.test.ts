// The bounded ZIP reader against what a hostile tool writes: refusals from the directory alone (nothing inflated),
// and streamed inflation that stops at the declared size.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { utf8Encode } from './bytes';
import { crc32, peekBundleKeyIds, readBundle, writeBundle } from './bundle';
import { nodeCrypto, generateKeyPair, signPayload } from '../../electron/main/backend/crypto';
import { sampleRecord } from '../../tests/support/format-samples';
import { extractZipEntry, readZipDirectory, type ZipLimits } from './zip-reader';
import { lyingSizeBomb, rawZip, zip64Body98 } from '../../tests/support/hostile-zip';
import { ParseFailure } from './parse-result';

const limits = (over: Partial<ZipLimits> = {}): ZipLimits => ({
  maxEntries: 10,
  maxTotalBytes: 1024 * 1024,
  maxEntryBytes: () => 512 * 1024,
  allowName: () => {},
  ...over,
});

function failure(fn: () => unknown): ParseFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseFailure) return e;
    throw e;
  }
  throw new Error('expected a ParseFailure');
}

describe('readZipDirectory refuses from the directory alone', () => {
  it('the 98-byte ZIP64 body claiming 200 million entries', () => {
    const body = zip64Body98();
    expect(body.length).toBe(98);
    const f = failure(() => readZipDirectory(body, limits()));
    expect(f.code).toBe('BUNDLE_UNREADABLE');
    expect(f.message).toMatch(/ZIP64 tidak didukung/);
    expect(readBundle(body, nodeCrypto)).toMatchObject({ ok: false, error: { code: 'BUNDLE_UNREADABLE' } });
    expect(peekBundleKeyIds(body)).toEqual([]);
  });

  it('an entry count over the limit, read from the end record before walking', () => {
    const zip = rawZip(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, data: utf8Encode('x') })));
    const f = failure(() => readZipDirectory(zip, limits()));
    expect(f.code).toBe('BUNDLE_TOO_LARGE');
    expect(f.message).toMatch(/lebih dari 10 entri/);
  });

  it('an entry count the directory cannot hold (lying count)', () => {
    const zip = rawZip([{ name: 'a', data: utf8Encode('x') }]);
    new DataView(zip.buffer, zip.byteOffset).setUint16(zip.length - 22 + 8, 9, true);
    new DataView(zip.buffer, zip.byteOffset).setUint16(zip.length - 22 + 10, 9, true);
    expect(failure(() => readZipDirectory(zip, limits())).code).toBe('BUNDLE_UNREADABLE');
  });

  it('per-entry and total declared sizes, and an implausible compression ratio', () => {
    const one = rawZip([{ name: 'a', data: utf8Encode('x'), deflate: true, size: 600 * 1024 }]);
    expect(failure(() => readZipDirectory(one, limits())).message).toMatch(/"a" melebihi 512 KiB/);
    const two = rawZip(
      ['a', 'b', 'c'].map((name) => ({ name, data: utf8Encode('x'), deflate: true, size: 400 * 1024 })),
    );
    expect(failure(() => readZipDirectory(two, limits())).message).toMatch(/isi arsip melebihi 1 MiB/);
    const ratio = rawZip([{ name: 'a', data: new Uint8Array(300 * 1024), deflate: true }]);
    expect(failure(() => readZipDirectory(ratio, limits())).message).toMatch(/mengembang tidak wajar/);
  });

  it('names the caller does not allow, and unsafe names before the caller sees them', () => {
    const seen: string[] = [];
    const only = limits({
      allowName: (n, shown) => {
        seen.push(n);
        if (n !== 'ok') throw new ParseFailure('BUNDLE_BAD_ENTRY', `entri ${shown} tidak diizinkan`);
      },
    });
    expect(failure(() => readZipDirectory(rawZip([{ name: 'x', data: new Uint8Array(1) }]), only)).message).toMatch(
      /"x" tidak diizinkan/,
    );
    expect(failure(() => readZipDirectory(rawZip([{ name: '../ok', data: new Uint8Array(1) }]), only)).message).toMatch(
      /"\.\."/,
    );
    expect(seen).toEqual(['x']);
  });

  it('stored-only archives (.pleno-kirim) refuse a deflated entry and read stored ones', () => {
    const deflated = zipSync({ a: [utf8Encode('hello'), { level: 6 }] });
    expect(failure(() => readZipDirectory(deflated, limits({ storedOnly: true }))).message).toMatch(
      /kompresi yang tidak didukung \(8\)/,
    );
    const stored = zipSync({ a: [utf8Encode('hello'), { level: 0 }] });
    const [en] = readZipDirectory(stored, limits({ storedOnly: true }));
    expect(new TextDecoder().decode(extractZipEntry(stored, en!, crc32))).toBe('hello');
  });
});

describe('extractZipEntry inflates with a hard cap', () => {
  it('stops at the declared size of a lying entry (1 KiB declared, 64 MiB real)', () => {
    const bomb = lyingSizeBomb({ entries: 1, real: 64 * 1024 * 1024, declared: 1024 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const [en] = readZipDirectory(bomb, limits());
    const f = failure(() => extractZipEntry(bomb, en!, crc32));
    expect(f.code).toBe('BUNDLE_UNREADABLE');
    expect(f.message).toMatch(/isi lebih besar dari ukuran yang dinyatakan/);
  });

  it('a bundle of lying entries is refused by readBundle, not inflated to its real size', () => {
    const bomb = lyingSizeBomb({ entries: 200, real: 16 * 1024 * 1024, declared: 60 * 1024 });
    const r = readBundle(bomb, nodeCrypto);
    expect(r).toMatchObject({ ok: false, error: { code: 'BUNDLE_UNREADABLE' } });
    expect(!r.ok && r.error.message).toMatch(/lebih besar dari ukuran yang dinyatakan/);
  });

  it('reads what writeBundle writes, and the peek names the signers without reading photos', () => {
    const kp = generateKeyPair();
    const rec = { ...sampleRecord(), pemilihan: 'bupati' as const, foto: [] };
    const env = signPayload(rec, kp.privateKey, rec.perangkat);
    const zip = writeBundle({ results: [{ pemilihan: 'bupati', envelope: env }], photos: new Map() });
    expect(readBundle(zip, nodeCrypto).ok).toBe(true);
    expect(peekBundleKeyIds(zip)).toEqual([rec.perangkat]);
  });
});
