// The bounded ZIP reader at each of its limits and on each refusal (issue 16, mutation testing): just at and just
// over every count, size, ratio and name limit, each field of the end record and of a directory record that can lie,
// and each way a local header or an entry's bytes can disagree with the directory. Archives written by hand.
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes, utf8Encode } from './bytes';
import { crc32 } from './bundle';
import { ParseFailure } from './parse-result';
import { extractZipEntry, readZipDirectory, showEntryName, type ZipLimits } from './zip-reader';
import { rawZip } from '../../tests/support/hostile-zip';

const KiB = 1024;
const limits = (over: Partial<ZipLimits> = {}): ZipLimits => ({
  maxEntries: 10,
  maxTotalBytes: 1024 * KiB,
  maxEntryBytes: () => 512 * KiB,
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
const refusal = (zip: Uint8Array, l: ZipLimits = limits()) => {
  const f = failure(() => readZipDirectory(zip, l));
  return { code: f.code, message: f.message };
};
const UNREADABLE = { code: 'BUNDLE_UNREADABLE', message: 'berkas arsip tidak dapat dibaca (bukan ZIP atau terpotong)' };

const one = (name = 'a', data = utf8Encode('isi')) => rawZip([{ name, data }]);
/** A copy of `zip` with little-endian fields of the end record (offset from its start) set. */
function withEnd(zip: Uint8Array, fields: [offset: number, bytes: 2 | 4, value: number][]): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  const e = out.length - 22;
  for (const [o, n, value] of fields) {
    if (n === 2) v.setUint16(e + o, value, true);
    else v.setUint32(e + o, value, true);
  }
  return out;
}
/** A copy with fields of the first central directory record set. */
function withCentral(zip: Uint8Array, fields: [offset: number, bytes: 2 | 4, value: number][]): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  const cd = v.getUint32(out.length - 22 + 16, true);
  for (const [o, n, value] of fields) {
    if (n === 2) v.setUint16(cd + o, value, true);
    else v.setUint32(cd + o, value, true);
  }
  return out;
}

describe('the end record', () => {
  it('an archive with no entries is the 22-byte end record alone; fewer bytes are not a ZIP', () => {
    const empty = rawZip([]);
    expect(empty.length).toBe(22);
    expect(readZipDirectory(empty, limits())).toEqual([]);
    expect(refusal(empty.subarray(1))).toEqual(UNREADABLE);
    expect(refusal(new Uint8Array(21))).toEqual(UNREADABLE);
    expect(refusal(new Uint8Array(22))).toEqual(UNREADABLE);
  });

  it('a comment is allowed when the end record names its length; other trailing bytes are refused', () => {
    const zip = one();
    const comment = utf8Encode('dibuat oleh alat lain');
    const commented = concatBytes(withEnd(zip, [[20, 2, comment.length]]), comment);
    expect(readZipDirectory(commented, limits()).map((e) => e.name)).toEqual(['a']);
    expect(refusal(concatBytes(zip, new Uint8Array([0])))).toEqual({
      code: 'BUNDLE_UNREADABLE',
      message: 'berkas arsip tidak dapat dibaca (ada data setelah akhir ZIP)',
    });
  });

  it('finds the end record behind the longest comment (65,535 bytes), not further', () => {
    const zip = one();
    const longest = concatBytes(withEnd(zip, [[20, 2, 0xffff]]), new Uint8Array(0xffff));
    expect(readZipDirectory(longest, limits())).toHaveLength(1);
    // One byte more after it: the record is out of reach of a search from the end.
    expect(refusal(concatBytes(longest, new Uint8Array(1)))).toEqual(UNREADABLE);
  });

  it('refuses multi-disk archives, by either disk field', () => {
    const multi = { code: 'BUNDLE_UNREADABLE', message: 'ZIP multi-bagian tidak didukung' };
    expect(refusal(withEnd(one(), [[4, 2, 1]]))).toEqual(multi);
    expect(refusal(withEnd(one(), [[6, 2, 1]]))).toEqual(multi);
  });

  it('refuses each ZIP64 marker: the count, the directory size, the directory offset, a locator', () => {
    const zip64 = { code: 'BUNDLE_UNREADABLE', message: 'ZIP64 tidak didukung untuk arsip' };
    expect(
      refusal(
        withEnd(one(), [
          [8, 2, 0xffff],
          [10, 2, 0xffff],
        ]),
      ),
    ).toEqual(zip64);
    expect(refusal(withEnd(one(), [[12, 4, 0xffffffff]]))).toEqual(zip64);
    expect(refusal(withEnd(one(), [[16, 4, 0xffffffff]]))).toEqual(zip64);
    const zip = one();
    const e = zip.length - 22;
    const locator = zip.slice();
    new DataView(locator.buffer).setUint32(e - 20, 0x07064b50, true); // inside the directory record's name area
    expect(refusal(locator)).toEqual(zip64);
  });

  it('holds exactly maxEntries entries, not one more, and names the limit with the archive label', () => {
    const entries = (n: number) =>
      rawZip(Array.from({ length: n }, (_, i) => ({ name: `f${i}`, data: utf8Encode('x') })));
    expect(readZipDirectory(entries(10), limits())).toHaveLength(10);
    expect(refusal(entries(11), limits({ label: 'bundel' }))).toEqual({
      code: 'BUNDLE_TOO_LARGE',
      message: 'bundel berisi lebih dari 10 entri',
    });
  });

  it('refuses a count that differs from the disk count, a directory past the end record, a directory too small', () => {
    expect(refusal(withEnd(one(), [[8, 2, 2]]))).toEqual(UNREADABLE);
    const zip = one();
    const v = new DataView(zip.buffer);
    const cdSize = v.getUint32(zip.length - 22 + 12, true);
    expect(refusal(withEnd(zip, [[12, 4, cdSize + 1]]))).toEqual(UNREADABLE);
    const cdOffset = v.getUint32(zip.length - 22 + 16, true);
    expect(refusal(withEnd(zip, [[16, 4, cdOffset + 1]]))).toEqual(UNREADABLE);
    // Two entries claimed in a directory of 46 + 1 bytes: the count cannot fit.
    expect(
      refusal(
        withEnd(zip, [
          [8, 2, 2],
          [10, 2, 2],
        ]),
      ),
    ).toEqual(UNREADABLE);
  });
});

describe('directory records', () => {
  it('refuses a record without its signature, or one running past the directory', () => {
    expect(refusal(withCentral(one(), [[0, 4, 0x02014b51]]))).toEqual(UNREADABLE);
    expect(refusal(withCentral(one(), [[30, 2, 5]]))).toEqual(UNREADABLE); // an extra field the bytes do not hold
  });

  it('refuses encrypted entries (either flag) and unknown methods, naming the method', () => {
    for (const flags of [0x01, 0x40]) {
      expect(refusal(rawZip([{ name: 'a', data: utf8Encode('x'), flags }]))).toEqual({
        code: 'BUNDLE_UNREADABLE',
        message: 'entri "a" terenkripsi',
      });
    }
    expect(readZipDirectory(rawZip([{ name: 'a', data: utf8Encode('x'), flags: 0x08 }]), limits())).toHaveLength(1);
    expect(refusal(withCentral(one(), [[10, 2, 12]]))).toEqual({
      code: 'BUNDLE_UNREADABLE',
      message: 'entri "a" memakai kompresi yang tidak didukung (12)',
    });
  });

  it('refuses ZIP64 sizes and offsets in a record', () => {
    const zip64 = { code: 'BUNDLE_UNREADABLE', message: 'ZIP64 tidak didukung untuk arsip' };
    expect(refusal(withCentral(one(), [[20, 4, 0xffffffff]]))).toEqual(zip64);
    expect(refusal(withCentral(one(), [[24, 4, 0xffffffff]]))).toEqual(zip64);
    expect(refusal(withCentral(one(), [[42, 4, 0xffffffff]]))).toEqual(zip64);
  });

  it('refuses a stored entry whose sizes differ, and a body that would run into the directory', () => {
    expect(refusal(rawZip([{ name: 'a', data: utf8Encode('abc'), size: 4 }]))).toEqual(UNREADABLE);
    expect(refusal(withCentral(one(), [[42, 4, 2]]))).toEqual(UNREADABLE);
    expect(readZipDirectory(withCentral(one(), [[42, 4, 1]]), limits())).toHaveLength(1);
    // The last byte of the body ends exactly where the directory starts: fine.
    expect(readZipDirectory(one(), limits())[0]).toMatchObject({ name: 'a', method: 0, size: 3, localOffset: 0 });
  });

  it('refuses a directory holding more bytes than its records', () => {
    const zip = one();
    const cdSize = new DataView(zip.buffer).getUint32(zip.length - 22 + 12, true);
    const v = withCentral(withEnd(zip, [[12, 4, cdSize + 2]]), [[32, 2, 0]]);
    // The comment field of the record is 0, so two directory bytes are left over (the end record moved back 2).
    expect(refusal(v)).toEqual(UNREADABLE);
  });
});

describe('declared sizes', () => {
  it('an entry exactly at its limit is read; one byte over is refused in KiB or MiB', () => {
    const at = rawZip([{ name: 'a', data: new Uint8Array(512 * KiB) }]);
    expect(readZipDirectory(at, limits())).toHaveLength(1);
    const over = rawZip([{ name: 'a', data: utf8Encode('x'), deflate: true, size: 512 * KiB + 1 }]);
    expect(refusal(over)).toEqual({
      code: 'BUNDLE_TOO_LARGE',
      message: 'entri "a" melebihi 512 KiB setelah diekstrak',
    });
    const mib = limits({ maxEntryBytes: () => 2 * 1024 * KiB, maxTotalBytes: 8 * 1024 * KiB });
    const big = rawZip([{ name: 'a', data: utf8Encode('x'), deflate: true, size: 2 * 1024 * KiB + 1 }]);
    expect(refusal(big, mib).message).toBe('entri "a" melebihi 2 MiB setelah diekstrak');
    const almost = limits({ maxEntryBytes: () => 1024 * KiB - 1 });
    const k = rawZip([{ name: 'a', data: utf8Encode('x'), deflate: true, size: 1024 * KiB }]);
    expect(refusal(k, almost).message).toBe('entri "a" melebihi 1023 KiB setelah diekstrak');
  });

  it('the sum of declared sizes may reach the total limit, not pass it', () => {
    const part = (name: string, size: number) => ({ name, data: new Uint8Array(size) });
    const at = rawZip([part('a', 512 * KiB), part('b', 512 * KiB)]);
    expect(readZipDirectory(at, limits())).toHaveLength(2);
    const over = rawZip([part('a', 512 * KiB), part('b', 512 * KiB), part('c', 1)]);
    expect(refusal(over, limits({ label: 'bundel' }))).toEqual({
      code: 'BUNDLE_TOO_LARGE',
      message: 'isi bundel melebihi 1 MiB setelah diekstrak',
    });
  });

  it('the compression ratio is free up to 64 KiB, then at most maxRatio', () => {
    const entry = (size: number, compressed: number) => ({
      name: 'a',
      data: utf8Encode('x'),
      deflate: true,
      size,
      body: new Uint8Array(compressed),
    });
    const bomb = { code: 'BUNDLE_TOO_LARGE', message: 'entri "a" mengembang tidak wajar (bom ZIP)' };
    expect(readZipDirectory(rawZip([entry(64 * KiB, 1)]), limits())).toHaveLength(1);
    expect(refusal(rawZip([entry(64 * KiB + 1, 1)]))).toEqual(bomb);
    expect(readZipDirectory(rawZip([entry(100 * KiB, KiB)]), limits())).toHaveLength(1);
    expect(refusal(rawZip([entry(100 * KiB + 1, KiB)]))).toEqual(bomb);
    expect(readZipDirectory(rawZip([entry(200 * KiB, KiB)]), limits({ maxRatio: 200 }))).toHaveLength(1);
    // Stored entries have no ratio to check.
    expect(readZipDirectory(rawZip([{ name: 'a', data: new Uint8Array(200 * KiB) }]), limits())).toHaveLength(1);
  });
});

describe('entry names', () => {
  it('takes names of up to 200 characters, printable ASCII from space to tilde', () => {
    expect(readZipDirectory(one('n'.repeat(200)), limits())[0]!.name).toHaveLength(200);
    expect(refusal(one('n'.repeat(201))).message).toBe(
      `nama entri ${showEntryName(utf8Encode('n'.repeat(201)))} terlalu panjang`,
    );
    expect(readZipDirectory(one(' ~'), limits())[0]!.name).toBe(' ~');
    for (const c of [0x1f, 0x7f, 0x80]) {
      const name = new Uint8Array([0x61, c]);
      const zip = rawZip([{ name: 'ab', data: utf8Encode('x') }]);
      zip.set(name, new DataView(zip.buffer).getUint32(zip.length - 22 + 16, true) + 46);
      expect(refusal(zip).message, c.toString(16)).toBe(
        `nama entri ${showEntryName(name)} mengandung karakter tidak sah`,
      );
    }
  });

  it('refuses an empty name, naming the archive', () => {
    expect(refusal(one(''), limits({ label: 'bundel' }))).toEqual({
      code: 'BUNDLE_BAD_ENTRY',
      message: 'bundel berisi entri tanpa nama',
    });
  });

  it('refuses backslashes, absolute paths and dot segments anywhere in the path', () => {
    expect(refusal(one('a\\b')).message).toBe('nama entri "a\\\\b" memakai garis miring terbalik (\\)');
    for (const name of ['/a', 'c:a', 'Z:/a'])
      expect(refusal(one(name)).message).toBe(`nama entri ${JSON.stringify(name)} adalah path absolut`);
    for (const name of ['.', '..', 'a/./b', 'a/..', './a'])
      expect(refusal(one(name)).message).toBe(`nama entri ${JSON.stringify(name)} mengandung ".." atau "."`);
    for (const name of ['ab:c', '1:a', 'a/b.', '.a', 'a..b', '...'])
      expect(readZipDirectory(one(name), limits())[0]!.name).toBe(name);
  });

  it('shows a name escaped, quoted, and cut at 120 characters', () => {
    expect(showEntryName(new Uint8Array([0x61, 0x0a, 0xff, 0x20, 0x7e]))).toBe('"a\\\\x0a\\\\xff ~"');
    expect(showEntryName(utf8Encode('n'.repeat(120)))).toBe(JSON.stringify('n'.repeat(120)));
    expect(showEntryName(utf8Encode('n'.repeat(121)))).toBe(JSON.stringify(`${'n'.repeat(120)}…`));
    expect(showEntryName(new Uint8Array([0x1f, 0x7f]))).toBe('"\\\\x1f\\\\x7f"');
  });
});

describe('extractZipEntry', () => {
  const text = utf8Encode('isi entri yang dikompresi, isi entri yang dikompresi');

  it('reads stored and deflated entries, and an empty deflated one', () => {
    const zip = rawZip([
      { name: 's', data: text },
      { name: 'd', data: text, deflate: true },
      { name: 'e', data: new Uint8Array(0), deflate: true },
    ]);
    const [s, d, e] = readZipDirectory(zip, limits());
    expect(extractZipEntry(zip, s!, crc32)).toEqual(text);
    expect(extractZipEntry(zip, d!, crc32)).toEqual(text);
    expect(extractZipEntry(zip, e!, crc32)).toEqual(new Uint8Array(0));
  });

  it('refuses a local header that disagrees with the directory: signature, name, method', () => {
    const inconsistent = (label: string) => `entri "${label}" tidak konsisten`;
    const other = rawZip([{ name: 'ab', localName: 'ac', data: text }]);
    expect(failure(() => extractZipEntry(other, readZipDirectory(other, limits())[0]!, crc32)).message).toBe(
      inconsistent('ab'),
    );
    const longer = rawZip([{ name: 'ab', localName: 'abc', data: text }]);
    expect(failure(() => extractZipEntry(longer, readZipDirectory(longer, limits())[0]!, crc32)).message).toBe(
      inconsistent('ab'),
    );
    const zip = rawZip([{ name: 'ab', data: text }]);
    const [en] = readZipDirectory(zip, limits());
    const method = zip.slice();
    new DataView(method.buffer).setUint16(8, 8, true);
    expect(failure(() => extractZipEntry(method, en!, crc32)).message).toBe(inconsistent('ab'));
    const sig = zip.slice();
    sig[0] = 0;
    expect(failure(() => extractZipEntry(sig, en!, crc32, 'bundel')).message).toBe(
      'berkas bundel tidak dapat dibaca (bukan ZIP atau terpotong)',
    );
  });

  it('refuses a body past the end of the bytes, a wrong CRC, a short deflated body, and data that is not deflate', () => {
    const zip = rawZip([{ name: 'a', data: text }]);
    const [en] = readZipDirectory(zip, limits());
    expect(failure(() => extractZipEntry(zip, { ...en!, compressedSize: zip.length }, crc32)).message).toBe(
      UNREADABLE.message,
    );
    // Bytes cut inside the local name are unreadable, not an inconsistent name.
    const named = rawZip([{ name: 'ab', data: text }]);
    const [nen] = readZipDirectory(named, limits());
    expect(failure(() => extractZipEntry(named.subarray(0, 31), nen!, crc32)).message).toBe(UNREADABLE.message);
    // Bytes that end exactly where the entry's body ends still give the entry.
    expect(extractZipEntry(zip.subarray(0, 30 + 1 + text.length), en!, crc32)).toEqual(text);
    expect(failure(() => extractZipEntry(zip, { ...en!, localOffset: zip.length - 29 }, crc32)).code).toBe(
      'BUNDLE_UNREADABLE',
    );
    const damaged = 'entri "a" rusak (CRC atau ukuran tidak cocok)';
    const badCrc = rawZip([{ name: 'a', data: text, crc: crc32(text) ^ 1 }]);
    expect(failure(() => extractZipEntry(badCrc, readZipDirectory(badCrc, limits())[0]!, crc32)).message).toBe(damaged);
    const short = rawZip([{ name: 'a', data: text, deflate: true, size: text.length + 1 }]);
    expect(failure(() => extractZipEntry(short, readZipDirectory(short, limits())[0]!, crc32)).message).toBe(damaged);
    const garbage = rawZip([{ name: 'a', data: text, deflate: true, body: new Uint8Array([0xff, 0xff, 0xff, 0xff]) }]);
    expect(failure(() => extractZipEntry(garbage, readZipDirectory(garbage, limits())[0]!, crc32)).message).toBe(
      'entri "a" rusak (gagal dekompresi)',
    );
  });

  it('stops a deflated entry one byte over its declared size', () => {
    const zip = rawZip([{ name: 'a', data: text, deflate: true, size: text.length - 1, body: deflateSync(text) }]);
    expect(failure(() => extractZipEntry(zip, readZipDirectory(zip, limits())[0]!, crc32)).message).toBe(
      'entri "a" rusak (isi lebih besar dari ukuran yang dinyatakan)',
    );
  });
});
