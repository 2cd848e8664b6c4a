// The QR codec of docs/design.md §3.4 at its limits and on each branch (issue 16, mutation testing): a text exactly
// at the length limit, parts exactly filling their room, the 99-part ceiling, the 256 KiB decoded limit, and every
// refusal of decodeQrText and the assembler with its wording.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeCrypto, signPayload } from '../../electron/main/backend/crypto';
import { base45Encode } from './base45';
import { decodeQrSingle, decodeQrText, encodeQrParts, QR_MAX_JSON_BYTES, QR_MAX_PARTS, QrAssembler } from './qr';
import { sampleRecord } from '../../tests/support/format-samples';

const SEED = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A';
const UNLIMITED = { maxTextLength: 1_000_000 };

/** A record carrying `n` photo hashes (incompressible hex): the encoded text grows with n. */
function envelopeWith(n: number, salt = 'x') {
  const foto = Array.from({ length: n }, (_, i) => ({
    lembar: i + 1,
    sha256: Buffer.from(nodeCrypto.sha256(new TextEncoder().encode(`${salt}${i}`))).toString('hex'),
  }));
  return signPayload({ ...sampleRecord(), foto }, SEED, 'kpps-6302142001001');
}

/** The base45 data of an envelope (its single text without `PLN1:`). */
const dataOf = (env: ReturnType<typeof envelopeWith>) => encodeQrParts(env, UNLIMITED)[0]!.slice('PLN1:'.length);

const single = (bytes: Uint8Array) => `PLN1:${base45Encode(deflateRawSync(bytes))}`;

describe('encodeQrParts at its limits', () => {
  const env = envelopeWith(3);
  const text = encodeQrParts(env, UNLIMITED)[0]!;

  it('a text exactly at the limit stays single; one character over splits it', () => {
    expect(encodeQrParts(env, { maxTextLength: text.length })).toEqual([text]);
    const split = encodeQrParts(env, { maxTextLength: text.length - 1 });
    expect(split.length).toBe(2);
    expect(decodeQrText([text]).ok).toBe(true);
    expect(decodeQrText(split)).toEqual(decodeQrText([text]));
  });

  it('parts exactly filling their room are used as they are, each within the limit', () => {
    // Find a record whose data splits evenly in 2, 3 or 4: then room × n = length exactly.
    for (let k = 0; k < 40; k++) {
      const e = envelopeWith(4, `salt${k}`);
      const d = dataOf(e);
      const n = [2, 3, 4].find((x) => d.length % x === 0);
      if (!n) continue;
      const max = d.length / n + `PLN1:${n}/${n}:`.length;
      const parts = encodeQrParts(e, { maxTextLength: max });
      expect(parts).toHaveLength(n);
      for (const p of parts) expect(p.length).toBe(max);
      expect(parts.map((p) => p.slice(`PLN1:${n}/${n}:`.length)).join('')).toBe(d);
      return;
    }
    throw new Error('no record length divisible by 2, 3 or 4 found');
  });

  it(`splits into at most ${QR_MAX_PARTS} parts, then refuses`, () => {
    const e = envelopeWith(260);
    const d = dataOf(e).length;
    const room = Math.ceil(d / QR_MAX_PARTS);
    expect(room * (QR_MAX_PARTS - 1)).toBeLessThan(d); // 98 parts of this room are not enough
    const max = room + `PLN1:${QR_MAX_PARTS}/${QR_MAX_PARTS}:`.length;
    const parts = encodeQrParts(e, { maxTextLength: max });
    expect(parts).toHaveLength(QR_MAX_PARTS);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(max);
    expect(decodeQrText([...parts].reverse()).ok).toBe(true);
    expect(() => encodeQrParts(e, { maxTextLength: max - 1 })).toThrow(
      `encodeQrParts: envelope too large for ${QR_MAX_PARTS} QR parts of ${max - 1} characters`,
    );
  });
});

describe('decoding limits', () => {
  it(`decodes up to ${QR_MAX_JSON_BYTES} bytes of JSON, not one more`, () => {
    const json = (n: number) => new TextEncoder().encode(`"${'a'.repeat(n - 2)}"`);
    const at = decodeQrSingle(single(json(QR_MAX_JSON_BYTES)));
    expect(at.ok && at.value.length).toBe(QR_MAX_JSON_BYTES);
    expect(decodeQrSingle(single(json(QR_MAX_JSON_BYTES + 1)))).toEqual({
      ok: false,
      error: { code: 'QR_TOO_LARGE', message: 'isi kode QR Pleno terlalu besar' },
    });
  });

  it('decodeQrSingle refuses a text that is not a Pleno code, and a part, without throwing', () => {
    expect(decodeQrSingle('bukan kode')).toMatchObject({ ok: false, error: { code: 'QR_BAD_TEXT' } });
    const parts = encodeQrParts(envelopeWith(3), { maxTextLength: 200 });
    expect(decodeQrSingle(parts[1]!)).toMatchObject({
      ok: false,
      error: { code: 'QR_BAD_TEXT', message: `kode QR Pleno ini bagian 2/${parts.length}, bukan kode tunggal` },
    });
  });
});

describe('decodeQrText on each kind of list', () => {
  const a = encodeQrParts(envelopeWith(3, 'a'), { maxTextLength: 300 });
  const b = encodeQrParts(envelopeWith(3, 'b'), { maxTextLength: 200 });
  const one = encodeQrParts(envelopeWith(0), UNLIMITED)[0]!;

  it('the two sets differ in their number of parts', () => {
    expect(a.length).toBeGreaterThan(1);
    expect(b.length).toBeGreaterThan(a.length);
  });

  it('ignores a text of the completed set scanned again after it completed', () => {
    const whole = decodeQrText(a);
    expect(whole.ok).toBe(true);
    expect(decodeQrText([...a, a[0]!, a.at(-1)!])).toEqual(whole);
  });

  it('refuses the list at its first bad text, even when a good code follows', () => {
    expect(decodeQrText(['PLN1:bukan base45 ~', one])).toMatchObject({ ok: false, error: { code: 'QR_BAD_BASE45' } });
  });

  it('refuses a part of another set held when the envelope completed, and a text of another set after it', () => {
    const mixed = { ok: false, error: { code: 'QR_CONFLICT', message: 'ada kode QR Pleno dari kumpulan lain' } };
    expect(decodeQrText([b[0]!, one])).toEqual(mixed);
    expect(decodeQrText([one, b[0]!])).toEqual(mixed);
  });

  it('says there is nothing, several incomplete sets, or which parts one set lacks', () => {
    expect(decodeQrText([])).toEqual({ ok: false, error: { code: 'QR_BAD_TEXT', message: 'tidak ada kode QR Pleno' } });
    expect(decodeQrText([a[0]!, b[0]!])).toEqual({
      ok: false,
      error: { code: 'QR_CONFLICT', message: 'kode QR Pleno berasal dari beberapa kumpulan' },
    });
    const missing = b.map((_, i) => i + 1).filter((i) => i !== 2);
    expect(decodeQrText([b[1]!])).toEqual({
      ok: false,
      error: {
        code: 'QR_BAD_TEXT',
        message: `kode QR Pleno belum lengkap: 1 dari ${b.length} bagian (kurang bagian ${missing.join(', ')})`,
      },
    });
  });
});

describe('QrAssembler conflicts', () => {
  it('returns the dropped set in part order, whatever order it was scanned in', () => {
    const parts = encodeQrParts(envelopeWith(3, 'c'), { maxTextLength: 150 });
    const n = parts.length;
    expect(n).toBeGreaterThan(3);
    const other = encodeQrParts(envelopeWith(3, 'd'), { maxTextLength: 150 });
    expect(other.length).toBe(n);
    const asm = new QrAssembler();
    for (const i of [2, 0, 1]) expect(asm.add(parts[i]!).status).toBe('partial');
    const r = asm.add(other[0]!);
    expect(r).toEqual({
      status: 'error',
      code: 'QR_CONFLICT',
      message: `bagian 1/${n} berbeda dengan bagian yang sudah dipindai: kumpulan sebelumnya (3 bagian) dibuang, pindai ulang semua bagian`,
      texts: [parts[0], parts[1], parts[2]],
    });
  });
});
