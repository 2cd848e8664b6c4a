// The QR text codec of docs/design.md §3.4: `PLN1:` + base45(deflate-raw(UTF-8 of JCS(signed envelope))), split into
// `PLN1:<i>/<n>:<chunk>` parts when longer than 1,000 characters; and an assembler for parts scanned in any order.
//
// Exports: QR_PREFIX, QR_MAX_TEXT_LENGTH, encodeQrParts(envelope, opts?) → string[] (alias encodeQrText),
// parseQrText(text) → ParseResult<QrTextInfo>, decodeQrSingle(text) → ParseResult<string>,
// decodeQrText(parts) → ParseResult<string>, class QrAssembler { add(text), pending(), reset() }.
//
// Readings of the spec chosen here:
// - "Over 1,000 characters" is measured on the whole single text (`PLN1:` included). When split, EVERY part's
//   whole text (prefix `PLN1:i/n:` included) is at most 1,000 characters; chunks are balanced (equal lengths but
//   the last), so all codes of a set have about the same QR version.
// - The JSON encoded is the JCS of the whole envelope; photos are not carried (their hashes stay in the payload).
// - Single vs multi-part texts cannot be confused: a multi-part text starts `PLN1:<digit>/`; a single text
//   starting so would have a first deflate byte of block type 3 (reserved), which no valid stream has
//   (checked exhaustively in qr.test.ts).
// - Parts carry only i/n, so two sets with the same n cannot be told apart by their headers. The assembler keeps
//   one pending set per n; a part whose index is held with a different chunk is a conflict: the held (older,
//   incomplete) set is dropped and reported (its texts returned for quarantine), and the new part starts a fresh
//   set. A set completed from parts of two sets fails to inflate or to parse as JSON (reported with all its texts);
//   if it did decode, the signature check of the importer would reject it.

import { deflateSync, inflateSync } from 'fflate';
import { type SignedEnvelope } from '../domain/model';
import { Base45Error, base45Decode, base45Encode, isBase45Text } from './base45';
import { BytesError, utf8Decode, utf8Encode } from './bytes';
import { canonicalize } from './canonical';
import { parseJson } from './json';
import { type ParseErrorCode, type ParseResult, ParseFailure, parseFail, parsed, runParser } from './parse-result';

export const QR_PREFIX = 'PLN1:';
export const QR_MAX_TEXT_LENGTH = 1000;
/** Most parts accepted in one set, and the largest decoded envelope: far above any C.Hasil (≈ 1–3 KB). */
export const QR_MAX_PARTS = 99;
export const QR_MAX_JSON_BYTES = 256 * 1024;

const MULTI = /^PLN1:([1-9][0-9]{0,1})\/([1-9][0-9]{0,1}):(.*)$/s;

export type QrTextInfo =
  { kind: 'single'; data: string } | { kind: 'part'; index: number; total: number; chunk: string };

/** Parses the text of one code (no decoding of the data beyond its alphabet). */
export function parseQrText(text: string): ParseResult<QrTextInfo> {
  if (!text.startsWith(QR_PREFIX)) return parseFail('QR_BAD_TEXT', 'bukan kode QR Pleno (tidak diawali PLN1:)');
  const m = MULTI.exec(text);
  if (m) {
    const index = Number(m[1]);
    const total = Number(m[2]);
    const chunk = m[3]!;
    if (index > total) return parseFail('QR_BAD_TEXT', `kode QR Pleno bagian ${index}/${total} tidak sah`);
    if (chunk.length === 0 || !isBase45Text(chunk))
      return parseFail('QR_BAD_BASE45', `kode QR Pleno bagian ${index}/${total} rusak (karakter tidak sah)`);
    return parsed({ kind: 'part', index, total, chunk });
  }
  const data = text.slice(QR_PREFIX.length);
  if (data.length === 0 || !isBase45Text(data))
    return parseFail('QR_BAD_BASE45', 'kode QR Pleno rusak (karakter tidak sah)');
  return parsed({ kind: 'single', data });
}

/** Base45 text → inflated UTF-8 JSON text, checked to be JSON (duplicate keys rejected). */
function decodeData(b45: string): ParseResult<string> {
  return runParser(() => {
    const deflated = broken('QR_BAD_BASE45', Base45Error, () => base45Decode(b45));
    let raw: Uint8Array;
    try {
      // A fixed output buffer: a deflate bomb cannot grow memory; one byte over the limit means "too large".
      raw = inflateSync(deflated, { out: new Uint8Array(QR_MAX_JSON_BYTES + 1) });
    } catch {
      throw new ParseFailure('QR_BAD_DEFLATE', 'kode QR Pleno rusak: data tidak dapat didekompresi');
    }
    if (raw.length > QR_MAX_JSON_BYTES) throw new ParseFailure('QR_TOO_LARGE', 'isi kode QR Pleno terlalu besar');
    const text = broken('QR_BAD_DEFLATE', BytesError, () => utf8Decode(raw));
    const j = parseJson(text);
    if (!j.ok) throw new ParseFailure('QR_BAD_DEFLATE', `kode QR Pleno rusak: ${j.error.message}`);
    return text;
  });
}

/** One decoding step: an error of its `known` class means a broken code; any other error is a bug and propagates. */
function broken<T>(code: ParseErrorCode, known: new (message: string) => Error, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof known) throw new ParseFailure(code, `kode QR Pleno rusak: ${e.message}`);
    throw e;
  }
}

/**
 * The QR texts of a signed envelope: one `PLN1:<data>` text when it fits in maxTextLength (default 1,000)
 * characters, else n balanced parts `PLN1:i/n:<chunk>`, each at most maxTextLength characters in all.
 */
export function encodeQrParts(envelope: SignedEnvelope<unknown>, opts: { maxTextLength?: number } = {}): string[] {
  const max = opts.maxTextLength ?? QR_MAX_TEXT_LENGTH;
  const data = base45Encode(deflateSync(utf8Encode(canonicalize(envelope)), { level: 9 }));
  if (QR_PREFIX.length + data.length <= max) return [QR_PREFIX + data];
  for (let n = 2; n <= QR_MAX_PARTS; n++) {
    const room = max - `${QR_PREFIX}${n}/${n}:`.length;
    if (room <= 0) break;
    if (room * n < data.length) continue;
    const size = Math.ceil(data.length / n);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(`${QR_PREFIX}${i + 1}/${n}:${data.slice(i * size, (i + 1) * size)}`);
    if (parts.every((p) => p.length > `${QR_PREFIX}${n}/${n}:`.length)) return parts;
  }
  throw new Error(`encodeQrParts: envelope too large for ${QR_MAX_PARTS} QR parts of ${max} characters`);
}

/** Alias of encodeQrParts (the name used in the team brief). */
export const encodeQrText = encodeQrParts;

/** Decodes a single-part text to the envelope JSON text. */
export function decodeQrSingle(text: string): ParseResult<string> {
  const p = parseQrText(text);
  if (!p.ok) return p;
  if (p.value.kind !== 'single')
    return parseFail('QR_BAD_TEXT', `kode QR Pleno ini bagian ${p.value.index}/${p.value.total}, bukan kode tunggal`);
  return decodeData(p.value.data);
}

/**
 * Decodes one complete set: a single text, or all n parts in any order (exact duplicates ignored). Texts of any
 * other set, or left over after the envelope is complete, reject the whole list.
 */
export function decodeQrText(texts: readonly string[]): ParseResult<string> {
  const a = new QrAssembler();
  let done: { json: string; texts: string[] } | undefined;
  for (const t of texts) {
    if (done) {
      if (done.texts.includes(t)) continue;
      return parseFail('QR_CONFLICT', 'ada kode QR Pleno dari kumpulan lain');
    }
    const r = a.add(t);
    if (r.status === 'error') return parseFail(r.code, r.message);
    if (r.status === 'complete') done = { json: r.envelopeJson, texts: r.texts };
  }
  if (done)
    return a.pending().length === 0
      ? parsed(done.json)
      : parseFail('QR_CONFLICT', 'ada kode QR Pleno dari kumpulan lain');
  const p = a.pending();
  if (p.length === 0) return parseFail('QR_BAD_TEXT', 'tidak ada kode QR Pleno');
  if (p.length > 1) return parseFail('QR_CONFLICT', 'kode QR Pleno berasal dari beberapa kumpulan');
  return parseFail(
    'QR_BAD_TEXT',
    `kode QR Pleno belum lengkap: ${p[0]!.have} dari ${p[0]!.total} bagian (kurang bagian ${p[0]!.missing.join(', ')})`,
  );
}

export type QrAddResult =
  | {
      status: 'complete';
      envelopeJson: string;
      /** The texts the envelope came from, in part order. */ texts: string[];
    }
  | {
      status: 'partial';
      have: number;
      total: number;
      /** Identifies the pending set (`n=<total>`). */ key: string;
      duplicate: boolean;
    }
  | {
      status: 'error';
      code: ParseErrorCode;
      message: string;
      /** Texts dropped because of this error, for quarantine. */ texts: string[];
    };

/**
 * Collects scanned texts into envelopes. Single texts complete at once; parts are kept per n until all n are in.
 * Exact duplicate parts are ignored; a different chunk for a held index drops the older set (see module comment).
 */
export class QrAssembler {
  private readonly sets = new Map<number, Map<number, string>>();

  add(text: string): QrAddResult {
    const p = parseQrText(text);
    if (!p.ok) return { status: 'error', code: p.error.code, message: p.error.message, texts: [text] };
    const info = p.value;
    if (info.kind === 'single') {
      const d = decodeData(info.data);
      return d.ok
        ? { status: 'complete', envelopeJson: d.value, texts: [text] }
        : { status: 'error', code: d.error.code, message: d.error.message, texts: [text] };
    }
    const { index, total, chunk } = info;
    const key = `n=${total}`;
    let set = this.sets.get(total);
    if (set?.has(index)) {
      if (set.get(index) === chunk) return { status: 'partial', have: set.size, total, key, duplicate: true };
      const dropped = [...set.entries()].sort((a, b) => a[0] - b[0]).map(([i, c]) => `${QR_PREFIX}${i}/${total}:${c}`);
      this.sets.set(total, new Map([[index, chunk]]));
      return {
        status: 'error',
        code: 'QR_CONFLICT',
        message: `bagian ${index}/${total} berbeda dengan bagian yang sudah dipindai: kumpulan sebelumnya (${dropped.length} bagian) dibuang, pindai ulang semua bagian`,
        texts: dropped,
      };
    }
    if (!set) {
      set = new Map();
      this.sets.set(total, set);
    }
    set.set(index, chunk);
    if (set.size < total) return { status: 'partial', have: set.size, total, key, duplicate: false };
    this.sets.delete(total);
    const ordered = [...set.entries()].sort((a, b) => a[0] - b[0]);
    const texts = ordered.map(([i, c]) => `${QR_PREFIX}${i}/${total}:${c}`);
    const d = decodeData(ordered.map(([, c]) => c).join(''));
    if (!d.ok) {
      return {
        status: 'error',
        code: d.error.code,
        message: `${d.error.message} (${total} bagian; mungkin tercampur dengan kumpulan lain)`,
        texts,
      };
    }
    return { status: 'complete', envelopeJson: d.value, texts };
  }

  /** Sets still waiting for parts. */
  pending(): { key: string; have: number; total: number; missing: number[] }[] {
    return [...this.sets.entries()].map(([total, set]) => ({
      key: `n=${total}`,
      have: set.size,
      total,
      missing: Array.from({ length: total }, (_, i) => i + 1).filter((i) => !set.has(i)),
    }));
  }

  /** Texts of every pending part (e.g. to quarantine an incomplete set at the end of an import). */
  pendingTexts(): string[] {
    return [...this.sets.entries()].flatMap(([total, set]) =>
      [...set.entries()].sort((a, b) => a[0] - b[0]).map(([i, c]) => `${QR_PREFIX}${i}/${total}:${c}`),
    );
  }

  reset(): void {
    this.sets.clear();
  }
}
