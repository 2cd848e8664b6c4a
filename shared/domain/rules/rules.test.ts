import { describe, expect, it } from 'vitest';
import { countPaths, getCount } from '../labels';
import { CLEAN_DPT, cleanCounts, withCounts } from '../../../tests/support/counts';
import {
  RULES,
  RULES_BY_CODE,
  cadangan,
  checkRecord,
  expectedSuratSuara,
  fieldsWithViolations,
  hasBlockingError,
  type RuleCode,
} from './index';

const ctx = { dptMaster: CLEAN_DPT, pilihanCount: 3 };
type Expected = { code: RuleCode; severity: 'error' | 'warning'; fields: string[] };
const shape = (vs: { code: string; severity: string; fields: string[] }[]) =>
  vs.map(({ code, severity, fields }) => ({ code, severity, fields }));

describe('checkRecord on a clean record', () => {
  it('reports nothing for a realistic consistent TPS', () => {
    expect(checkRecord(cleanCounts(), ctx)).toEqual([]);
  });

  it('the classic misread (paslon 1: 105 read as 905) gives exactly one R05 error', () => {
    const v = checkRecord(withCounts({ 'suara.paslon.0': 905 }), ctx);
    expect(v).toEqual([
      {
        code: 'R05',
        severity: 'error',
        message: 'Jumlah suara sah (312) tidak sama dengan jumlah perolehan suara paslon (905 + 120 + 87 = 1112)',
        fields: ['suara.paslon.0', 'suara.paslon.1', 'suara.paslon.2', 'suara.sah'],
      },
    ]);
    expect(hasBlockingError(v)).toBe(true);
  });

  it('a misread total (sah 312 read as 912) is caught by R05 and R06', () => {
    const v = checkRecord(withCounts({ 'suara.sah': 912 }), ctx);
    expect(v.map((x) => x.code)).toEqual(['R05', 'R06']);
    expect(v[1]?.message).toBe(
      'Jumlah seluruh suara (328) tidak sama dengan suara sah + suara tidak sah (912 + 16 = 928)',
    );
  });
});

/** A consistent TPS at the cap: DPT 300 + 300 = 600, DPPh and DPTb 10 + 10 more, 610 pengguna; every rule passes. */
const DPT_600_PENGGUNA_610: Record<string, number> = {
  'pemilih.dpt.l': 300,
  'pemilih.dpt.p': 300,
  'pemilih.dpph.l': 5,
  'pemilih.dpph.p': 5,
  'pemilih.dptb.l': 5,
  'pemilih.dptb.p': 5,
  'pemilih.jumlah.l': 310,
  'pemilih.jumlah.p': 310,
  'pengguna.dpt.l': 295,
  'pengguna.dpt.p': 295,
  'pengguna.dpph.l': 5,
  'pengguna.dpph.p': 5,
  'pengguna.dptb.l': 5,
  'pengguna.dptb.p': 5,
  'pengguna.jumlah.l': 305,
  'pengguna.jumlah.p': 305,
  // 600 + ceil(600 / 40) = 615 = 610 + 2 + 3
  'suratSuara.diterima': 615,
  'suratSuara.digunakan': 610,
  'suratSuara.dikembalikan': 2,
  'suratSuara.tidakDigunakan': 3,
  'suara.paslon.0': 300,
  'suara.paslon.1': 200,
  'suara.paslon.2': 90,
  'suara.sah': 590,
  'suara.tidakSah': 20,
  'suara.total': 610,
};

// For every rule: passing variants (edge cases included) and failing ones, with the full expected violation list.
interface Case {
  name: string;
  changes: Record<string, number>;
  dptMaster?: { l: number; p: number };
  expected: Expected[];
}

const cases: Record<RuleCode, { pass: Case[]; fail: Case[] }> = {
  R01: {
    pass: [{ name: 'jumlah A = 1+2+3 on both sides', changes: {}, expected: [] }],
    fail: [
      {
        name: 'jumlah A L off by one',
        changes: { 'pemilih.jumlah.l': 206 },
        expected: [
          {
            code: 'R01',
            severity: 'error',
            fields: ['pemilih.dpt.l', 'pemilih.dpph.l', 'pemilih.dptb.l', 'pemilih.jumlah.l'],
          },
        ],
      },
      {
        name: 'DPTb P changed without the total',
        changes: { 'pemilih.dptb.p': 7 },
        expected: [
          {
            code: 'R01',
            severity: 'error',
            fields: ['pemilih.dpt.p', 'pemilih.dpph.p', 'pemilih.dptb.p', 'pemilih.jumlah.p'],
          },
        ],
      },
    ],
  },
  R02: {
    pass: [{ name: 'jumlah B = 1+2+3 on both sides', changes: {}, expected: [] }],
    fail: [
      {
        name: 'pengguna DPT P changed without the total',
        changes: { 'pengguna.dpt.p': 171 },
        expected: [
          {
            code: 'R02',
            severity: 'error',
            fields: ['pengguna.dpt.p', 'pengguna.dpph.p', 'pengguna.dptb.p', 'pengguna.jumlah.p'],
          },
        ],
      },
    ],
  },
  R03: {
    pass: [
      {
        name: 'every pengguna equal to its pemilih (100% turnout on DPPh and DPTb)',
        changes: {},
        expected: [],
      },
    ],
    fail: [
      {
        name: 'pengguna DPTb L above pemilih DPTb L (totals kept consistent)',
        changes: { 'pengguna.dptb.l': 4, 'pengguna.dpt.l': 149 },
        expected: [{ code: 'R03', severity: 'error', fields: ['pengguna.dptb.l', 'pemilih.dptb.l'] }],
      },
      {
        name: 'pengguna DPPh P above pemilih DPPh P',
        changes: { 'pengguna.dpph.p': 2, 'pengguna.dpt.p': 169 },
        expected: [{ code: 'R03', severity: 'error', fields: ['pengguna.dpph.p', 'pemilih.dpph.p'] }],
      },
    ],
  },
  R04: {
    pass: [
      {
        name: 'disabilitas pengguna equal to disabilitas pemilih',
        changes: { 'disabilitas.pengguna.l': 3 },
        expected: [],
      },
    ],
    fail: [
      {
        name: 'disabilitas pengguna P above disabilitas pemilih P (error part)',
        changes: { 'disabilitas.pengguna.p': 3 },
        expected: [{ code: 'R04', severity: 'error', fields: ['disabilitas.pengguna.p', 'disabilitas.pemilih.p'] }],
      },
      {
        name: 'disabilitas pengguna L within disabilitas pemilih L but above pengguna L (warning part only)',
        changes: { 'disabilitas.pemilih.l': 170, 'disabilitas.pengguna.l': 160 },
        expected: [{ code: 'R04', severity: 'warning', fields: ['disabilitas.pengguna.l', 'pengguna.jumlah.l'] }],
      },
      {
        name: 'disabilitas pengguna L above both disabilitas pemilih L and pengguna L',
        changes: { 'disabilitas.pengguna.l': 160 },
        expected: [
          { code: 'R04', severity: 'error', fields: ['disabilitas.pengguna.l', 'disabilitas.pemilih.l'] },
          { code: 'R04', severity: 'warning', fields: ['disabilitas.pengguna.l', 'pengguna.jumlah.l'] },
        ],
      },
    ],
  },
  R05: {
    pass: [{ name: 'sah = sum of paslon', changes: {}, expected: [] }],
    fail: [
      {
        name: 'sah one vote short, total kept',
        changes: { 'suara.sah': 311, 'suara.tidakSah': 17 },
        expected: [
          {
            code: 'R05',
            severity: 'error',
            fields: ['suara.paslon.0', 'suara.paslon.1', 'suara.paslon.2', 'suara.sah'],
          },
        ],
      },
    ],
  },
  R06: {
    pass: [{ name: 'total = sah + tidak sah', changes: {}, expected: [] }],
    fail: [
      {
        name: 'tidak sah misread',
        changes: { 'suara.tidakSah': 61 },
        expected: [{ code: 'R06', severity: 'error', fields: ['suara.sah', 'suara.tidakSah', 'suara.total'] }],
      },
    ],
  },
  R07: {
    pass: [{ name: 'jumlah B (L+P) = total suara', changes: {}, expected: [] }],
    fail: [
      {
        name: 'one more ballot in the box than voters recorded (votes consistent among themselves)',
        changes: { 'suara.tidakSah': 17, 'suara.total': 329 },
        expected: [
          { code: 'R07', severity: 'error', fields: ['pengguna.jumlah.l', 'pengguna.jumlah.p', 'suara.total'] },
        ],
      },
    ],
  },
  R08: {
    pass: [{ name: 'digunakan = jumlah B', changes: {}, expected: [] }],
    fail: [
      {
        name: 'digunakan lower, tidak digunakan higher (ballot sums kept)',
        changes: { 'suratSuara.digunakan': 320, 'suratSuara.tidakDigunakan': 98 },
        expected: [
          {
            code: 'R08',
            severity: 'error',
            fields: ['suratSuara.digunakan', 'pengguna.jumlah.l', 'pengguna.jumlah.p'],
          },
        ],
      },
    ],
  },
  R09: {
    pass: [{ name: 'diterima = digunakan + dikembalikan + tidak digunakan', changes: {}, expected: [] }],
    fail: [
      {
        name: 'dikembalikan misread',
        changes: { 'suratSuara.dikembalikan': 8 },
        expected: [
          {
            code: 'R09',
            severity: 'error',
            fields: [
              'suratSuara.diterima',
              'suratSuara.digunakan',
              'suratSuara.dikembalikan',
              'suratSuara.tidakDigunakan',
            ],
          },
        ],
      },
    ],
  },
  R10: {
    pass: [
      { name: 'diterima = 410 + 11', changes: {}, expected: [] },
      {
        name: 'DPT 400 (exact 2.5% = 10): diterima 410',
        dptMaster: { l: 200, p: 200 },
        changes: {
          'pemilih.dpt.p': 200,
          'pemilih.jumlah.p': 203,
          'suratSuara.diterima': 410,
          'suratSuara.tidakDigunakan': 79,
        },
        expected: [],
      },
    ],
    fail: [
      {
        name: 'diterima without the reserve (sums kept)',
        changes: { 'suratSuara.diterima': 410, 'suratSuara.tidakDigunakan': 79 },
        expected: [{ code: 'R10', severity: 'warning', fields: ['suratSuara.diterima'] }],
      },
      {
        name: 'reserve rounded down instead of up (DPT 410: 10 instead of 11)',
        changes: { 'suratSuara.diterima': 420, 'suratSuara.tidakDigunakan': 89 },
        expected: [{ code: 'R10', severity: 'warning', fields: ['suratSuara.diterima'] }],
      },
    ],
  },
  R11: {
    pass: [
      {
        name: 'jumlah B equal to diterima (every ballot used)',
        changes: { 'suratSuara.dikembalikan': 0, 'suratSuara.tidakDigunakan': 0, 'suratSuara.diterima': 328 },
        expected: [{ code: 'R10', severity: 'warning', fields: ['suratSuara.diterima'] }],
      },
    ],
    fail: [
      {
        name: 'diterima below jumlah B',
        changes: { 'suratSuara.dikembalikan': 0, 'suratSuara.tidakDigunakan': 0, 'suratSuara.diterima': 300 },
        expected: [
          {
            code: 'R09',
            severity: 'error',
            fields: [
              'suratSuara.diterima',
              'suratSuara.digunakan',
              'suratSuara.dikembalikan',
              'suratSuara.tidakDigunakan',
            ],
          },
          { code: 'R10', severity: 'warning', fields: ['suratSuara.diterima'] },
          {
            code: 'R11',
            severity: 'error',
            fields: ['pengguna.jumlah.l', 'pengguna.jumlah.p', 'suratSuara.diterima'],
          },
        ],
      },
    ],
  },
  R12: {
    pass: [{ name: 'DPT on the form = DPT in the master', changes: {}, expected: [] }],
    fail: [
      {
        name: 'master DPT P differs (master updated after printing)',
        dptMaster: { l: 200, p: 209 },
        // 409 + ceil(409/40) = 409 + 11 = 420: the reserve changes too
        changes: {},
        expected: [
          { code: 'R10', severity: 'warning', fields: ['suratSuara.diterima'] },
          { code: 'R12', severity: 'warning', fields: ['pemilih.dpt.p'] },
        ],
      },
      {
        name: 'both sides differ, reserve unchanged',
        dptMaster: { l: 201, p: 209 },
        changes: {},
        expected: [
          { code: 'R12', severity: 'warning', fields: ['pemilih.dpt.l'] },
          { code: 'R12', severity: 'warning', fields: ['pemilih.dpt.p'] },
        ],
      },
    ],
  },
  R13: {
    pass: [
      {
        name: 'DPT exactly 600 and 610 pengguna (DPPh and DPTb voters on top of the cap)',
        dptMaster: { l: 300, p: 300 },
        changes: DPT_600_PENGGUNA_610,
        expected: [],
      },
    ],
    fail: [
      {
        name: 'a count above 999 (1105 in a paslon, sah adjusted)',
        changes: { 'suara.paslon.0': 1105, 'suara.sah': 1312 },
        expected: [
          { code: 'R06', severity: 'error', fields: ['suara.sah', 'suara.tidakSah', 'suara.total'] },
          { code: 'R13', severity: 'warning', fields: ['suara.paslon.0'] },
          { code: 'R13', severity: 'warning', fields: ['suara.sah'] },
        ],
      },
      {
        name: 'DPT above 600 (320 + 320) while every number fits 3 digits',
        dptMaster: { l: 320, p: 320 },
        changes: {
          'pemilih.dpt.l': 320,
          'pemilih.dpt.p': 320,
          'pemilih.jumlah.l': 325,
          'pemilih.jumlah.p': 323,
          'pengguna.dpt.l': 300,
          'pengguna.dpt.p': 296,
          'pengguna.jumlah.l': 305,
          'pengguna.jumlah.p': 299,
          // 640 + 16 = 656 = 604 + 0 + 52
          'suratSuara.diterima': 656,
          'suratSuara.digunakan': 604,
          'suratSuara.dikembalikan': 0,
          'suratSuara.tidakDigunakan': 52,
          'suara.paslon.0': 300,
          'suara.paslon.1': 200,
          'suara.paslon.2': 90,
          'suara.sah': 590,
          'suara.tidakSah': 14,
          'suara.total': 604,
        },
        expected: [{ code: 'R13', severity: 'warning', fields: ['pemilih.dpt.l', 'pemilih.dpt.p'] }],
      },
    ],
  },
};

describe.each(RULES.map((r) => [r.code, r] as const))('%s', (code, rule) => {
  const table = cases[code];

  it('has at least one passing and one failing case', () => {
    expect(table.pass.length).toBeGreaterThan(0);
    expect(table.fail.length).toBeGreaterThan(0);
  });

  it.each(table.pass.map((c) => [c.name, c] as const))('passes: %s', (_n, c) => {
    const rctx = { dptMaster: c.dptMaster ?? CLEAN_DPT, pilihanCount: 3 };
    const counts = withCounts(c.changes);
    expect(rule.check(counts, rctx)).toEqual([]);
    expect(shape(checkRecord(counts, rctx))).toEqual(c.expected);
  });

  it.each(table.fail.map((c) => [c.name, c] as const))('fails: %s', (_n, c) => {
    const rctx = { dptMaster: c.dptMaster ?? CLEAN_DPT, pilihanCount: 3 };
    const counts = withCounts(c.changes);
    const own = rule.check(counts, rctx);
    expect(shape(own)).toEqual(c.expected.filter((e) => e.code === code));
    expect(own.length).toBeGreaterThan(0);
    expect(shape(checkRecord(counts, rctx))).toEqual(c.expected);
    for (const v of own) {
      expect(v.severity).toSatisfy((s: string) => rule.severities.includes(s as 'error' | 'warning'));
      // every reported field is declared by the rule and is a real count path
      for (const f of v.fields) {
        expect(rule.fields(3)).toContain(f);
        expect(countPaths(3)).toContain(f);
      }
      // messages carry the concrete number of every field concerned
      for (const f of v.fields) expect(v.message).toMatch(new RegExp(`\\b${getCount(counts, f)}\\b`));
    }
  });
});

describe('messages', () => {
  it.each([
    [
      { 'pemilih.jumlah.l': 206 },
      CLEAN_DPT,
      'Jumlah pemilih laki-laki (206) tidak sama dengan DPT + DPPh + DPTb (200 + 2 + 3 = 205)',
    ],
    [
      { 'pengguna.dptb.l': 4, 'pengguna.dpt.l': 149 },
      CLEAN_DPT,
      'Pengguna hak pilih dalam DPTb laki-laki (4) melebihi pemilih dalam DPTb laki-laki (3)',
    ],
    [
      { 'disabilitas.pengguna.p': 3 },
      CLEAN_DPT,
      'Pemilih disabilitas perempuan yang menggunakan hak pilih (3) melebihi jumlah pemilih disabilitas perempuan (2)',
    ],
    [
      { 'suara.tidakSah': 17, 'suara.total': 329 },
      CLEAN_DPT,
      'Jumlah pengguna hak pilih (155 + 173 = 328) tidak sama dengan jumlah seluruh suara (329)',
    ],
    [
      { 'suratSuara.diterima': 410, 'suratSuara.tidakDigunakan': 79 },
      CLEAN_DPT,
      'Surat suara yang diterima (410) tidak sama dengan DPT data master + cadangan 2,5% (410 + 11 = 421)',
    ],
    [{}, { l: 201, p: 210 }, 'DPT laki-laki pada formulir (200) tidak sama dengan DPT laki-laki data master (201)'],
    [
      { 'suara.paslon.0': 1105, 'suara.sah': 1312, 'suara.total': 1328 },
      CLEAN_DPT,
      'Angka 1105 pada IV.A.1 Suara Sah Paslon Nomor Urut 1 melebihi 999 (formulir hanya memuat 3 digit)',
    ],
    [
      { 'pemilih.dpt.l': 300, 'pemilih.dpt.p': 301 },
      CLEAN_DPT,
      'Jumlah pemilih DPT (300 + 301 = 601) melebihi batas 600 pemilih DPT per TPS',
    ],
  ])('%j', (changes, dptMaster, message) => {
    const v = checkRecord(withCounts(changes), { dptMaster, pilihanCount: 3 });
    expect(v.map((x) => x.message)).toContain(message);
  });
});

describe('RULES', () => {
  it('holds R01..R13 once each, in order, with an Indonesian title', () => {
    const r01ToR13 = Array.from({ length: 13 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`);
    expect(RULES.map((r) => r.code)).toEqual(r01ToR13);
    for (const r of RULES) expect(r.title.length).toBeGreaterThan(10);
    expect(RULES_BY_CODE.R04.severities).toEqual(['error', 'warning']);
    expect(RULES_BY_CODE.R10.severity).toBe('warning');
    expect(RULES_BY_CODE.R12.severity).toBe('warning');
    expect(RULES_BY_CODE.R13.severity).toBe('warning');
  });

  it('checkRecord sorts by code and hasBlockingError ignores warnings', () => {
    const v = checkRecord(withCounts({ 'suara.paslon.0': 1105 }), { dptMaster: { l: 1, p: 1 }, pilihanCount: 3 });
    const codes = v.map((x) => x.code);
    expect(codes).toEqual([...codes].sort());
    expect(hasBlockingError(checkRecord(cleanCounts(), { dptMaster: { l: 1, p: 1 }, pilihanCount: 3 }))).toBe(false);
  });

  it('fieldsWithViolations keeps the worst severity per field', () => {
    const m = fieldsWithViolations(checkRecord(withCounts({ 'disabilitas.pengguna.l': 160 }), ctx));
    expect(m.get('disabilitas.pengguna.l')).toBe('error');
    expect(m.get('pengguna.jumlah.l')).toBe('warning');
  });

  it('works with a single-candidate election (paslon + kolom kosong)', () => {
    const c = withCounts({}, { ...cleanCounts(), suara: { paslon: [200, 112], sah: 312, tidakSah: 16, total: 328 } });
    expect(checkRecord(c, { dptMaster: CLEAN_DPT, pilihanCount: 2 })).toEqual([]);
    const bad = checkRecord(withCounts({ 'suara.paslon.1': 912 }, c), { dptMaster: CLEAN_DPT, pilihanCount: 2 });
    expect(shape(bad)).toEqual([
      { code: 'R05', severity: 'error', fields: ['suara.paslon.0', 'suara.paslon.1', 'suara.sah'] },
    ]);
  });
});

// Boundaries: every limit at, just below and just above. `at(d)` builds the record with the checked value d away from
// its limit (value − limit = d). An equality rule fails on both sides; an upper bound ("≤") passes at and below it.
interface Boundary {
  name: string;
  code: RuleCode;
  kind: 'equal' | 'atMost';
  at: (d: number) => Record<string, number>;
  /** The data master's DPT of the TPS at offset d (CLEAN_DPT when absent). */
  master?: (d: number) => { l: number; p: number };
  /** The one violation expected from this rule when the limit is broken. */
  broken: Omit<Expected, 'code'>;
  /** Violations of this rule present at every offset, after the broken one. */
  always?: Expected[];
}

const eq = (code: RuleCode, name: string, path: string, limit: number, fields: string[]): Boundary => ({
  name,
  code,
  kind: 'equal',
  at: (d) => ({ [path]: limit + d }),
  broken: { severity: code === 'R10' || code === 'R12' ? 'warning' : 'error', fields },
});
const jumlahFields = (g: string, s: string) => [
  `${g}.dpt.${s}`,
  `${g}.dpph.${s}`,
  `${g}.dptb.${s}`,
  `${g}.jumlah.${s}`,
];
const R09_ALL = ['suratSuara.diterima', 'suratSuara.digunakan', 'suratSuara.dikembalikan', 'suratSuara.tidakDigunakan'];

const boundaries: Boundary[] = [
  eq('R01', 'jumlah pemilih L = 205', 'pemilih.jumlah.l', 205, jumlahFields('pemilih', 'l')),
  eq('R01', 'jumlah pemilih P = 213', 'pemilih.jumlah.p', 213, jumlahFields('pemilih', 'p')),
  eq('R01', 'DPTb pemilih P against jumlah', 'pemilih.dptb.p', 2, jumlahFields('pemilih', 'p')),
  eq('R02', 'jumlah pengguna L = 155', 'pengguna.jumlah.l', 155, jumlahFields('pengguna', 'l')),
  eq('R02', 'jumlah pengguna P = 173', 'pengguna.jumlah.p', 173, jumlahFields('pengguna', 'p')),
  eq('R02', 'DPPh pengguna L against jumlah', 'pengguna.dpph.l', 2, jumlahFields('pengguna', 'l')),
  ...(['dpt', 'dpph', 'dptb'] as const).flatMap((list) =>
    (['l', 'p'] as const).map((side): Boundary => ({
      name: `pengguna ${list} ${side} ≤ pemilih ${list} ${side}`,
      code: 'R03',
      kind: 'atMost',
      at: (d) => ({ [`pengguna.${list}.${side}`]: cleanCounts().pemilih[list][side] + d }),
      broken: { severity: 'error', fields: [`pengguna.${list}.${side}`, `pemilih.${list}.${side}`] },
    })),
  ),
  ...(['l', 'p'] as const).flatMap((side): Boundary[] => [
    {
      name: `disabilitas pengguna ${side} ≤ disabilitas pemilih ${side} (error part)`,
      code: 'R04',
      kind: 'atMost',
      at: (d) => ({ [`disabilitas.pemilih.${side}`]: 50, [`disabilitas.pengguna.${side}`]: 50 + d }),
      broken: { severity: 'error', fields: [`disabilitas.pengguna.${side}`, `disabilitas.pemilih.${side}`] },
    },
    {
      // disabilitas pemilih 190 keeps the error part quiet: only the warning part is at its limit
      name: `disabilitas pengguna ${side} ≤ pengguna ${side} (warning part)`,
      code: 'R04',
      kind: 'atMost',
      at: (d) => ({
        [`disabilitas.pemilih.${side}`]: 190,
        [`disabilitas.pengguna.${side}`]: cleanCounts().pengguna.jumlah[side] + d,
      }),
      broken: { severity: 'warning', fields: [`disabilitas.pengguna.${side}`, `pengguna.jumlah.${side}`] },
    },
  ]),
  eq('R05', 'sah = 105 + 120 + 87', 'suara.sah', 312, [
    'suara.paslon.0',
    'suara.paslon.1',
    'suara.paslon.2',
    'suara.sah',
  ]),
  eq('R05', 'paslon 3 against sah', 'suara.paslon.2', 87, [
    'suara.paslon.0',
    'suara.paslon.1',
    'suara.paslon.2',
    'suara.sah',
  ]),
  eq('R06', 'total = 312 + 16', 'suara.total', 328, ['suara.sah', 'suara.tidakSah', 'suara.total']),
  eq('R06', 'tidak sah against total', 'suara.tidakSah', 16, ['suara.sah', 'suara.tidakSah', 'suara.total']),
  eq('R07', 'total suara = 155 + 173', 'suara.total', 328, ['pengguna.jumlah.l', 'pengguna.jumlah.p', 'suara.total']),
  eq('R07', 'jumlah pengguna P against total suara', 'pengguna.jumlah.p', 173, [
    'pengguna.jumlah.l',
    'pengguna.jumlah.p',
    'suara.total',
  ]),
  eq('R08', 'digunakan = 328', 'suratSuara.digunakan', 328, [
    'suratSuara.digunakan',
    'pengguna.jumlah.l',
    'pengguna.jumlah.p',
  ]),
  eq('R08', 'jumlah pengguna L against digunakan', 'pengguna.jumlah.l', 155, [
    'suratSuara.digunakan',
    'pengguna.jumlah.l',
    'pengguna.jumlah.p',
  ]),
  eq('R09', 'dikembalikan = 421 − 328 − 90', 'suratSuara.dikembalikan', 3, R09_ALL),
  eq('R09', 'tidak digunakan = 421 − 328 − 3', 'suratSuara.tidakDigunakan', 90, R09_ALL),
  eq('R09', 'diterima = 328 + 3 + 90', 'suratSuara.diterima', 421, R09_ALL),
  eq('R10', 'diterima = 410 + 11', 'suratSuara.diterima', 421, ['suratSuara.diterima']),
  {
    name: 'diterima = DPT 400 + 10 (reserve exactly 2.5%)',
    code: 'R10',
    kind: 'equal',
    master: () => ({ l: 200, p: 200 }),
    at: (d) => ({ 'suratSuara.diterima': 410 + d }),
    broken: { severity: 'warning', fields: ['suratSuara.diterima'] },
  },
  {
    name: 'diterima = DPT 401 + 11 (reserve 10.025 rounded up)',
    code: 'R10',
    kind: 'equal',
    master: () => ({ l: 201, p: 200 }),
    at: (d) => ({ 'suratSuara.diterima': 412 + d }),
    broken: { severity: 'warning', fields: ['suratSuara.diterima'] },
  },
  {
    name: 'total pengguna 328 ≤ diterima',
    code: 'R11',
    kind: 'atMost',
    // value − limit = 328 − diterima
    at: (d) => ({ 'suratSuara.diterima': 328 - d }),
    broken: { severity: 'error', fields: ['pengguna.jumlah.l', 'pengguna.jumlah.p', 'suratSuara.diterima'] },
  },
  {
    name: 'jumlah pengguna L (L + P) ≤ diterima 421',
    code: 'R11',
    kind: 'atMost',
    at: (d) => ({ 'pengguna.jumlah.l': 421 - 173 + d }),
    broken: { severity: 'error', fields: ['pengguna.jumlah.l', 'pengguna.jumlah.p', 'suratSuara.diterima'] },
  },
  {
    name: 'DPT L on the form = master 200',
    code: 'R12',
    kind: 'equal',
    at: (d) => ({ 'pemilih.dpt.l': 200 + d }),
    broken: { severity: 'warning', fields: ['pemilih.dpt.l'] },
  },
  {
    name: 'DPT P on the form = master 210 (master moved, form kept)',
    code: 'R12',
    kind: 'equal',
    // the master moves under a fixed form: value − limit = 210 − master
    master: (d) => ({ l: 200, p: 210 - d }),
    at: () => ({}),
    broken: { severity: 'warning', fields: ['pemilih.dpt.p'] },
  },
  {
    name: 'DPT L + P ≤ 600',
    code: 'R13',
    kind: 'atMost',
    master: () => ({ l: 300, p: 300 }),
    at: (d) => ({ ...DPT_600_PENGGUNA_610, 'pemilih.dpt.p': 300 + d }),
    broken: { severity: 'warning', fields: ['pemilih.dpt.l', 'pemilih.dpt.p'] },
  },
  ...countPaths(3).map((path): Boundary => ({
    name: `${path} ≤ 999`,
    code: 'R13',
    kind: 'atMost',
    // a DPT cell at 999 is also above the 600 cap: that second warning is there at every offset
    at: (d) => ({ [path]: 999 + d }),
    broken: { severity: 'warning', fields: [path] },
    ...(path.startsWith('pemilih.dpt.')
      ? { always: [{ code: 'R13', severity: 'warning', fields: ['pemilih.dpt.l', 'pemilih.dpt.p'] }] }
      : {}),
  })),
];

describe.each(boundaries.map((b) => [`${b.code} ${b.name}`, b] as const))('boundary %s', (_n, b) => {
  const rule = RULES_BY_CODE[b.code];
  const expectedAt = (d: number) => {
    const fails = b.kind === 'equal' ? d !== 0 : d > 0;
    return [...(fails ? [{ code: b.code, ...b.broken }] : []), ...(b.always ?? [])];
  };
  const ctxFor = (d: number) => ({ dptMaster: b.master?.(d) ?? CLEAN_DPT, pilihanCount: 3 });

  it.each([
    ['just below', -1],
    ['at', 0],
    ['just above', 1],
  ] as const)('%s the limit', (_w, d) => {
    expect(shape(rule.check(withCounts(b.at(d)), ctxFor(d)))).toEqual(expectedAt(d));
  });
});

describe('R10 reserve arithmetic', () => {
  it.each([
    [0, 0],
    [1, 1],
    [39, 1],
    [40, 1],
    [41, 2],
    [399, 10],
    [400, 10],
    [401, 11],
    [600, 15],
  ])('cadangan(%i) = %i', (dpt, reserve) => {
    expect(cadangan(dpt)).toBe(reserve);
  });

  it('expectedSuratSuara adds the reserve of L + P', () => {
    expect(expectedSuratSuara({ l: 200, p: 210 })).toBe(421);
    expect(expectedSuratSuara({ l: 201, p: 200 })).toBe(412);
    expect(expectedSuratSuara({ l: 0, p: 0 })).toBe(0);
  });
});
