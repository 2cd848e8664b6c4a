// The read model's derivation on plain rows: grouping per TPS/desa, tiles, counted version, lock state and lock
// blockers, and the one "final" verdict (every desa locked and no open keberatan).
import { describe, expect, it } from 'vitest';
import type { DataMaster, PemilihanId } from './model';
import { derivePemilihan, recapState, type PemilihanRows, type RowTypes } from './read-model';
import { CLEAN_DPT, cleanCounts, withCounts } from './test-support/records';

const A = '6302142001';
const B = '6302142002';
const master: Pick<DataMaster, 'kecamatan' | 'desa' | 'pemilihan'> = {
  kecamatan: { kode: '630214', nama: 'Hampang' },
  desa: [
    { kode: A, nama: 'Hampang', tps: [1, 2].map((nomor) => ({ nomor, dpt: CLEAN_DPT })) },
    { kode: B, nama: 'Limbur', tps: [{ nomor: 1, dpt: CLEAN_DPT }] },
  ],
  pemilihan: [
    {
      id: 'bupati',
      nama: 'Bupati',
      wilayah: '6302',
      pilihan: [1, 2, 3].map((n) => ({ nomor: n, nama: `P${n}` })),
    },
  ],
};
const pemilihan = { id: 'bupati' as PemilihanId, nama: 'Bupati', pilihan: master.pemilihan[0]!.pilihan };
const at = (m: number) => `2024-11-28T01:${String(m).padStart(2, '0')}:00.000Z`;
const sub = (id: number, tps: string, counts = cleanCounts(), m = id) => ({
  id,
  tps,
  sha256: String(id).repeat(64).slice(0, 64),
  receivedAt: at(m),
  counts,
});

function rows(over: Partial<PemilihanRows<RowTypes>> = {}): PemilihanRows<RowTypes> {
  return {
    master,
    pemilihan,
    submissions: [sub(1, `${A}001`), sub(2, `${A}002`), sub(3, `${B}001`)],
    acceptances: [
      { id: 1, tps: `${A}001`, submissionId: 1, decidedAt: at(10) },
      { id: 2, tps: `${A}002`, submissionId: 2, decidedAt: at(11) },
      { id: 3, tps: `${B}001`, submissionId: 3, decidedAt: at(12) },
    ],
    choices: [],
    corrections: [],
    decisions: [],
    objections: [],
    resolutions: [],
    lockEvents: [
      { id: 1, desa: A, action: 'lock' },
      { id: 2, desa: B, action: 'lock' },
    ],
    ...over,
  };
}

describe('derivePemilihan', () => {
  it('is final when every desa is locked and no keberatan is open', () => {
    const m = derivePemilihan(rows());
    expect(m.desa.map((d) => d.locked)).toEqual([true, true]);
    expect(m.final).toEqual({ final: true, reasons: [] });
    expect(m.order).toEqual([`${A}001`, `${A}002`, `${B}001`]);
    expect([...m.byTps.values()].map((t) => t.tile)).toEqual(['sesuai', 'sesuai', 'sesuai']);
    expect(m.byTps.get(`${A}002`)!.trace).toEqual({
      record: { submissionId: 2, sha256: sub(2, '').sha256 },
      changes: [],
    });
  });

  it('an open keberatan (even about the procedure, after the last lock) or an unlocked desa blocks the final', () => {
    const prosedur = { id: 7, scope: 'prosedur' as const, tps: null, desa: null };
    const open = derivePemilihan(rows({ objections: [prosedur] }));
    expect(open.final).toEqual({ final: false, reasons: ['Keberatan #7 belum diselesaikan'] });
    expect(derivePemilihan(rows({ objections: [prosedur], resolutions: [{ objectionId: 7 }] })).final!.final).toBe(
      true,
    );
    const unlocked = derivePemilihan(
      rows({ lockEvents: [...rows().lockEvents, { id: 3, desa: B, action: 'unlock' }] }),
    );
    expect(unlocked.desa[1]!.locked).toBe(false);
    expect(unlocked.final!.reasons).toEqual(['Desa Limbur (63.02.14.2002) belum dikunci']);
  });

  it('derives tiles, lock blockers and the recap state per TPS from their own rows', () => {
    const bad = withCounts({ 'suara.paslon.0': 905 });
    const m = derivePemilihan(
      rows({
        submissions: [sub(1, `${A}001`, bad), sub(2, `${A}002`), sub(4, `${A}002`, withCounts({ 'suara.sah': 1 }), 20)],
        acceptances: [],
        objections: [{ id: 5, scope: 'desa', tps: null, desa: A }],
        corrections: [
          {
            id: 9,
            tps: `${A}001`,
            baseSubmissionId: 1,
            baseCorrectionId: null,
            counts: cleanCounts(),
            reason: 'x',
            basis: 'buka-kotak',
          },
        ],
        lockEvents: [],
      }),
    );
    const [t1, t2] = m.desa[0]!.tps;
    expect(t1!.tile).toBe('bermasalah');
    expect(t1!.derived.pendingCorrectionId).toBe(9);
    expect(t2!.tile).toBe('konflik');
    expect(m.desa[1]!.tps[0]!.tile).toBe('belum-masuk');
    expect(m.desa[0]!.lockBlockers).toEqual([
      'TPS 001: belum diputuskan dalam pleno',
      'TPS 002: ada kiriman berbeda (konflik) yang belum diputuskan',
      'Ada 1 keberatan terhadap desa ini yang belum diselesaikan',
      'TPS 001: usulan koreksi #9 belum diputuskan',
    ]);
    expect(recapState(t2!)).toEqual({ counted: cleanCounts(), masuk: true, diputuskan: false, konflik: true });
    expect(recapState(m.desa[1]!.tps[0]!)).toEqual({ counted: null, masuk: false, diputuskan: false, konflik: false });
  });

  it('scoped to one desa derives only that desa, keeps the whole order and gives no final verdict', () => {
    const m = derivePemilihan({ ...rows(), desa: B });
    expect(m.desa.map((d) => d.row.kode)).toEqual([B]);
    expect([...m.byTps.keys()]).toEqual([`${B}001`]);
    expect(m.order).toHaveLength(3);
    expect(m.scoped).toBe(true);
    expect(m.final).toBeNull();
  });
});
