// Desa locks per pemilihan: lock when the domain says the desa is lockable (all TPS settled, no open objection),
// otherwise refused with the reasons; unlock with a recorded reason. Both by the ketua or a delegate.
// Whether the pemilihan is then final is the read model's verdict (shared/domain/status.ts pemilihanFinal), derived,
// never stored separately.
import type { BackendContext } from '../../context';
import { checkLockAction } from '../../../../../shared/domain/status';
import { insertLockEvent } from '../../repositories/pleno.repo';
import { refuse } from './plenary-errors';
import { desaOrThrow, loadSnapshot, type PemilihanSnapshot } from './plenary-snapshot';
import { requireDecider } from './members.service';
import { emitChanged, tx } from './decisions.service';

/** The read model's verdict (every desa locked, no keberatan open); false for a model scoped to one desa. */
export function isFinal(snap: PemilihanSnapshot): boolean {
  return snap.final?.final ?? false;
}

export function lockDesa(
  ctx: BackendContext,
  input: { desa: string; pemilihan: string },
): { lockEventId: number; final: boolean } {
  const actor = requireDecider(ctx, 'Mengunci desa');
  const out = tx(ctx, () => {
    const snap = loadSnapshot(ctx, input.pemilihan, { desa: input.desa });
    const d = desaOrThrow(snap, input.desa);
    const check = checkLockAction(d.locked, 'lock');
    if (!check.ok) refuse(check.error.code, `Desa ${d.row.nama}: ${check.error.message}`);
    const reasons = d.lockBlockers;
    if (reasons.length > 0) {
      refuse('CONFLICT', `Desa ${d.row.nama} belum dapat dikunci: ${reasons.join('; ')}.`, reasons.join('\n'));
    }
    const id = insertLockEvent(ctx.db, {
      pemilihan: snap.pemilihan.id,
      desa: input.desa,
      action: 'lock',
      reason: null,
      decidedBy: actor.nama,
      decidedAs: actor.as,
      decidedAt: ctx.clock().toISOString(),
    }).id;
    return { lockEventId: id, final: isFinal(loadSnapshot(ctx, input.pemilihan)) };
  });
  emitChanged(ctx, input.pemilihan, input.desa, null);
  return out;
}

export function unlockDesa(
  ctx: BackendContext,
  input: { desa: string; pemilihan: string; reason: string },
): { lockEventId: number } {
  const actor = requireDecider(ctx, 'Membuka kunci desa');
  const id = tx(ctx, () => {
    const snap = loadSnapshot(ctx, input.pemilihan, { desa: input.desa });
    const d = desaOrThrow(snap, input.desa);
    const check = checkLockAction(d.locked, 'unlock', input.reason);
    if (!check.ok) refuse(check.error.code, `Desa ${d.row.nama}: ${check.error.message}`, check.error.field);
    return insertLockEvent(ctx.db, {
      pemilihan: snap.pemilihan.id,
      desa: input.desa,
      action: 'unlock',
      reason: check.ok ? check.value.reason : null,
      decidedBy: actor.nama,
      decidedAs: actor.as,
      decidedAt: ctx.clock().toISOString(),
    }).id;
  });
  emitChanged(ctx, input.pemilihan, input.desa, null);
  return { lockEventId: id };
}
