// RFC 8785 JSON Canonicalization Scheme (JCS) via the `canonicalize` package, guarded: only I-JSON values pass
// (finite numbers, well-formed strings, plain objects and arrays, no cycles), anything else throws CanonicalError.

import canonicalizeLib from 'canonicalize';
import { utf8Encode } from './bytes';

export class CanonicalError extends Error {
  override name = 'CanonicalError';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where a value sits ("$.payload.foto[0]"), built only for an error: the walk below keeps just the keys. */
type Path = (string | number)[];
const pathText = (path: Path): string => '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');

function checkString(s: string, path: Path, key = false): void {
  if (LONE_SURROGATE.test(s))
    throw new CanonicalError(`${pathText(path)}${key ? '.<key>' : ''}: lone surrogate in string`);
}

/**
 * The library would call toJSON, turn undefined/functions in arrays into null and emit `undefined` text for
 * function-valued properties; we accept exactly the JSON data model instead. Object properties whose value is
 * undefined are skipped (as JSON.stringify does), so an object built with optional fields canonicalises like
 * its JSON text.
 */
function check(v: unknown, path: Path, stack: Set<object>): void {
  switch (typeof v) {
    case 'string':
      checkString(v, path);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(v)) throw new CanonicalError(`${pathText(path)}: non-finite number`);
      return;
    case 'object': {
      if (v === null) return;
      if (stack.has(v)) throw new CanonicalError(`${pathText(path)}: cycle`);
      stack.add(v);
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          if (v[i] === undefined) throw new CanonicalError(`${pathText(path)}: undefined in array`);
          check(v[i], path, stack);
          path.pop();
        }
      } else {
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null)
          throw new CanonicalError(`${pathText(path)}: not a plain object`);
        for (const k in v) {
          if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
          checkString(k, path, true);
          const x = (v as Record<string, unknown>)[k];
          if (x === undefined) continue;
          path.push(k);
          check(x, path, stack);
          path.pop();
        }
      }
      stack.delete(v);
      return;
    }
    default:
      throw new CanonicalError(`${pathText(path)}: ${typeof v} is not JSON`);
  }
}

/** RFC 8785 canonical JSON text. Throws CanonicalError for values outside the JSON data model. */
export function canonicalize(value: unknown): string {
  check(value, [], new Set());
  const out = canonicalizeLib(value);
  if (out === undefined) throw new CanonicalError('$: value is not JSON');
  return out;
}

/** UTF-8 bytes of the canonical JSON text: what is hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8Encode(canonicalize(value));
}
