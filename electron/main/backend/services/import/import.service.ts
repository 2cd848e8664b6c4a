// File import (docs/design.md §3.2–3.4, §5): signed C.Hasil envelopes (.json), TPS bundles (.pleno), QR images
// (.png/.jpg), loose photos, and folders of them. Verified, atomic per file, idempotent.
//
//   importEnvelopeBytes(ctx, bytes, source) → ImportOutcome           one envelope, its own transaction
//   importBundleBytes(ctx, bytes, source)   → ImportOutcome[]         one bundle, all or nothing
//   importQrTexts(ctx, texts, source)       → ImportOutcome[]         decoded QR texts (PLN1:...)
//   importPaths(ctx, paths, onProgress?)    → FileOutcome[]           files and folders (recursively)
//
// Verification order per record: size limit → JSON → envelope shape → signer is a registered device → signature →
// strict C.Hasil parse → device registered for the record's TPS (shared/formats verifyCHasilEnvelope); bundles also
// check every entry and photo hash (readBundle). Outcomes:
//   diterima  first record for its TPS+pemilihan          konflik  a different record for a TPS+pemilihan that has
//   duplikat  same payload hash already held                        one: stored, flagged, never replacing the first
//   ditolak   with a reason in Bahasa Indonesia; the input is copied to quarantine with the reason beside it.
// Manual entries (channel 'manual') are signed by the PPK key instead of a device; only that channel accepts it.
// Photos are content-addressed; a photo arriving after its record (QR first, file later) is matched by hash.
//
// importPaths commits files in batches (one transaction with a savepoint per file, photos fsynced once per batch
// before the commit): a file is fully in or absent, and onProgress runs only after the file's batch committed.
// Envelope and bundle files are read inside the batch, one at a time, and dropped once stored (their photos
// written): a batch never holds all its files' bytes, so they die young instead of piling up in the old generation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import type { BackendContext } from '../../context';
import type { DataMaster, Perangkat, PemilihanId } from '../../../../../shared/domain/model';
import { MASTER_FORMAT } from '../../../../../shared/domain/model';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { parseJson } from '../../../../../shared/formats/json';
import { verifyCHasilEnvelope, type VerifiedCHasil } from '../../../../../shared/formats/c-hasil';
import { utf8Decode } from '../../../../../shared/formats/bytes';
import { isPlainObject } from '../../../../../shared/formats/strict';
import type { ParseError } from '../../../../../shared/formats/parse-result';
import { nodeCrypto, sha256Hex } from '../../crypto';
import { decisionDevices, loadDataMaster } from '../../repositories/master.repo';
import {
  findSubmission,
  hasSubmissionFor,
  insertSubmission,
  recordReferencingPhoto,
  type Channel,
} from '../../repositories/submission.repo';
import { runWrite, type WritableDb } from '../../db/command';
import { getPhoto } from '../../repositories/photo.repo';
import { detectPhotoExt, PhotoWriteBatch, storePhoto } from '../photos/photo-store';
import { quarantine, QUARANTINE_COPY_LIMIT } from '../quarantine/quarantine';
import { ppkKeyOrNull } from '../keys/ppk-key';
import { englishReason } from './reasons';
import { unexpected } from '../../unexpected';
import { readBundle } from '../../../../../shared/formats/bundle';
import { decodeQrFromImage, QrCollector, type QrDone } from './qr-adapter';

export type ImportStatus = 'diterima' | 'duplikat' | 'konflik' | 'ditolak';

export interface ImportSource {
  channel: Channel;
  /** File name, LAN peer, or a label shown in lists and the quarantine. */
  name: string;
  /** Device id the transport claims (LAN); the signature decides. */
  device?: string;
  /** Who operated the import (audit actor); default 'sistem'. */
  actor?: string;
}

export interface ImportOutcome {
  status: ImportStatus;
  /** For ditolak: Bahasa Indonesia. */
  reason?: string;
  /** For ditolak from a format check: the parse error code (e.g. UNKNOWN_DEVICE, BAD_SIGNATURE), for channels that
   * answer differently by cause (the LAN receiver's 401 vs 400). */
  code?: string;
  /** 'record' for a C.Hasil record, 'foto' for a loose photo matched by hash. */
  kind?: 'record' | 'foto';
  tps?: string;
  pemilihan?: PemilihanId;
  sha256?: string;
  submissionId?: number;
}

export interface FileOutcome {
  /** The path as given (or found in a folder). */
  file: string;
  /** The file's overall status: ditolak > konflik > diterima > duplikat. */
  status: ImportStatus;
  reason?: string;
  outcomes: ImportOutcome[];
}

/** Largest accepted envelope (a C.Hasil record is ~2 KB) and bundle (docs/design.md §3.5: 20 MiB). */
export const MAX_ENVELOPE_BYTES = 1024 * 1024;
export const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const IMPORTABLE = new Set(['.json', '.pleno', '.png', '.jpg', '.jpeg']);

// ---------- the per-transaction session ----------

interface Session {
  ctx: BackendContext;
  master: DataMaster | null;
  extra: Perangkat[];
  photos: PhotoWriteBatch;
  at: string;
  actor: string;
  /** TPS+pemilihan whose results changed (events after commit). */
  touched: Map<string, { tps: string; pemilihan: PemilihanId | null }>;
}

function newSession(ctx: BackendContext, actor = 'sistem'): Session {
  return {
    ctx,
    master: loadDataMaster(ctx.db),
    extra: decisionDevices(ctx.db),
    photos: new PhotoWriteBatch(),
    at: ctx.clock().toISOString(),
    actor,
    touched: new Map(),
  };
}

/**
 * Runs body as one command (db/command.ts: IMMEDIATE, or a savepoint of a running command), photo files made durable
 * before the commit, `results-changed` for every TPS touched sent after it.
 */
function inCommand<T>(s: Session, body: () => T): T {
  return runWrite(s.ctx, (unit) => {
    const r = body();
    s.photos.flush();
    for (const t of s.touched.values()) unit.emit({ type: 'results-changed', tps: t.tps, pemilihan: t.pemilihan });
    s.touched.clear();
    return r;
  });
}

class Rejection extends Error {
  constructor(
    readonly reason: string,
    readonly english: string,
    readonly code?: string,
  ) {
    super(english);
  }
}

const reject = (reason: string, english: string): never => {
  throw new Rejection(reason, english);
};

function fromParseError(e: ParseError, prefix = ''): Rejection {
  return new Rejection(
    `${prefix}${e.message}`,
    `${prefix}${englishReason(e.code)}${e.path ? ` (${e.path})` : ''}`,
    e.code,
  );
}

function noMaster(): Rejection {
  return new Rejection(
    'basis data belum berisi data master kecamatan; impor data master lebih dulu (pleno init)',
    'the database has no data master yet',
  );
}

// ---------- verification (pure CPU, no writes) ----------

function manualExtra(s: Session, json: unknown): Perangkat[] {
  const key = ppkKeyOrNull(s.ctx);
  if (!key) return [];
  const payload = isPlainObject(json) && isPlainObject(json.payload) ? json.payload : {};
  const tps = typeof payload.tps === 'string' ? payload.tps : '';
  return [{ id: key.keyId, tps, publicKey: key.publicKey }];
}

/** Verifies one envelope text; throws Rejection. */
function verifyEnvelopeText(
  s: Session,
  text: string | Uint8Array,
  channel: Channel,
  prefix = '',
  parsedJson?: unknown,
): VerifiedCHasil {
  if (!s.master) throw noMaster();
  // A bundle entry was already parsed strictly by readBundle: no need to parse its text again.
  const json = parsedJson !== undefined ? { ok: true as const, value: parsedJson } : parseJson(text);
  if (!json.ok) throw fromParseError(json.error, prefix);
  if (isPlainObject(json.value) && isPlainObject(json.value.payload) && json.value.payload.format === MASTER_FORMAT) {
    reject(
      `${prefix}berkas ini data master, bukan hasil C.Hasil; data master diimpor lewat layar awal atau "pleno init"`,
      `${prefix}this is a data master, not a C.Hasil record`,
    );
  }
  const extra = channel === 'manual' ? [...s.extra, ...manualExtra(s, json.value)] : s.extra;
  const v = verifyCHasilEnvelope(json.value, { master: s.master, crypto: nodeCrypto, extraDevices: extra });
  if (!v.ok) throw fromParseError(v.error, prefix);
  const ppk = ppkKeyOrNull(s.ctx);
  if (channel !== 'manual' && ppk && v.value.envelope.signature.keyId === ppk.keyId) {
    reject(
      `${prefix}hasil yang ditandatangani kunci PPK hanya diterima sebagai entri manual`,
      `${prefix}PPK-signed record outside the manual channel`,
    );
  }
  return v.value;
}

// ---------- storing (inside a transaction) ----------

function storeRecord(
  s: Session,
  w: WritableDb,
  v: VerifiedCHasil,
  envelopeText: string,
  source: ImportSource,
): ImportOutcome {
  const r = v.record;
  const base = { kind: 'record' as const, tps: r.tps, pemilihan: r.pemilihan, sha256: v.sha256 };
  const dup = findSubmission(w, r.tps, r.pemilihan, v.sha256);
  if (dup) return { status: 'duplikat', ...base, submissionId: dup.id };
  const outcome = hasSubmissionFor(w, r.tps, r.pemilihan) ? 'konflik' : 'diterima';
  const counts = {
    pemilih: r.pemilih,
    pengguna: r.pengguna,
    disabilitas: r.disabilitas,
    suratSuara: r.suratSuara,
    suara: r.suara,
  };
  const id = insertSubmission(
    w,
    {
      tps: r.tps,
      pemilihan: r.pemilihan,
      sha256: v.sha256,
      envelopeJson: envelopeText,
      counts,
      countsJson: canonicalize(counts),
      deviceKeyId: v.envelope.signature.keyId,
      dibuat: r.dibuat,
      channel: source.channel,
      sourceName: source.name,
      outcome,
      receivedAt: s.at,
      foto: r.foto,
    },
    source.actor ?? s.actor,
  );
  s.touched.set(`${r.tps}:${r.pemilihan}`, { tps: r.tps, pemilihan: r.pemilihan });
  return { status: outcome, ...base, submissionId: id };
}

function rejectedOutcome(s: Session, bytes: Uint8Array, source: ImportSource, rej: Rejection): ImportOutcome {
  quarantine(s.ctx, bytes, source.name, rej.reason, {
    channel: source.channel,
    english: rej.english,
    actor: source.actor ?? s.actor,
  });
  return rej.code === undefined
    ? { status: 'ditolak', reason: rej.reason }
    : { status: 'ditolak', reason: rej.reason, code: rej.code };
}

/** Unexpected errors (bugs, disk) become a rejection with a reference the user can quote. */
function asRejection(s: Session, err: unknown): Rejection {
  if (err instanceof Rejection) return err;
  const failure = unexpected(s.ctx.log, 'import failed unexpectedly', err);
  return new Rejection(
    `tidak ada yang disimpan dari berkas ini. ${failure.error.message}`,
    `unexpected error while storing (ref ${failure.error.ref})`,
  );
}

// ---------- one input, inside an open transaction (savepoint) ----------

function envelopeIn(s: Session, bytes: Uint8Array, source: ImportSource): ImportOutcome {
  try {
    if (bytes.length > MAX_ENVELOPE_BYTES) {
      reject(
        `berkas terlalu besar untuk satu hasil C.Hasil (${bytes.length} byte, batas ${MAX_ENVELOPE_BYTES})`,
        'envelope too large',
      );
    }
    const v = verifyEnvelopeText(s, bytes, source.channel);
    const text = utf8Decode(bytes);
    return runWrite(s.ctx, (unit) => storeRecord(s, unit.db, v, text, source));
  } catch (err) {
    return rejectedOutcome(s, bytes, source, asRejection(s, err));
  }
}

function bundleIn(s: Session, bytes: Uint8Array, source: ImportSource): ImportOutcome[] {
  try {
    if (!s.master) throw noMaster();
    if (bytes.length > MAX_BUNDLE_BYTES) {
      reject(`berkas bundel terlalu besar (${bytes.length} byte, batas ${MAX_BUNDLE_BYTES})`, 'bundle too large');
    }
    const rb = readBundle(bytes, { sha256: nodeCrypto.sha256, crc32: zlibCrc32 });
    if (!rb.ok) throw fromParseError(rb.error);
    const b = rb.value;
    // Every record verified before anything is written: a bundle is all or nothing.
    const verified = b.results.map((e) => {
      const prefix = `${e.name}: `;
      const v = verifyEnvelopeText(s, e.text, source.channel, prefix, e.envelope);
      if (v.record.pemilihan !== e.pemilihan) {
        reject(
          `${prefix}berisi hasil pemilihan ${v.record.pemilihan}, bukan ${e.pemilihan}`,
          `${prefix}entry name does not match the record's pemilihan`,
        );
      }
      return { v, text: e.text };
    });
    const tpsSet = new Set(verified.map((x) => x.v.record.tps));
    if (tpsSet.size > 1)
      reject(`bundel berisi hasil lebih dari satu TPS (${[...tpsSet].join(', ')})`, 'bundle mixes TPS');
    return runWrite(s.ctx, (unit) => {
      const name = `${source.channel}:${source.name}`;
      for (const [sha, p] of b.photos) {
        storePhoto(
          unit.db,
          s.ctx.dataDir,
          { sha256: sha, ext: p.ext, bytes: p.bytes, source: name, at: s.at, actor: source.actor ?? s.actor },
          s.photos,
        );
      }
      return verified.map(({ v, text }) => storeRecord(s, unit.db, v, text, source));
    });
  } catch (err) {
    return [rejectedOutcome(s, bytes, source, asRejection(s, err))];
  }
}

/** A loose photo: stored when some record references its hash (or it is already known). */
function photoIn(s: Session, bytes: Uint8Array, source: ImportSource): ImportOutcome | null {
  const ext = detectPhotoExt(bytes);
  if (!ext) return null;
  const sha = sha256Hex(bytes);
  if (getPhoto(s.ctx.db, sha)) return { status: 'duplikat', kind: 'foto', sha256: sha };
  const ref = recordReferencingPhoto(s.ctx.db, sha);
  if (!ref) return null;
  return runWrite(s.ctx, (unit) => {
    storePhoto(
      unit.db,
      s.ctx.dataDir,
      { sha256: sha, ext, bytes, source: `${source.channel}:${source.name}`, at: s.at, actor: source.actor ?? s.actor },
      s.photos,
    );
    s.touched.set(`${ref.tps}:${ref.pemilihan}`, { tps: ref.tps, pemilihan: ref.pemilihan });
    return { status: 'diterima' as const, kind: 'foto' as const, sha256: sha, tps: ref.tps, pemilihan: ref.pemilihan };
  });
}

function qrTextsIn(s: Session, envelopes: string[], bytes: Uint8Array, source: ImportSource): ImportOutcome[] {
  const out: ImportOutcome[] = [];
  for (const json of envelopes) {
    try {
      const v = verifyEnvelopeText(s, json, 'qr');
      out.push(runWrite(s.ctx, (unit) => storeRecord(s, unit.db, v, json, source)));
    } catch (err) {
      out.push(rejectedOutcome(s, bytes, source, asRejection(s, err)));
    }
  }
  return out;
}

// ---------- public single-input API ----------

export function importEnvelopeBytes(ctx: BackendContext, bytes: Uint8Array, source: ImportSource): ImportOutcome {
  const s = newSession(ctx, source.actor);
  return inCommand(s, () => envelopeIn(s, bytes, source));
}

export function importBundleBytes(ctx: BackendContext, bytes: Uint8Array, source: ImportSource): ImportOutcome[] {
  const s = newSession(ctx, source.actor);
  return inCommand(s, () => bundleIn(s, bytes, source));
}

/**
 * Decoded QR texts (`PLN1:` single or multi-part, parts in any order) of one or more envelopes. Incomplete parts
 * are rejected with the parts missing named. `bytes` (optional) is what gets quarantined on rejection.
 */
export function importQrTexts(
  ctx: BackendContext,
  texts: string[],
  source: ImportSource,
  bytes?: Uint8Array,
): ImportOutcome[] {
  const s = newSession(ctx, source.actor);
  const raw = bytes ?? new TextEncoder().encode(texts.join('\n'));
  const collector = new QrCollector();
  const notQr = texts.filter((t) => !collector.add(t, source.name));
  const done = collector.take();
  return inCommand(s, () => {
    const outs = qrTextsIn(
      s,
      done.envelopes.map((e) => e.json),
      raw,
      source,
    );
    for (const e of done.errors) outs.push(rejectedOutcome(s, raw, source, new Rejection(e.reason, e.english)));
    for (const inc of collector.incomplete())
      outs.push(rejectedOutcome(s, raw, source, new Rejection(inc.reason, inc.english)));
    if (notQr.length > 0)
      outs.push(
        rejectedOutcome(s, raw, source, new Rejection('teks bukan kode QR Pleno (PLN1:)', 'not a Pleno QR text')),
      );
    return outs;
  });
}

// ---------- files and folders ----------

/** Expands folders recursively (sorted, hidden files skipped); files named explicitly are always kept. */
export function expandPaths(paths: readonly string[]): { file: string; explicit: boolean }[] {
  const out: { file: string; explicit: boolean }[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (n.startsWith('.')) continue;
      const p = join(dir, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && IMPORTABLE.has(extname(n).toLowerCase())) out.push({ file: p, explicit: false });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push({ file: p, explicit: true });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.push({ file: p, explicit: true });
  }
  return out;
}

function overall(outcomes: ImportOutcome[]): { status: ImportStatus; reason?: string } {
  const rejected = outcomes.find((o) => o.status === 'ditolak');
  if (rejected) return { status: 'ditolak', reason: rejected.reason ?? 'ditolak' };
  if (outcomes.some((o) => o.status === 'konflik')) return { status: 'konflik' };
  if (outcomes.some((o) => o.status === 'diterima')) return { status: 'diterima' };
  return { status: 'duplikat' };
}

type QrParts = Pick<QrDone, 'envelopes' | 'errors'>;

type Prepared =
  | { file: string; kind: 'error'; reason: string; english: string; bytes: Uint8Array | null }
  | {
      file: string;
      kind: 'envelope' | 'bundle';
      /** null: read from `file` when its turn comes inside the batch (importPaths); set for in-memory items. */
      bytes: Uint8Array | null;
      size: number;
      channel?: Channel | undefined;
    }
  | {
      file: string;
      kind: 'image';
      bytes: Uint8Array;
      /** Envelopes and errors this image completed (with every file that carried their parts). */
      qr: QrParts;
      /** The image held Pleno QR texts (possibly only parts of a code still incomplete). */
      qrFound: boolean;
      /** QR texts given directly (no image): never treated as a photo. */
      textOnly?: boolean;
    };

async function prepare(file: string, collector: QrCollector): Promise<Prepared> {
  const ext = extname(file).toLowerCase();
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile())
      return { file, kind: 'error', reason: 'bukan berkas biasa', english: 'not a regular file', bytes: null };
    size = st.size;
  } catch {
    return { file, kind: 'error', reason: 'berkas tidak ditemukan', english: 'file not found', bytes: null };
  }
  const limit = limitFor(ext);
  if (size > limit) {
    let copy: Uint8Array | null = null;
    try {
      if (size <= QUARANTINE_COPY_LIMIT) copy = new Uint8Array(readFileSync(file));
    } catch {
      copy = null;
    }
    return tooLarge(file, size, limit, copy);
  }
  // Envelopes and bundles are read inside their batch (importPaths' memory bound); images now (decoding is async).
  if (ext === '.json') return { file, kind: 'envelope', bytes: null, size };
  if (ext === '.pleno') return { file, kind: 'bundle', bytes: null, size };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    return unreadable(file, err);
  }
  return prepareBytes(file, bytes, collector);
}

const limitFor = (ext: string): number =>
  ext === '.json' ? MAX_ENVELOPE_BYTES : ext === '.pleno' ? MAX_BUNDLE_BYTES : MAX_IMAGE_BYTES;

function tooLarge(file: string, size: number, limit: number, copy: Uint8Array | null): Prepared {
  const reason = `berkas terlalu besar (${size} byte, batas ${limit})`;
  return { file, kind: 'error', reason, english: 'file too large', bytes: copy };
}

/** A file's bytes already in memory (an upload from the UI), classified by the name's extension like a file. */
async function prepareBytes(file: string, bytes: Uint8Array, collector: QrCollector): Promise<Prepared> {
  const ext = extname(file).toLowerCase();
  const limit = limitFor(ext);
  if (bytes.length > limit)
    return tooLarge(file, bytes.length, limit, bytes.length <= QUARANTINE_COPY_LIMIT ? bytes : null);
  if (ext === '.json') return { file, kind: 'envelope', bytes, size: bytes.length };
  if (ext === '.pleno') return { file, kind: 'bundle', bytes, size: bytes.length };
  if (ext === '.png' || ext === '.jpg' || ext === '.jpeg') {
    const q = await decodeQrFromImage(bytes);
    let qrFound = false;
    if (q.ok) {
      for (const t of q.texts) if (collector.add(t, file)) qrFound = true;
    }
    return { file, kind: 'image', bytes, qr: collector.take(), qrFound };
  }
  return {
    file,
    kind: 'error',
    reason: `jenis berkas tidak dikenal (${ext || 'tanpa ekstensi'}); yang dapat diimpor: .pleno, .json, .png, .jpg`,
    english: 'unknown file type',
    bytes,
  };
}

function unreadable(file: string, err: unknown): Prepared & { kind: 'error' } {
  return {
    file,
    kind: 'error',
    reason: `berkas tidak dapat dibaca: ${(err as Error).message}`,
    english: 'unreadable file',
    bytes: null,
  };
}

/** The file's bytes as read (a view of Node's buffer, no copy), or the rejection when it cannot be read. */
function readInput(file: string): Uint8Array | (Prepared & { kind: 'error' }) {
  try {
    const b = readFileSync(file);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (err) {
    return unreadable(file, err);
  }
}

function fileIn(s: Session, p: Prepared): ImportOutcome[] {
  const channel: Channel = p.kind === 'image' ? 'qr' : p.kind === 'error' ? 'file' : (p.channel ?? 'file');
  const source: ImportSource = { channel, name: basename(p.file) };
  switch (p.kind) {
    case 'error':
      return errorIn(s, p, source);
    case 'envelope':
    case 'bundle': {
      const bytes = p.bytes ?? readInput(p.file);
      if (!(bytes instanceof Uint8Array)) return errorIn(s, bytes, { channel: 'file', name: source.name });
      return p.kind === 'envelope' ? [envelopeIn(s, bytes, source)] : bundleIn(s, bytes, source);
    }
    case 'image': {
      const out: ImportOutcome[] = [];
      if (p.qr.envelopes.length > 0)
        out.push(
          ...qrTextsIn(
            s,
            p.qr.envelopes.map((e) => e.json),
            p.bytes,
            source,
          ),
        );
      for (const e of p.qr.errors) out.push(rejectedOutcome(s, p.bytes, source, new Rejection(e.reason, e.english)));
      if (out.length > 0) return out;
      if (p.qrFound) return []; // a part of a multi-part QR: reported when the last part arrives
      if (p.textOnly) {
        return [
          rejectedOutcome(s, p.bytes, source, new Rejection('teks bukan kode QR Pleno (PLN1:)', 'not a Pleno QR text')),
        ];
      }
      const photo = s.master ? photoIn(s, p.bytes, { ...source, channel: 'file' }) : null;
      if (photo) return [photo];
      return [
        rejectedOutcome(
          s,
          p.bytes,
          { ...source, channel: 'file' },
          new Rejection(
            'gambar ini bukan kode QR Pleno dan bukan foto yang dirujuk hasil TPS mana pun',
            'image is neither a Pleno QR code nor a photo referenced by a record',
          ),
        ),
      ];
    }
  }
}

function errorIn(s: Session, p: Prepared & { kind: 'error' }, source: ImportSource): ImportOutcome[] {
  const rej = new Rejection(p.reason, p.english);
  if (p.bytes) return [rejectedOutcome(s, p.bytes, source, rej)];
  quarantine(s.ctx, new Uint8Array(0), source.name, `${p.reason} (isi berkas tidak disalin)`, {
    channel: 'file',
    english: p.english,
  });
  return [{ status: 'ditolak', reason: p.reason }];
}

export interface ImportPathsOptions {
  /** Files per transaction (default 64). */
  batchFiles?: number;
  /** Bytes per transaction before committing early (default 48 MiB). */
  batchBytes?: number;
  actor?: string;
}

/** An input already in memory (demo, drives, UI uploads): imported like a file of that kind. */
export type ImportItem =
  | { name: string; kind: 'envelope' | 'bundle'; bytes: Uint8Array; channel?: Channel }
  | { name: string; kind: 'qr'; texts: string[] };

/**
 * Imports files and folders. onProgress is called once per file, after the file is committed, in input order.
 * Parts of a multi-part QR code spread over several images are assembled across the run; the images that only
 * carried parts are reported with the outcome of the image that completed the code.
 */
export async function importPaths(
  ctx: BackendContext,
  paths: readonly string[],
  onProgress?: (done: FileOutcome, index: number, total: number) => void,
  opts: ImportPathsOptions = {},
): Promise<FileOutcome[]> {
  const files = expandPaths(paths).map((f) => resolveDisplay(f.file));
  const collector = new QrCollector();
  let i = 0;
  return runBatches(
    ctx,
    files.length,
    async () => {
      const p = await prepare(files[i]!, collector);
      i += 1;
      return p;
    },
    collector,
    onProgress,
    opts,
  );
}

/** Imports in-memory items in batches (same guarantees as importPaths). */
/**
 * Files picked in the UI, as uploaded (never written to disk): imported exactly like the same files by path.
 * `name` is the key of the outcome (the caller keeps names distinct), its extension decides the kind.
 */
export async function importUploads(
  ctx: BackendContext,
  uploads: readonly { name: string; bytes: Uint8Array }[],
  onProgress?: (done: FileOutcome, index: number, total: number) => void,
  opts: ImportPathsOptions = {},
): Promise<FileOutcome[]> {
  const collector = new QrCollector();
  let i = 0;
  return runBatches(
    ctx,
    uploads.length,
    async () => {
      const u = uploads[i]!;
      i += 1;
      return prepareBytes(u.name, u.bytes, collector);
    },
    collector,
    onProgress,
    opts,
  );
}

export async function importItems(
  ctx: BackendContext,
  items: readonly ImportItem[],
  onProgress?: (done: FileOutcome, index: number, total: number) => void,
  opts: ImportPathsOptions = {},
): Promise<FileOutcome[]> {
  const collector = new QrCollector();
  let i = 0;
  return runBatches(
    ctx,
    items.length,
    async () => {
      const it = items[i]!;
      i += 1;
      if (it.kind !== 'qr')
        return { file: it.name, kind: it.kind, bytes: it.bytes, size: it.bytes.length, channel: it.channel };
      let qrFound = false;
      for (const t of it.texts) if (collector.add(t, it.name)) qrFound = true;
      const bytes = new TextEncoder().encode(it.texts.join('\n'));
      return { file: it.name, kind: 'image', bytes, qr: collector.take(), qrFound, textOnly: true };
    },
    collector,
    onProgress,
    opts,
  );
}

async function runBatches(
  ctx: BackendContext,
  total: number,
  next: () => Promise<Prepared>,
  collector: QrCollector,
  onProgress: ((done: FileOutcome, index: number, total: number) => void) | undefined,
  opts: ImportPathsOptions,
): Promise<FileOutcome[]> {
  const batchFiles = opts.batchFiles ?? 64;
  const batchBytes = opts.batchBytes ?? 48 * 1024 * 1024;
  const results: FileOutcome[] = [];
  const report = (fo: FileOutcome) => {
    results.push(fo);
    onProgress?.(fo, results.length - 1, total);
  };
  // Images that carried only parts of a multi-part code: reported with the code's outcome once it completes.
  const deferred = new Map<string, Prepared>();
  let taken = 0;
  while (taken < total) {
    const batch: Prepared[] = [];
    let bytes = 0;
    while (taken < total && batch.length < batchFiles && bytes < batchBytes) {
      const p = await next();
      taken += 1;
      bytes += p.kind === 'envelope' || p.kind === 'bundle' ? p.size : p.bytes ? p.bytes.length : 0;
      batch.push(p);
    }
    const last = taken >= total;
    const s = newSession(ctx, opts.actor);
    // Files whose codes completed (or failed) in this batch: reported with the image that completed them.
    const covered = new Set<string>();
    for (const p of batch) {
      if (p.kind !== 'image') continue;
      for (const e of [...p.qr.envelopes, ...p.qr.errors]) for (const f of e.files) if (f !== p.file) covered.add(f);
    }
    const partsOnly = (p: Prepared, outcomes: ImportOutcome[]) =>
      p.kind === 'image' && p.qrFound && outcomes.length === 0;
    const { outs, leftover } = inCommand(s, () => {
      const list = batch.map((p) => fileIn(s, p));
      // At the end of the run, codes still missing parts are rejected on every image that carried a part.
      const left: FileOutcome[] = [];
      if (last) {
        const partial = new Map(deferred);
        batch.forEach((p, k) => {
          if (partsOnly(p, list[k]!)) partial.set(p.file, p);
        });
        for (const f of covered) partial.delete(f);
        for (const inc of collector.incomplete()) {
          for (const f of inc.files) {
            const p = partial.get(f);
            if (!p) continue;
            partial.delete(f);
            const o = rejectedOutcome(
              s,
              p.bytes ?? new Uint8Array(0),
              { channel: 'qr', name: basename(f) },
              new Rejection(inc.reason, inc.english),
            );
            left.push({ file: f, status: 'ditolak', reason: inc.reason, outcomes: [o] });
          }
        }
        for (const [f, p] of partial) {
          const rej = new Rejection('bagian kode QR Pleno ini tidak membentuk hasil yang lengkap', 'QR part left over');
          left.push({
            file: f,
            status: 'ditolak',
            reason: rej.reason,
            outcomes: [rejectedOutcome(s, p.bytes ?? new Uint8Array(0), { channel: 'qr', name: basename(f) }, rej)],
          });
        }
      }
      return { outs: list, leftover: left };
    });
    const waiting = new Set<string>();
    batch.forEach((p, k) => {
      const outcomes = outs[k]!;
      if (partsOnly(p, outcomes)) {
        if (covered.has(p.file)) waiting.add(p.file);
        else if (!last) deferred.set(p.file, p);
        return;
      }
      const fo: FileOutcome = { file: p.file, ...overall(outcomes), outcomes };
      report(fo);
      if (p.kind === 'image') {
        const related = [...p.qr.envelopes.flatMap((e) => e.files), ...p.qr.errors.flatMap((e) => e.files)];
        for (const f of new Set(related)) {
          if (f === p.file || !(deferred.has(f) || waiting.has(f))) continue;
          deferred.delete(f);
          waiting.delete(f);
          report({ file: f, ...overall(outcomes), outcomes });
        }
      }
    });
    for (const fo of leftover) {
      deferred.delete(fo.file);
      report(fo);
    }
  }
  return results;
}

function resolveDisplay(file: string): string {
  // Keep the path as the user gave it (relative stays relative) but normalised.
  return file.startsWith('/') ? resolve(file) : file;
}
