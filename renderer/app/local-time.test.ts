import { afterEach, describe, expect, it } from 'vitest';
import { jam, setKecamatanZone, waktu } from './local-time';

describe('times a person reads: the kecamatan’s local time with its zone', () => {
  afterEach(() => setKecamatanZone(null));

  it('WITA for Kalimantan Selatan (63), WIB for Jawa Barat (32), WIT for Papua (91), whatever the laptop says', () => {
    const at = '2026-12-01T19:27:05.123Z';
    setKecamatanZone('630214');
    expect(waktu(at)).toBe('2 Desember 2026 03.27 WITA');
    expect(jam(at)).toBe('03.27 WITA');
    setKecamatanZone('320101');
    expect(waktu(at)).toBe('2 Desember 2026 02.27 WIB');
    setKecamatanZone('910101');
    expect(jam(at)).toBe('04.27 WIT');
  });

  it('a receiver database names its zone by its 4-digit kab/kota code: Kotabaru (6302) is WITA, Kota Jayapura WIT', () => {
    const at = '2026-12-01T19:27:05.123Z';
    setKecamatanZone('6302');
    expect(waktu(at)).toBe('2 Desember 2026 03.27 WITA');
    setKecamatanZone('9171');
    expect(jam(at)).toBe('04.27 WIT');
  });

  it('an unreadable time is shown as it came, not as "Invalid Date"', () => {
    setKecamatanZone('630214');
    expect(waktu('kemarin')).toBe('kemarin');
  });
});
