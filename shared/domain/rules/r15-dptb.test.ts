import { describe, expect, it } from 'vitest';
import { cleanCounts, withCounts } from '../../../tests/support/counts';
import { checkR15 } from './r15-dptb';

describe('R15 pemilih DPTb = pengguna DPTb (warning)', () => {
  it('passes a clean record, and zero DPTb voters', () => {
    expect(checkR15(cleanCounts())).toEqual([]);
    expect(
      checkR15(withCounts({ 'pemilih.dptb.l': 0, 'pemilih.dptb.p': 0, 'pengguna.dptb.l': 0, 'pengguna.dptb.p': 0 })),
    ).toEqual([]);
  });

  it('flags L and P separately when listed and voting differ by one, either way', () => {
    expect(checkR15(withCounts({ 'pemilih.dptb.l': 4 }))).toEqual([
      expect.objectContaining({
        code: 'R15',
        severity: 'warning',
        fields: ['pemilih.dptb.l', 'pengguna.dptb.l'],
      }),
    ]);
    const both = checkR15(withCounts({ 'pengguna.dptb.l': 2, 'pengguna.dptb.p': 3 }));
    expect(both.map((v) => v.fields[0])).toEqual(['pemilih.dptb.l', 'pemilih.dptb.p']);
    expect(both[1]!.message).toContain('perempuan (2)');
    expect(both[1]!.message).toContain('(3)');
  });
});
