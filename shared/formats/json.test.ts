import { describe, expect, it } from 'vitest';
import { jsonProblem, parseJson } from './json';
import { utf8Encode } from './bytes';

describe('parseJson (strict)', () => {
  it.each([
    '{"a":1,"b":[true,false,null,"x\\u00e9\\n",-0.5e2]}',
    '  [ ]  ',
    '"\\ud83d\\ude00"',
    '{"__proto__":{"x":1}}',
    '0',
    '{"a":"x,\\"b\\":{[","b":1,"c":{"a":2}}',
    '{"a\\\\":1,"a":2}',
    '['.repeat(64) + ']'.repeat(64),
    '{"a":"a"}',
    '["a","a"]',
    '[{"a":1},{"a":2}]',
    '{"k":"a\\"b","k2":"k"}',
    '{"a\\"":1,"a":2}',
  ])('parses like JSON.parse: %s', (s) => {
    expect(parseJson(s)).toEqual({ ok: true, value: JSON.parse(s) });
  });

  it('keeps "__proto__" as an own property', () => {
    const r = parseJson('{"__proto__":1}');
    expect(r.ok && Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it.each([
    ['duplicate key', '{"sah":5,"sah":500}', /muncul dua kali/],
    ['nested duplicate', '{"a":{"b":1,"b":1}}', /muncul dua kali/],
    ['duplicate in an array of objects', '[{"a":1},{"a":1,"c":[{"x":1}],"a":2}]', /"a" muncul dua kali/],
    ['duplicate spelled with an escape', '{"a":1,"\\u0061":2}', /"a" muncul dua kali/],
    ['duplicate key ending in a backslash', '{"a\\\\":1,"a\\\\":2}', /muncul dua kali/],
    ['lone surrogate in a key', '{"\\udc00":1}', /surrogate/],
    ['duplicate key with an escaped quote', '{"a\\"":1,"a\\"":2}', /"a\\"" muncul dua kali/],
    ['duplicate key ending in backslash and quote', '{"a\\\\\\"":1,"a\\\\\\"":2}', /muncul dua kali/],
    ['a huge number in a list', '[1,1e400]', /jangkauan/],
    ['a huge number in an object', '{"a":{"b":1e400}}', /jangkauan/],
    ['a lone surrogate in a list', '["ok","\\ud800"]', /surrogate tunggal dalam teks/],
    ['a lone surrogate in an object', '{"a":{"b":"\\udc00"}}', /surrogate tunggal dalam teks/],
    ['deep nesting of valid JSON', '['.repeat(65) + ']'.repeat(65), /terlalu dalam/],
    ['trailing comma', '{"a":1,}', /diharapkan/],
    ['single quotes', "{'a':1}", /nama kolom/],
    ['leading zero', '01', /setelah akhir/],
    ['NaN', 'NaN', /tak terduga/],
    ['lone surrogate', '"\\ud800"', /surrogate/],
    ['raw control char', '"a\nb"', /kendali/],
    ['bad escape', '"\\x41"', /escape/],
    ['unterminated', '{"a":', /berakhir/],
    ['two values', '1 2', /setelah akhir/],
    ['huge number', '1e400', /jangkauan/],
    ['empty', '', /berakhir/],
  ])('rejects %s', (_name, s, msg) => {
    const r = parseJson(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_JSON');
      expect(r.error.message).toMatch(msg);
    }
  });

  it('decodes UTF-8 bytes strictly and ignores one leading BOM', () => {
    expect(parseJson(utf8Encode('\ufeff{"a":"é"}'))).toEqual({ ok: true, value: { a: 'é' } });
    const bad = parseJson(new Uint8Array([0x22, 0xff, 0x22]));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/UTF-8/);
  });

  it('rejects deep nesting instead of overflowing the stack', () => {
    const r = parseJson('['.repeat(10000) + ']'.repeat(10000));
    expect(r.ok).toBe(false);
  });
});

describe('parseJson names where invalid text goes wrong', () => {
  // The hand-written parser reads everything valid before the fault; the position must be the fault's.
  it.each([
    ['after literals', '[true,false,null,]', 'karakter tak terduga pada posisi 17'],
    ['after empty containers', '{"a":{},"b":[],}', 'nama kolom diharapkan pada posisi 15'],
    ['a missing comma in an object', '{"a":1 "b":2}', '"," atau "}" diharapkan pada posisi 7'],
    ['a missing comma in an array', '[1 2]', '"," atau "]" diharapkan pada posisi 3'],
    ['a lone surrogate before the fault', '["\\ud800",]', 'surrogate tunggal dalam teks pada posisi 1'],
    ['a bad escape before the fault', '[1,"\\q",]', 'escape tidak sah dalam teks pada posisi 3'],
    ['a literal cut short', '[tru]', 'karakter tak terduga pada posisi 1'],
    ['a missing colon', '{"a" 1}', '":" diharapkan pada posisi 5'],
    ['a false cut short', '[fals]', 'karakter tak terduga pada posisi 1'],
    ['a null cut short', '[nul]', 'karakter tak terduga pada posisi 1'],
    ['a number beyond double range', '[1e400,]', 'angka di luar jangkauan pada posisi 6'],
    ['a duplicate key', '{"a":1,"a":2,}', 'kolom "a" muncul dua kali pada posisi 10'],
    ['after a closed object', '[{"a":1},]', 'karakter tak terduga pada posisi 9'],
    ['after a closed array', '[[1],]', 'karakter tak terduga pada posisi 5'],
    ['65 levels deep', '['.repeat(65) + 'x', 'struktur terlalu dalam pada posisi 65'],
    ['64 levels deep', '['.repeat(64) + 'x', 'karakter tak terduga pada posisi 64'],
    ['65 objects deep', '{"a":'.repeat(65) + 'x', 'struktur terlalu dalam pada posisi 325'],
    ['64 objects deep', '{"a":'.repeat(64) + 'x', 'karakter tak terduga pada posisi 320'],
    ['an unclosed text', '["abc', 'teks tidak ditutup pada posisi 5'],
    ['a space in a text before the fault', '[" a",]', 'karakter tak terduga pada posisi 6'],
    ['an escaped quote in a text before the fault', '["a\\"b",]', 'karakter tak terduga pada posisi 8'],
  ])('%s', (_name, text, message) => {
    expect(parseJson(text)).toEqual({
      ok: false,
      error: { code: 'INVALID_JSON', message: `berkas bukan JSON yang sah: ${message}` },
    });
  });
});

describe('jsonProblem', () => {
  it("drops the parser's lead and says the position in words", () => {
    const first = parseJson('xyz');
    expect(!first.ok && jsonProblem(first.error.message)).toBe('karakter tak terduga di awal berkas');
    const later = parseJson('{"a": 1,}');
    expect(!later.ok && jsonProblem(later.error.message)).toBe('nama kolom diharapkan setelah 8 karakter');
    expect(jsonProblem('berkas bukan JSON: bukan UTF-8 yang sah')).toBe('bukan UTF-8 yang sah');
    expect(jsonProblem('struktur terlalu dalam')).toBe('struktur terlalu dalam');
  });

  it('reads a position of several digits, and only a lead at the start and a position at the end', () => {
    const far = parseJson('{"aaaaaaaaaaaa": 1,}');
    expect(!far.ok && jsonProblem(far.error.message)).toBe('nama kolom diharapkan setelah 19 karakter');
    expect(jsonProblem('isi: berkas bukan JSON yang sah: x')).toBe('isi: berkas bukan JSON yang sah: x');
    expect(jsonProblem('angka pada posisi 12 terlalu besar')).toBe('angka pada posisi 12 terlalu besar');
  });
});
