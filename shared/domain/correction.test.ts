import { describe, expect, it } from 'vitest';
import {
  type CorrectionProposal,
  type CorrectionUnderDecision,
  approveCorrection,
  basisCode,
  basisLabel,
  correctionState,
  diffCounts,
  formatBasis,
  proposeCorrection,
  rejectCorrection,
  validateCounts,
} from './correction';
import { type CHasilCounts, type Pilihan } from './model';
import type { CurrentSourceKind } from './status';
import { cleanCounts, withCounts } from '../../tests/support/counts';

const misread = withCounts({ 'suara.paslon.0': 905 });
const fixed = cleanCounts();
const pilihan: Pilihan[] = [
  { nomor: 1, nama: 'Andi – Budi' },
  { nomor: 2, nama: 'Citra – Dewi' },
  { nomor: 3, nama: 'Eko – Fajar' },
];

const proposal = (over: Partial<CorrectionProposal> = {}): CorrectionProposal => ({
  tps: '6302142001003',
  pemilihan: 'bupati',
  base: { kind: 'submission', id: 11, counts: misread },
  counts: fixed,
  reason: 'Angka paslon 1 terbaca 905, pada C.Hasil plano tertulis 105',
  basis: 'salinan-saksi',
  proposedBy: 'Rina (operator)',
  proposedAt: '2024-11-28T10:00:00+08:00',
  ...over,
});
const ctx = { pilihanCount: 3, desaLocked: false, pilihan };

describe('diffCounts', () => {
  it('lists the differing fields in form order with labels', () => {
    const b = withCounts({ 'pemilih.dpt.p': 211, 'suara.paslon.0': 905, 'suara.total': 329 });
    expect(diffCounts(fixed, b, pilihan)).toEqual([
      { path: 'pemilih.dpt.p', label: 'I.A.1 Jumlah Pemilih dalam DPT (P)', a: 210, b: 211 },
      { path: 'suara.paslon.0', label: 'IV.A.1 Suara Sah Paslon Nomor Urut 1 (Andi – Budi)', a: 105, b: 905 },
      { path: 'suara.total', label: 'IV.D Jumlah Seluruh Suara Sah dan Tidak Sah (B+C)', a: 328, b: 329 },
    ]);
    expect(diffCounts(fixed, cleanCounts())).toEqual([]);
  });

  it('refuses records with different numbers of choices', () => {
    const two = { ...fixed, suara: { ...fixed.suara, paslon: [1, 2] } };
    expect(() => diffCounts(fixed, two)).toThrow(/choice counts differ/);
  });
});

describe('validateCounts', () => {
  it.each([
    ['a clean record', fixed, true, undefined],
    ['a float', withCounts({ 'suara.sah': 1.5 }), false, 'suara.sah'],
    ['a negative', withCounts({ 'pemilih.dpt.l': -1 }), false, 'pemilih.dpt.l'],
    ['above 9999', withCounts({ 'suratSuara.diterima': 10000 }), false, 'suratSuara.diterima'],
    ['4 digits is allowed (R13 warns)', withCounts({ 'suratSuara.diterima': 9999 }), true, undefined],
    ['wrong number of choices', { ...fixed, suara: { ...fixed.suara, paslon: [1, 2] } }, false, 'suara.paslon'],
    [
      'a missing field',
      { ...fixed, suratSuara: { diterima: 1 } } as unknown as CHasilCounts,
      false,
      'suratSuara.dikembalikan',
    ],
  ])('%s', (_n, counts, ok, field) => {
    const r = validateCounts(counts, 3);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.detail).toBe(field);
    }
  });
});

describe('validateCounts at its edges', () => {
  it('takes a zero, says which count is missing, and refuses a record without vote counts', () => {
    expect(validateCounts(withCounts({ 'suratSuara.dikembalikan': 0 }), 3).ok).toBe(true);
    const missing = { ...fixed, suratSuara: { diterima: 1 } } as unknown as CHasilCounts;
    expect(validateCounts(missing, 3)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Angka .* belum diisi\.$/), detail: 'suratSuara.dikembalikan' },
    });
    const noSuara = { ...fixed, suara: undefined } as unknown as CHasilCounts;
    expect(validateCounts(noSuara, 3)).toMatchObject({ ok: false, error: { detail: 'suara.paslon' } });
  });
});

describe('the basis of a correction as stored', () => {
  it('keeps a note only with lainnya, and reads back what it stored', () => {
    expect(formatBasis('c-hasil-plano', 'catatan')).toBe('c-hasil-plano');
    expect(formatBasis('lainnya', '  ')).toBe('lainnya');
    expect(formatBasis('lainnya', null)).toBe('lainnya');
    expect(basisCode('lainnya: Surat PPS')).toEqual({ basis: 'lainnya', note: 'Surat PPS' });
    expect(basisCode('hitung-ulang')).toEqual({ basis: 'hitung-ulang', note: null });
    // Text that is no known code reads as lainnya with that text as the note.
    expect(basisCode('berita acara desa')).toEqual({ basis: 'lainnya', note: 'berita acara desa' });
  });
});

describe('proposeCorrection', () => {
  it('builds the draft for storage with the changed fields and the diff', () => {
    const r = proposeCorrection(proposal(), ctx);
    expect(r).toEqual({
      ok: true,
      value: {
        tps: '6302142001003',
        pemilihan: 'bupati',
        baseSubmissionId: 11,
        baseCorrectionId: null,
        counts: fixed,
        changedFields: ['suara.paslon.0'],
        reason: 'Angka paslon 1 terbaca 905, pada C.Hasil plano tertulis 105',
        basis: 'salinan-saksi',
        evidencePhoto: null,
        proposedBy: 'Rina (operator)',
        proposedAt: '2024-11-28T10:00:00+08:00',
        changes: [
          { path: 'suara.paslon.0', label: 'IV.A.1 Suara Sah Paslon Nomor Urut 1 (Andi – Budi)', a: 905, b: 105 },
        ],
      },
    });
  });

  it('accepts a correction of a correction and a "lainnya" basis with a note', () => {
    const r = proposeCorrection(
      proposal({
        base: { kind: 'correction', id: 4, counts: misread },
        basis: 'lainnya',
        basisNote: 'Berita acara PPS',
      }),
      { ...ctx, currentSource: { kind: 'correction', id: 4 } },
    );
    expect(r.ok && r.value.baseCorrectionId).toBe(4);
    expect(r.ok && r.value.baseSubmissionId).toBeNull();
    expect(r.ok && r.value.basis).toBe('lainnya: Berita acara PPS');
  });

  it.each([
    ['desa locked', proposal(), { ...ctx, desaLocked: true }, 'LOCKED', undefined],
    ['no reason', proposal({ reason: '  ' }), ctx, 'INVALID_INPUT', 'reason'],
    ['no proposer', proposal({ proposedBy: '' }), ctx, 'INVALID_INPUT', 'proposedBy'],
    ['unknown basis', proposal({ basis: 'telepon' as never }), ctx, 'INVALID_INPUT', 'basis'],
    ['lainnya without a note', proposal({ basis: 'lainnya' }), ctx, 'INVALID_INPUT', 'basisNote'],
    ['no change', proposal({ counts: misread }), ctx, 'INVALID_INPUT', undefined],
    ['invalid number', proposal({ counts: withCounts({ 'suara.sah': -3 }) }), ctx, 'INVALID_INPUT', 'suara.sah'],
    [
      'based on a version that no longer counts',
      proposal(),
      { ...ctx, currentSource: { kind: 'correction' as const, id: 5 } },
      'CONFLICT',
      undefined,
    ],
  ])('refuses: %s', (_n, p, c, code, field) => {
    const r = proposeCorrection(p, c);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.detail).toBe(field);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
  });

  it('accepts a base that is the accepted/chosen/first-valid submission', () => {
    for (const kind of ['accepted', 'chosen', 'first-valid'] as const) {
      expect(proposeCorrection(proposal(), { ...ctx, currentSource: { kind, id: 11 } }).ok).toBe(true);
    }
  });
});

const session = { ketua: 'Hj. Siti Aminah', delegates: ['Budi Santoso', 'Dewi Lestari'] };
const proposed = (proposedBy = 'Rina (operator)'): CorrectionUnderDecision => ({
  id: 21,
  proposedBy,
  baseSubmissionId: 11,
  baseCorrectionId: null,
  state: 'proposed',
});
const at = '2024-11-28T10:05:00+08:00';

describe('approveCorrection', () => {
  it.each([
    ['ketua approves an operator proposal', proposed(), 'Hj. Siti Aminah', 'ketua'],
    ['a delegate approves', proposed(), 'Budi Santoso', 'delegate'],
    ['name compared trimmed and case-insensitively', proposed(), '  hj. siti  aminah ', 'ketua'],
    ['ketua approves their own proposal', proposed('Hj. Siti Aminah'), 'Hj. Siti Aminah', 'ketua'],
    ['another delegate approves a delegate proposal', proposed('Budi Santoso'), 'Dewi Lestari', 'delegate'],
  ])('%s', (_n, c, by, role) => {
    const r = approveCorrection(c, {
      by,
      at,
      session,
      desaLocked: false,
      currentSource: { kind: 'first-valid', id: 11 },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        correctionId: 21,
        decision: 'approved',
        reason: null,
        decidedBy: by.trim(),
        decidedAs: role,
        decidedAt: at,
      },
    });
  });

  it.each([
    ['an operator', proposed(), 'Rina (operator)', false, 'FORBIDDEN'],
    ['an anggota without delegation', proposed(), 'Joko', false, 'FORBIDDEN'],
    ['a delegate approving their own proposal', proposed('Budi Santoso'), 'budi santoso', false, 'FORBIDDEN'],
    ['the desa is locked', proposed(), 'Hj. Siti Aminah', true, 'LOCKED'],
    ['already approved', { ...proposed(), state: 'approved' as const }, 'Hj. Siti Aminah', false, 'CONFLICT'],
    ['already rejected', { ...proposed(), state: 'rejected' as const }, 'Hj. Siti Aminah', false, 'CONFLICT'],
  ])('refuses: %s', (_n, c, by, desaLocked, code) => {
    const r = approveCorrection(c, { by, at, session, desaLocked });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('refuses when another version became current since the proposal', () => {
    const r = approveCorrection(proposed(), {
      by: 'Hj. Siti Aminah',
      at,
      session,
      desaLocked: false,
      currentSource: { kind: 'correction', id: 19 },
    });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
  });
});

describe('approveCorrection: the version it was proposed on', () => {
  const approve = (c: CorrectionUnderDecision, currentSource: { kind: CurrentSourceKind; id: number | null }) =>
    approveCorrection(c, { by: 'Hj. Siti Aminah', at, session, desaLocked: false, currentSource });
  const onCorrection = { ...proposed(), baseSubmissionId: null, baseCorrectionId: 11 };
  it.each([
    ['the same submission, read first', proposed(), { kind: 'first-valid', id: 11 }, true],
    ['the same submission, accepted', proposed(), { kind: 'accepted', id: 11 }, true],
    ['the same submission, chosen', proposed(), { kind: 'chosen', id: 11 }, true],
    ['another submission', proposed(), { kind: 'accepted', id: 12 }, false],
    ['a correction numbered like the submission', proposed(), { kind: 'correction', id: 11 }, false],
    ['nothing counts any more', proposed(), { kind: 'none', id: null }, false],
    ['a kind without an id', proposed(), { kind: 'accepted', id: null }, false],
    ['the same correction', onCorrection, { kind: 'correction', id: 11 }, true],
    ['a submission numbered like the correction', onCorrection, { kind: 'first-valid', id: 11 }, false],
    ['no base recorded at all', { ...proposed(), baseSubmissionId: null }, { kind: 'accepted', id: -1 }, true],
  ] as const)('%s', (_n, c, current, ok) => {
    const r = approve(c, current);
    expect(r.ok).toBe(ok);
    if (!r.ok)
      expect([r.error.code, r.error.message]).toEqual([
        'CONFLICT',
        expect.stringMatching(/^Koreksi ini dibuat atas versi/),
      ]);
  });

  it('says which decision was already taken, and a locked desa before the version', () => {
    const decided = (state: 'approved' | 'rejected') => approve({ ...proposed(), state }, { kind: 'accepted', id: 11 });
    expect(decided('approved')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/sudah disetujui/) },
    });
    expect(decided('rejected')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/sudah ditolak/) },
    });
    const locked = approveCorrection(proposed(), {
      by: 'Hj. Siti Aminah',
      at,
      session,
      desaLocked: true,
      currentSource: { kind: 'accepted', id: 12 },
    });
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

describe('deciding without the current version at hand, and the name as typed', () => {
  it('approves when the caller passes no current version; records the rejecting decider trimmed', () => {
    expect(approveCorrection(proposed(), { by: 'Hj. Siti Aminah', at, session, desaLocked: false })).toMatchObject({
      ok: true,
      value: { decision: 'approved', decidedAs: 'ketua' },
    });
    expect(
      rejectCorrection(proposed(), { by: '  Dewi Lestari ', at, session, reason: 'Tidak ada salinan' }),
    ).toMatchObject({ ok: true, value: { decidedBy: 'Dewi Lestari' } });
  });
});

describe('rejectCorrection', () => {
  it('needs a decider and a reason', () => {
    expect(
      rejectCorrection(proposed(), { by: 'Dewi Lestari', at, session, reason: 'Salinan saksi tidak terbaca' }),
    ).toEqual({
      ok: true,
      value: {
        correctionId: 21,
        decision: 'rejected',
        reason: 'Salinan saksi tidak terbaca',
        decidedBy: 'Dewi Lestari',
        decidedAs: 'delegate',
        decidedAt: at,
      },
    });
    const noReason = rejectCorrection(proposed(), { by: 'Dewi Lestari', at, session, reason: ' ' });
    expect(!noReason.ok && noReason.error.code).toBe('INVALID_INPUT');
    const operator = rejectCorrection(proposed(), { by: 'Rina (operator)', at, session, reason: 'x' });
    expect(!operator.ok && operator.error.code).toBe('FORBIDDEN');
    const twice = rejectCorrection(
      { ...proposed(), state: 'rejected' },
      { by: 'Dewi Lestari', at, session, reason: 'x' },
    );
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
  });
});

describe('state and basis helpers', () => {
  it('derives the state from the decision row', () => {
    expect(correctionState(undefined)).toBe('proposed');
    expect(correctionState(null)).toBe('proposed');
    expect(correctionState({ decision: 'approved' })).toBe('approved');
    expect(correctionState({ decision: 'rejected' })).toBe('rejected');
  });

  it.each([
    ['hitung-ulang', undefined, 'hitung-ulang', 'Penghitungan suara ulang'],
    ['salinan-panwascam', undefined, 'salinan-panwascam', 'Salinan C.Hasil Panwaslu Kecamatan'],
    ['c-hasil-plano', undefined, 'c-hasil-plano', 'C.Hasil-KWK plano (dari kotak suara)'],
    ['c-kejadian-tps', undefined, 'c-kejadian-tps', 'C.Kejadian Khusus TPS'],
    ['lainnya', ' Surat PPS ', 'lainnya: Surat PPS', 'Lainnya: Surat PPS'],
  ] as const)('%s', (basis, note, stored, label) => {
    expect(formatBasis(basis, note)).toBe(stored);
    expect(basisLabel(stored)).toBe(label);
  });
});
