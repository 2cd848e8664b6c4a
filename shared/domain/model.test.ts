// Codes of the wilayah as people read them, and the parts of a 13-digit TPS code.
import { describe, expect, it } from 'vitest';
import { desaOfTps, formatKode, nomorOfTps, tpsCode } from './model';
import { errorsOf, warningsOf, type Violation } from './rules/index';

describe('wilayah and TPS codes', () => {
  it('formats each level with dots, a TPS with its number', () => {
    expect(formatKode('63')).toBe('63');
    expect(formatKode('6302')).toBe('63.02');
    expect(formatKode('630214')).toBe('63.02.14');
    expect(formatKode('6302142001')).toBe('63.02.14.2001');
    expect(formatKode('6302142001007')).toBe('63.02.14.2001 TPS 007');
  });

  it('splits a TPS code into its desa and number, the inverse of tpsCode', () => {
    expect(desaOfTps('6302142001007')).toBe('6302142001');
    expect(nomorOfTps('6302142001007')).toBe(7);
    expect(nomorOfTps('6302142001120')).toBe(120);
    expect(tpsCode(desaOfTps('6302142001120'), nomorOfTps('6302142001120'))).toBe('6302142001120');
  });
});

describe('errorsOf / warningsOf', () => {
  it('split violations by severity, keeping their order', () => {
    const v = (code: Violation['code'], severity: Violation['severity']): Violation => ({
      code,
      severity,
      message: code,
      fields: [],
    });
    const all = [v('R01', 'error'), v('R10', 'warning'), v('R05', 'error'), v('R12', 'warning')];
    expect(errorsOf(all).map((x) => x.code)).toEqual(['R01', 'R05']);
    expect(warningsOf(all).map((x) => x.code)).toEqual(['R10', 'R12']);
    expect(errorsOf([])).toEqual([]);
  });
});
