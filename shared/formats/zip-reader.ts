// The one bounded ZIP reader for untrusted archives (TPS bundles over LAN, USB, CLI; later `.pleno-kirim`).
// Everything the archive claims is checked from the central directory before a byte is inflated: the entry count
// (from the end record, before walking), every name, method, declared size, the sum of declared sizes and the
// compression ratio. Inflation is streamed in small input slices and aborts the moment an entry's output passes its
// declared size, so the work done is bounded by what the directory declared, never by what the data expands to.
// (fflate's unzipSync trusts a ZIP64 count and keys entries by name; inflateSync into a fixed buffer keeps burning
// CPU on output it drops: both were the issue-14 freezes.)
//
//   readZipDirectory(bytes, limits) → ZipEntry[]      throws ParseFailure (codes BUNDLE_*), inflates nothing
//   extractZipEntry(bytes, entry, crc32, label?, inflate?) → Uint8Array streamed, capped at entry.size, CRC and size
//     checked; `inflate` is a runtime's native inflater with the same bound (Node's zlib: bundle-read.ts)
//   showEntryName(raw) → the escaped, quoted name used in messages (names come from an untrusted file)
import { Inflate } from 'fflate';
import { type ParseErrorCode, ParseFailure } from './parse-result';

export interface ZipLimits {
  /** Refused from the end record's count, before the directory is walked. */
  maxEntries: number;
  /** Sum of declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Declared uncompressed size of one entry (by name, e.g. small JSON, larger photos). */
  maxEntryBytes: (name: string) => number;
  /** Checks a name already known to be printable ASCII without `..`, `.`, absolute or backslash paths; throws. */
  allowName: (name: string, shown: string) => void;
  /** `.pleno-kirim` archives are stored only (no compression). */
  storedOnly?: boolean;
  /** Deflated entries declaring more than 64 KiB may expand at most this many times (default 100). */
  maxRatio?: number;
  /** Word for the archive in messages (default "arsip"). */
  label?: string;
}

export interface ZipEntry {
  name: string;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const RATIO_FREE_BYTES = 64 * 1024;
/** Deflate expands at most ~1,032×: slices are sized so that one cannot overshoot the cap by more than ~64 KiB. */
const MAX_DEFLATE_RATIO = 1032;
const MIN_SLICE = 64;
const MAX_SLICE = 64 * 1024;
const MAX_NAME = 200;

function bad(code: ParseErrorCode, message: string): never {
  throw new ParseFailure(code, message);
}

const u16 = (d: Uint8Array, o: number): number => d[o]! | (d[o + 1]! << 8);
const u32 = (d: Uint8Array, o: number): number =>
  (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;

function unreadable(label: string, why = ''): never {
  return bad('BUNDLE_UNREADABLE', `berkas ${label} tidak dapat dibaca (${why || 'bukan ZIP atau terpotong'})`);
}

function need(d: Uint8Array, end: number, label: string): void {
  if (end > d.length) unreadable(label);
}

export function showEntryName(raw: Uint8Array): string {
  let s = '';
  for (const b of raw.subarray(0, 121))
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return JSON.stringify(raw.length > 120 ? s.slice(0, 120) + '…' : s);
}

function checkName(raw: Uint8Array, limits: ZipLimits): string {
  const shown = showEntryName(raw);
  const label = limits.label ?? 'arsip';
  if (raw.length === 0) bad('BUNDLE_BAD_ENTRY', `${label} berisi entri tanpa nama`);
  if (raw.length > MAX_NAME) bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} terlalu panjang`);
  for (const b of raw)
    if (b < 0x20 || b >= 0x7f) bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} mengandung karakter tidak sah`);
  const name = String.fromCharCode(...raw);
  if (name.includes('\\')) bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} memakai garis miring terbalik (\\)`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} adalah path absolut`);
  if (name.split('/').some((seg) => seg === '..' || seg === '.'))
    bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} mengandung ".." atau "."`);
  limits.allowName(name, shown);
  return name;
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${Math.floor(n / (1024 * 1024))} MiB` : `${Math.floor(n / 1024)} KiB`;
}

/** The end of central directory record: the last signature within the maximum comment length from the end. */
function endRecord(d: Uint8Array, limits: ZipLimits): { count: number; cdSize: number; cdOffset: number } {
  const label = limits.label ?? 'arsip';
  if (d.length < 22) unreadable(label);
  let e = d.length - 22;
  const stop = Math.max(0, d.length - 22 - 0xffff);
  while (e >= stop && u32(d, e) !== 0x06054b50) e--;
  if (e < stop) unreadable(label);
  if (e + 22 + u16(d, e + 20) !== d.length) unreadable(label, 'ada data setelah akhir ZIP');
  if (u16(d, e + 4) !== 0 || u16(d, e + 6) !== 0) bad('BUNDLE_UNREADABLE', 'ZIP multi-bagian tidak didukung');
  const count = u16(d, e + 10);
  const cdSize = u32(d, e + 12);
  const cdOffset = u32(d, e + 16);
  // ZIP64 markers: the real count would come from a record an attacker sizes at will.
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff || isZip64Locator(d, e))
    bad('BUNDLE_UNREADABLE', `ZIP64 tidak didukung untuk ${label}`);
  if (count > limits.maxEntries) bad('BUNDLE_TOO_LARGE', `${label} berisi lebih dari ${limits.maxEntries} entri`);
  if (count !== u16(d, e + 8)) unreadable(label);
  // Each directory record is at least 46 bytes: a count the directory cannot hold is a lie.
  if (cdOffset + cdSize > e || cdSize < count * 46) unreadable(label);
  return { count, cdSize, cdOffset };
}

function isZip64Locator(d: Uint8Array, e: number): boolean {
  return e >= 20 && u32(d, e - 20) === 0x07064b50;
}

/** Reads and checks the central directory. Inflates nothing. */
export function readZipDirectory(d: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const label = limits.label ?? 'arsip';
  const { count, cdSize, cdOffset } = endRecord(d, limits);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    need(d, o + 46, label);
    if (u32(d, o) !== 0x02014b50) unreadable(label);
    const flags = u16(d, o + 8);
    const method = u16(d, o + 10);
    const compressedSize = u32(d, o + 20);
    const size = u32(d, o + 24);
    const nameLen = u16(d, o + 28);
    const recordLen = 46 + nameLen + u16(d, o + 30) + u16(d, o + 32);
    const localOffset = u32(d, o + 42);
    need(d, o + recordLen, label);
    const name = checkName(d.subarray(o + 46, o + 46 + nameLen), limits);
    const quoted = JSON.stringify(name);
    if (names.has(name)) bad('BUNDLE_DUPLICATE_ENTRY', `entri ${quoted} muncul dua kali`);
    names.add(name);
    if (flags & 0x41) bad('BUNDLE_UNREADABLE', `entri ${quoted} terenkripsi`);
    if (method !== 0 && (method !== 8 || limits.storedOnly))
      bad('BUNDLE_UNREADABLE', `entri ${quoted} memakai kompresi yang tidak didukung (${method})`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
      bad('BUNDLE_UNREADABLE', `ZIP64 tidak didukung untuk ${label}`);
    if ((method === 0 && compressedSize !== size) || localOffset + 30 + compressedSize > cdOffset) unreadable(label);
    const entryMax = limits.maxEntryBytes(name);
    if (size > entryMax) bad('BUNDLE_TOO_LARGE', `entri ${quoted} melebihi ${mib(entryMax)} setelah diekstrak`);
    total += size;
    if (total > limits.maxTotalBytes)
      bad('BUNDLE_TOO_LARGE', `isi ${label} melebihi ${mib(limits.maxTotalBytes)} setelah diekstrak`);
    entries.push({ name, method: method as 0 | 8, crc: u32(d, o + 16), compressedSize, size, localOffset });
    o += recordLen;
  }
  if (o !== cdOffset + cdSize) unreadable(label);
  const ratio = limits.maxRatio ?? 100;
  for (const en of entries) {
    if (en.method === 8 && en.size > RATIO_FREE_BYTES && en.size > en.compressedSize * ratio)
      bad('BUNDLE_TOO_LARGE', `entri ${JSON.stringify(en.name)} mengembang tidak wajar (bom ZIP)`);
  }
  return entries;
}

/** Thrown by an inflater the moment an entry's output passes its declared size. */
export class InflateOverflow extends Error {
  override name = 'InflateOverflow';
}

/**
 * Raw DEFLATE to at most `size` bytes: throws InflateOverflow as soon as the output passes `size` (the work stays
 * bounded by the declared size), any other error for a corrupt stream.
 */
export type CappedInflate = (raw: Uint8Array, size: number) => Uint8Array;

/** Inflates in slices and stops as soon as the output passes `size` (pure; the default inflater). */
export const inflateCapped: CappedInflate = (raw, size) => {
  const out = new Uint8Array(size);
  let at = 0;
  const inflater = new Inflate((chunk) => {
    if (at + chunk.length > size) throw new InflateOverflow();
    out.set(chunk, at);
    at += chunk.length;
  });
  for (let i = 0; i < raw.length;) {
    const slice = Math.min(MAX_SLICE, MIN_SLICE + Math.floor((size - at) / MAX_DEFLATE_RATIO));
    const end = Math.min(raw.length, i + slice);
    inflater.push(raw.subarray(i, end), end === raw.length);
    i = end;
  }
  if (raw.length === 0) inflater.push(raw, true);
  return at === size ? out : out.subarray(0, at);
};

/** The entry's bytes: the local header must agree with the directory; CRC-32 and size are checked. */
export function extractZipEntry(
  d: Uint8Array,
  en: ZipEntry,
  crc32: (bytes: Uint8Array) => number,
  label = 'arsip',
  inflate: CappedInflate = inflateCapped,
): Uint8Array {
  const o = en.localOffset;
  const quoted = JSON.stringify(en.name);
  need(d, o + 30, label);
  if (u32(d, o) !== 0x04034b50) unreadable(label);
  const nameLen = u16(d, o + 26);
  const extraLen = u16(d, o + 28);
  need(d, o + 30 + nameLen + extraLen, label);
  // The local name must equal the central one: tools that read one or the other must see the same archive.
  const localName = nameLen === en.name.length ? String.fromCharCode(...d.subarray(o + 30, o + 30 + nameLen)) : '';
  if (localName !== en.name || u16(d, o + 8) !== en.method) bad('BUNDLE_UNREADABLE', `entri ${quoted} tidak konsisten`);
  const start = o + 30 + nameLen + extraLen;
  need(d, start + en.compressedSize, label);
  const raw = d.subarray(start, start + en.compressedSize);
  let out: Uint8Array;
  if (en.method === 0) out = raw.slice();
  else {
    try {
      out = inflate(raw, en.size);
    } catch (err) {
      if (err instanceof InflateOverflow)
        return bad('BUNDLE_UNREADABLE', `entri ${quoted} rusak (isi lebih besar dari ukuran yang dinyatakan)`);
      return bad('BUNDLE_UNREADABLE', `entri ${quoted} rusak (gagal dekompresi)`);
    }
  }
  if (out.length !== en.size || crc32(out) !== en.crc)
    bad('BUNDLE_UNREADABLE', `entri ${quoted} rusak (CRC atau ukuran tidak cocok)`);
  return out;
}
