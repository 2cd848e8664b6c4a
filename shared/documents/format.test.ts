// Number grouping and word wrap as every document prints them (the PDFs already issued must be drawn again the same).
import { describe, expect, it } from 'vitest';
import { approximateMeasure } from './layout';
import { formatNumber, wrapText } from './format';

/** The grouping the documents were issued with: a regular expression over the digits. */
function reference(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const out = s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${out}` : out;
}

describe('document text helpers', () => {
  it('groups thousands with dots exactly as before, whatever the number', () => {
    const values = [0, -0, -0.5, 0.9, 7, 999, 1000, -1000, 12345, 123456, 1234567, 1e15 - 1, 1e15, 1e16, 1e21];
    values.push(-1e21, NaN, Infinity, -Infinity, -1234.9, 1e300, Number.MAX_SAFE_INTEGER);
    let seed = 99;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 100_000; i++) values.push(Math.floor((next() - 0.3) * 10 ** Math.floor(1 + next() * 17)));
    expect(values.filter((v) => formatNumber(v) !== reference(v))).toEqual([]);
    expect([formatNumber(729), formatNumber(7965), formatNumber(-1234567)]).toEqual(['729', '7.965', '-1.234.567']);
  });

  it('wraps the same words the same way each time, and a caller changing the lines changes nothing after', () => {
    const label = 'Jumlah pemilih dalam Daftar Pemilih Tetap (DPT) yang menggunakan hak pilih di TPS';
    const first = wrapText(label, 120, 8, approximateMeasure);
    expect(first.length).toBeGreaterThan(1);
    expect(first.join(' ')).toBe(label);
    first.push('coretan');
    first[0] = 'diubah';
    expect(wrapText(label, 120, 8, approximateMeasure)).toEqual(wrapText(label, 120, 8, { ...approximateMeasure }));
    expect(wrapText(label, 120, 8, approximateMeasure)[0]).not.toBe('diubah');
    expect(wrapText('', 50, 8, approximateMeasure)).toEqual(['']);
    expect(wrapText('Supercalifragilistik', 30, 8, approximateMeasure).join('')).toBe('Supercalifragilistik');
  });
});
