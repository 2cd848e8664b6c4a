// The TPS bundle file (`<tps>.pleno`, docs/design.md §3.3): a ZIP of `results/<pemilihan>.json` (one signed C.Hasil
// envelope each) and `foto/<sha256>.jpg|png`. readBundle rejects anything else; writeBundle is deterministic.
//
// Exports: readBundle(zipBytes, { sha256, crc32?, inflate?, maxTotalBytes?, maxEntries? }) → ParseResult<Bundle>;
// peekBundleResults(zipBytes) → Uint8Array[]; peekBundleKeyIds(zipBytes) → string[];
// writeBundle({ results, photos }) → Uint8Array; BUNDLE_MAX_TOTAL_BYTES; crc32(bytes).
//
// Reading goes through the bounded reader (zip-reader.ts): the central directory is checked (count, names, sizes,
// ratios) before anything is inflated, inflation stops the moment an entry passes its declared size, then the CRC-32
// and length of every entry are checked. peekBundleKeyIds gives the LAN receiver the signers at a bounded cost.

import { zipSync, type Zippable } from 'fflate';
import { PEMILIHAN_IDS, type SignedEnvelope } from '../domain/model';
import { toHex, utf8Decode, utf8Encode, BytesError } from './bytes';
import { canonicalize } from './canonical';
import { parseEnvelopeBytes, type Sha256Port } from './envelope';
import { type ParseErrorCode, type ParseResult, ParseFailure, runParser } from './parse-result';
import { type CappedInflate, extractZipEntry, readZipDirectory, type ZipLimits } from './zip-reader';

/** Total uncompressed size accepted (zip bombs); a TPS bundle with 6 photos is a few MiB. */
export const BUNDLE_MAX_TOTAL_BYTES = 100 * 1024 * 1024;
/** Three results and 50 photos each, plus the two folder entries, with room to spare. */
export const BUNDLE_MAX_ENTRIES = 256;
/** One result entry: a signed C.Hasil envelope is a few KiB; the envelope import limit is 1 MiB. */
export const BUNDLE_MAX_RESULT_BYTES = 1024 * 1024;
/** One photo, uncompressed: the LAN body limit. */
export const BUNDLE_MAX_PHOTO_BYTES = 20 * 1024 * 1024;
/** Results larger than this are not inflated for the rate-limit peek. */
const PEEK_RESULT_BYTES = 64 * 1024;

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

function allowName(name: string, shown: string): void {
  if (!RESULT_NAME.test(name) && !PHOTO_NAME.test(name) && !DIRECTORY_ENTRIES.has(name)) {
    bad(
      'BUNDLE_BAD_ENTRY',
      `entri ${shown} tidak diizinkan (hanya results/<pemilihan>.json dan foto/<sha256>.jpg|png)`,
    );
  }
}

function bundleLimits(maxEntries: number, maxTotal: number): ZipLimits {
  return {
    maxEntries,
    maxTotalBytes: maxTotal,
    maxEntryBytes: (name) => (RESULT_NAME.test(name) ? BUNDLE_MAX_RESULT_BYTES : BUNDLE_MAX_PHOTO_BYTES),
    allowName,
    label: 'bundel',
  };
}

/**
 * The result entries' bytes at a bounded cost: the central directory is checked first (count, names, sizes;
 * nothing inflated), then only the result entries (at most three, each at most PEEK_RESULT_BYTES declared) are
 * inflated, capped at their declared size. [] when the archive is unreadable or a result is larger (the full,
 * strict read rejects it later).
 */
export function peekBundleResults(zipBytes: Uint8Array): Uint8Array[] {
  try {
    const entries = readZipDirectory(zipBytes, bundleLimits(BUNDLE_MAX_ENTRIES, BUNDLE_MAX_TOTAL_BYTES));
    const results = entries.filter((e) => RESULT_NAME.test(e.name));
    if (results.length > PEMILIHAN_IDS.length || results.some((e) => e.size > PEEK_RESULT_BYTES)) return [];
    return results.map((en) => extractZipEntry(zipBytes, en, crc32, 'bundel'));
  } catch {
    return [];
  }
}

/** The device key ids a bundle's results are signed with (for the LAN receiver's rate limit), via the peek. */
export function peekBundleKeyIds(zipBytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const bytes of peekBundleResults(zipBytes)) {
    const env = parseEnvelopeBytes(bytes);
    const k = env.ok ? env.value.signature.keyId : null;
    if (k && !out.includes(k)) out.push(k);
  }
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
    /** The runtime's native inflater with the same cap (zip-reader.ts CappedInflate); the pure one by default. */
    inflate?: CappedInflate;
  },
): ParseResult<Bundle> {
  const crc = opts.crc32 ?? crc32;
  return runParser(() => {
    const entries = readZipDirectory(
      zipBytes,
      bundleLimits(opts.maxEntries ?? BUNDLE_MAX_ENTRIES, opts.maxTotalBytes ?? BUNDLE_MAX_TOTAL_BYTES),
    );
    const results: BundleResult[] = [];
    const photos = new Map<string, BundlePhoto>();
    let tps: string | undefined;
    for (const en of entries) {
      if (DIRECTORY_ENTRIES.has(en.name)) {
        if (en.size !== 0) bad('BUNDLE_BAD_ENTRY', `entri folder ${JSON.stringify(en.name)} berisi data`);
        continue;
      }
      const bytes = extractZipEntry(zipBytes, en, crc, 'bundel', opts.inflate);
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
