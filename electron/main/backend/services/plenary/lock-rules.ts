// Why a desa cannot be locked yet: the domain's desaLockable over the snapshot's TPS states and open objections,
// plus corrections still awaiting a decision.
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
  // A proposed correction not yet decided would be frozen by the lock: it must be approved or rejected first.
  const pending = d.tps
    .filter((t) => t.derived.pendingCorrectionId !== null)
    .map(
      (t) =>
        `TPS ${String(t.row.nomor).padStart(3, '0')}: usulan koreksi #${t.derived.pendingCorrectionId} belum diputuskan`,
    );
  return [...check.reasons, ...pending];
}
