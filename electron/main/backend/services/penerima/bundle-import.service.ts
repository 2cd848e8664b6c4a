// The offline push (docs/design.md §4.4): a `.pleno-kirim` bundle from a drive goes through the very checks of the
// online path (receive.service.ts, commit.service.ts) inside ONE command unit, so a bundle is taken wholly or not
// at all: a bad entry, a wrong size, a refused manifest or a document that does not add up leaves nothing stored.
// The answer is the §4.3 status with its `masalah`, or the receipt (201 created/upgraded, 200 the same bytes again).
import { crc32 } from 'node:zlib';
import { fail, ok } from '../../../../../shared/domain/result';
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
import { runCommand } from '../../db/command';
import { hasBerkas, insertBerkas } from '../../repositories/penerima.repo';
import { berkasDir, fileHoldings, removeBerkas, writeWholeBerkas } from './berkas-store';
import { commitManifest, recordDitolak } from './commit.service';
import { BERKAS_MAX_BYTES, BUNDLE_MAX_BYTES, BUNDLE_MAX_ENTRIES, JSON_MAX_DECODED, JSON_MAX_WIRE } from './limits';
import { receiveManifest, receiveObjek, type Answer, type Ctx } from './receive.service';

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

export interface BundleOutcome {
  /** §4.3 status: 201 receipt created or upgraded, 200 unchanged; 400/401/403/409/422 refused, nothing stored. */
  status: number;
  masalah: string[];
  manifest: { address: string; kecamatan: string; pemilihan: string; urutan: number } | null;
  /** The exact receipt bytes (to write back to the drive and show as a QR). */
  receiptJson: string | null;
  receiptStatus: 'lengkap' | 'menunggu-berkas' | null;
}

interface BundleParts {
  manifest: Uint8Array;
  objek: Map<string, Uint8Array>;
  berkas: Map<string, Uint8Array>;
}

const refused = (status: number, masalah: string[]): BundleOutcome => ({
  status,
  masalah,
  manifest: null,
  receiptJson: null,
  receiptStatus: null,
});

function masalahOf(a: Answer): string[] {
  const body = a.body as { masalah?: unknown; kurang?: { objek?: unknown[] }; terakhir?: unknown } | null;
  if (Array.isArray(body?.masalah)) return body.masalah.map(String);
  if (body?.kurang) return [`Berkas kiriman tidak memuat ${body.kurang.objek?.length ?? 0} objek yang tercantum.`];
  if (body && 'terakhir' in body) {
    const t = body.terakhir as { urutan: number } | null;
    return [
      t
        ? `Urutan kiriman tidak menyambung: yang terakhir diterima urutan ${t.urutan}; impor berkas sebelumnya dulu.`
        : 'Urutan kiriman tidak menyambung: belum ada kiriman yang diterima; impor urutan 1 dulu.',
    ];
  }
  return ['Berkas kiriman ditolak.'];
}

/** The bundle's entries, read with the bounded ZIP reader and classified by the §4.4 layout. */
export function readBundleParts(bytes: Uint8Array): BundleParts | BundleOutcome {
  if (bytes.length > BUNDLE_MAX_BYTES) return refused(413, ['Berkas kiriman terlalu besar.']);
  try {
    const entries = readZipDirectory(bytes, LIMITS);
    const names = classifyKirimEntries(entries.map((e) => e.name));
    if (!names.ok) return refused(400, [`Berkas kiriman tidak sah: ${names.error.message}`]);
    const parts: BundleParts = { manifest: new Uint8Array(), objek: new Map(), berkas: new Map() };
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

/** Entries the manifest does not list, blobs of the wrong size or hash, a file name naming another push: 400. */
function layoutProblem(fileName: string, m: KirimManifest, parts: BundleParts): string | null {
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

function manifestOf(json: unknown): KirimManifest | null {
  const env = parseEnvelope(json);
  const m = env.ok ? parseManifest(env.value.payload) : env;
  return m.ok ? m.value : null;
}

/** Imports one bundle (its file name and bytes): all of it in one command unit, or nothing. */
export function importKirimBundle(ctx: Ctx, fileName: string, bytes: Uint8Array): BundleOutcome {
  const parts = readBundleParts(bytes);
  if ('status' in parts) return parts;
  const json = parseJson(parts.manifest);
  if (!json.ok) return refused(400, [`manifest.json bukan JSON yang sah: ${json.error.message}`]);
  const dir = berkasDir(ctx);
  const holdings = fileHoldings(dir);
  const written: string[] = [];
  // Set inside the unit: the answer that decided, and whether the manifest itself was taken.
  const at: { answer: Answer | null; stage: 'manifest' | 'isi' } = { answer: null, stage: 'manifest' };
  const done = runCommand(ctx, (unit) => {
    const taken = receiveManifest(ctx, json.value, holdings);
    if (taken.status !== 200) return ((at.answer = taken), fail('INVALID_INPUT', 'manifest'));
    at.stage = 'isi';
    const m = manifestOf(json.value)!;
    const address = (taken.body as { manifest: string }).manifest;
    const layout = layoutProblem(fileName, m, parts);
    if (layout) return ((at.answer = { status: 400, body: { masalah: [layout] } }), fail('INVALID_INPUT', 'layout'));
    for (const [sha, data] of parts.objek) {
      const a = receiveObjek(ctx, sha, data);
      if (a.status !== 200 && a.status !== 201) return ((at.answer = a), fail('INVALID_INPUT', 'objek'));
    }
    for (const [sha, data] of parts.berkas) {
      if (hasBerkas(unit.db, sha)) continue;
      writeWholeBerkas(dir, sha, data);
      written.push(sha);
      insertBerkas(unit.db, sha, data.length, ctx.clock().toISOString());
    }
    const committed = commitManifest(ctx, address, holdings);
    at.answer = committed;
    if (committed.status !== 200 && committed.status !== 201) return fail('INVALID_INPUT', 'commit');
    return ok({ m, address, receiptJson: committed.raw! });
  });
  if (!done.ok) {
    for (const sha of written) removeBerkas(dir, sha);
    // An unknown key is listed for the operator even though the bundle is refused (the 401 note, §4.1).
    const a = at.answer!;
    if (at.stage === 'manifest' && a.status === 401) receiveManifest(ctx, json.value, holdings);
    // A document that does not add up is shown on the dashboard as ditolak (the push itself is not kept).
    if (a.status === 422)
      recordDitolak(ctx, envelopeAddress(json.value, nodeCrypto), manifestOf(json.value)!, masalahOf(a), 'berkas');
    return refused(a.status, masalahOf(a));
  }
  const { m, address, receiptJson } = done.value;
  const status = (JSON.parse(receiptJson) as { payload: { status: 'lengkap' | 'menunggu-berkas' } }).payload.status;
  return {
    status: at.answer!.status,
    masalah: [],
    manifest: { address, kecamatan: m.kecamatan, pemilihan: m.pemilihan, urutan: m.urutan },
    receiptJson,
    receiptStatus: status,
  };
}
