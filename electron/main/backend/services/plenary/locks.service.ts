// Desa locks per pemilihan: lock when the domain says the desa is lockable (all TPS settled, no open objection),
// otherwise refused with the reasons; unlock with a recorded reason. Both by the ketua or a delegate.
// Whether the pemilihan is then final is the read model's verdict (shared/domain/status.ts pemilihanFinal), derived,
// never stored separately.
import type { BackendContext } from '../../context';
import { checkLockAction } from '../../../../../shared/domain/status';
import { insertLockEvent } from '../../repositories/plenary.repo';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { runCommand } from '../../db/command';
import { findDesa, loadSnapshot, type PemilihanSnapshot } from './plenary-snapshot';
import { requireDecider } from './members.service';
import { verifyPin } from './pins.service';
import { emitChanged } from './decisions.service';

/** The read model's verdict (every desa locked, no keberatan open); false for a model scoped to one desa. */
export function isFinal(snap: PemilihanSnapshot): boolean {
  return snap.final?.final ?? false;
}

export function lockDesa(
  ctx: BackendContext,
  input: { desa: string; pemilihan: string; pin?: string },
): Result<{ lockEventId: number; final: boolean }> {
  return runCommand(ctx, (unit) => {
    const actor = requireDecider(ctx, 'Mengunci desa');
    if (!actor.ok) return actor;
    const snap = loadSnapshot(ctx, input.pemilihan, { desa: input.desa });
    if (!snap.ok) return snap;
    const found = findDesa(snap.value, input.desa);
    if (!found.ok) return found;
    const d = found.value;
    const check = checkLockAction(d.locked, 'lock');
    if (!check.ok) return fail(check.error.code, `Desa ${d.row.nama}: ${check.error.message}`);
    const reasons = d.lockBlockers;
    if (reasons.length > 0) {
      return fail('CONFLICT', `Desa ${d.row.nama} belum dapat dikunci: ${reasons.join('; ')}.`, reasons.join('\n'));
    }
    const pin = verifyPin(ctx, actor.value.nama, input.pin);
    if (!pin.ok) return pin;
    const row = insertLockEvent(unit.db, {
      pemilihan: snap.value.pemilihan.id,
      desa: input.desa,
      action: 'lock',
      reason: null,
      decidedBy: actor.value.nama,
      decidedAs: actor.value.as,
      decidedAt: ctx.clock().toISOString(),
    });
    const after = loadSnapshot(ctx, input.pemilihan);
    if (!after.ok) return after;
    emitChanged(unit, input.pemilihan, input.desa, null);
    return ok({ lockEventId: row.id, final: isFinal(after.value) });
  });
}

export function unlockDesa(
  ctx: BackendContext,
  input: { desa: string; pemilihan: string; reason: string; pin?: string },
): Result<{ lockEventId: number }> {
  return runCommand(ctx, (unit) => {
    const actor = requireDecider(ctx, 'Membuka kunci desa');
    if (!actor.ok) return actor;
    const snap = loadSnapshot(ctx, input.pemilihan, { desa: input.desa });
    if (!snap.ok) return snap;
    const found = findDesa(snap.value, input.desa);
    if (!found.ok) return found;
    const d = found.value;
    const check = checkLockAction(d.locked, 'unlock', input.reason);
    if (!check.ok) return fail(check.error.code, `Desa ${d.row.nama}: ${check.error.message}`, check.error.detail);
    const pin = verifyPin(ctx, actor.value.nama, input.pin);
    if (!pin.ok) return pin;
    const row = insertLockEvent(unit.db, {
      pemilihan: snap.value.pemilihan.id,
      desa: input.desa,
      action: 'unlock',
      reason: check.value.reason,
      decidedBy: actor.value.nama,
      decidedAs: actor.value.as,
      decidedAt: ctx.clock().toISOString(),
    });
    emitChanged(unit, input.pemilihan, input.desa, null);
    return ok({ lockEventId: row.id });
  });
}
