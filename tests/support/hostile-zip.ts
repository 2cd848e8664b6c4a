// Archives a hostile tool would write, for the tests of the bounded reader, the bundle reader and tests/hostile/:
// a hand-rolled ZIP writer that lets an entry lie about its size, CRC or local name, the 98-byte ZIP64 body of
// issue 14, and lying-size bombs (small bodies that declare little and inflate to a lot).
import { deflateSync } from 'fflate';
import { concatBytes, utf8Encode } from '../../shared/formats/bytes';
import { crc32 } from '../../shared/formats/bundle';

export interface RawEntry {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  crc?: number;
  /** Declared uncompressed size (default the real one). */
  size?: number;
  localName?: string;
  flags?: number;
  /** Compressed bytes to store as they are (default deflate(data) or data). */
  body?: Uint8Array;
}

function header(len: number, fill: (v: DataView) => void): Uint8Array {
  const v = new DataView(new ArrayBuffer(len));
  fill(v);
  return new Uint8Array(v.buffer);
}

export function rawZip(entries: RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = utf8Encode(e.name);
    const localName = utf8Encode(e.localName ?? e.name);
    const body = e.body ?? (e.deflate ? deflateSync(e.data) : e.data);
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const method = e.deflate ? 8 : 0;
    const lh = header(30, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, e.flags ?? 0, true);
      v.setUint16(8, method, true);
      v.setUint32(14, crc, true);
      v.setUint32(18, body.length, true);
      v.setUint32(22, size, true);
      v.setUint16(26, localName.length, true);
    });
    const local = concatBytes(lh, localName, body);
    const ch = header(46, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, e.flags ?? 0, true);
      v.setUint16(10, method, true);
      v.setUint32(16, crc, true);
      v.setUint32(20, body.length, true);
      v.setUint32(24, size, true);
      v.setUint16(28, name.length, true);
      v.setUint32(42, offset, true);
    });
    centrals.push(concatBytes(ch, name));
    locals.push(local);
    offset += local.length;
  }
  const cd = concatBytes(...centrals);
  const eocd = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, entries.length, true);
    v.setUint16(10, entries.length, true);
    v.setUint32(12, cd.length, true);
    v.setUint32(16, offset, true);
  });
  return concatBytes(...locals, cd, eocd);
}

/**
 * The 98-byte body of issue 14: a ZIP64 end record claiming 200 million entries, its locator, and an end record
 * whose fields say "see ZIP64". fflate's unzipSync believed the count and froze the receiver for minutes.
 */
export function zip64Body98(): Uint8Array {
  const z64 = header(56, (v) => {
    v.setUint32(0, 0x06064b50, true);
    v.setBigUint64(4, 44n, true);
    v.setUint16(12, 45, true);
    v.setUint16(14, 45, true);
    v.setBigUint64(24, 200_000_000n, true);
    v.setBigUint64(32, 200_000_000n, true);
    v.setBigUint64(40, 0n, true);
    v.setBigUint64(48, 0n, true);
  });
  const locator = header(20, (v) => {
    v.setUint32(0, 0x07064b50, true);
    v.setBigUint64(8, 0n, true);
    v.setUint32(16, 1, true);
  });
  const eocd = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, 0xffff, true);
    v.setUint16(10, 0xffff, true);
    v.setUint32(12, 0xffffffff, true);
    v.setUint32(16, 0xffffffff, true);
  });
  return concatBytes(z64, locator, eocd);
}

/**
 * A bundle-shaped archive whose entries declare `declared` bytes each but inflate to `real` bytes of zeros:
 * what made `pleno import` spin for minutes. Entries are photos (names the bundle reader allows).
 */
export function lyingSizeBomb(opts: { entries: number; real: number; declared: number }): Uint8Array {
  const zeros = new Uint8Array(opts.real);
  const body = deflateSync(zeros, { level: 9 });
  return rawZip(
    Array.from({ length: opts.entries }, (_, i) => ({
      name: `foto/${i.toString(16).padStart(64, '0')}.jpg`,
      data: zeros.subarray(0, Math.min(opts.declared, zeros.length)),
      deflate: true,
      body,
      size: opts.declared,
    })),
  );
}
