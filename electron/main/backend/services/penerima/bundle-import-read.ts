// The CPU-heavy half of a `.pleno-kirim` import (docs/design.md §4.4), run in the bundle-read worker
// (services/import/bundle-read.ts) so that the receiver's event loop — its screens, phones and kecamatan pushes —
// never waits on a bundle from a drive: the bounded ZIP read with every CRC, the hash of every blob, the layout
// against the manifest, each object's JSON, address and canonical form (readKirimInThread), and then, once the
// main thread has named the kecamatan's master and PPK key, every object's signature (verifyKirimObjekInThread).
// Nothing here touches the database; bundle-import.service.ts decides and stores.
import { crc32 } from 'node:zlib';
import type { DataMaster } from '../../../../../shared/domain/model';
import type { Result } from '../../../../../shared/domain/result';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { parseEnvelope } from '../../../../../shared/formats/envelope';
import { parseJson } from '../../../../../shared/formats/json';
import {
  classifyKirimEntries,
  envelopeAddress,
  parseKirimBundleName,
  parseManifest,
  type KirimManifest,
} from '../../../../../shared/formats/kirim';
import { ParseFailure } from '../../../../../shared/formats/parse-result';
import { extractZipEntry, readZipDirectory, type ZipLimits } from '../../../../../shared/formats/zip-reader';
import { nodeCrypto, sha256Hex } from '../../crypto';
import { BERKAS_MAX_BYTES, BUNDLE_MAX_BYTES, BUNDLE_MAX_ENTRIES, JSON_MAX_DECODED, JSON_MAX_WIRE } from './limits';
import { verifyObjekWith, type PpkKey } from './objek-verify';

const LABEL = 'berkas kiriman';

const LIMITS: ZipLimits = {
  maxEntries: BUNDLE_MAX_ENTRIES,
  maxTotalBytes: BUNDLE_MAX_BYTES,
  maxEntryBytes: (name) =>
    name === 'manifest.json' ? JSON_MAX_WIRE : name.startsWith('objek/') ? JSON_MAX_DECODED : BERKAS_MAX_BYTES,
  // Names are classified against the §4.4 layout after the reader's own checks (traversal, absolute, odd bytes).
  allowName: () => undefined,
  storedOnly: true,
  label: LABEL,
};

/** A refusal before anything is decided: 413 too large, 400 not a readable bundle. */
export interface KirimRefusal {
  ok: false;
  status: number;
  masalah: string[];
}

/** An object entry: its canonical text when it parses and hashes to its name, else why it is refused (400). */
export type KirimObjekRead = { sha: string; jcs: string } | { sha: string; problem: string };

export interface KirimRead {
  ok: true;
  manifest: Uint8Array;
  objek: KirimObjekRead[];
  berkas: { sha: string; bytes: Uint8Array }[];
  /** Entries the manifest does not list, a blob of the wrong size or hash, a file name naming another push. */
  layout: string | null;
}

export interface KirimReadInput {
  kind: 'kirim-read';
  bytes: Uint8Array;
  fileName: string;
}

export interface KirimVerifyInput {
  kind: 'kirim-verify';
  objek: { sha: string; jcs: string; jenis: string }[];
  master: DataMaster;
  ppk: PpkKey;
}

const refused = (status: number, masalah: string[]): KirimRefusal => ({ ok: false, status, masalah });

interface Parts {
  manifest: Uint8Array;
  objek: Map<string, Uint8Array>;
  berkas: Map<string, Uint8Array>;
}

/** The bundle's entries, read with the bounded ZIP reader (stored only, CRC checked) and classified by §4.4. */
function readParts(bytes: Uint8Array): Parts | KirimRefusal {
  if (bytes.length > BUNDLE_MAX_BYTES) return refused(413, ['Berkas kiriman terlalu besar.']);
  try {
    const entries = readZipDirectory(bytes, LIMITS);
    const names = classifyKirimEntries(entries.map((e) => e.name));
    if (!names.ok) return refused(400, [`Berkas kiriman tidak sah: ${names.error.message}`]);
    const parts: Parts = { manifest: new Uint8Array(), objek: new Map(), berkas: new Map() };
    for (const e of entries) {
      const data = extractZipEntry(bytes, e, crc32, LABEL);
      const objek = /^objek\/([0-9a-f]{64})\.json$/.exec(e.name);
      if (e.name === 'manifest.json') parts.manifest = data;
      else if (objek) parts.objek.set(objek[1]!, data);
      else parts.berkas.set(e.name.slice('berkas/'.length), data);
    }
    return parts;
  } catch (err) {
    if (err instanceof ParseFailure) return refused(400, [`Berkas kiriman tidak sah: ${err.message}`]);
    throw err;
  }
}

/** The manifest of a bundle, unverified (the main thread verifies its signature before anything is stored). */
export function manifestOf(json: unknown): KirimManifest | null {
  const env = parseEnvelope(json);
  const m = env.ok ? parseManifest(env.value.payload) : env;
  return m.ok ? m.value : null;
}

/** The manifest entry alone, without reading the others (the drive screen's listing). */
export function peekManifestBytes(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length > BUNDLE_MAX_BYTES) return null;
  try {
    const entry = readZipDirectory(bytes, LIMITS).find((e) => e.name === 'manifest.json');
    return entry ? extractZipEntry(bytes, entry, crc32, LABEL) : null;
  } catch (err) {
    if (err instanceof ParseFailure) return null;
    throw err;
  }
}

function layoutProblem(fileName: string, m: KirimManifest, parts: Parts): string | null {
  const named = parseKirimBundleName(fileName);
  if (named && (named.kecamatan !== m.kecamatan || named.pemilihan !== m.pemilihan || named.urutan !== m.urutan)) {
    return `Nama berkas ${fileName} tidak sesuai dengan isi manifest (${m.kecamatan}, ${m.pemilihan}, urutan ${m.urutan}).`;
  }
  for (const sha of parts.objek.keys()) {
    if (!m.objek.some((o) => o.sha256 === sha)) return `Objek ${sha.slice(0, 12)}… tidak tercantum dalam manifest.`;
  }
  for (const [sha, data] of parts.berkas) {
    const listed = m.berkas.find((b) => b.sha256 === sha);
    if (!listed) return `Berkas ${sha.slice(0, 12)}… tidak tercantum dalam manifest.`;
    if (data.length !== listed.ukuran) return `Ukuran berkas ${sha.slice(0, 12)}… tidak sama dengan yang tercantum.`;
    if (sha256Hex(data) !== sha) return `Isi berkas ${sha.slice(0, 12)}… tidak sesuai dengan hash-nya.`;
  }
  return null;
}

function objekRead(sha: string, data: Uint8Array): KirimObjekRead {
  const json = parseJson(data);
  if (!json.ok) return { sha, problem: `Objek bukan JSON yang sah: ${json.error.message}` };
  if (envelopeAddress(json.value, nodeCrypto) !== sha) {
    return { sha, problem: 'Isi objek tidak sesuai dengan alamat (hash) yang dituju.' };
  }
  return { sha, jcs: canonicalize(json.value) };
}

/** Reads a bundle: the worker's first job. Throws only for a bug. */
export function readKirimInThread(input: KirimReadInput): KirimRead | KirimRefusal {
  const parts = readParts(input.bytes);
  if (!('objek' in parts)) return parts;
  const json = parseJson(parts.manifest);
  const m = json.ok ? manifestOf(json.value) : null;
  return {
    ok: true,
    manifest: parts.manifest,
    objek: [...parts.objek].map(([sha, data]) => objekRead(sha, data)),
    berkas: [...parts.berkas].map(([sha, bytes]) => ({ sha, bytes })),
    // Without a manifest the main thread refuses the bundle before the layout matters.
    layout: m ? layoutProblem(input.fileName, m, parts) : null,
  };
}

/** Every object's signature under the kecamatan's master and PPK key: the worker's second job. */
export function verifyKirimObjekInThread(input: KirimVerifyInput): Result<null>[] {
  return input.objek.map((o) => verifyObjekWith(JSON.parse(o.jcs), o.jenis, input.master, input.ppk));
}

/** The buffers a read hands back to the main thread without copying them. */
export function kirimTransfer(value: unknown): ArrayBuffer[] {
  const read = value as Partial<KirimRead> | null;
  if (!read?.ok || !read.berkas) return [];
  const out = new Set<ArrayBuffer>();
  for (const b of [read.manifest!, ...read.berkas.map((x) => x.bytes)]) {
    if (b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
      out.add(b.buffer);
  }
  return [...out];
}
