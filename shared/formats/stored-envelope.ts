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
  // occurrence is where the payload ends. With none (at = -1) the signature's slice is the payload's text without its
  // opening `{`, which never parses: null below.
  const at = text.lastIndexOf(SIG);
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
  // Depth and key order before JSON.stringify, which overflows the stack on text nested far deeper than any record.
  if (!keysSorted(payload, 1) || JSON.stringify(payload) !== signedText) return null;
  // Exactly these members in this order, each of its type, and written as JSON.stringify writes them.
  if (signature === null || Object.keys(signature as object).join() !== 'alg,keyId,sig') return null;
  const s = signature as Record<string, unknown>;
  if (s.alg !== 'Ed25519' || typeof s.keyId !== 'string' || typeof s.sig !== 'string') return null;
  if (JSON.stringify(signature) !== signatureText) return null;
  return {
    payload: payload as Record<string, unknown>,
    signature: { alg: 'Ed25519', keyId: s.keyId, sig: s.sig },
    signedText,
  };
}
