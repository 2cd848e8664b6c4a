import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeCrypto, signPayload, verifyEnvelopeSignature, publicKeyOf } from '../../electron/main/backend/crypto';
import { base45Decode, base45Encode } from './base45';
import { canonicalize } from './canonical';
import { verifyCHasilEnvelope } from './c-hasil';
import { parseEnvelopeBytes } from './envelope';
import { decodeQrSingle, decodeQrText, encodeQrParts, parseQrText, QrAssembler } from './qr';
import { sampleMaster, sampleRecord } from '../../tests/support/format-samples';

// Fixed seeds (Ed25519 is deterministic), so every encoded text is the same on each run.
const SEED_A = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A';
const SEED_B = 'TM0Imyj_ltqdtsNG7BFOD1uKMZ81q6Yk2oz27U-4pvs';

const small = () => signPayload(sampleRecord(), SEED_A, 'kpps-6302142001001');
/** Six photo hashes (incompressible hex) push the text over 1,000 characters. */
function large(seed = SEED_A, salt = 'a') {
  const foto = Array.from({ length: 6 }, (_, i) => ({
    lembar: i + 1,
    sha256: nodeCrypto.sha256(new TextEncoder().encode(`${salt}${i}`)),
  })).map((f) => ({ lembar: f.lembar, sha256: Buffer.from(f.sha256).toString('hex') }));
  return signPayload({ ...sampleRecord(), foto }, seed, 'kpps-6302142001001');
}

const QR_ALNUM = /^[0-9A-Z $%*+\-./:]+$/;

function shuffle<T>(a: T[], seed: number): T[] {
  const out = [...a];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('encodeQrParts', () => {
  it('a small envelope is one PLN1 text, decodable by zlib inflateRaw (interop)', () => {
    const env = small();
    const parts = encodeQrParts(env);
    expect(parts).toHaveLength(1);
    const t = parts[0]!;
    expect(t.startsWith('PLN1:')).toBe(true);
    expect(t.length).toBeLessThanOrEqual(1000);
    expect(QR_ALNUM.test(t)).toBe(true);
    expect(inflateRawSync(base45Decode(t.slice(5))).toString('utf8')).toBe(canonicalize(env));
    const json = decodeQrSingle(t);
    expect(json).toEqual({ ok: true, value: canonicalize(env) });
  });

  it('a large envelope is split into balanced parts of at most 1,000 characters each', () => {
    const env = large();
    const parts = encodeQrParts(env);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(p.startsWith(`PLN1:${i + 1}/${parts.length}:`)).toBe(true);
      expect(QR_ALNUM.test(p)).toBe(true);
    });
    const chunks = parts.map((p) => p.slice(p.indexOf(':', 5) + 1));
    expect(Math.max(...chunks.map((c) => c.length)) - Math.min(...chunks.map((c) => c.length))).toBeLessThanOrEqual(
      parts.length,
    );
    // Concatenated chunks = the single-code data.
    expect(inflateRawSync(base45Decode(chunks.join(''))).toString('utf8')).toBe(canonicalize(env));
  });

  it('respects a smaller maximum and is deterministic', () => {
    const parts = encodeQrParts(small(), { maxTextLength: 200 });
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.every((p) => p.length <= 200)).toBe(true);
    expect(encodeQrParts(small(), { maxTextLength: 200 })).toEqual(parts);
    expect(decodeQrText(parts)).toEqual({ ok: true, value: canonicalize(small()) });
  });
});

describe('QrAssembler', () => {
  it('assembles shuffled parts with duplicates; the envelope verifies', () => {
    const env = large();
    const parts = encodeQrParts(env, { maxTextLength: 300 });
    expect(parts.length).toBeGreaterThan(3);
    const a = new QrAssembler();
    const order = shuffle([...parts, parts[1]!, parts[0]!], 7);
    let last;
    const progress: number[] = [];
    for (const t of order) {
      last = a.add(t);
      if (last.status === 'partial') progress.push(last.have);
      if (last.status === 'complete') break;
    }
    expect(last?.status).toBe('complete');
    if (last?.status !== 'complete') return;
    expect(last.texts).toEqual(parts);
    expect(Math.max(...progress)).toBe(parts.length - 1);
    const parsed = parseEnvelopeBytes(last.envelopeJson);
    expect(parsed.ok && verifyEnvelopeSignature(parsed.value, publicKeyOf(SEED_A))).toBe(true);
    expect(a.pending()).toEqual([]);
  });

  it('reports a duplicate part as such', () => {
    const parts = encodeQrParts(large(), { maxTextLength: 300 });
    const a = new QrAssembler();
    expect(a.add(parts[2]!)).toMatchObject({
      status: 'partial',
      have: 1,
      total: parts.length,
      key: `n=${parts.length}`,
      duplicate: false,
    });
    expect(a.add(parts[2]!)).toMatchObject({ status: 'partial', have: 1, duplicate: true });
    expect(a.pending()).toEqual([
      {
        key: `n=${parts.length}`,
        have: 1,
        total: parts.length,
        missing: Array.from({ length: parts.length }, (_, i) => i + 1).filter((i) => i !== 3),
      },
    ]);
  });

  it('a part of another set at a held index drops the older set and starts the new one', () => {
    const a1 = encodeQrParts(large(SEED_A, 'a'), { maxTextLength: 400 });
    const b1 = encodeQrParts(large(SEED_B, 'b'), { maxTextLength: 400 });
    expect(a1.length).toBe(b1.length);
    const asm = new QrAssembler();
    asm.add(a1[0]!);
    asm.add(a1[1]!);
    const r = asm.add(b1[0]!);
    expect(r).toMatchObject({ status: 'error', code: 'QR_CONFLICT', texts: [a1[0], a1[1]] });
    if (r.status === 'error') expect(r.message).toMatch(/kumpulan sebelumnya \(2 bagian\) dibuang/);
    let last;
    for (const t of b1.slice(1)) last = asm.add(t);
    expect(last?.status === 'complete' && last.envelopeJson).toBe(canonicalize(large(SEED_B, 'b')));
  });

  it('a set completed from parts of two sets is reported with its texts for quarantine', () => {
    const a1 = encodeQrParts(large(SEED_A, 'a'), { maxTextLength: 400 });
    const b1 = encodeQrParts(large(SEED_B, 'b'), { maxTextLength: 400 });
    const mixed = [a1[0]!, ...b1.slice(1)];
    const asm = new QrAssembler();
    let last;
    for (const t of mixed) last = asm.add(t);
    expect(last?.status).toBe('error');
    if (last?.status === 'error') {
      expect(last.texts).toEqual(mixed);
      expect(last.message).toMatch(/rusak/);
    }
    expect(asm.pending()).toEqual([]);
  });

  it('a garbled part (a character changed within the alphabet) is rejected when the set completes', () => {
    const parts = encodeQrParts(large(), { maxTextLength: 400 });
    const p = parts[1]!;
    const pos = p.length - 10;
    const garbled = p.slice(0, pos) + (p[pos] === 'A' ? 'B' : 'A') + p.slice(pos + 1);
    const asm = new QrAssembler();
    let last;
    for (const t of [parts[0]!, garbled, ...parts.slice(2)]) last = asm.add(t);
    // Either the stream breaks (inflate/JSON) or, if it happened to stay JSON, the signature no longer verifies.
    if (last?.status === 'complete') {
      const env = parseEnvelopeBytes(last.envelopeJson);
      expect(env.ok && verifyEnvelopeSignature(env.value, publicKeyOf(SEED_A))).toBe(false);
    } else {
      expect(last?.status).toBe('error');
    }
  });

  it.each([
    ['not Pleno', 'HELLO', 'QR_BAD_TEXT'],
    ['lowercase data', 'PLN1:abc', 'QR_BAD_BASE45'],
    ['empty data', 'PLN1:', 'QR_BAD_BASE45'],
    ['index above total', 'PLN1:3/2:ABC', 'QR_BAD_TEXT'],
    ['empty chunk', 'PLN1:1/2:', 'QR_BAD_BASE45'],
    ['bad base45 group', 'PLN1:GGW', 'QR_BAD_BASE45'],
    ['not deflate', 'PLN1:' + base45Encode(new Uint8Array([0xff, 0xff, 0xff])), 'QR_BAD_DEFLATE'],
  ])('rejects a text that is %s', (_name, text, code) => {
    const r = new QrAssembler().add(text);
    expect(r).toMatchObject({ status: 'error', code, texts: [text] });
  });

  it('rejects deflated data that is not JSON', () => {
    const r = decodeQrSingle('PLN1:' + base45Encode(new Uint8Array(deflateRawSync(Buffer.from('not json')))));
    expect(!r.ok && r.error.code).toBe('QR_BAD_DEFLATE');
  });

  it('rejects a deflate bomb without inflating it fully', () => {
    const bomb = deflateRawSync(Buffer.alloc(300 * 1024, 0x20));
    const r = decodeQrSingle('PLN1:' + base45Encode(new Uint8Array(bomb)));
    expect(!r.ok && r.error.code).toBe('QR_TOO_LARGE');
  });
});

describe('decodeQrText', () => {
  it('decodes a full set in any order and rejects incomplete or mixed lists', () => {
    const parts = encodeQrParts(large(), { maxTextLength: 400 });
    expect(decodeQrText(shuffle(parts, 3))).toEqual({ ok: true, value: canonicalize(large()) });
    const missing = decodeQrText(parts.slice(1));
    expect(!missing.ok && missing.error.message).toMatch(/belum lengkap: .* \(kurang bagian 1\)/);
    const extra = decodeQrText([...parts, encodeQrParts(small())[0]!]);
    expect(!extra.ok && extra.error.code).toBe('QR_CONFLICT');
    expect(decodeQrSingle(parts[0]!).ok).toBe(false);
  });
});

describe('single vs multi-part texts cannot be confused', () => {
  it('no valid raw-deflate stream encodes to a text starting with <digit>/<digit>', () => {
    // A single text matching PLN1:<i>/<n>: would start with the base45 group (i, "/", first digit of n):
    // its first byte is value >> 8; we require its deflate block type (bits 1–2) to be 3 (reserved, invalid).
    for (let i = 0; i <= 9; i++) {
      for (let n = 0; n <= 9; n++) {
        const value = i + 41 * 45 + n * 2025;
        expect(((value >> 8) >> 1) & 3).toBe(3);
      }
    }
    // And a two-digit index would make the first group (d, d, "/") exceed 65535: not base45 at all.
    expect(() => base45Decode('12/')).toThrow();
    expect(parseQrText('PLN1:1/2:ABC')).toEqual({
      ok: true,
      value: { kind: 'part', index: 1, total: 2, chunk: 'ABC' },
    });
  });
});

describe('end to end with the C.Hasil verifier', () => {
  it('a QR-transferred record verifies against the master', () => {
    const m = sampleMaster();
    m.perangkat[0]!.publicKey = publicKeyOf(SEED_A);
    const json = decodeQrText(encodeQrParts(large()));
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const r = verifyCHasilEnvelope(JSON.parse(json.value), { master: m, crypto: nodeCrypto });
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });
});

describe('QrAssembler: single codes, pending parts and reset', () => {
  it('a single code completes at once with its envelope text', () => {
    const [text] = encodeQrParts(small());
    expect(new QrAssembler().add(text!)).toEqual({
      status: 'complete',
      envelopeJson: canonicalize(small()),
      texts: [text],
    });
  });

  it('lists the texts of incomplete sets in part order (to quarantine them), and forgets them on reset', () => {
    const a1 = encodeQrParts(large(SEED_A, 'a'), { maxTextLength: 300 });
    const b1 = encodeQrParts(large(SEED_B, 'b'), { maxTextLength: 700 });
    expect(a1.length).not.toBe(b1.length);
    const asm = new QrAssembler();
    expect(asm.pendingTexts()).toEqual([]);
    asm.add(a1[2]!);
    asm.add(a1[0]!);
    asm.add(b1[1]!);
    expect(asm.pendingTexts()).toEqual([a1[0], a1[2], b1[1]]);
    expect(asm.pending().map((p) => [p.total, p.have])).toEqual([
      [a1.length, 2],
      [b1.length, 1],
    ]);
    asm.reset();
    expect(asm.pendingTexts()).toEqual([]);
    expect(asm.pending()).toEqual([]);
    // After a reset the same part starts a new set rather than counting as a duplicate.
    expect(asm.add(a1[0]!)).toMatchObject({ status: 'partial', have: 1, duplicate: false });
  });

  it('inflated bytes that are not UTF-8 are reported as a damaged code', () => {
    const r = decodeQrSingle('PLN1:' + base45Encode(new Uint8Array(deflateRawSync(Buffer.from([0x22, 0xff, 0x22])))));
    expect(!r.ok && r.error.code).toBe('QR_BAD_DEFLATE');
    expect(!r.ok && r.error.message).toMatch(/^kode QR Pleno rusak: .*UTF-8/);
  });
});
