// Withdrawn decisions (batalkan) and holds for PSU/PSS/PSL (tunda) in the one read model (read-model.ts), at the
// domain level: which acceptance or choice is still in force, when a hold ends (only a result received after it,
// accepted or chosen), and what the tile and the recap see. The backend tests (psu-hold, decisions) reach the same
// code through the handlers; these pin each branch with rows built by hand.
import { describe, expect, it } from 'vitest';
import type { DataMaster, PemilihanId } from './model';
import { derivePemilihan, receivedAfterHold, recapState, type PemilihanRows, type RowTypes } from './read-model';
import type { TundaRowIn, WithdrawalRowIn } from './read-model-types';
import { CLEAN_DPT, cleanCounts, withCounts } from '../../tests/support/counts';

const A = '6302142001';
const T1 = `${A}001`;
const T2 = `${A}002`;
const master: Pick<DataMaster, 'kecamatan' | 'desa' | 'pemilihan'> = {
  kecamatan: { kode: '630214', nama: 'Hampang' },
  desa: [{ kode: A, nama: 'Hampang', tps: [1, 2].map((nomor) => ({ nomor, dpt: CLEAN_DPT })) }],
  pemilihan: [],
};
const pilihan = [1, 2, 3].map((n) => ({ nomor: n, nama: `P${n}` }));
const at = (m: number) => `2024-11-28T02:${String(m).padStart(2, '0')}:00.000Z`;
const sub = (id: number, tps: string, counts = cleanCounts()) => ({
  id,
  tps,
  sha256: String(id).repeat(64).slice(0, 64),
  receivedAt: at(id),
  counts,
});
const act = (id: number, tps: string, submissionId: number) => ({ id, tps, submissionId, decidedAt: at(30 + id) });
const withdrawal = (id: number, kind: WithdrawalRowIn['kind'], targetId: number, tps: string): WithdrawalRowIn => ({
  id,
  kind,
  targetId,
  tps,
  reason: 'Keliru diterima',
  decidedBy: 'Ketua',
  decidedAt: at(50 + id),
});
const hold = (id: number, tps: string, sebelumKiriman: number): TundaRowIn => ({
  id,
  tps,
  jenis: 'PSU',
  dasar: 'Rekomendasi Panwaslu Kecamatan',
  alasan: 'Surat suara tertukar',
  sebelumKiriman,
  decidedBy: 'Ketua',
  decidedAt: at(40 + id),
});
// A second reading of T1 that differs from the first: a konflik until one is chosen.
const other = withCounts({ 'suara.paslon.0': 104, 'suara.paslon.1': 121 });

function model(over: Partial<PemilihanRows<RowTypes>>, id: PemilihanId = 'bupati') {
  return derivePemilihan({
    master,
    pemilihan: { id, nama: id, pilihan },
    submissions: [sub(1, T1), sub(2, T2)],
    acceptances: [],
    choices: [],
    corrections: [],
    decisions: [],
    objections: [],
    resolutions: [],
    lockEvents: [],
    ...over,
  });
}
const tileOf = (m: ReturnType<typeof model>, tps: string) => m.byTps.get(tps)!.tile;

describe('read model: withdrawn decisions (batalkan)', () => {
  it('a withdrawn acceptance no longer settles its TPS; the other TPS and the history keep theirs', () => {
    const acceptances = [act(1, T1, 1), act(2, T2, 2)];
    const before = model({ acceptances });
    expect([tileOf(before, T1), tileOf(before, T2)]).toEqual(['sesuai', 'sesuai']);
    const m = model({ acceptances, withdrawals: [withdrawal(1, 'acceptance', 1, T1)] });
    expect([tileOf(m, T1), tileOf(m, T2)]).toEqual(['masuk', 'sesuai']);
    const t = m.byTps.get(T1)!;
    // The model keeps every row for the history; only the derived state drops the withdrawn one.
    expect(t.acceptances).toEqual([acceptances[0]]);
    expect(t.withdrawals).toEqual([withdrawal(1, 'acceptance', 1, T1)]);
    expect(m.byTps.get(T2)!.withdrawals).toEqual([]);
  });

  it('withdrawing a choice does not touch an acceptance with the same id, and brings the konflik back', () => {
    const submissions = [sub(1, T1), sub(3, T1, other), sub(2, T2)];
    expect(tileOf(model({ submissions }), T1)).toBe('konflik');
    const chosen = model({ submissions, choices: [act(1, T1, 3)] });
    expect(tileOf(chosen, T1)).toBe('sesuai'); // choosing settles the TPS with the chosen reading
    expect(chosen.byTps.get(T1)!.derived.current).toEqual(other);
    // A withdrawal of an acceptance numbered like the choice leaves the choice in force.
    const wrongKind = model({
      submissions,
      choices: [act(1, T1, 3)],
      withdrawals: [withdrawal(1, 'acceptance', 1, T1)],
    });
    expect(tileOf(wrongKind, T1)).toBe('sesuai');
    const undone = model({
      submissions,
      choices: [act(1, T1, 3)],
      withdrawals: [withdrawal(1, 'conflict_choice', 1, T1)],
    });
    expect(tileOf(undone, T1)).toBe('konflik');
    // …and the reverse: a choice withdrawn under the acceptance's number leaves the acceptance.
    const accepted = model({ acceptances: [act(4, T1, 1)], withdrawals: [withdrawal(1, 'conflict_choice', 4, T1)] });
    expect(tileOf(accepted, T1)).toBe('sesuai');
  });
});

describe('read model: a TPS held for PSU/PSS/PSL (tunda)', () => {
  it('is ditunda and not counted while only results received before the hold exist, accepted or not', () => {
    const m = model({ acceptances: [act(1, T1, 1)], holds: [hold(1, T1, 2)] });
    const t = m.byTps.get(T1)!;
    expect(t.derived.tunda).toEqual(hold(1, T1, 2));
    expect(t.tile).toBe('ditunda');
    expect(recapState(t)).toEqual({ counted: null, masuk: true, diputuskan: false, konflik: false });
    expect(m.byTps.get(T2)!.derived.tunda).toBeNull();
    expect(recapState(m.byTps.get(T2)!)).toMatchObject({ counted: cleanCounts(), masuk: true });
  });

  it('a held TPS without any record is not masuk', () => {
    const m = model({ submissions: [sub(2, T2)], holds: [hold(1, T1, 2)] });
    expect(recapState(m.byTps.get(T1)!)).toEqual({ counted: null, masuk: false, diputuskan: false, konflik: false });
  });

  it('ends only when a result received after it is accepted or chosen (the id exactly at the hold does not)', () => {
    const after = [sub(1, T1), sub(5, T1, other), sub(2, T2)];
    // The record numbered like the hold's last one was received before it.
    const atHold = model({ submissions: after, acceptances: [act(1, T1, 5)], holds: [hold(1, T1, 5)] });
    expect(atHold.byTps.get(T1)!.tile).toBe('ditunda');
    const accepted = model({ submissions: after, acceptances: [act(1, T1, 5)], holds: [hold(1, T1, 4)] });
    expect(accepted.byTps.get(T1)!.derived.tunda).toBeNull();
    expect(recapState(accepted.byTps.get(T1)!).counted).toEqual(other);
    const chosen = model({ submissions: after, choices: [act(1, T1, 5)], holds: [hold(1, T1, 4)] });
    expect(chosen.byTps.get(T1)!.derived.tunda).toBeNull();
    // Received after the hold but not yet accepted nor chosen: still held.
    expect(model({ submissions: after, holds: [hold(1, T1, 4)] }).byTps.get(T1)!.tile).toBe('ditunda');
  });

  it('the latest hold is the one in force; an acceptance withdrawn does not end it', () => {
    const after = [sub(1, T1), sub(5, T1, other), sub(7, T1), sub(2, T2)];
    // Accepted after the first hold (4) but before the second (6): the second still holds.
    const m = model({ submissions: after, acceptances: [act(1, T1, 5)], holds: [hold(1, T1, 4), hold(2, T1, 6)] });
    expect(m.byTps.get(T1)!.derived.tunda).toEqual(hold(2, T1, 6));
    const withdrawn = model({
      submissions: after,
      acceptances: [act(1, T1, 5)],
      withdrawals: [withdrawal(1, 'acceptance', 1, T1)],
      holds: [hold(1, T1, 4)],
    });
    expect(withdrawn.byTps.get(T1)!.derived.tunda).toEqual(hold(1, T1, 4));
  });

  it('receivedAfterHold: a later id only, never a missing one', () => {
    expect(receivedAfterHold({ sebelumKiriman: 4 }, 5)).toBe(true);
    expect(receivedAfterHold({ sebelumKiriman: 4 }, 4)).toBe(false);
    expect(receivedAfterHold({ sebelumKiriman: 4 }, 3)).toBe(false);
    expect(receivedAfterHold({ sebelumKiriman: -1 }, null)).toBe(false);
  });
});
