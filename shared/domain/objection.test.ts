import { describe, expect, it } from 'vitest';
import { type Pilihan } from './model';
import {
  type ObjectionBy,
  type ObjectionInput,
  acceptObjection,
  isObjectionOpen,
  objectionByLabel,
  objectionScopeLabel,
  objectionState,
  raiseObjection,
  raisedByFromRow,
  raisedByToRow,
  rejectObjection,
} from './objection';

const pilihan: Pilihan[] = [
  { nomor: 1, nama: 'Andi – Budi' },
  { nomor: 2, nama: 'Citra – Dewi' },
];
const known = new Set(['6302142001003']);
const ctx = { pilihanCount: 2, knownTps: (k: string) => known.has(k), knownDesa: (k: string) => k === '6302142001' };
const input = (over: Partial<ObjectionInput> = {}): ObjectionInput => ({
  scope: { kind: 'tps', tps: '6302142001003' },
  pemilihan: 'bupati',
  by: { kind: 'saksi', paslon: 2, nama: 'Ahmad' },
  text: 'Suara paslon 2 di TPS 003 tertulis 87, menurut salinan saksi 97',
  raisedAt: '2024-11-28T11:00:00+08:00',
  recordedBy: 'Rina (operator)',
  ...over,
});

describe('raiseObjection', () => {
  it.each([
    ['a saksi about a TPS', input(), { scope: 'tps', tps: '6302142001003', desa: '6302142001' }],
    [
      'Panwascam about a desa',
      input({ scope: { kind: 'desa', desa: '6302142001' }, by: { kind: 'panwascam' } }),
      { scope: 'desa', tps: null, desa: '6302142001' },
    ],
    [
      'someone else about a procedure, for every pemilihan',
      input({ scope: { kind: 'prosedur' }, by: { kind: 'lainnya', nama: 'Pemantau' }, pemilihan: null }),
      { scope: 'prosedur', tps: null, desa: null },
    ],
  ] as const)('records %s', (_n, i, where) => {
    const r = raiseObjection(i, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toMatchObject(where);
      expect(r.value.raisedBy).toEqual(raisedByToRow(i.by));
      expect(r.value.text).toBe(i.text);
    }
  });

  it.each([
    ['empty text', input({ text: ' ' }), 'text'],
    ['no recorder', input({ recordedBy: '' }), 'recordedBy'],
    ['saksi of a paslon that does not exist', input({ by: { kind: 'saksi', paslon: 3 } }), 'by.paslon'],
    ['saksi paslon 0', input({ by: { kind: 'saksi', paslon: 0 } }), 'by.paslon'],
    ['lainnya without a name', input({ by: { kind: 'lainnya', nama: '  ' } }), 'by.nama'],
    ['unknown TPS', input({ scope: { kind: 'tps', tps: '6302142001009' } }), 'scope.tps'],
    ['malformed TPS code', input({ scope: { kind: 'tps', tps: '63021420010' } }), 'scope.tps'],
    ['unknown desa', input({ scope: { kind: 'desa', desa: '6302142099' } }), 'scope.desa'],
  ] as const)('refuses %s', (_n, i, field) => {
    const r = raiseObjection(i, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.detail).toBe(field);
    }
  });
});

describe('raiseObjection at its edges', () => {
  // Without the master's lookups only the shape of a code is checked: exactly 13 (TPS) or 10 (desa) digits.
  const bare = { pilihanCount: 2 };
  it.each([
    ['12 digits', '630214200100'],
    ['14 digits', '63021420010031'],
    ['a letter first', 'a630214200100'],
    ['a letter last', '630214200100a'],
  ])('refuses a TPS code of %s', (_n, tps) => {
    expect(raiseObjection(input({ scope: { kind: 'tps', tps } }), bare)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', detail: 'scope.tps' },
    });
  });

  it('takes a well-formed TPS and desa code, saksi of paslon 1 and of the last paslon', () => {
    expect(raiseObjection(input({ scope: { kind: 'tps', tps: '6302142001007' } }), bare)).toMatchObject({
      ok: true,
      value: { tps: '6302142001007', desa: '6302142001' },
    });
    for (const paslon of [1, 2])
      expect(raiseObjection(input({ by: { kind: 'saksi', paslon, nama: 'Ahmad' } }), ctx).ok).toBe(true);
  });

  it('a procedure objection may name a desa, which must then exist', () => {
    const about = (desa: string) =>
      raiseObjection(input({ scope: { kind: 'prosedur', desa }, by: { kind: 'panwascam' } }), ctx);
    expect(about('6302142001')).toMatchObject({
      ok: true,
      value: { scope: 'prosedur', desa: '6302142001', tps: null },
    });
    expect(about('6302142099')).toMatchObject({ ok: false, error: { detail: 'scope.desa' } });
    expect(about('63021420')).toMatchObject({ ok: false, error: { detail: 'scope.desa' } });
  });
});

describe('who raised a keberatan, stored and shown', () => {
  it('stores only the keys that apply, and reads back exactly what was stored', () => {
    expect(raisedByToRow({ kind: 'panwascam' })).toStrictEqual({ peran: 'panwascam' });
    expect(raisedByToRow({ kind: 'saksi', paslon: 1 })).toStrictEqual({ peran: 'saksi', paslon: 1 });
    expect(raisedByFromRow({ peran: 'saksi', paslon: 2 })).toStrictEqual({ kind: 'saksi', paslon: 2 });
    expect(raisedByFromRow({ peran: 'ppk' })).toStrictEqual({ kind: 'ppk' });
    expect(raisedByFromRow({ peran: 'ppk', nama: 'Joko' })).toStrictEqual({ kind: 'ppk', nama: 'Joko' });
    expect(raisedByFromRow({ peran: 'lainnya' })).toStrictEqual({ kind: 'lainnya', nama: '' });
  });

  it('names the paslon only when it is a real one in the list, and trims a name given', () => {
    const withEmpty: Pilihan[] = [...pilihan, { nomor: 3, nama: 'Kolom kosong', kind: 'kolom-kosong' }];
    expect(objectionByLabel({ kind: 'saksi', paslon: 2 })).toBe('Saksi Paslon Nomor Urut 2');
    expect(objectionByLabel({ kind: 'saksi', paslon: 3 }, withEmpty)).toBe('Saksi Paslon Nomor Urut 3');
    expect(objectionByLabel({ kind: 'saksi', paslon: 9 }, pilihan)).toBe('Saksi Paslon Nomor Urut 9');
    expect(objectionByLabel({ kind: 'lainnya', nama: '  Pemantau Pemilu ' })).toBe('Pemantau Pemilu');
  });
});

const session = { ketua: 'Hj. Siti Aminah', delegates: ['Budi Santoso'] };
const open = { id: 5, state: 'raised' as const };
const at = '2024-11-28T11:30:00+08:00';

describe('resolving a keberatan', () => {
  it('diterima with a correction', () => {
    const r = acceptObjection(open, {
      by: 'Hj. Siti Aminah',
      at,
      session,
      reason: 'Salinan saksi dan Panwascam sama: 97',
      followUp: { kind: 'correction', correctionId: 31 },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        objectionId: 5,
        outcome: 'diterima',
        reason: 'Salinan saksi dan Panwascam sama: 97',
        correctionId: 31,
        followUp: { kind: 'correction', correctionId: 31 },
        decidedBy: 'Hj. Siti Aminah',
        decidedAs: 'ketua',
        decidedAt: at,
      },
    });
  });

  it('diterima with a recount still to be done', () => {
    const r = acceptObjection(open, {
      by: 'Budi Santoso',
      at,
      session,
      reason: 'Dilakukan penghitungan suara ulang',
      followUp: { kind: 'hitung-ulang', correctionId: null },
    });
    expect(r.ok && r.value.correctionId).toBeNull();
    expect(r.ok && r.value.decidedAs).toBe('delegate');
  });

  it('ditolak with reasons', () => {
    const r = rejectObjection(open, { by: 'Budi Santoso', at, session, reason: 'C.Hasil plano sesuai dengan data' });
    expect(r.ok && r.value.outcome).toBe('ditolak');
    expect(r.ok && r.value.followUp).toBeNull();
  });

  it.each([
    [
      'no reason (ditolak)',
      () => rejectObjection(open, { by: 'Budi Santoso', at, session, reason: '' }),
      'INVALID_INPUT',
    ],
    ['not a decider', () => rejectObjection(open, { by: 'Rina', at, session, reason: 'x' }), 'FORBIDDEN'],
    [
      'already resolved',
      () => rejectObjection({ id: 5, state: 'ditolak' }, { by: 'Budi Santoso', at, session, reason: 'x' }),
      'CONFLICT',
    ],
    [
      'correction follow-up without a correction id',
      () =>
        acceptObjection(open, {
          by: 'Budi Santoso',
          at,
          session,
          reason: 'x',
          followUp: { kind: 'correction', correctionId: 0 },
        }),
      'INVALID_INPUT',
    ],
  ])('refuses: %s', (_n, run, code) => {
    const r = run();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('state from the resolution row', () => {
    expect(objectionState(null)).toBe('raised');
    expect(isObjectionOpen(undefined)).toBe(true);
    expect(objectionState({ outcome: 'diterima' })).toBe('diterima');
    expect(isObjectionOpen({ outcome: 'ditolak' })).toBe(false);
  });
});

describe('labels and row mapping', () => {
  it.each([
    [{ kind: 'saksi', paslon: 2 }, 'Saksi Paslon Nomor Urut 2 (Citra – Dewi)'],
    [{ kind: 'saksi', paslon: 1, nama: 'Ahmad' }, 'Saksi Paslon Nomor Urut 1 (Andi – Budi) – Ahmad'],
    [{ kind: 'panwascam' }, 'Panwaslu Kecamatan'],
    [{ kind: 'ppk', nama: 'Budi Santoso' }, 'PPK – Budi Santoso'],
    [{ kind: 'lainnya', nama: 'Pemantau JPPR' }, 'Pemantau JPPR'],
  ] as const)('%j', (by, label) => {
    expect(objectionByLabel(by as ObjectionBy, pilihan)).toBe(label);
    expect(raisedByFromRow(raisedByToRow(by as ObjectionBy))).toEqual(by);
  });

  it('scope labels', () => {
    const names = { '6302142001': 'Hampang' };
    expect(objectionScopeLabel({ kind: 'tps', tps: '6302142001003' }, names)).toBe('TPS 003 Desa Hampang');
    expect(objectionScopeLabel({ kind: 'desa', desa: '6302142002' })).toBe('Desa 63.02.14.2002');
    expect(objectionScopeLabel({ kind: 'prosedur' })).toBe('Prosedur');
  });

  it('maps to storage rows with peran', () => {
    expect(raisedByToRow({ kind: 'saksi', paslon: 2, nama: ' Ahmad ' })).toEqual({
      peran: 'saksi',
      paslon: 2,
      nama: 'Ahmad',
    });
    expect(raisedByToRow({ kind: 'panwascam' })).toEqual({ peran: 'panwascam' });
  });
});
