// One input inside an open command (a savepoint per input): verify (pure CPU, no writes), then store. An envelope,
// a bundle (all or nothing), decoded QR envelopes, or a loose photo matched by hash. Each returns outcomes; an
// expected refusal is quarantined and reported, never thrown.
import { MASTER_FORMAT, type Perangkat } from '../../../../../shared/domain/model';
import { utf8Decode } from '../../../../../shared/formats/bytes';
import { verifyCHasilEnvelope, type VerifiedCHasil } from '../../../../../shared/formats/c-hasil';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { parseJson } from '../../../../../shared/formats/json';
import { isPlainObject } from '../../../../../shared/formats/strict';
import { nodeCrypto, sha256Hex } from '../../crypto';
import { runWrite, type WritableDb } from '../../db/command';
import { getPhoto } from '../../repositories/photo.repo';
import {
  findSubmission,
  hasSubmissionFor,
  insertSubmission,
  recordReferencingPhoto,
  type Channel,
} from '../../repositories/submission.repo';
import { ppkKeyOrNull } from '../keys/ppk-key';
import { storePhoto } from '../photos/photo-store';
import { detectPhotoExt, discardStaged, photosDir } from '../photos/photo-files';
import { type ImportOutcome, type ImportSource, MAX_BUNDLE_BYTES, MAX_ENVELOPE_BYTES } from './import-types';
import {
  type Session,
  Rejection,
  asRejection,
  fromParseError,
  noMaster,
  reject,
  rejectedOutcome,
} from './import-session';
import { checkR17 } from '../../../../../shared/domain/rules/r17-dibuat';
import type { ParseResult } from '../../../../../shared/formats/parse-result';
import {
  entriesOf,
  readBundleInThread,
  verifiedRecord,
  type BundleRead,
  type BundleReadEntry,
  type VerifiedRecord,
} from './bundle-read';

// ---------- verification (pure CPU, no writes) ----------

function manualExtra(s: Session, json: unknown): Perangkat[] {
  const key = ppkKeyOrNull(s.ctx);
  if (!key) return [];
  const payload = isPlainObject(json) && isPlainObject(json.payload) ? json.payload : {};
  const tps = typeof payload.tps === 'string' ? payload.tps : '';
  return [{ id: key.keyId, tps, publicKey: key.publicKey }];
}

/** Verifies one envelope text (or takes the check made ahead, `pre`, not for the manual channel); throws Rejection. */
function verifyEnvelopeText(
  s: Session,
  text: string | Uint8Array,
  channel: Channel,
  prefix = '',
  parsedJson?: unknown,
  pre?: ParseResult<VerifiedCHasil>,
): VerifiedRecord {
  if (!s.master) throw noMaster();
  // An envelope checked ahead (checkEnvelope) was parsed there: no need to parse its text again.
  const json = parsedJson !== undefined ? { ok: true as const, value: parsedJson } : parseJson(text);
  if (!json.ok) throw fromParseError(json.error, prefix);
  if (isPlainObject(json.value) && isPlainObject(json.value.payload) && json.value.payload.format === MASTER_FORMAT) {
    notMaster(prefix);
  }
  const extra = channel === 'manual' ? [...s.extra, ...manualExtra(s, json.value)] : s.extra;
  const v =
    pre && channel !== 'manual'
      ? pre
      : verifyCHasilEnvelope(json.value, { master: s.master, crypto: nodeCrypto, extraDevices: extra });
  if (!v.ok) throw fromParseError(v.error, prefix);
  return signedOutsideManual(s, verifiedRecord(v.value), channel, prefix);
}

function notMaster(prefix: string): never {
  return reject(
    `${prefix}berkas ini data master, bukan hasil C.Hasil; data master diimpor lewat layar awal atau "pleno init"`,
    `${prefix}this is a data master, not a C.Hasil record`,
  );
}

/** A record signed by the PPK key is taken only through the manual channel. */
function signedOutsideManual(s: Session, v: VerifiedRecord, channel: Channel, prefix: string): VerifiedRecord {
  if (channel !== 'manual' && s.ppkKeyId !== null && v.keyId === s.ppkKeyId) {
    reject(
      `${prefix}hasil yang ditandatangani kunci PPK hanya diterima sebagai entri manual`,
      `${prefix}PPK-signed record outside the manual channel`,
    );
  }
  return v;
}

/** A bundle entry as the bundle reader verified it. */
function bundleEntryVerified(s: Session, e: BundleReadEntry, channel: Channel, prefix: string): VerifiedRecord {
  if (!s.master) throw noMaster();
  if (e.masterPayload) notMaster(prefix);
  if (!e.verified.ok) throw fromParseError(e.verified.error, prefix);
  return signedOutsideManual(s, e.verified.value, channel, prefix);
}

// ---------- storing (inside a transaction) ----------

function storeRecord(
  s: Session,
  w: WritableDb,
  v: VerifiedRecord,
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
      deviceKeyId: v.keyId,
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
  const r17 = checkR17(r.dibuat, { masterImported: s.masterImportedAt, received: s.at });
  const warnings = r17.map((x) => `${x.code}: ${x.message}`);
  return { status: outcome, ...base, submissionId: id, ...(warnings.length > 0 ? { warnings } : {}) };
}

// ---------- one input, inside an open transaction (savepoint) ----------

/** An envelope's JSON and signature check made ahead of its write (group-commit.ts), a few per event-loop turn. */
export interface EnvelopeCheck {
  json: unknown;
  verified: ParseResult<VerifiedCHasil>;
}

/** The costly, write-free part of `envelopeIn`; null when the bytes are not JSON (the import then says why). */
export function checkEnvelope(s: Session, bytes: Uint8Array): EnvelopeCheck | null {
  if (!s.master || bytes.length > MAX_ENVELOPE_BYTES) return null;
  const json = parseJson(bytes);
  if (!json.ok) return null;
  const verified = verifyCHasilEnvelope(json.value, { master: s.master, crypto: nodeCrypto, extraDevices: s.extra });
  return { json: json.value, verified };
}

export function envelopeIn(
  s: Session,
  bytes: Uint8Array,
  source: ImportSource,
  check?: EnvelopeCheck | null,
): ImportOutcome {
  try {
    if (bytes.length > MAX_ENVELOPE_BYTES) {
      reject(
        `berkas terlalu besar untuk satu hasil C.Hasil (${bytes.length} byte, batas ${MAX_ENVELOPE_BYTES})`,
        'envelope too large',
      );
    }
    const v = check
      ? verifyEnvelopeText(s, bytes, source.channel, '', check.json, check.verified)
      : verifyEnvelopeText(s, bytes, source.channel);
    const text = utf8Decode(bytes);
    return runWrite(s.ctx, (unit) => storeRecord(s, unit.db, v, text, source));
  } catch (err) {
    return rejectedOutcome(s, bytes, source, asRejection(s, err));
  }
}

/** A bundle read and verified ahead whose bytes were let go (import-batches.ts): read again only to quarantine it. */
export interface ReadAgain {
  size: number;
  again(): Uint8Array;
}

/**
 * `read`: the bundle as the worker read and verified it (bundle-read.ts); without it, read here. Its photos were
 * staged as temp files by the reader: the command takes them over, a refusal removes them.
 */
export function bundleIn(
  s: Session,
  bytes: Uint8Array | ReadAgain,
  source: ImportSource,
  read?: BundleRead,
): ImportOutcome[] {
  let b = read;
  const adopted = new Set<string>();
  const size = bytes instanceof Uint8Array ? bytes.length : bytes.size;
  const evidence = () => (bytes instanceof Uint8Array ? bytes : bytes.again());
  try {
    if (!s.master) throw noMaster();
    if (size > MAX_BUNDLE_BYTES) {
      reject(`berkas bundel terlalu besar (${size} byte, batas ${MAX_BUNDLE_BYTES})`, 'bundle too large');
    }
    // Only a KPPS device signs a bundle: the PPK key's entries come one by one through the manual form.
    if (source.channel === 'manual')
      reject('bundel tidak diterima sebagai entri manual', 'bundle on the manual channel');
    b ??= readBundleInThread({
      bytes: evidence(),
      master: s.master,
      extra: s.extra,
      photoDir: photosDir(s.ctx.dataDir),
    });
    if (!b.ok) throw 'error' in b ? fromParseError(b.error) : new Rejection(b.refused.reason, b.refused.english);
    const verified = verifiedEntries(s, entriesOf(b), source.channel);
    const photos = b.photos;
    return runWrite(s.ctx, (unit) => {
      const name = `${source.channel}:${source.name}`;
      for (const [sha, p] of photos) {
        const actor = source.actor ?? s.actor;
        storePhoto(unit.db, s.ctx.dataDir, { sha256: sha, ...p, source: name, at: s.at, actor }, s.photos);
        if (p.staged !== null) adopted.add(p.staged);
      }
      return verified.map(({ v, text }) => storeRecord(s, unit.db, v, text, source));
    });
  } catch (err) {
    if (b?.ok) discardStaged(b.photos.values(), adopted);
    return [rejectedOutcome(s, evidence(), source, asRejection(s, err))];
  }
}

/** Every record of a bundle verified before anything is written (a bundle is all or nothing), all of one TPS. */
function verifiedEntries(
  s: Session,
  entries: BundleReadEntry[],
  channel: Channel,
): { v: VerifiedRecord; text: string }[] {
  const verified = entries.map((e) => {
    const prefix = `${e.name}: `;
    const v = bundleEntryVerified(s, e, channel, prefix);
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
  return verified;
}

/** A loose photo: stored when some record references its hash (or it is already known). */
export function photoIn(s: Session, bytes: Uint8Array, source: ImportSource): ImportOutcome | null {
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

/** Envelope JSON texts assembled from QR codes; `bytes` is what a rejection quarantines. */
export function qrTextsIn(s: Session, envelopes: string[], bytes: Uint8Array, source: ImportSource): ImportOutcome[] {
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
