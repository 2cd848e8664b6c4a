import { describe, expect, it } from 'vitest';
import { type TpsFlags, type TpsStatus } from './model';
import {
  type CurrentSourceKind,
  type LockEventInput,
  type TpsStateInput,
  checkLockAction,
  compareInstant,
  deriveTpsState,
  desaLockable,
  lockState,
  pemilihanFinal,
} from './status';
import { CLEAN_DPT, cleanCounts, withCounts } from '../../tests/support/counts';
import { checkRecord } from './rules/index';

const rules = { dptMaster: CLEAN_DPT, pilihanCount: 3 };
const A = cleanCounts();
const B = withCounts({ 'suara.paslon.0': 905 }); // the misread version: R05 error
const C = withCounts({ 'suara.paslon.0': 104, 'suara.paslon.1': 121 });
const t = (min: number) =>
  `2024-11-28T${String(8 + Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}:00+08:00`;

const sub = (id: number, counts = A, min = id, sha = `h${id}`) => ({ id, sha256: sha, receivedAt: t(min), counts });

interface Case {
  name: string;
  input: Omit<TpsStateInput, 'rules'>;
  status: TpsStatus;
  flags: TpsFlags;
  source: [CurrentSourceKind, number | null];
  violations?: string[];
}

const F = (konflik = false, sengketa = false, bermasalah = false): TpsFlags => ({ sengketa, konflik, bermasalah });

const cases: Case[] = [
  { name: 'nothing received', input: { submissions: [] }, status: 'belum-masuk', flags: F(), source: ['none', null] },
  {
    name: 'only an invalid submission',
    input: { submissions: [{ ...sub(1), valid: false }] },
    status: 'belum-masuk',
    flags: F(),
    source: ['none', null],
  },
  {
    name: 'one valid record, unreviewed',
    input: { submissions: [sub(1)] },
    status: 'masuk',
    flags: F(),
    source: ['first-valid', 1],
  },
  {
    name: 'misread record is bermasalah',
    input: { submissions: [sub(1, B)] },
    status: 'masuk',
    flags: F(false, false, true),
    source: ['first-valid', 1],
    violations: ['R05'],
  },
  {
    name: 'accepted as read',
    input: { submissions: [sub(1)], acceptances: [{ id: 1, submissionId: 1, decidedAt: t(30) }] },
    status: 'sesuai',
    flags: F(),
    source: ['accepted', 1],
  },
  {
    name: 'accepted with errors (override reason): sesuai but still bermasalah',
    input: { submissions: [sub(1, B)], acceptances: [{ id: 1, submissionId: 1, decidedAt: t(30) }] },
    status: 'sesuai',
    flags: F(false, false, true),
    source: ['accepted', 1],
    violations: ['R05'],
  },
  {
    name: 'two differing submissions: konflik, the first counts',
    input: { submissions: [sub(1, B), sub(2, A)] },
    status: 'masuk',
    flags: F(true, false, true),
    source: ['first-valid', 1],
  },
  {
    name: 'konflik settled by choosing the second',
    input: { submissions: [sub(1, B), sub(2, A)], choices: [{ id: 1, submissionId: 2, decidedAt: t(40) }] },
    status: 'sesuai',
    flags: F(),
    source: ['chosen', 2],
  },
  {
    name: 'konflik settled by a choice at the same instant as the second submission',
    input: { submissions: [sub(1, B), sub(2, A, 40)], choices: [{ id: 1, submissionId: 2, decidedAt: t(40) }] },
    status: 'sesuai',
    flags: F(),
    source: ['chosen', 2],
  },
  {
    name: 'accepted, then a differing submission arrives: konflik again, the accepted one still counts',
    input: { submissions: [sub(1), sub(2, C, 50)], acceptances: [{ id: 1, submissionId: 1, decidedAt: t(30) }] },
    status: 'masuk',
    flags: F(true),
    source: ['accepted', 1],
  },
  {
    name: 'the late submission is chosen after the acceptance',
    input: {
      submissions: [sub(1), sub(2, C, 50)],
      acceptances: [{ id: 1, submissionId: 1, decidedAt: t(30) }],
      choices: [{ id: 1, submissionId: 2, decidedAt: t(55) }],
    },
    status: 'sesuai',
    flags: F(),
    source: ['chosen', 2],
  },
  {
    name: 'acceptance after a choice of another submission wins (latest act)',
    input: {
      submissions: [sub(1, B), sub(2)],
      choices: [{ id: 1, submissionId: 2, decidedAt: t(30) }],
      acceptances: [{ id: 1, submissionId: 1, decidedAt: t(31) }],
    },
    status: 'sesuai',
    flags: F(false, false, true),
    source: ['accepted', 1],
  },
  {
    name: 'a proposed correction does not count',
    input: { submissions: [sub(1, B)], corrections: [{ id: 7, counts: A, decision: null, decidedAt: null }] },
    status: 'masuk',
    flags: F(false, false, true),
    source: ['first-valid', 1],
  },
  {
    name: 'a rejected correction does not count',
    input: { submissions: [sub(1, B)], corrections: [{ id: 7, counts: A, decision: 'rejected', decidedAt: t(20) }] },
    status: 'masuk',
    flags: F(false, false, true),
    source: ['first-valid', 1],
  },
  {
    name: 'an approved correction counts: dikoreksi',
    input: { submissions: [sub(1, B)], corrections: [{ id: 7, counts: A, decision: 'approved', decidedAt: t(20) }] },
    status: 'dikoreksi',
    flags: F(),
    source: ['correction', 7],
  },
  {
    name: 'the latest approved correction counts, even with a later acceptance of a submission',
    input: {
      submissions: [sub(1, B)],
      corrections: [
        { id: 8, counts: C, decision: 'approved', decidedAt: t(25) },
        { id: 7, counts: A, decision: 'approved', decidedAt: t(20) },
      ],
      acceptances: [{ id: 1, submissionId: 1, decidedAt: t(40) }],
    },
    status: 'dikoreksi',
    flags: F(),
    source: ['correction', 8],
  },
  {
    name: 'a correction approval settles a konflik',
    input: {
      submissions: [sub(1, B), sub(2, C)],
      corrections: [{ id: 7, counts: A, decision: 'approved', decidedAt: t(20) }],
    },
    status: 'dikoreksi',
    flags: F(),
    source: ['correction', 7],
  },
  {
    name: 'open keberatan: sengketa flag, status unchanged',
    input: { submissions: [sub(1)], acceptances: [{ id: 1, submissionId: 1, decidedAt: t(30) }], openObjections: 2 },
    status: 'sesuai',
    flags: F(false, true),
    source: ['accepted', 1],
  },
  {
    name: 'an acceptance naming an unknown submission is ignored',
    input: { submissions: [sub(1)], acceptances: [{ id: 1, submissionId: 99, decidedAt: t(30) }] },
    status: 'masuk',
    flags: F(),
    source: ['first-valid', 1],
  },
  {
    name: 'first valid = lowest id, whatever the input order',
    input: { submissions: [sub(5, C), sub(3, A)] },
    status: 'masuk',
    flags: F(true),
    source: ['first-valid', 3],
  },
];

describe('deriveTpsState', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const s = deriveTpsState({ ...c.input, rules });
    expect(s.status).toBe(c.status);
    expect(s.flags).toEqual(c.flags);
    expect([s.currentSource.kind, s.currentSource.id]).toEqual(c.source);
    if (c.violations) expect(s.violations.map((v) => v.code)).toEqual(c.violations);
    if (c.source[0] === 'none') expect(s.current).toBeNull();
  });

  it('returns the counts of the current version', () => {
    const s = deriveTpsState({
      submissions: [sub(1, B), sub(2, C)],
      choices: [{ id: 1, submissionId: 2, decidedAt: t(40) }],
      rules,
    });
    expect(s.current).toEqual(C);
    expect(s.distinctSubmissions).toBe(2);
  });

  it('accepts numeric ordering keys (e.g. audit sequence numbers)', () => {
    const s = deriveTpsState({
      submissions: [
        { id: 1, sha256: 'a', receivedAt: 10, counts: A },
        { id: 2, sha256: 'b', receivedAt: 30, counts: C },
      ],
      acceptances: [{ id: 1, submissionId: 1, decidedAt: 20 }],
      rules,
    });
    expect(s.flags.konflik).toBe(true);
  });

  it('compares ISO times with offsets as instants', () => {
    expect(compareInstant('2024-11-28T09:00:00+08:00', '2024-11-28T02:00:00Z')).toBeLessThan(0);
    expect(compareInstant('2024-11-28T10:00:00+08:00', '2024-11-28T02:00:00Z')).toBe(0);
  });
});

const st = (status: TpsStatus, flags: Partial<TpsFlags> = {}) => ({ status, flags: { ...F(), ...flags } });

describe('desaLockable', () => {
  it.each([
    ['all settled', [st('sesuai'), st('dikoreksi')], 0, []],
    ['all settled, bermasalah accepted with reason', [st('sesuai', { bermasalah: true })], 0, []],
    ['one not in', [st('sesuai'), st('belum-masuk')], 0, ['TPS 002: data C.Hasil belum masuk']],
    ['one unreviewed', [st('masuk')], 0, ['TPS 001: belum diputuskan dalam pleno']],
    [
      'konflik pending',
      [st('masuk', { konflik: true })],
      0,
      ['TPS 001: ada kiriman berbeda (konflik) yang belum diputuskan'],
    ],
    ['sengketa on a TPS', [st('sesuai', { sengketa: true })], 0, ['TPS 001: ada keberatan yang belum diselesaikan']],
    ['objection on the desa', [st('sesuai')], 1, ['Ada 1 keberatan terhadap desa ini yang belum diselesaikan']],
  ] as const)('%s', (_n, states, openDesa, reasons) => {
    const r = desaLockable(
      states.map((state, i) => ({ tps: `6302142001${String(i + 1).padStart(3, '0')}`, state })),
      openDesa,
    );
    expect(r).toEqual({ lockable: reasons.length === 0, reasons });
  });
});

describe('pemilihanFinal', () => {
  it('is final only when every desa is locked', () => {
    expect(pemilihanFinal([{ kode: '6302142001', nama: 'Hampang', locked: true }])).toEqual({
      final: true,
      reasons: [],
    });
    expect(
      pemilihanFinal([
        { kode: '6302142001', nama: 'Hampang', locked: true },
        { kode: '6302142002', nama: 'Limbur', locked: false },
      ]),
    ).toEqual({ final: false, reasons: ['Desa Limbur (63.02.14.2002) belum dikunci'] });
    expect(pemilihanFinal([]).final).toBe(false);
  });

  it('names each open keberatan by where it is about, never by its id', () => {
    const locked = [{ kode: '6302142001', nama: 'Hampang', locked: true }];
    expect(pemilihanFinal(locked, ['Desa Hampang TPS 003', 'prosedur'])).toEqual({
      final: false,
      reasons: [
        'Keberatan tentang Desa Hampang TPS 003 belum diselesaikan',
        'Keberatan tentang prosedur belum diselesaikan',
      ],
    });
  });
});

describe('lock events', () => {
  it.each([
    [[], false],
    [[{ id: 1, action: 'lock' }], true],
    [
      [
        { id: 1, action: 'lock' },
        { id: 2, action: 'unlock', reason: 'keberatan saksi' },
      ],
      false,
    ],
    [
      [
        { id: 3, action: 'lock' },
        { id: 2, action: 'unlock', reason: 'x' },
        { id: 1, action: 'lock' },
      ],
      true,
    ],
  ] as const)('%j → locked %s', (events, locked) => {
    expect(lockState<LockEventInput>(events).locked).toBe(locked);
  });

  it.each([
    [false, 'lock', undefined, true, undefined],
    [true, 'lock', undefined, false, 'CONFLICT'],
    [false, 'unlock', 'alasan', false, 'CONFLICT'],
    [true, 'unlock', '   ', false, 'INVALID_INPUT'],
    [true, 'unlock', 'Keberatan saksi paslon 2 diterima', true, undefined],
  ] as const)('locked=%s %s reason=%j → ok %s', (locked, action, reason, ok, code) => {
    const r = checkLockAction(locked, action, reason);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('instants, lock order and the values a lock check returns', () => {
  it('compareInstant: numbers numerically, ISO instants as instants, other strings as text', () => {
    expect(compareInstant(2, 10)).toBe(-8);
    expect(compareInstant(10, 2)).toBe(8);
    expect(compareInstant(5, 5)).toBe(0);
    // The same instant written in two offsets is equal; text order would say otherwise.
    expect(compareInstant('2024-11-28T09:00:00+08:00', '2024-11-28T01:00:00Z')).toBe(0);
    expect(compareInstant('2024-11-28T09:00:01+08:00', '2024-11-28T01:00:00Z')).toBe(1000);
    expect(compareInstant('2024-11-28T01:00:00Z', '2024-11-28T09:00:01+08:00')).toBe(-1000);
    // A number against an ISO string: both as milliseconds.
    expect(compareInstant(Date.parse('2024-11-28T01:00:00Z') + 5, '2024-11-28T01:00:00Z')).toBe(5);
    expect(compareInstant('2024-11-28T01:00:00Z', Date.parse('2024-11-28T01:00:00Z') - 5)).toBe(5);
    // Not dates: text order.
    expect(compareInstant('b', 'a')).toBe(1);
    expect(compareInstant('a', 'b')).toBe(-1);
    expect(compareInstant('a', 'a')).toBe(0);
    expect(compareInstant('2024-11-28T01:00:00Z', 'later')).toBe(-1);
    expect(compareInstant('later', '2024-11-28T01:00:00Z')).toBe(1);
  });

  it('deriveTpsState: at the same instant a conflict choice outranks an acceptance; at the same kind the higher id', () => {
    const input = (
      acceptances: { id: number; submissionId: number }[],
      choices: { id: number; submissionId: number }[],
    ) =>
      deriveTpsState({
        submissions: [
          { id: 1, sha256: 'a', receivedAt: 1, counts: cleanCounts() },
          { id: 2, sha256: 'b', receivedAt: 2, counts: withCounts({ 'suara.tidakSah': 15, 'suara.total': 327 }) },
        ],
        acceptances: acceptances.map((a) => ({ ...a, decidedAt: 10 })),
        choices: choices.map((c) => ({ ...c, decidedAt: 10 })),
        rules: { dptMaster: CLEAN_DPT, pilihanCount: 3 },
      }).currentSource;
    expect(input([{ id: 9, submissionId: 1 }], [{ id: 1, submissionId: 2 }])).toEqual({ kind: 'chosen', id: 2 });
    expect(input([{ id: 1, submissionId: 2 }], [{ id: 9, submissionId: 1 }])).toEqual({ kind: 'chosen', id: 1 });
    expect(
      input(
        [],
        [
          { id: 4, submissionId: 2 },
          { id: 3, submissionId: 1 },
        ],
      ),
    ).toEqual({ kind: 'chosen', id: 2 });
    expect(
      input(
        [],
        [
          { id: 3, submissionId: 2 },
          { id: 4, submissionId: 1 },
        ],
      ),
    ).toEqual({ kind: 'chosen', id: 1 });
  });

  it('checks a frozen record once per rule context: same verdict, a fresh one for another DPT, a list per caller', () => {
    const counts = Object.freeze(withCounts({ 'suara.tidakSah': 17 })); // R06 error: sah + tidak sah ≠ total
    const input = (dptMaster: typeof CLEAN_DPT) => ({
      submissions: [{ id: 1, sha256: 'a', receivedAt: 1, counts }],
      rules: { dptMaster, pilihanCount: 3 },
    });
    const first = deriveTpsState(input(CLEAN_DPT));
    const again = deriveTpsState(input(CLEAN_DPT));
    expect(again.violations).toEqual(first.violations);
    expect(again.violations).not.toBe(first.violations);
    expect(first.violations.map((v) => v.code)).toContain('R06');
    const otherDpt = { l: CLEAN_DPT.l + 1, p: CLEAN_DPT.p };
    const moved = deriveTpsState(input(otherDpt));
    expect(moved.violations).toEqual(checkRecord(counts, { dptMaster: otherDpt, pilihanCount: 3 }));
    expect(moved.violations).not.toEqual(first.violations);
    expect(deriveTpsState(input(CLEAN_DPT)).violations).toEqual(
      checkRecord(counts, { dptMaster: CLEAN_DPT, pilihanCount: 3 }),
    );
  });

  it('a TPS without a record has no violations', () => {
    expect(deriveTpsState({ submissions: [], rules: { dptMaster: CLEAN_DPT, pilihanCount: 3 } }).violations).toEqual(
      [],
    );
  });

  it('lockState: the highest id wins whatever the order of the rows', () => {
    const events: LockEventInput[] = [
      { id: 2, action: 'lock' },
      { id: 5, action: 'unlock', reason: 'x' },
      { id: 4, action: 'lock' },
    ];
    expect(lockState(events)).toEqual({ locked: false, last: events[1] });
    expect(lockState([...events].reverse())).toEqual({ locked: false, last: events[1] });
  });

  it('checkLockAction returns what is to be recorded: the action and the trimmed reason (null when none)', () => {
    expect(checkLockAction(false, 'lock')).toEqual({ ok: true, value: { action: 'lock', reason: null } });
    expect(checkLockAction(false, 'lock', '  semua TPS sesuai ')).toEqual({
      ok: true,
      value: { action: 'lock', reason: 'semua TPS sesuai' },
    });
    expect(checkLockAction(true, 'unlock', ' keberatan diterima ')).toEqual({
      ok: true,
      value: { action: 'unlock', reason: 'keberatan diterima' },
    });
    expect(checkLockAction(true, 'unlock', '')).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Membuka kunci wajib disertai alasan yang dicatat.', detail: 'reason' },
    });
    expect(checkLockAction(true, 'lock')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Sudah dikunci.' },
    });
  });
});
