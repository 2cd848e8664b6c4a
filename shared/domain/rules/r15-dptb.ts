// R15 (warning): DPTb voters are listed only when they come to vote, so pemilih DPTb = pengguna DPTb (L and P).
import type { CHasilCounts } from '../model';
import type { CrossViolation } from './cross-types';

const SIDES = [
  ['l', 'laki-laki'],
  ['p', 'perempuan'],
] as const;

export function checkR15(counts: CHasilCounts): CrossViolation[] {
  const out: CrossViolation[] = [];
  for (const [side, name] of SIDES) {
    const listed = counts.pemilih.dptb[side];
    const voted = counts.pengguna.dptb[side];
    if (listed !== voted)
      out.push({
        code: 'R15',
        severity: 'warning',
        message: `Pemilih DPTb ${name} (${listed}) tidak sama dengan pengguna hak pilih DPTb ${name} (${voted}): pemilih DPTb dicatat saat memilih`,
        fields: [`pemilih.dptb.${side}`, `pengguna.dptb.${side}`],
      });
  }
  return out;
}
