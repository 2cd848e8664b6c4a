// Strict JSON text parsing (RFC 8259 + I-JSON): UTF-8 (a leading BOM ignored), no duplicate keys, no lone surrogates.
// JSON.parse silently keeps the last of duplicate keys, which would let two verifiers read one signed file
// differently; this parser rejects such files instead. Values come out as plain JSON (objects, arrays, numbers...).

import { BytesError, utf8Decode } from './bytes';
import { type ParseResult, parseFail, parsed } from './parse-result';

class JsonSyntax extends Error {}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 64;

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length && WS.has(this.s.charCodeAt(this.i))) this.i++;
  }

  err(what: string): never {
    throw new JsonSyntax(`${what} pada posisi ${this.i}`);
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.err('struktur terlalu dalam');
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === 't' && this.s.startsWith('true', this.i)) return ((this.i += 4), true);
    if (c === 'f' && this.s.startsWith('false', this.i)) return ((this.i += 5), false);
    if (c === 'n' && this.s.startsWith('null', this.i)) return ((this.i += 4), null);
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m) {
      this.i += m[0].length;
      const n = Number(m[0]);
      if (!Number.isFinite(n)) this.err('angka di luar jangkauan');
      return n;
    }
    return this.err(c === undefined ? 'teks berakhir terlalu cepat' : 'karakter tak terduga');
  }

  object(depth: number): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.ws();
    if (this.s[this.i] === '}') return (this.i++, out);
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.err('nama kolom diharapkan');
      const key = this.string();
      if (seen.has(key)) this.err(`kolom ${JSON.stringify(key)} muncul dua kali`);
      seen.add(key);
      this.ws();
      if (this.s[this.i] !== ':') this.err('":" diharapkan');
      this.i++;
      // defineProperty: a key "__proto__" must become a plain own property, never the prototype.
      Object.defineProperty(out, key, {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (this.closes('}')) return out;
    }
  }

  array(depth: number): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.i] === ']') return (this.i++, out);
    for (;;) {
      out.push(this.value(depth + 1));
      if (this.closes(']')) return out;
    }
  }

  /** After a member or element: true at `close` (taken), false after a comma; anything else is an error. */
  closes(close: '}' | ']'): boolean {
    this.ws();
    const c = this.s[this.i++];
    if (c === close) return true;
    if (c !== ',') {
      this.i--;
      this.err(`"," atau "${close}" diharapkan`);
    }
    return false;
  }

  string(): string {
    const start = this.i;
    this.i++;
    // Fast path: find the closing quote, then let JSON.parse handle escapes of the validated slice.
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c)) this.err('teks tidak ditutup');
      if (c === 0x22) break;
      if (c < 0x20) this.err('karakter kendali dalam teks');
      if (c === 0x5c) this.i++;
      this.i++;
    }
    this.i++;
    let v: string;
    try {
      v = JSON.parse(this.s.slice(start, this.i)) as string;
    } catch {
      this.i = start;
      return this.err('escape tidak sah dalam teks');
    }
    if (LONE_SURROGATE.test(v)) {
      this.i = start;
      this.err('surrogate tunggal dalam teks');
    }
    return v;
  }
}

/**
 * Duplicate keys and nesting depth of a text that JSON.parse accepted (so the syntax is known to be valid).
 * Returns a message, or undefined when fine. Keys with escapes are decoded, so "a" and "\u0061" collide.
 */
function scanKeys(s: string): string | undefined {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      let end = s.indexOf('"', i + 1);
      for (;;) {
        // A quote preceded by an odd number of backslashes is escaped.
        let b = end - 1;
        while (s.charCodeAt(b) === 0x5c) b--;
        if ((end - 1 - b) % 2 === 0) break;
        end = s.indexOf('"', end + 1);
      }
      if (expectKey) {
        const raw = s.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(s.slice(i, end + 1)) as string) : raw;
        const keys = stack[stack.length - 1]!;
        if (keys.has(key)) return `kolom ${JSON.stringify(key)} muncul dua kali pada posisi ${i}`;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (stack.length >= MAX_DEPTH) return `struktur terlalu dalam pada posisi ${i}`;
      stack.push(c === 0x7b ? new Set() : null);
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/** Lone surrogates (from escapes) and numbers beyond double range (JSON.parse gives Infinity). */
function checkValues(v: unknown): string | undefined {
  if (typeof v === 'string') return LONE_SURROGATE.test(v) ? 'surrogate tunggal dalam teks' : undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : 'angka di luar jangkauan';
  if (Array.isArray(v)) {
    for (const x of v) {
      const m = checkValues(x);
      if (m) return m;
    }
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (LONE_SURROGATE.test(k)) return 'surrogate tunggal dalam nama kolom';
      const m = checkValues(x);
      if (m) return m;
    }
  }
  return undefined;
}

/** Parses JSON text (string, or UTF-8 bytes). Errors are INVALID_JSON with an Indonesian message. */
export function parseJson(input: string | Uint8Array): ParseResult<unknown> {
  let s: string;
  if (typeof input === 'string') s = input;
  else {
    try {
      s = utf8Decode(input);
    } catch (e) {
      if (e instanceof BytesError) return parseFail('INVALID_JSON', `berkas bukan JSON: ${e.message}`);
      throw e;
    }
  }
  // RFC 8259 §8.1 lets a parser ignore a leading BOM (an editor on Windows may add one); nothing else is ignored.
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  // Fast path: native JSON.parse for the value, then a light scan for what it lets through. The hand-written
  // parser runs only on invalid text, to say precisely (in Indonesian) what is wrong and where.
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch {
    return slowParse(s);
  }
  const problem = scanKeys(s) ?? checkValues(value);
  if (problem) return parseFail('INVALID_JSON', `berkas bukan JSON yang sah: ${problem}`);
  return parsed(value);
}

function slowParse(s: string): ParseResult<unknown> {
  const p = new Parser(s);
  try {
    const v = p.value(0);
    p.ws();
    if (p.i !== s.length) p.err('ada teks setelah akhir JSON');
    return parsed(v);
  } catch (e) {
    if (e instanceof JsonSyntax) return parseFail('INVALID_JSON', `berkas bukan JSON yang sah: ${e.message}`);
    if (e instanceof RangeError) return parseFail('INVALID_JSON', 'berkas bukan JSON yang sah: struktur terlalu dalam');
    throw e;
  }
}

/**
 * parseJson's reason as the end of a sentence the caller begins ("Berkas data master bukan JSON yang sah: …"): the
 * parser's own "berkas bukan JSON yang sah:" lead dropped, so it is not said twice, and the position in words.
 */
export function jsonProblem(message: string): string {
  return message
    .replace(/^berkas bukan JSON( yang sah)?: /, '')
    .replace(/ pada posisi (\d+)$/, (_, n: string) => (n === '0' ? ' di awal berkas' : ` setelah ${n} karakter`));
}
