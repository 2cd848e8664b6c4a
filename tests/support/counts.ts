// Realistic C.Hasil counts for tests (a consistent TPS: every rule passes) and helpers to alter them.
import { setCount } from '../../shared/domain/labels';
import { type CHasilCounts, type LP } from '../../shared/domain/model';

/** DPT of the TPS in the data master, matching cleanCounts(). */
export const CLEAN_DPT: LP = { l: 200, p: 210 };

/** A consistent record of a TPS with 410 voters in the DPT and 3 paslon. */
export function cleanCounts(): CHasilCounts {
  return {
    pemilih: { dpt: { l: 200, p: 210 }, dpph: { l: 2, p: 1 }, dptb: { l: 3, p: 2 }, jumlah: { l: 205, p: 213 } },
    pengguna: { dpt: { l: 150, p: 170 }, dpph: { l: 2, p: 1 }, dptb: { l: 3, p: 2 }, jumlah: { l: 155, p: 173 } },
    disabilitas: { pemilih: { l: 3, p: 2 }, pengguna: { l: 2, p: 1 } },
    // 410 + ceil(2.5% × 410) = 410 + 11 = 421 = 328 + 3 + 90
    suratSuara: { diterima: 421, dikembalikan: 3, tidakDigunakan: 90, digunakan: 328 },
    suara: { paslon: [105, 120, 87], sah: 312, tidakSah: 16, total: 328 },
  };
}

/** cleanCounts() with the given paths set. */
export function withCounts(changes: Record<string, number>, base: CHasilCounts = cleanCounts()): CHasilCounts {
  let c = base;
  for (const [path, value] of Object.entries(changes)) c = setCount(c, path, value);
  return c;
}
