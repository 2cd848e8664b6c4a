// The read model's derivation on plain rows: grouping per TPS/desa, tiles, counted version, lock state and lock
// blockers, and the one "final" verdict (every desa locked and no open keberatan).
import { describe, expect, it } from 'vitest';
import type { DataMaster, PemilihanId } from './model';
import { derivePemilihan, recapState, type PemilihanRows, type RowTypes } from './read-model';
import { CLEAN_DPT, cleanCounts, withCounts } from '../../tests/support/counts';

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
    expect(open.final).toEqual({ final: false, reasons: ['Keberatan tentang prosedur belum diselesaikan'] });
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
      'TPS 001: usulan koreksi belum diputuskan',
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

describe('derivePemilihan: where each counted number comes from', () => {
  const corrected = withCounts({ 'suara.paslon.0': 105 }, withCounts({ 'suara.paslon.0': 905 }));
  const m = derivePemilihan(
    rows({
      submissions: [
        sub(1, `${A}001`, withCounts({ 'suara.paslon.0': 905 })),
        sub(2, `${A}002`),
        sub(4, `${A}002`, withCounts({ 'suara.paslon.2': 86, 'suara.sah': 311, 'suara.tidakSah': 17 }), 20),
        sub(3, `${B}001`),
      ],
      acceptances: [],
      choices: [{ id: 1, tps: `${A}002`, submissionId: 4, decidedAt: at(30) }],
      corrections: [
        {
          id: 9,
          tps: `${A}001`,
          baseSubmissionId: 1,
          baseCorrectionId: null,
          counts: corrected,
          reason: 'salah baca',
          basis: 'c-hasil-plano',
        },
        {
          id: 10,
          tps: `${A}001`,
          baseSubmissionId: null,
          baseCorrectionId: 9,
          counts: withCounts({ 'suara.paslon.1': 121 }, corrected),
          reason: 'usul lain',
          basis: 'buka-kotak',
        },
      ],
      decisions: [
        { correctionId: 9, decision: 'approved', decidedBy: 'Ketua', decidedAt: at(40) },
        { correctionId: 10, decision: 'rejected', decidedBy: 'Ketua', decidedAt: at(41) },
      ],
      lockEvents: [],
    }),
  );
  const [t1, t2] = m.desa[0]!.tps;
  const t3 = m.desa[1]!.tps[0]!;

  it('an approved correction counts; a rejected one is neither counted nor pending', () => {
    expect(t1!.derived.current).toEqual(corrected);
    expect(t1!.derived.currentSource).toEqual({ kind: 'correction', correctionId: 9 });
    expect(t1!.derived.domainSource).toEqual({ kind: 'correction', id: 9 });
    expect(t1!.derived.countedSubmissionId).toBe(1);
    expect(t1!.derived.pendingCorrectionId).toBeNull();
    expect(t1!.tile).toBe('dikoreksi');
    expect(t1!.trace!.record.submissionId).toBe(1);
    expect(t1!.trace!.changes.map((c) => [c.correctionId, c.path, c.from, c.to])).toEqual([
      [9, 'suara.paslon.0', 905, 105],
    ]);
    expect(t1!.decisions.get(10)!.decision).toBe('rejected');
    expect(recapState(t1!)).toEqual({ counted: corrected, masuk: true, diputuskan: true, konflik: false });
  });

  it('a konflik choice counts the chosen submission; a TPS nobody decided counts its first record', () => {
    expect(t2!.derived.currentSource).toEqual({ kind: 'submission', submissionId: 4 });
    expect(t2!.derived.domainSource).toEqual({ kind: 'chosen', id: 4 });
    expect(t2!.derived.countedSubmissionId).toBe(4);
    expect(t2!.derived.current!.suara.paslon).toEqual([105, 120, 86]);
    expect(t2!.tile).toBe('sesuai');
    expect(t2!.trace).toEqual({ record: { submissionId: 4, sha256: sub(4, '').sha256 }, changes: [] });
    expect(t3.derived.currentSource).toEqual({ kind: 'submission', submissionId: 3 });
    expect(t3.derived.domainSource).toEqual({ kind: 'first-valid', id: 3 });
    expect(t3.tile).toBe('masuk');
  });

  it('keeps each TPS to its own rows, in the order given', () => {
    expect(t1!.submissions.map((s) => s.id)).toEqual([1]);
    expect(t2!.submissions.map((s) => s.id)).toEqual([2, 4]);
    expect(t2!.choices.map((c) => c.id)).toEqual([1]);
    expect(t1!.corrections.map((c) => c.id)).toEqual([9, 10]);
    expect(t2!.corrections).toEqual([]);
    expect(t3.submissions.map((s) => s.id)).toEqual([3]);
    expect(t1!.row).toEqual({ kode: `${A}001`, desa: A, nomor: 1 });
    expect(t3.dpt).toEqual(CLEAN_DPT);
  });

  it('a TPS without any record has no counted version, source or trace', () => {
    const empty = derivePemilihan(rows({ submissions: [sub(1, `${A}001`)], acceptances: [] }));
    const t = empty.byTps.get(`${B}001`)!;
    expect(t.derived).toMatchObject({
      base: 'belum-masuk',
      current: null,
      currentSource: null,
      domainSource: { kind: 'none', id: null },
      countedSubmissionId: null,
      pendingCorrectionId: null,
      openObjectionIds: [],
    });
    expect(t.trace).toBeNull();
    expect(t.tile).toBe('belum-masuk');
  });
});

describe('derivePemilihan: tiles, keberatan and locks', () => {
  const bad = withCounts({ 'suara.paslon.0': 905 });
  const tps = (id: number) => ({ id, scope: 'tps' as const, tps: `${A}001`, desa: null });

  it('a rule error stays visible until the plenary settles the TPS, then the tile is the settled status', () => {
    const open = derivePemilihan(rows({ submissions: [sub(1, `${A}001`, bad)], acceptances: [] }));
    expect(open.byTps.get(`${A}001`)!.tile).toBe('bermasalah');
    const accepted = derivePemilihan(rows({ submissions: [sub(1, `${A}001`, bad)] }));
    const t = accepted.byTps.get(`${A}001`)!;
    expect(t.derived.bermasalah).toBe(true);
    expect(t.derived.base).toBe('sesuai');
    expect(t.tile).toBe('sesuai');
    expect(t.violations.length).toBeGreaterThan(0);
    expect(t.violations).toEqual(t.derived.violations);
  });

  it('an open keberatan on a TPS shows sengketa over a rule error, konflik over both; resolved, it no longer counts', () => {
    const withErr = derivePemilihan(
      rows({ submissions: [sub(1, `${A}001`, bad)], acceptances: [], objections: [tps(5)] }),
    );
    expect(withErr.byTps.get(`${A}001`)!.tile).toBe('sengketa');
    expect(withErr.byTps.get(`${A}001`)!.derived.openObjectionIds).toEqual([5]);
    const both = derivePemilihan(
      rows({
        submissions: [sub(1, `${A}001`, bad), sub(5, `${A}001`, cleanCounts(), 30)],
        acceptances: [],
        objections: [tps(5), tps(6)],
        resolutions: [{ objectionId: 5 }],
      }),
    );
    const t = both.byTps.get(`${A}001`)!;
    expect(t.tile).toBe('konflik');
    expect(t.derived).toMatchObject({ konflik: true, sengketa: true, openObjectionIds: [6] });
    expect(t.objections.map((o) => o.id)).toEqual([5, 6]);
    const resolved = derivePemilihan(rows({ objections: [tps(5)], resolutions: [{ objectionId: 5 }] }));
    expect(resolved.byTps.get(`${A}001`)!.tile).toBe('sesuai');
    expect(resolved.byTps.get(`${A}001`)!.derived.sengketa).toBe(false);
    expect(resolved.resolutions.get(5)).toEqual({ objectionId: 5 });
  });

  it('groups keberatan by scope: a TPS one under its TPS, a desa one under its desa, a procedure one under neither', () => {
    const m = derivePemilihan(
      rows({
        objections: [
          tps(1),
          { id: 2, scope: 'desa', tps: null, desa: B },
          { id: 3, scope: 'prosedur', tps: null, desa: null },
        ],
      }),
    );
    expect(m.byTps.get(`${A}001`)!.objections.map((o) => o.id)).toEqual([1]);
    expect(m.byTps.get(`${A}002`)!.objections).toEqual([]);
    expect(m.byTps.get(`${B}001`)!.objections).toEqual([]);
    expect(m.desa[0]!.objections).toEqual([]);
    expect(m.desa[1]!.objections.map((o) => o.id)).toEqual([2]);
    expect(m.objections.map((o) => o.id)).toEqual([1, 2, 3]);
    expect(m.final!.reasons).toEqual([
      'Keberatan tentang Desa Hampang TPS 001 belum diselesaikan',
      'Keberatan tentang Desa Limbur belum diselesaikan',
      'Keberatan tentang prosedur belum diselesaikan',
    ]);
  });

  it('lock events count per desa, the latest (by id) wins in any order; a locked desa lists no blockers', () => {
    const m = derivePemilihan(
      rows({
        submissions: [sub(1, `${A}001`, bad)],
        acceptances: [],
        objections: [{ id: 4, scope: 'desa', tps: null, desa: A }],
        lockEvents: [
          { id: 3, desa: A, action: 'lock' },
          { id: 2, desa: A, action: 'unlock' },
          { id: 1, desa: A, action: 'lock' },
          { id: 5, desa: null, action: 'unlock' },
          { id: 4, desa: B, action: 'unlock' },
        ],
      }),
    );
    expect(m.desa[0]!.locked).toBe(true);
    expect(m.desa[0]!.lockEvents.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(m.desa[0]!.lockBlockers).toEqual([]);
    expect(m.desa[1]!.locked).toBe(false);
    expect(m.desa[1]!.lockEvents.map((e) => e.id)).toEqual([4]);
    expect(m.desa[1]!.lockBlockers).toEqual(['TPS 001: data C.Hasil belum masuk']);
  });

  it('a resolved keberatan on the desa no longer blocks its lock; a pending correction does, named with its TPS', () => {
    const m = derivePemilihan(
      rows({
        objections: [{ id: 4, scope: 'desa', tps: null, desa: A }],
        resolutions: [{ objectionId: 4 }],
        corrections: [
          {
            id: 12,
            tps: `${A}002`,
            baseSubmissionId: 2,
            baseCorrectionId: null,
            counts: withCounts({ 'suara.tidakSah': 15, 'suara.total': 327 }),
            reason: 'x',
            basis: 'buka-kotak',
          },
        ],
        lockEvents: [],
      }),
    );
    expect(m.desa[0]!.lockBlockers).toEqual(['TPS 002: usulan koreksi belum diputuskan']);
    expect(m.byTps.get(`${A}002`)!.derived.pendingCorrectionId).toBe(12);
    expect(m.byTps.get(`${A}002`)!.tile).toBe('sesuai');
    expect(m.desa[1]!.lockBlockers).toEqual([]);
  });

  it('names the kecamatan and every pemilihan of the master, and passes the pemilihan through', () => {
    const two = {
      ...master,
      pemilihan: [...master.pemilihan, { ...master.pemilihan[0]!, id: 'gubernur' as PemilihanId, nama: 'Gubernur' }],
    };
    const m = derivePemilihan({ ...rows(), master: two });
    expect(m.kecamatan).toEqual({ kode: '630214', nama: 'Hampang' });
    expect(m.pemilihanList).toEqual([
      { id: 'bupati', nama: 'Bupati' },
      { id: 'gubernur', nama: 'Gubernur' },
    ]);
    expect(m.pemilihan).toBe(pemilihan);
    expect(m.scoped).toBe(false);
    expect(m.desa.map((d) => d.row)).toEqual([
      { kode: A, nama: 'Hampang' },
      { kode: B, nama: 'Limbur' },
    ]);
  });

  it('checks each TPS against its own DPT in the data master', () => {
    const small = {
      ...master,
      desa: [master.desa[0]!, { ...master.desa[1]!, tps: [{ nomor: 1, dpt: { l: 100, p: 100 } }] }],
    };
    const m = derivePemilihan({ ...rows(), master: small });
    expect(m.byTps.get(`${A}001`)!.violations).toEqual([]);
    expect(m.byTps.get(`${B}001`)!.dpt).toEqual({ l: 100, p: 100 });
    expect(m.byTps.get(`${B}001`)!.violations.map((v) => [v.code, v.fields])).toEqual([
      ['R10', ['suratSuara.diterima']],
      ['R12', ['pemilih.dpt.l']],
      ['R12', ['pemilih.dpt.p']],
    ]);
  });
});
