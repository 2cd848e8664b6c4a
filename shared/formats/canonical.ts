// RFC 8785 JSON Canonicalization Scheme (JCS) via the `canonicalize` package, guarded: only I-JSON values pass
// (finite numbers, well-formed strings, plain objects and arrays, no cycles), anything else throws CanonicalError.

import canonicalizeLib from 'canonicalize';
import { utf8Encode } from './bytes';

export class CanonicalError extends Error {
  override name = 'CanonicalError';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkString(s: string, path: string): void {
  if (LONE_SURROGATE.test(s)) throw new CanonicalError(`${path}: lone surrogate in string`);
}

/**
 * The library would call toJSON, turn undefined/functions in arrays into null and emit `undefined` text for
 * function-valued properties; we accept exactly the JSON data model instead. Object properties whose value is
 * undefined are skipped (as JSON.stringify does), so an object built with optional fields canonicalises like
 * its JSON text.
 */
function check(v: unknown, path: string, stack: Set<object>): void {
  switch (typeof v) {
    case 'string':
      checkString(v, path);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(v)) throw new CanonicalError(`${path}: non-finite number`);
      return;
    case 'object': {
      if (v === null) return;
      if (stack.has(v)) throw new CanonicalError(`${path}: cycle`);
      stack.add(v);
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          if (v[i] === undefined) throw new CanonicalError(`${path}[${i}]: undefined in array`);
          check(v[i], `${path}[${i}]`, stack);
        }
      } else {
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) throw new CanonicalError(`${path}: not a plain object`);
        for (const [k, x] of Object.entries(v)) {
          checkString(k, `${path}.<key>`);
          if (x !== undefined) check(x, `${path}.${k}`, stack);
        }
      }
      stack.delete(v);
      return;
    }
    default:
      throw new CanonicalError(`${path}: ${typeof v} is not JSON`);
  }
}

/** RFC 8785 canonical JSON text. Throws CanonicalError for values outside the JSON data model. */
export function canonicalize(value: unknown): string {
  check(value, '$', new Set());
  const out = canonicalizeLib(value);
  if (out === undefined) throw new CanonicalError('$: value is not JSON');
  return out;
}

/** UTF-8 bytes of the canonical JSON text: what is hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8Encode(canonicalize(value));
}
