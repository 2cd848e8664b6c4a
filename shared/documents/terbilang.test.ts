import { describe, expect, it } from 'vitest';
import { padaHariIni, tanggalKata, terbilang } from './terbilang';

describe('terbilang (Indonesian number words)', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [30, 'tiga puluh'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [111, 'seratus sebelas'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [2000, 'dua ribu'],
    [2024, 'dua ribu dua puluh empat'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [101_000, 'seratus satu ribu'],
    [1_000_000, 'satu juta'],
    [1_001_001, 'satu juta seribu satu'],
    [203_000_000, 'dua ratus tiga juta'],
    [1_000_000_000, 'satu miliar'],
    [
      999_999_999_999,
      'sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan',
    ],
  ])('%i → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('refuses numbers it cannot write', () => {
    for (const n of [-1, 1.5, Number.NaN, 1_000_000_000_000]) expect(() => terbilang(n)).toThrow(RangeError);
  });
});

describe('tanggalKata / padaHariIni', () => {
  it('writes the local date of the time as written (not converted to UTC)', () => {
    // 00:30 WITA on 1 December is still 30 November in UTC: the document's date is the kecamatan's.
    expect(tanggalKata('2024-12-01T00:30:00+08:00')).toEqual({
      hari: 'Minggu',
      tanggal: 'satu',
      bulan: 'Desember',
      tahun: 'dua ribu dua puluh empat',
    });
    expect(padaHariIni('2024-11-30T16:05:00+08:00')).toBe(
      'Pada hari ini Sabtu tanggal tiga puluh bulan November tahun dua ribu dua puluh empat',
    );
    expect(padaHariIni('2024-11-27T08:00:00+07:00')).toBe(
      'Pada hari ini Rabu tanggal dua puluh tujuh bulan November tahun dua ribu dua puluh empat',
    );
    expect(tanggalKata('2024-02-29T10:00:00+07:00')?.hari).toBe('Kamis');
  });

  it('returns null for a date that does not exist', () => {
    expect(tanggalKata('2024-02-30T10:00:00+07:00')).toBeNull();
    expect(tanggalKata('2023-13-01T10:00:00+07:00')).toBeNull();
    expect(tanggalKata('kemarin')).toBeNull();
  });
});
