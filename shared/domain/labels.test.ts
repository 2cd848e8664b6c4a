import { describe, expect, it } from 'vitest';
import {
  STATUS_LABELS,
  type StatusLabelKey,
  countFields,
  countPaths,
  fieldLabel,
  forEachCount,
  formRows,
  getCount,
  isCountPath,
  setCount,
} from './labels';
import { type Pilihan } from './model';
import { cleanCounts } from '../../tests/support/counts';

const pilihan: Pilihan[] = [
  { nomor: 1, nama: 'Andi – Budi' },
  { nomor: 2, nama: 'Citra – Dewi' },
  { nomor: 3, nama: 'Eko – Fajar' },
];

describe('countFields', () => {
  const fields = countFields(pilihan);

  it('lists every count of a record once, in form order', () => {
    expect(fields.map((f) => f.path)).toEqual([
      'pemilih.dpt.l',
      'pemilih.dpt.p',
      'pemilih.dpph.l',
      'pemilih.dpph.p',
      'pemilih.dptb.l',
      'pemilih.dptb.p',
      'pemilih.jumlah.l',
      'pemilih.jumlah.p',
      'pengguna.dpt.l',
      'pengguna.dpt.p',
      'pengguna.dpph.l',
      'pengguna.dpph.p',
      'pengguna.dptb.l',
      'pengguna.dptb.p',
      'pengguna.jumlah.l',
      'pengguna.jumlah.p',
      'disabilitas.pemilih.l',
      'disabilitas.pemilih.p',
      'disabilitas.pengguna.l',
      'disabilitas.pengguna.p',
      'suratSuara.diterima',
      'suratSuara.dikembalikan',
      'suratSuara.tidakDigunakan',
      'suratSuara.digunakan',
      'suara.paslon.0',
      'suara.paslon.1',
      'suara.paslon.2',
      'suara.sah',
      'suara.tidakSah',
      'suara.total',
    ]);
  });

  it.each([
    ['pemilih.dpt.l', 'I', 'A.1', 'Jumlah Pemilih dalam DPT', 'l'],
    ['pemilih.dpph.p', 'I', 'A.2', 'Jumlah Pemilih dalam DPPh', 'p'],
    ['pemilih.dptb.l', 'I', 'A.3', 'Jumlah Pemilih dalam DPTb', 'l'],
    ['pemilih.jumlah.p', 'I', 'A.4', 'Jumlah Pemilih (1+2+3)', 'p'],
    ['pengguna.jumlah.l', 'I', 'B.4', 'Jumlah Pengguna Hak Pilih (1+2+3)', 'l'],
    ['disabilitas.pengguna.p', 'II', '2', 'Jumlah Pemilih Disabilitas yang Menggunakan Hak Pilih', 'p'],
    ['suratSuara.digunakan', 'III', '4', 'Jumlah Surat Suara yang Digunakan', undefined],
    ['suara.paslon.1', 'IV', 'A.2', 'Suara Sah Paslon Nomor Urut 2 (Citra – Dewi)', undefined],
    ['suara.total', 'IV', 'D', 'Jumlah Seluruh Suara Sah dan Tidak Sah (B+C)', undefined],
  ])('%s → section %s row %s', (path, section, row, label, lp) => {
    const f = fields.find((x) => x.path === path);
    expect(f).toEqual(lp ? { path, section, row, label, lp } : { path, section, row, label });
  });

  it('labels a kolom kosong choice', () => {
    const f = countFields([
      { nomor: 1, nama: 'X – Y' },
      { nomor: 2, nama: 'Kolom kosong', kind: 'kolom-kosong' },
    ]);
    expect(f.find((x) => x.path === 'suara.paslon.1')?.label).toBe('Suara Sah Kolom Kosong (Nomor Urut 2)');
  });

  it('every field can be read from a record', () => {
    const c = cleanCounts();
    for (const f of fields) expect(typeof getCount(c, f.path)).toBe('number');
  });
});

describe('formRows', () => {
  it('groups L/P on one row', () => {
    const rows = formRows(pilihan);
    expect(rows).toHaveLength(4 + 4 + 2 + 4 + 3 + 3);
    expect(rows[0]).toEqual({
      section: 'I',
      row: 'A.1',
      label: 'Jumlah Pemilih dalam DPT',
      lp: { l: 'pemilih.dpt.l', p: 'pemilih.dpt.p' },
    });
    expect(rows[14]).toEqual({
      section: 'IV',
      row: 'A.1',
      label: 'Suara Sah Paslon Nomor Urut 1 (Andi – Budi)',
      path: 'suara.paslon.0',
    });
  });
});

describe('getCount / setCount', () => {
  it.each([
    ['pemilih.dpt.l', 200],
    ['pengguna.jumlah.p', 173],
    ['disabilitas.pemilih.p', 2],
    ['suratSuara.tidakDigunakan', 90],
    ['suara.paslon.2', 87],
    ['suara.tidakSah', 16],
  ])('reads %s = %i and sets it without touching the input', (path, value) => {
    const c = cleanCounts();
    const before = JSON.stringify(c);
    expect(getCount(c, path)).toBe(value);
    const d = setCount(c, path, value + 7);
    expect(getCount(d, path)).toBe(value + 7);
    expect(JSON.stringify(c)).toBe(before);
    // every other field is unchanged
    for (const p of countPaths(3)) if (p !== path) expect(getCount(d, p)).toBe(getCount(c, p));
  });

  it.each([
    'pemilih',
    'pemilih.dpt',
    'pemilih.dpt.j',
    'suara.paslon.3',
    'suara.paslon.x',
    'foo.bar',
    'suara.paslon.length',
  ])('throws on the unknown path %s', (path) => {
    expect(() => getCount(cleanCounts(), path)).toThrow(/unknown count path/);
    expect(() => setCount(cleanCounts(), path, 1)).toThrow(/unknown count path/);
  });

  it('forEachCount visits every count in form order with its value', () => {
    const c = cleanCounts();
    const seen: [string, number][] = [];
    forEachCount(c, (p, v) => seen.push([p, v]));
    expect(seen.map(([p]) => p)).toEqual(countPaths(3));
    for (const [p, v] of seen) expect(v).toBe(getCount(c, p));
  });

  it('isCountPath', () => {
    expect(isCountPath('suara.paslon.2', 3)).toBe(true);
    expect(isCountPath('suara.paslon.3', 3)).toBe(false);
    expect(isCountPath('suara.paslon.01', 3)).toBe(false);
    expect(isCountPath('suratSuara.diterima', 3)).toBe(true);
    expect(isCountPath('suratSuara', 3)).toBe(false);
  });
});

describe('fieldLabel and STATUS_LABELS', () => {
  it.each([
    ['pemilih.dpt.l', undefined, 'I.A.1 Jumlah Pemilih dalam DPT (L)'],
    ['disabilitas.pemilih.p', undefined, 'II.1 Jumlah Pemilih Disabilitas (P)'],
    ['suratSuara.diterima', undefined, 'III.1 Jumlah Surat Suara yang Diterima (termasuk cadangan 2,5%)'],
    ['suara.paslon.0', pilihan, 'IV.A.1 Suara Sah Paslon Nomor Urut 1 (Andi – Budi)'],
    ['suara.sah', undefined, 'IV.B Jumlah Seluruh Suara Sah'],
    ['nope', undefined, 'nope'],
  ])('%s', (path, p, label) => {
    expect(fieldLabel(path, p)).toBe(label);
  });

  const statusLabels: [StatusLabelKey, string][] = [
    ['belum-masuk', 'Belum masuk'],
    ['masuk', 'Masuk'],
    ['sesuai', 'Sesuai'],
    ['dikoreksi', 'Dikoreksi'],
    ['bermasalah', 'Bermasalah'],
    ['konflik', 'Konflik'],
    ['sengketa', 'Sengketa'],
    ['ditunda', 'Ditunda (PSU/PSS/PSL)'],
  ];
  it.each(statusLabels)('labels status or flag %s as "%s"', (key, label) => {
    expect(STATUS_LABELS[key]).toBe(label);
  });
  it('has a label for every status and flag and nothing else', () => {
    expect(Object.keys(STATUS_LABELS).sort()).toEqual(statusLabels.map(([k]) => k).sort());
  });
});
