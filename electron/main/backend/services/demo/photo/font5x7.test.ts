// The bitmap font: every glyph fits its 5×8 cell, digits and letters are all present and pairwise distinct, and
// text the sheets use has no character that would fall back to '?'.
import { describe, expect, it } from 'vitest';
import { GLYPH_H, GLYPH_W, glyph, hasGlyph, toFontText } from './font5x7';
import { Raster } from './raster';

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

describe('font5x7', () => {
  it('has digits, A–Z, a–z and punctuation, each glyph distinct and inside its cell', () => {
    const all = DIGITS + UPPER + LOWER + '.,:;-+=/()%\'"!?#&*_<>[] ';
    const seen = new Map<string, string>();
    for (const ch of all) {
      expect(hasGlyph(ch), ch).toBe(true);
      const rows = glyph(ch);
      expect(rows).toHaveLength(GLYPH_H);
      for (const r of rows) expect(r >> GLYPH_W, ch).toBe(0);
      if (ch === ' ') continue;
      expect(
        rows.some((r) => r !== 0),
        ch,
      ).toBe(true);
      const key = Array.from(rows).join(',');
      expect(seen.get(key), `${ch} looks like ${seen.get(key)}`).toBeUndefined();
      seen.set(key, ch);
    }
  });

  it('maps en dash and accents to ASCII it can draw', () => {
    expect(toFontText('Ahmad – Siti, Désa')).toBe('Ahmad - Siti, Desa');
    for (const ch of toFontText('Pemilihan Bupati dan Wakil Bupati Kotabaru 2024 (SIMULASI) – 2,5%'))
      expect(hasGlyph(ch), ch).toBe(true);
  });

  it('draws text into the raster and wraps long labels', () => {
    const r = new Raster(100, 20);
    const w = r.text(1, 1, '105', 2, 2);
    expect(w).toBe(Raster.textWidth('105', 2));
    expect(r.px.some((v) => v === 2)).toBe(true);
    expect(Raster.wrap('Jumlah Pengguna Hak Pilih dalam DPTb', 1, 60)).toEqual([
      'Jumlah',
      'Pengguna',
      'Hak Pilih',
      'dalam DPTb',
    ]);
  });
});
