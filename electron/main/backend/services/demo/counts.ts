// Realistic, internally consistent C.Hasil counts for one TPS (clean records pass every rule R01–R13):
// DPT 150–600, L/P near 50/50, DPPh 0–5, DPTb 0–10, turnout 55–85 %, a few voters with disabilities,
// ballots diterima = DPT + 2.5 % reserve (rounded up), dikembalikan 0–3.
import type { CHasilCounts, LP } from '../../../../../shared/domain/model';
import { expectedSuratSuara } from '../../../../../shared/domain/rules/index';
import type { Prng } from './prng';

/** The parts of a TPS result shared by every pemilihan at that TPS (same voters, same list). */
export interface TpsVoters {
  pemilih: CHasilCounts['pemilih'];
  pengguna: CHasilCounts['pengguna'];
  disabilitas: CHasilCounts['disabilitas'];
}

const lp = (l: number, p: number): LP => ({ l, p });
const sumLp = (...xs: LP[]): LP =>
  lp(
    xs.reduce((s, x) => s + x.l, 0),
    xs.reduce((s, x) => s + x.p, 0),
  );

/** DPT of a TPS for the data master: total 150–600, L share 47–53 %. */
export function drawDpt(rng: Prng): LP {
  const total = rng.int(150, 600);
  const l = Math.round(total * rng.real(0.47, 0.53));
  return lp(l, total - l);
}

/** Split n into L and P near 50/50. */
function splitLp(rng: Prng, n: number): LP {
  let l = 0;
  for (let i = 0; i < n; i++) if (rng.chance(0.5)) l++;
  return lp(l, n - l);
}

export function drawVoters(rng: Prng, dpt: LP): TpsVoters {
  const dpph = splitLp(rng, rng.int(0, 5));
  const dptb = splitLp(rng, rng.int(0, 10));
  const turnout = rng.real(0.55, 0.85);
  const used = (n: number): number => Math.min(n, Math.max(0, Math.round(n * (turnout + rng.real(-0.03, 0.03)))));
  const penggunaDpt = lp(used(dpt.l), used(dpt.p));
  // Voters who moved in (DPPh) mostly come to vote; DPTb voters are only counted when they vote.
  const penggunaDpph = lp(rng.int(0, dpph.l), rng.int(0, dpph.p));
  const penggunaDptb = dptb;
  const disPemilih = lp(rng.int(0, 3), rng.int(0, 3));
  const disPengguna = lp(rng.int(0, disPemilih.l), rng.int(0, disPemilih.p));
  return {
    pemilih: { dpt, dpph, dptb, jumlah: sumLp(dpt, dpph, dptb) },
    pengguna: {
      dpt: penggunaDpt,
      dpph: penggunaDpph,
      dptb: penggunaDptb,
      jumlah: sumLp(penggunaDpt, penggunaDpph, penggunaDptb),
    },
    disabilitas: { pemilih: disPemilih, pengguna: disPengguna },
  };
}

/** Integer split of `total` by weights (largest remainder), deterministic. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map((x) => Math.floor(x));
  let rest = total - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]! += 1;
  return out;
}

/** Vote-share weights for one TPS around the pemilihan's base shares. */
export function tpsWeights(rng: Prng, base: readonly number[]): number[] {
  return base.map((w) => w * Math.exp(0.35 * rng.gauss()));
}

/** A clean record's counts for one pemilihan at a TPS. */
export function drawCounts(rng: Prng, voters: TpsVoters, weights: readonly number[]): CHasilCounts {
  const dpt = voters.pemilih.dpt;
  const pengguna = voters.pengguna.jumlah.l + voters.pengguna.jumlah.p;
  const diterima = expectedSuratSuara(dpt);
  const dikembalikan = Math.min(rng.int(0, 3), diterima - pengguna);
  const tidakSah = Math.min(pengguna, Math.round(pengguna * rng.real(0, 0.025)));
  const sah = pengguna - tidakSah;
  return {
    pemilih: structuredClone(voters.pemilih),
    pengguna: structuredClone(voters.pengguna),
    disabilitas: structuredClone(voters.disabilitas),
    suratSuara: { diterima, dikembalikan, tidakDigunakan: diterima - pengguna - dikembalikan, digunakan: pengguna },
    suara: { paslon: apportion(sah, weights), sah, tidakSah, total: pengguna },
  };
}

/**
 * The same counts with choice `index` set to `value`, the other choices rebalanced so that sah stays the same
 * (used to give a TPS a true value of 105 for the misread-digit fault). Requires sah ≥ value.
 */
export function withChoiceValue(counts: CHasilCounts, index: number, value: number): CHasilCounts {
  const { paslon, sah } = counts.suara;
  if (sah < value) throw new Error(`sah ${sah} < ${value}`);
  const others = paslon.map((v, i) => (i === index ? 0 : v + 1));
  const rest = apportion(sah - value, others);
  const next = rest.map((v, i) => (i === index ? value : v));
  return { ...counts, suara: { ...counts.suara, paslon: next } };
}
