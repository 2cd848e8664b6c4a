import { describe, expect, it } from 'vitest';
import { cleanCounts, withCounts } from '../../../tests/support/counts';
import { getCount } from '../labels';
import { checkR14, R14_FIELDS } from './r14-cross-pemilihan';

const gub = (c = cleanCounts()) => ({ pemilihan: 'gubernur' as const, counts: c });
const bup = (c = cleanCounts()) => ({ pemilihan: 'bupati' as const, counts: c });

describe('R14 across the pemilihan of one TPS (warning)', () => {
  it("reads each field with a getter that gives labels.ts's number at its path", () => {
    // Every field a distinct number, so a getter reading a neighbour's field cannot pass.
    const c = withCounts(Object.fromEntries(R14_FIELDS.map((f, i) => [f.path, 500 + i])));
    expect(R14_FIELDS.map((f) => f.get(c))).toEqual(R14_FIELDS.map((f) => getCount(c, f.path)));
    expect(new Set(R14_FIELDS.map((f) => f.get(c))).size).toBe(R14_FIELDS.length);
  });

  it('passes when DPT, DPTb, ballots received and DPT voters agree, and for a single record', () => {
    expect(checkR14([gub(), bup()])).toEqual([]);
    expect(checkR14([bup()])).toEqual([]);
    expect(checkR14([])).toEqual([]);
  });

  it.each([
    ['pemilih.dpt.l', 201],
    ['pemilih.dpt.p', 209],
    ['pemilih.dptb.l', 4],
    ['pemilih.dptb.p', 1],
    ['suratSuara.diterima', 420],
    ['pengguna.dpt.l', 151],
    ['pengguna.dpt.p', 169],
  ])('flags %s differing by one (boundary) on the bupati record, with its field', (path, value) => {
    const v = checkR14([gub(), bup(withCounts({ [path]: value }))]);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ code: 'R14', severity: 'warning', pemilihan: 'bupati', fields: [path] });
    expect(v[0]!.message).toContain(`(${value})`);
  });

  it('DPPh of bupati may be lower than gubernur (moved in from another kab/kota) but not higher', () => {
    expect(checkR14([gub(), bup(withCounts({ 'pemilih.dpph.l': 0 }))])).toEqual([]);
    expect(checkR14([gub(), bup(withCounts({ 'pemilih.dpph.l': 2 }))])).toEqual([]); // equal: the boundary
    const v = checkR14([gub(), bup(withCounts({ 'pemilih.dpph.p': 2 }))]);
    expect(v).toEqual([expect.objectContaining({ code: 'R14', fields: ['pemilih.dpph.p'], pemilihan: 'bupati' })]);
    expect(v[0]!.message).toContain('melebihi pemilihan gubernur');
  });

  it('compares with the gubernur record whatever the order, and walikota like bupati', () => {
    const wali = { pemilihan: 'walikota' as const, counts: withCounts({ 'pemilih.dpt.l': 199 }) };
    const v = checkR14([wali, gub()]);
    expect(v.map((x) => [x.pemilihan, x.fields])).toEqual([['walikota', ['pemilih.dpt.l']]]);
  });
});
