import { describe, expect, it } from 'vitest';
import { indexMaster, parseMaster } from './master';
import { sampleMaster } from '../../tests/support/format-samples';

type Mutator = (m: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

function mutated(f: Mutator): unknown {
  const m = structuredClone(sampleMaster()) as unknown as Record<string, unknown>;
  f(m);
  return m;
}

describe('parseMaster', () => {
  it('accepts the sample and returns an equal, fresh object', () => {
    const input = sampleMaster();
    const r = parseMaster(input);
    expect(r).toEqual({ ok: true, value: input });
    expect(r.ok && r.value).not.toBe(input);
  });

  it('accepts empty ppk and perangkat lists', () => {
    expect(parseMaster(mutated((m) => ((m.ppk = []), (m.perangkat = [])))).ok).toBe(true);
  });

  it.each<[string, Mutator, string, string, RegExp?]>([
    ['wrong format', (m) => (m.format = 'pleno.c-hasil/1'), 'format', 'WRONG_FORMAT'],
    ['unknown top-level field', (m) => (m.versi = 2), 'versi', 'UNKNOWN_FIELD'],
    ['missing ppk', (m) => delete m.ppk, 'ppk', 'MISSING_FIELD'],
    ['provinsi kode 3 digits', (m) => (m.provinsi.kode = '630'), 'provinsi.kode', 'BAD_VALUE', /kode 2 angka/],
    ['provinsi kode not digits', (m) => (m.provinsi.kode = '6A'), 'provinsi.kode', 'BAD_VALUE'],
    [
      'kabkota outside provinsi',
      (m) => (m.kabkota.kode = '6402'),
      'kabkota.kode',
      'BAD_VALUE',
      /diawali kode provinsi 63/,
    ],
    ['kecamatan outside kabkota', (m) => (m.kecamatan.kode = '630314'), 'kecamatan.kode', 'BAD_VALUE'],
    ['kecamatan 5 digits', (m) => (m.kecamatan.kode = '63021'), 'kecamatan.kode', 'BAD_VALUE'],
    ['empty kecamatan name', (m) => (m.kecamatan.nama = ' '), 'kecamatan.nama', 'BAD_VALUE'],
    ['extra field in kecamatan', (m) => (m.kecamatan.id = 1), 'kecamatan.id', 'UNKNOWN_FIELD'],
    ['no desa', (m) => (m.desa = []), 'desa', 'BAD_VALUE'],
    ['desa outside kecamatan', (m) => (m.desa[1].kode = '6302152002'), 'desa[1].kode', 'BAD_VALUE'],
    ['desa kode 9 digits', (m) => (m.desa[0].kode = '630214200'), 'desa[0].kode', 'BAD_VALUE'],
    ['duplicate desa', (m) => (m.desa[1].kode = '6302142001'), 'desa[1].kode', 'DUPLICATE'],
    ['desa without TPS', (m) => (m.desa[1].tps = []), 'desa[1].tps', 'BAD_VALUE'],
    ['duplicate TPS nomor', (m) => (m.desa[0].tps[2].nomor = 1), 'desa[0].tps[2].nomor', 'DUPLICATE'],
    ['TPS nomor 0', (m) => (m.desa[0].tps[0].nomor = 0), 'desa[0].tps[0].nomor', 'OUT_OF_RANGE'],
    ['TPS nomor 1000', (m) => (m.desa[0].tps[0].nomor = 1000), 'desa[0].tps[0].nomor', 'OUT_OF_RANGE'],
    ['TPS nomor as text', (m) => (m.desa[0].tps[0].nomor = '1'), 'desa[0].tps[0].nomor', 'WRONG_TYPE'],
    ['DPT float', (m) => (m.desa[0].tps[1].dpt.l = 150.5), 'desa[0].tps[1].dpt.l', 'NOT_INTEGER'],
    ['DPT negative', (m) => (m.desa[0].tps[1].dpt.p = -1), 'desa[0].tps[1].dpt.p', 'OUT_OF_RANGE'],
    ['DPT missing p', (m) => delete m.desa[0].tps[1].dpt.p, 'desa[0].tps[1].dpt.p', 'MISSING_FIELD'],
    ['no pemilihan', (m) => (m.pemilihan = []), 'pemilihan', 'BAD_VALUE'],
    [
      'unknown pemilihan id',
      (m) => (m.pemilihan[1].id = 'dpr'),
      'pemilihan[1].id',
      'BAD_VALUE',
      /gubernur, bupati, walikota/,
    ],
    ['duplicate pemilihan', (m) => (m.pemilihan[1] = structuredClone(m.pemilihan[0])), 'pemilihan[1].id', 'DUPLICATE'],
    [
      'bupati and walikota',
      (m) => m.pemilihan.push({ ...structuredClone(m.pemilihan[1]), id: 'walikota' }),
      'pemilihan',
      'BAD_VALUE',
    ],
    ['gubernur wilayah not provinsi', (m) => (m.pemilihan[0].wilayah = '6302'), 'pemilihan[0].wilayah', 'BAD_VALUE'],
    ['bupati wilayah not kabkota', (m) => (m.pemilihan[1].wilayah = '63'), 'pemilihan[1].wilayah', 'BAD_VALUE'],
    ['no pilihan', (m) => (m.pemilihan[0].pilihan = []), 'pemilihan[0].pilihan', 'BAD_VALUE'],
    [
      'pilihan out of order',
      (m) => (m.pemilihan[0].pilihan[0].nomor = 2),
      'pemilihan[0].pilihan[0].nomor',
      'BAD_VALUE',
      /harus 1/,
    ],
    [
      'pilihan numbered from 0',
      (m) => m.pemilihan[0].pilihan.forEach((p: { nomor: number }, i: number) => (p.nomor = i)),
      'pemilihan[0].pilihan[0].nomor',
      'OUT_OF_RANGE',
    ],
    [
      'kolom kosong not last',
      (m) => (m.pemilihan[1].pilihan[1].kind = 'kolom-kosong'),
      'pemilihan[1].pilihan[1].kind',
      'BAD_VALUE',
      /terakhir/,
    ],
    [
      'kolom kosong alone',
      (m) => (m.pemilihan[0].pilihan = [{ nomor: 1, nama: 'Kolom kosong', kind: 'kolom-kosong' }]),
      'pemilihan[0].pilihan[0].kind',
      'BAD_VALUE',
    ],
    [
      'unknown kind',
      (m) => (m.pemilihan[0].pilihan[1].kind = 'independen'),
      'pemilihan[0].pilihan[1].kind',
      'BAD_VALUE',
    ],
    [
      'extra pilihan field',
      (m) => (m.pemilihan[0].pilihan[1].foto = 'x'),
      'pemilihan[0].pilihan[1].foto',
      'UNKNOWN_FIELD',
    ],
    ['ppk member without jabatan', (m) => delete m.ppk[0].jabatan, 'ppk[0].jabatan', 'MISSING_FIELD'],
    ['duplicate device id', (m) => (m.perangkat[1].id = m.perangkat[0].id), 'perangkat[1].id', 'DUPLICATE'],
    ['device for unknown TPS', (m) => (m.perangkat[0].tps = '6302142001009'), 'perangkat[0].tps', 'UNKNOWN_TPS'],
    ['device TPS 12 digits', (m) => (m.perangkat[0].tps = '630214200100'), 'perangkat[0].tps', 'BAD_VALUE'],
    [
      'device key 31 bytes',
      (m) => (m.perangkat[2].publicKey = m.perangkat[2].publicKey.slice(0, 42)),
      'perangkat[2].publicKey',
      'BAD_VALUE',
    ],
    ['device key padded', (m) => (m.perangkat[2].publicKey += '='), 'perangkat[2].publicKey', 'BAD_VALUE'],
    ['device id with newline', (m) => (m.perangkat[0].id = 'a\nb'), 'perangkat[0].id', 'BAD_VALUE'],
  ])('rejects %s', (_name, f, path, code, msg) => {
    const r = parseMaster(mutated(f));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.path).toBe(path);
    expect(r.error.message.startsWith(`${path}: `)).toBe(true);
    if (msg) expect(r.error.message).toMatch(msg);
  });

  it('rejects a non-object', () => {
    const r = parseMaster('master');
    expect(!r.ok && r.error.code).toBe('WRONG_TYPE');
    expect(!parseMaster(null).ok && !parseMaster(['pleno.master/1']).ok).toBe(true);
  });

  it('checks the format before the field set: another format is named as such, even with other fields', () => {
    const other = mutated((m) => ((m.format = 'pleno.kirim/1'), (m.urutan = 1)));
    expect(parseMaster(other)).toMatchObject({ ok: false, error: { code: 'WRONG_FORMAT', path: 'format' } });
    // Without a format the field set speaks first.
    expect(parseMaster(mutated((m) => delete m.format))).toMatchObject({
      ok: false,
      error: { code: 'MISSING_FIELD', path: 'format' },
    });
  });

  it('names the wilayah a pemilihan must have: the provinsi for gubernur, the kab/kota otherwise', () => {
    expect(parseMaster(mutated((m) => (m.pemilihan[0].wilayah = '6302')))).toMatchObject({
      ok: false,
      error: {
        path: 'pemilihan[0].wilayah',
        message: 'pemilihan[0].wilayah: harus kode provinsi 63, ditemukan teks "6302"',
      },
    });
    expect(parseMaster(mutated((m) => (m.pemilihan[1].wilayah = '63')))).toMatchObject({
      ok: false,
      error: {
        path: 'pemilihan[1].wilayah',
        message: 'pemilihan[1].wilayah: harus kode kab/kota 6302, ditemukan teks "63"',
      },
    });
  });

  it('holds up to 50 PPK members and 20 choices, not one more', () => {
    const member = (i: number) => ({ nama: `Anggota ${i}`, jabatan: 'Anggota' });
    expect(parseMaster(mutated((m) => (m.ppk = Array.from({ length: 50 }, (_, i) => member(i))))).ok).toBe(true);
    expect(parseMaster(mutated((m) => (m.ppk = Array.from({ length: 51 }, (_, i) => member(i)))))).toMatchObject({
      ok: false,
      error: { code: 'BAD_VALUE', path: 'ppk', message: 'ppk: berisi lebih dari 50 anggota' },
    });
    const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ nomor: i + 1, nama: `Paslon ${i + 1}` }));
    expect(parseMaster(mutated((m) => (m.pemilihan[0].pilihan = choices(20)))).ok).toBe(true);
    expect(parseMaster(mutated((m) => (m.pemilihan[0].pilihan = choices(21))))).toMatchObject({
      ok: false,
      error: { path: 'pemilihan[0].pilihan' },
    });
  });
});

describe('indexMaster', () => {
  it('looks up TPS, pemilihan and devices, cached per object', () => {
    const m = sampleMaster();
    const idx = indexMaster(m);
    expect(idx.tps.get('6302142001003')?.tps.dpt).toEqual({ l: 100, p: 90 });
    expect(idx.tps.get('6302142002001')?.desa.nama).toBe('Cantung Kiri Hulu');
    expect(idx.tps.size).toBe(4);
    expect(idx.pemilihan.get('bupati')?.pilihan.length).toBe(3);
    expect(idx.perangkat.get('kpps-6302142001002')?.tps).toBe('6302142001002');
    expect(indexMaster(m)).toBe(idx);
  });
});
