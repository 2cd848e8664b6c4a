import { describe, expect, it } from 'vitest';
import { pemilihanShort, tpsName, tpsNames } from './names';

describe('names a person reads', () => {
  it('names the pemilihan shortly and leaves an unknown id as it is', () => {
    expect(['gubernur', 'bupati', 'walikota', 'dprd'].map(pemilihanShort)).toEqual([
      'Gubernur',
      'Bupati',
      'Wali Kota',
      'dprd',
    ]);
  });

  it('names a TPS by its desa and three-digit number, for every TPS of a master', () => {
    expect(tpsName('Hampang', 3)).toBe('Desa Hampang TPS 003');
    expect(tpsName('Desa Uji 1', 2)).toBe('Desa Uji 1 TPS 002');
    expect(tpsName('Kelurahan Baru', 10)).toBe('Kelurahan Baru TPS 010');
    expect(tpsName('Desaku', 1)).toBe('Desa Desaku TPS 001');
    const names = tpsNames({
      desa: [
        {
          kode: '6302142005',
          nama: 'Hampang',
          tps: [
            { nomor: 1, dpt: { l: 1, p: 1 } },
            { nomor: 12, dpt: { l: 1, p: 1 } },
          ],
        },
        { kode: '6302142006', nama: 'Limbungan', tps: [{ nomor: 1, dpt: { l: 1, p: 1 } }] },
      ],
    } as never);
    expect([...names]).toEqual([
      ['6302142005001', 'Desa Hampang TPS 001'],
      ['6302142005012', 'Desa Hampang TPS 012'],
      ['6302142006001', 'Desa Limbungan TPS 001'],
    ]);
    expect(tpsNames(null).size).toBe(0);
  });
});
