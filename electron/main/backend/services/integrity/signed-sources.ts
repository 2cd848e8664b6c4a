// Every stored C.Hasil record against its own signed envelope: the envelope's signature verifies with the key of the
// device (or the PPK key, manual entry) it names, the record id is SHA-256(JCS(payload)), and the numbers the recap
// reads (counts_json) are exactly the payload's. An edit of counts_json, of the envelope, or of the id is caught here
// even when the audit chain was rewritten to match (the chain has no secret; the signature does).
// This runs over every record on every start (each CLI call included), so a record stored in canonical form is
// checked over its stored bytes without re-canonicalising (formats/stored-envelope.ts); anything else, and every
// record that does not pass that way, gets the full check, which alone decides what is wrong.
import type { Db } from '../../context';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { parseEnvelopeBytes, signingBytes, verifyEnvelopeWith } from '../../../../../shared/formats/envelope';
import { fromBase64Url, toHex, utf8Encode } from '../../../../../shared/formats/bytes';
import { isPlainObject } from '../../../../../shared/formats/strict';
import { canonicalStoredEnvelope } from '../../../../../shared/formats/stored-envelope';
import { nodeCrypto } from '../../crypto';
import { decisionDevices, loadDataMaster } from '../../repositories/master.repo';
import { getPpkKey } from '../../repositories/keys.repo';
import { hasColumn, submissionSources, type SubmissionSource } from '../../repositories/integrity.repo';
import type { IntegrityProblem } from './integrity.service';

const COUNT_FIELDS = ['pemilih', 'pengguna', 'disabilitas', 'suratSuara', 'suara'] as const;
/** The same fields in JCS key order (UTF-16 code units: Array#sort's own order). */
const COUNT_FIELDS_JCS = [...COUNT_FIELDS].sort();

/** keyId → the public keys (base64url) registered under it: master devices, PPK-decided devices, the PPK key. */
function knownKeys(db: Db): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  const add = (id: string, pk: string) => keys.set(id, [...(keys.get(id) ?? []), pk]);
  for (const d of loadDataMaster(db)?.perangkat ?? []) add(d.id, d.publicKey);
  if (hasColumn(db, 'perangkat', 'source')) for (const d of decisionDevices(db)) add(d.id, d.publicKey);
  const ppk = getPpkKey(db);
  if (ppk) add(ppk.keyId, ppk.publicKey);
  return keys;
}

function signingBytesOrNull(payload: unknown): Uint8Array | null {
  try {
    return signingBytes(payload);
  } catch {
    return null;
  }
}

/**
 * True when the stored text is a canonical envelope (formats/stored-envelope.ts) and the record matches it: the
 * signature verifies over the stored payload text (which is JCS(payload) byte for byte), its SHA-256 is the record id,
 * TPS and pemilihan agree, and counts_json is the JCS of the payload's numbers. Canonical text makes each value's
 * JSON.stringify its JCS, so no canonicaliser runs. False decides nothing: the full check (sourceProblem) follows.
 */
function intactAsStored(s: SubmissionSource, keys: Map<string, string[]>): boolean {
  const env = canonicalStoredEnvelope(s.envelopeJson);
  if (env === null || env.signature.keyId !== s.deviceKeyId) return false;
  const { payload } = env;
  if (payload.tps !== s.tps || payload.pemilihan !== s.pemilihan) return false;
  const counts = COUNT_FIELDS_JCS.map((f) => `"${f}":${JSON.stringify(payload[f])}`).join(',');
  if (`{${counts}}` !== s.countsJson) return false;
  const msg = utf8Encode(env.signedText);
  if (toHex(nodeCrypto.sha256(msg)) !== s.sha256) return false;
  let sig: Uint8Array;
  try {
    sig = fromBase64Url(env.signature.sig);
  } catch {
    return false;
  }
  return (keys.get(s.deviceKeyId) ?? []).some((pk) => {
    try {
      return nodeCrypto.verify(fromBase64Url(pk), msg, sig);
    } catch {
      return false;
    }
  });
}

/** Why one stored record does not match its signed envelope (null when it does). */
function sourceProblem(s: SubmissionSource, keys: Map<string, string[]>): string | null {
  const env = parseEnvelopeBytes(s.envelopeJson);
  if (!env.ok || !isPlainObject(env.value.payload)) return 'rekaman bertanda tangan tidak terbaca';
  const payload = env.value.payload;
  if (env.value.signature.keyId !== s.deviceKeyId) return 'penanda tangan tidak sama dengan yang tercatat';
  // JCS(payload) once: what the signature covers and what the record id hashes (a start-up cost of every CLI call).
  const msg = signingBytesOrNull(payload);
  if (msg === null) return 'tanda tangan rekaman tidak sah';
  const signed = (keys.get(s.deviceKeyId) ?? []).some((pk) => {
    try {
      return verifyEnvelopeWith(env.value, fromBase64Url(pk), nodeCrypto, msg);
    } catch {
      return false;
    }
  });
  if (!signed) return 'tanda tangan rekaman tidak sah';
  if (toHex(nodeCrypto.sha256(msg)) !== s.sha256) return 'sidik rekaman tidak sama dengan rekaman bertanda tangan';
  if (payload.tps !== s.tps || payload.pemilihan !== s.pemilihan) return 'TPS atau pemilihan tidak sama';
  const counts: Record<string, unknown> = {};
  for (const f of COUNT_FIELDS) counts[f] = payload[f];
  let signedCounts: string;
  try {
    signedCounts = canonicalize(counts);
  } catch {
    return 'angka rekaman bertanda tangan tidak terbaca';
  }
  return signedCounts === s.countsJson ? null : 'angka yang tersimpan berbeda dengan angka yang ditandatangani';
}

export function checkSubmissionSources(db: Db): { problems: IntegrityProblem[]; tampered: number[] } {
  const keys = knownKeys(db);
  const problems: IntegrityProblem[] = [];
  const tampered: number[] = [];
  for (const s of submissionSources(db)) {
    const why = intactAsStored(s, keys) ? null : sourceProblem(s, keys);
    if (why === null) continue;
    tampered.push(s.id);
    problems.push({
      message: `Hasil TPS ${s.tps} (${s.pemilihan}) yang tersimpan tidak cocok dengan rekaman C.Hasil bertanda tangan: ${why} (diubah di luar aplikasi).`,
      english: `stored C.Hasil record ${s.id} (TPS ${s.tps}, ${s.pemilihan}) does not match its signed envelope: ${why}`,
    });
  }
  return { problems, tampered };
}
