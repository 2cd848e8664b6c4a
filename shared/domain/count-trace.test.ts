// The trace of a counted number: which record it starts from and which approved changes lead to it, replayable.
import { describe, expect, it } from 'vitest';
import { applyTrace, BASIS_NOTE_MARK, toSumber, traceOf, type TraceInput } from './count-trace';
import { cleanCounts, withCounts } from '../../tests/support/counts';

const s1 = { id: 1, sha256: 'a'.repeat(64), counts: cleanCounts() };
const s2 = { id: 2, sha256: 'b'.repeat(64), counts: withCounts({ 'suara.paslon.0': 905, 'suara.sah': 1112 }) };
// Correction 10 on the chosen s2 fixes the misread; correction 11 on 10 moves one vote from tidak sah to paslon 3.
const c10 = {
  id: 10,
  baseSubmissionId: 2,
  baseCorrectionId: null,
  counts: withCounts({ 'suara.paslon.0': 105, 'suara.sah': 312 }, s2.counts),
  reason: 'Salah baca angka 105',
  basis: 'salinan-saksi',
};
const c11 = {
  id: 11,
  baseSubmissionId: null,
  baseCorrectionId: 10,
  counts: withCounts({ 'suara.paslon.2': 88, 'suara.sah': 313, 'suara.tidakSah': 15 }, c10.counts),
  reason: 'Satu suara sah terbaca tidak sah',
  basis: 'lainnya: Berita acara Panwaslu',
};
const approved = (by: string, at: string) => ({ decision: 'approved' as const, decidedBy: by, decidedAt: at });
const decisions = new Map([
  [10, approved('Siti Ketua', '2024-11-28T01:10:00.000Z')],
  [11, approved('Siti Ketua', '2024-11-28T01:20:00.000Z')],
]);
const input = (counted: TraceInput['counted'], over: Partial<TraceInput> = {}): TraceInput => ({
  submissions: [s1, s2],
  corrections: [c10, c11],
  decisions,
  counted,
  ...over,
});

describe('traceOf', () => {
  it('is null when nothing is counted, and the record alone when a submission counts', () => {
    expect(traceOf(input(null))).toBeNull();
    expect(traceOf(input({ kind: 'submission', submissionId: 2 }))).toEqual({
      record: { submissionId: 2, sha256: s2.sha256 },
      changes: [],
    });
  });

  it('follows the chain of corrections down to the record, oldest first, fields in form order', () => {
    const t = traceOf(input({ kind: 'correction', correctionId: 11 }))!;
    expect(t.record).toEqual({ submissionId: 2, sha256: s2.sha256 });
    expect(t.changes.map((c) => [c.correctionId, c.path, c.from, c.to])).toEqual([
      [10, 'suara.paslon.0', 905, 105],
      [10, 'suara.sah', 1112, 312],
      [11, 'suara.paslon.2', 87, 88],
      [11, 'suara.sah', 312, 313],
      [11, 'suara.tidakSah', 16, 15],
    ]);
    expect(t.changes[0]).toMatchObject({ basis: 'salinan-saksi', basisNote: null, reason: c10.reason });
    expect(t.changes[2]).toMatchObject({ basis: 'lainnya', basisNote: 'Berita acara Panwaslu' });
    expect(t.changes[4]!.approval).toEqual({ by: 'Siti Ketua', at: '2024-11-28T01:20:00.000Z' });
    // Replaying the changes on the record's numbers gives exactly the counted version.
    expect(applyTrace(s2.counts, t.changes)).toEqual(c11.counts);
  });

  it('is null for a broken chain (missing base, or a cycle)', () => {
    const orphan = { ...c11, baseCorrectionId: 99 };
    expect(traceOf(input({ kind: 'correction', correctionId: 11 }, { corrections: [orphan] }))).toBeNull();
    const a = { ...c10, baseSubmissionId: null, baseCorrectionId: 11 };
    expect(traceOf(input({ kind: 'correction', correctionId: 11 }, { corrections: [a, c11] }))).toBeNull();
    expect(traceOf(input({ kind: 'submission', submissionId: 7 }))).toBeNull();
  });
});

describe('toSumber', () => {
  it('gives the pleno.document/2 object: rekaman and koreksi with the contract keys, in order', () => {
    const s = toSumber(traceOf(input({ kind: 'correction', correctionId: 11 })))!;
    expect(Object.keys(s)).toEqual(['rekaman', 'koreksi']);
    expect(s.rekaman).toBe(s2.sha256);
    expect(s.koreksi[0]).toEqual({
      bidang: 'suara.paslon.0',
      dari: 905,
      menjadi: 105,
      dasar: 'salinan-saksi',
      alasan: 'Salah baca angka 105',
      disetujui: 'Siti Ketua',
      waktu: '2024-11-28T01:10:00.000Z',
    });
    expect(Object.keys(s.koreksi[0]!)).toEqual(['bidang', 'dari', 'menjadi', 'dasar', 'alasan', 'disetujui', 'waktu']);
    // The note of a 'lainnya' basis stays with the reason.
    expect(s.koreksi[2]!.alasan).toBe(`Satu suara sah terbaca tidak sah${BASIS_NOTE_MARK}Berita acara Panwaslu`);
    expect(
      applyTrace(
        s2.counts,
        s.koreksi.map((k) => ({ path: k.bidang, to: k.menjadi })),
      ),
    ).toEqual(c11.counts);
    expect(toSumber(null)).toBeNull();
  });

  it('refuses to present a change without an approval as approved', () => {
    const pending = new Map([[10, decisions.get(10)!]]);
    const t = traceOf(input({ kind: 'correction', correctionId: 11 }, { decisions: pending }))!;
    expect(t.changes.at(-1)!.approval).toBeNull();
    expect(() => toSumber(t)).toThrow(/#11 has no approval/);
  });
});
