// The TPS bundle file (`<tps>.pleno`, DESIGN §3.3): a ZIP of `results/<pemilihan>.json` (one signed C.Hasil
// envelope each) and `foto/<sha256>.jpg|png`. readBundle rejects anything else; writeBundle is deterministic.
//
// Exports: readBundle(zipBytes, { sha256, crc32?, maxTotalBytes?, maxEntries? }) → ParseResult<Bundle>;
// writeBundle({ results, photos }) → Uint8Array; BUNDLE_MAX_TOTAL_BYTES; crc32(bytes).
//
// Reading walks the ZIP central directory itself (fflate's unzipSync keys entries by name, so it cannot see a
// duplicate entry, and it trusts declared sizes), checks every name, size and local header before inflating
// (fflate inflateSync into a buffer of the declared size, so a lying size cannot grow memory), then checks the
// CRC-32 and length of every entry.

import { inflateSync, zipSync, type Zippable } from 'fflate';
import { PEMILIHAN_IDS, type SignedEnvelope } from '../domain/model';
import { toHex, utf8Decode, utf8Encode, BytesError } from './bytes';
import { canonicalize } from './canonical';
import { parseEnvelopeBytes, type Sha256Port } from './envelope';
import { type ParseErrorCode, type ParseResult, ParseFailure, runParser } from './parse-result';

/** Total uncompressed size accepted (zip bombs); a TPS bundle with 6 photos is a few MiB. */
export const BUNDLE_MAX_TOTAL_BYTES = 100 * 1024 * 1024;
export const BUNDLE_MAX_ENTRIES = 1000;

export type PhotoExt = 'jpg' | 'png';

export interface BundlePhoto {
  ext: PhotoExt;
  bytes: Uint8Array;
}

export interface BundleResult {
  /** From the entry name `results/<pemilihan>.json` (checked equal to payload.pemilihan). */
  pemilihan: string;
  /** Entry name in the archive. */
  name: string;
  /** The envelope JSON text exactly as stored (UTF-8 decoded). */
  text: string;
  /** Same as text (the name used in the team brief). */
  json: string;
  /** The raw entry bytes. */
  bytes: Uint8Array;
  /** The envelope, shape-checked only (the payload is parsed strictly by parseCHasil with the master). */
  envelope: SignedEnvelope<Record<string, unknown>>;
}

export interface Bundle {
  /** In archive order. */
  results: BundleResult[];
  /** Keyed by lowercase hex SHA-256 of the bytes (checked). Photos no record references are kept too. */
  photos: Map<string, BundlePhoto>;
}

const RESULT_NAME = /^results\/([a-z]+)\.json$/;
const PHOTO_NAME = /^foto\/([0-9a-f]{64})\.(jpg|png)$/;
/** Directory entries that zip tools add; allowed but ignored. */
const DIRECTORY_ENTRIES = new Set(['results/', 'foto/']);

function bad(code: ParseErrorCode, message: string, path?: string): never {
  throw new ParseFailure(code, message, path);
}

// ---- CRC-32 (IEEE), for checking entries ----
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

// ---- ZIP structure ----
interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (d: Uint8Array, o: number): number => d[o]! | (d[o + 1]! << 8);
const u32 = (d: Uint8Array, o: number): number =>
  (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;

const UNREADABLE = 'berkas bundel tidak dapat dibaca (bukan ZIP atau terpotong)';

function need(d: Uint8Array, end: number): void {
  if (end > d.length) bad('BUNDLE_UNREADABLE', UNREADABLE);
}

/** Entry names are shown escaped: they come from an untrusted file. */
function showName(raw: Uint8Array): string {
  let s = '';
  for (const b of raw) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return JSON.stringify(s.length > 120 ? s.slice(0, 120) + '…' : s);
}

function checkName(raw: Uint8Array): string {
  const shown = showName(raw);
  if (raw.length === 0) bad('BUNDLE_BAD_ENTRY', 'bundel berisi entri tanpa nama');
  if (raw.length > 200) bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} terlalu panjang`);
  for (const b of raw)
    if (b < 0x20 || b >= 0x7f) bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} mengandung karakter tidak sah`);
  const name = String.fromCharCode(...raw);
  if (name.includes('\\')) bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} memakai garis miring terbalik (\\)`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} adalah path absolut`);
  if (name.split('/').some((seg) => seg === '..' || seg === '.'))
    bad('BUNDLE_BAD_ENTRY', `nama entri ${shown} mengandung ".." atau "."`);
  if (!RESULT_NAME.test(name) && !PHOTO_NAME.test(name) && !DIRECTORY_ENTRIES.has(name)) {
    bad(
      'BUNDLE_BAD_ENTRY',
      `entri ${shown} tidak diizinkan (hanya results/<pemilihan>.json dan foto/<sha256>.jpg|png)`,
    );
  }
  return name;
}

function readDirectory(d: Uint8Array, maxEntries: number, maxTotal: number): Entry[] {
  if (d.length < 22) bad('BUNDLE_UNREADABLE', UNREADABLE);
  // End of central directory: the last PK\x05\x06 within the maximum comment length from the end.
  let e = d.length - 22;
  const stop = Math.max(0, d.length - 22 - 0xffff);
  while (e >= stop && u32(d, e) !== 0x06054b50) e--;
  if (e < stop) bad('BUNDLE_UNREADABLE', UNREADABLE);
  if (e + 22 + u16(d, e + 20) !== d.length)
    bad('BUNDLE_UNREADABLE', 'berkas bundel tidak dapat dibaca (ada data setelah akhir ZIP)');
  if (u16(d, e + 4) !== 0 || u16(d, e + 6) !== 0) bad('BUNDLE_UNREADABLE', 'ZIP multi-bagian tidak didukung');
  const count = u16(d, e + 10);
  if (count !== u16(d, e + 8)) bad('BUNDLE_UNREADABLE', UNREADABLE);
  const cdSize = u32(d, e + 12);
  const cdOffset = u32(d, e + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    bad('BUNDLE_UNREADABLE', 'ZIP64 tidak didukung untuk bundel TPS');
  if (count > maxEntries) bad('BUNDLE_TOO_LARGE', `bundel berisi lebih dari ${maxEntries} entri`);
  if (cdOffset + cdSize > e) bad('BUNDLE_UNREADABLE', UNREADABLE);

  const entries: Entry[] = [];
  const names = new Set<string>();
  let total = 0;
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    need(d, o + 46);
    if (u32(d, o) !== 0x02014b50) bad('BUNDLE_UNREADABLE', UNREADABLE);
    const flags = u16(d, o + 8);
    const method = u16(d, o + 10);
    const crc = u32(d, o + 16);
    const compressedSize = u32(d, o + 20);
    const size = u32(d, o + 24);
    const nameLen = u16(d, o + 28);
    const extraLen = u16(d, o + 30);
    const commentLen = u16(d, o + 32);
    const localOffset = u32(d, o + 42);
    need(d, o + 46 + nameLen + extraLen + commentLen);
    const name = checkName(d.subarray(o + 46, o + 46 + nameLen));
    if (names.has(name)) bad('BUNDLE_DUPLICATE_ENTRY', `entri ${JSON.stringify(name)} muncul dua kali`);
    names.add(name);
    if (flags & 0x41) bad('BUNDLE_UNREADABLE', `entri ${JSON.stringify(name)} terenkripsi`);
    if (method !== 0 && method !== 8)
      bad('BUNDLE_UNREADABLE', `entri ${JSON.stringify(name)} memakai kompresi yang tidak didukung (${method})`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
      bad('BUNDLE_UNREADABLE', 'ZIP64 tidak didukung untuk bundel TPS');
    if (method === 0 && compressedSize !== size) bad('BUNDLE_UNREADABLE', UNREADABLE);
    total += size;
    if (total > maxTotal)
      bad('BUNDLE_TOO_LARGE', `isi bundel melebihi ${Math.floor(maxTotal / (1024 * 1024))} MiB setelah diekstrak`);
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
    o += 46 + nameLen + extraLen + commentLen;
  }
  if (o !== cdOffset + cdSize) bad('BUNDLE_UNREADABLE', UNREADABLE);
  return entries;
}

function extract(d: Uint8Array, en: Entry, crc: (bytes: Uint8Array) => number): Uint8Array {
  const o = en.localOffset;
  need(d, o + 30);
  if (u32(d, o) !== 0x04034b50) bad('BUNDLE_UNREADABLE', UNREADABLE);
  const nameLen = u16(d, o + 26);
  const extraLen = u16(d, o + 28);
  need(d, o + 30 + nameLen + extraLen);
  // The local name must equal the central one: tools that read one or the other must see the same archive.
  const localName = nameLen === en.name.length ? String.fromCharCode(...d.subarray(o + 30, o + 30 + nameLen)) : '';
  if (localName !== en.name || u16(d, o + 8) !== en.method)
    bad('BUNDLE_UNREADABLE', `entri ${JSON.stringify(en.name)} tidak konsisten`);
  const start = o + 30 + nameLen + extraLen;
  need(d, start + en.compressedSize);
  const raw = d.subarray(start, start + en.compressedSize);
  let out: Uint8Array;
  if (en.method === 0) out = raw.slice();
  else {
    try {
      out = inflateSync(raw, { out: new Uint8Array(en.size) });
    } catch {
      return bad('BUNDLE_UNREADABLE', `entri ${JSON.stringify(en.name)} rusak (gagal dekompresi)`);
    }
  }
  if (out.length !== en.size || crc(out) !== en.crc)
    bad('BUNDLE_UNREADABLE', `entri ${JSON.stringify(en.name)} rusak (CRC atau ukuran tidak cocok)`);
  return out;
}

const MAGIC: Record<PhotoExt, number[]> = {
  jpg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

function fotoRefs(payload: Record<string, unknown>, name: string): string[] {
  const foto = payload.foto;
  if (!Array.isArray(foto)) bad('BUNDLE_BAD_ENTRY', 'payload.foto harus daftar', name);
  return foto.map((f: unknown, i) => {
    const h = typeof f === 'object' && f !== null ? (f as Record<string, unknown>).sha256 : undefined;
    if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h))
      bad('BUNDLE_BAD_ENTRY', `payload.foto[${i}].sha256 harus SHA-256 hex huruf kecil`, name);
    return h;
  });
}

/**
 * Reads a TPS bundle. Rejected with a message in Bahasa Indonesia: unreadable or truncated archive, trailing or
 * encrypted data, ZIP64, any entry other than `results/<gubernur|bupati|walikota>.json` and
 * `foto/<64 hex>.jpg|png` (directory entries `results/` and `foto/` aside), `..`, absolute or backslash paths,
 * duplicate entries (also one photo as both .jpg and .png), a CRC or size mismatch, a photo whose SHA-256 differs
 * from its name or whose bytes are not of its type, a result that is not an envelope, whose payload.pemilihan
 * differs from its name, or whose TPS differs from another result's, a photo referenced by a record but absent,
 * no result at all, more than maxTotalBytes uncompressed (default 100 MiB) or maxEntries entries (default 1000).
 */
export function readBundle(
  zipBytes: Uint8Array,
  opts: Sha256Port & {
    maxTotalBytes?: number;
    maxEntries?: number;
    /** CRC-32 (IEEE) of bytes; the runtime's native one (Node's zlib.crc32) is ~10× faster than the pure default. */
    crc32?: (bytes: Uint8Array) => number;
  },
): ParseResult<Bundle> {
  const crc = opts.crc32 ?? crc32;
  return runParser(() => {
    const entries = readDirectory(
      zipBytes,
      opts.maxEntries ?? BUNDLE_MAX_ENTRIES,
      opts.maxTotalBytes ?? BUNDLE_MAX_TOTAL_BYTES,
    );
    const results: BundleResult[] = [];
    const photos = new Map<string, BundlePhoto>();
    let tps: string | undefined;
    for (const en of entries) {
      if (DIRECTORY_ENTRIES.has(en.name)) {
        if (en.size !== 0) bad('BUNDLE_BAD_ENTRY', `entri folder ${JSON.stringify(en.name)} berisi data`);
        continue;
      }
      const bytes = extract(zipBytes, en, crc);
      const photo = PHOTO_NAME.exec(en.name);
      if (photo) {
        const [, hash, ext] = photo as unknown as [string, string, PhotoExt];
        if (photos.has(hash)) bad('BUNDLE_DUPLICATE_ENTRY', `foto ${hash} muncul dua kali`);
        const actual = toHex(opts.sha256(bytes));
        if (actual !== hash)
          bad('BUNDLE_PHOTO_HASH', `foto ${en.name}: hash isi (${actual}) tidak sama dengan namanya`);
        if (!MAGIC[ext].every((b, i) => bytes[i] === b))
          bad('BUNDLE_BAD_ENTRY', `foto ${en.name}: isi bukan berkas ${ext.toUpperCase()}`);
        photos.set(hash, { ext, bytes });
        continue;
      }
      const pemilihan = RESULT_NAME.exec(en.name)![1]!;
      if (!(PEMILIHAN_IDS as readonly string[]).includes(pemilihan)) {
        bad(
          'BUNDLE_BAD_ENTRY',
          `entri ${JSON.stringify(en.name)}: pemilihan tidak dikenal (hanya ${PEMILIHAN_IDS.join(', ')})`,
        );
      }
      let text: string;
      try {
        text = utf8Decode(bytes);
      } catch (e) {
        if (e instanceof BytesError) bad('BUNDLE_BAD_ENTRY', e.message, en.name);
        throw e;
      }
      const env = parseEnvelopeBytes(bytes);
      if (!env.ok) bad(env.error.code, env.error.message, en.name);
      if (env.value.payload.pemilihan !== pemilihan) {
        bad(
          'BUNDLE_MISMATCH',
          `payload.pemilihan (${JSON.stringify(env.value.payload.pemilihan)}) tidak sama dengan nama berkas`,
          en.name,
        );
      }
      const t = env.value.payload.tps;
      if (typeof t !== 'string') bad('BUNDLE_BAD_ENTRY', 'payload.tps harus teks', en.name);
      if (tps !== undefined && t !== tps)
        bad('BUNDLE_MISMATCH', `TPS ${t} berbeda dengan TPS ${tps} pada hasil lain dalam bundel yang sama`, en.name);
      tps = t;
      results.push({ pemilihan, name: en.name, text, json: text, bytes, envelope: env.value });
    }
    if (results.length === 0) bad('BUNDLE_EMPTY', 'bundel tidak berisi hasil (results/<pemilihan>.json)');
    for (const r of results) {
      for (const h of fotoRefs(r.envelope.payload, r.name)) {
        if (!photos.has(h))
          bad('BUNDLE_PHOTO_MISSING', `foto ${h} dirujuk oleh hasil tetapi tidak ada dalam bundel`, r.name);
      }
    }
    return { results, photos };
  });
}

export interface BundleInput {
  /** Each result as its envelope (written as canonical JSON) or as the exact text to store. */
  results: ({ pemilihan: string; envelope: SignedEnvelope<unknown> } | { pemilihan: string; text: string })[];
  photos: ReadonlyMap<string, BundlePhoto>;
}

/** DOS time cannot go before 1980; fflate reads local components, so build the date from local components. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * Writes a bundle deterministically: entries sorted (results by pemilihan, then photos by hash), fixed mtime,
 * JSON deflated, photos stored (already compressed). Throws on an invalid pemilihan id, photo hash or duplicate.
 */
export function writeBundle(input: BundleInput): Uint8Array<ArrayBuffer> {
  const files: Zippable = {};
  const results = [...input.results].sort((a, b) =>
    a.pemilihan < b.pemilihan ? -1 : a.pemilihan > b.pemilihan ? 1 : 0,
  );
  for (const r of results) {
    if (!(PEMILIHAN_IDS as readonly string[]).includes(r.pemilihan))
      throw new Error(`writeBundle: unknown pemilihan ${r.pemilihan}`);
    const name = `results/${r.pemilihan}.json`;
    if (name in files) throw new Error(`writeBundle: duplicate result ${r.pemilihan}`);
    const text = 'text' in r ? r.text : canonicalize(r.envelope);
    files[name] = [utf8Encode(text), { level: 6 }];
  }
  for (const hash of [...input.photos.keys()].sort()) {
    const p = input.photos.get(hash)!;
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`writeBundle: photo key is not a lowercase SHA-256 hex: ${hash}`);
    files[`foto/${hash}.${p.ext}`] = [p.bytes, { level: 0 }];
  }
  // fflate allocates a fresh ArrayBuffer; typed so callers can hand it to fetch/Blob directly.
  return zipSync(files, { mtime: FIXED_MTIME }) as Uint8Array<ArrayBuffer>;
}
