// A stored envelope whose text is already canonical: `{"payload":` + JCS(payload) + `,"signature":{...}}`, the form
// Pleno writes and KPPS devices send. Its signed bytes (docs/design.md §3.1: JCS(payload)) are then a slice of the
// stored text, so a verifier can skip re-canonicalising — the integrity check does this for every stored C.Hasil on
// every start (services/integrity/signed-sources.ts). The slice is used only when it is proven to be exactly
// JCS(JSON.parse(slice)); any other text returns null and the caller re-canonicalises as usual. See
// docs/spec-readings.md ("Signed bytes taken from the stored text").
import type { Signature } from '../domain/model';

const HEAD = '{"payload":';
const SIG = ',"signature":';
/** Far below the strict parser's 64 (formats/json.ts) and far above any record's nesting: deeper text falls back. */
const MAX_DEPTH = 32;
/** A `\uD800`–`\uDFFF` escape: JSON.parse would give a surrogate the canonicaliser refuses when it stands alone. */
const SURROGATE_ESCAPE = /\\ud[89a-f]/;

export interface CanonicalStoredEnvelope {
  payload: Record<string, unknown>;
  signature: Signature;
  /** The stored text of the payload: JCS(payload), the exact text the signature covers. */
  signedText: string;
}

/** Every object's keys in JCS order (UTF-16 code units, which is how `<` compares strings), at most MAX_DEPTH deep. */
function keysSorted(v: unknown, depth: number): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(v)) return v.every((x) => keysSorted(x, depth + 1));
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !(keys[i - 1]! < keys[i]!)) return false;
    if (!keysSorted((v as Record<string, unknown>)[keys[i]!], depth + 1)) return false;
  }
  return true;
}

/**
 * `text` as a canonical envelope, or null when it is not exactly one (whitespace, another key order, another
 * number or string form, duplicate keys, a lone surrogate, an extra or missing field: the caller then parses
 * strictly and re-canonicalises). Non-null means `signedText` === JCS(payload) byte for byte: `JSON.parse` then
 * `JSON.stringify` gives the text back (ECMAScript's serialisation of numbers, strings and literals is the one RFC
 * 8785 prescribes, and nothing was dropped or merged), and every object's keys are in JCS order.
 */
export function canonicalStoredEnvelope(text: string): CanonicalStoredEnvelope | null {
  if (!text.startsWith(HEAD) || !text.endsWith('}')) return null;
  // A JSON string cannot hold `,"signature":` unescaped, and the signature object below holds no such key: the last
  // occurrence is where the payload ends.
  const at = text.lastIndexOf(SIG);
  if (at <= HEAD.length) return null;
  const signedText = text.slice(HEAD.length, at);
  const signatureText = text.slice(at + SIG.length, -1);
  if (SURROGATE_ESCAPE.test(signedText) || SURROGATE_ESCAPE.test(signatureText)) return null;
  let payload: unknown;
  let signature: unknown;
  try {
    payload = JSON.parse(signedText);
    signature = JSON.parse(signatureText);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  if (JSON.stringify(payload) !== signedText || !keysSorted(payload, 1)) return null;
  if (typeof signature !== 'object' || signature === null || JSON.stringify(signature) !== signatureText) return null;
  const s = signature as Record<string, unknown>;
  const keys = Object.keys(s);
  if (keys.length !== 3 || keys[0] !== 'alg' || keys[1] !== 'keyId' || keys[2] !== 'sig') return null;
  if (s.alg !== 'Ed25519' || typeof s.keyId !== 'string' || typeof s.sig !== 'string') return null;
  return {
    payload: payload as Record<string, unknown>,
    signature: { alg: 'Ed25519', keyId: s.keyId, sig: s.sig },
    signedText,
  };
}
