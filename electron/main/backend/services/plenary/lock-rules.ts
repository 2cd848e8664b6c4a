// Why a desa cannot be locked yet: the domain's desaLockable over the snapshot's TPS states and open objections.
import { desaLockable } from '../../../../../shared/domain/status';
import type { DesaSnapshot, PemilihanSnapshot } from './plenary-snapshot';

export function lockBlockers(snap: PemilihanSnapshot, d: DesaSnapshot): string[] {
  const openOnDesa = d.objections.filter((o) => !snap.resolutions.has(o.id)).length;
  const check = desaLockable(
    d.tps.map((t) => ({
      tps: t.row.kode,
      state: {
        status: t.derived.base,
        flags: { konflik: t.derived.konflik, sengketa: t.derived.sengketa, bermasalah: t.derived.bermasalah },
      },
    })),
    openOnDesa,
  );
  return check.reasons;
}
