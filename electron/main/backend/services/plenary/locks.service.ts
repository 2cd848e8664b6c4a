// Desa locks per pemilihan: lock when the domain says the desa is lockable (all TPS settled, no open objection),
// otherwise refused with the reasons; unlock with a recorded reason. Both by the ketua or a delegate.
// Whether the pemilihan is then final is the read model's verdict (shared/domain/status.ts pemilihanFinal), derived,
// never stored separately.
import type { BackendContext } from '../../context';
import { checkLockAction } from '../../../../../shared/domain/status';
import { insertLockEvent } from '../../repositories/plenary.repo';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { runCommand, type CommandUnit } from '../../db/command';
import { findDesa, loadSnapshot, type DesaSnapshot, type PemilihanSnapshot } from './plenary-snapshot';
import { decidedBy, requireDecider, type Decider } from './members.service';
import { verifyPin } from './pins.service';
import { emitChanged } from './decisions.service';

/** The read model's verdict (every desa locked, no keberatan open); false for a model scoped to one desa. */
export function isFinal(snap: PemilihanSnapshot): boolean {
  return snap.final?.final ?? false;
}

type LockInput = { desa: string; pemilihan: string; pin?: string };

/** The desa a lock decision is about, in its own snapshot, and who decides (the ketua or a delegate). */
function openLockDecision(
  ctx: BackendContext,
  input: LockInput,
  what: string,
): Result<{ actor: Decider; snap: PemilihanSnapshot; d: DesaSnapshot }> {
  const actor = requireDecider(ctx, what);
  if (!actor.ok) return actor;
  const snap = loadSnapshot(ctx, input.pemilihan, { desa: input.desa });
  if (!snap.ok) return snap;
  const d = findDesa(snap.value, input.desa);
  return d.ok ? ok({ actor: actor.value, snap: snap.value, d: d.value }) : d;
}

/** Appends the lock event (audited) after the decider's PIN is checked, and queues `pleno-changed`. */
function recordLockEvent(
  ctx: BackendContext,
  unit: CommandUnit,
  input: LockInput,
  at: { snap: PemilihanSnapshot; actor: Decider; action: 'lock' | 'unlock'; reason: string | null },
): Result<{ lockEventId: number }> {
  const pin = verifyPin(ctx, at.actor.nama, input.pin);
  if (!pin.ok) return pin;
  const row = insertLockEvent(unit.db, {
    pemilihan: at.snap.pemilihan.id,
    desa: input.desa,
    action: at.action,
    reason: at.reason,
    ...decidedBy(ctx, at.actor),
  });
  emitChanged(unit, input.pemilihan, input.desa, null);
  return ok({ lockEventId: row.id });
}

export function lockDesa(ctx: BackendContext, input: LockInput): Result<{ lockEventId: number; final: boolean }> {
  return runCommand(ctx, (unit) => {
    const found = openLockDecision(ctx, input, 'Mengunci desa');
    if (!found.ok) return found;
    const { actor, snap, d } = found.value;
    const check = checkLockAction(d.locked, 'lock');
    if (!check.ok) return fail(check.error.code, `Desa ${d.row.nama}: ${check.error.message}`);
    const reasons = d.lockBlockers;
    if (reasons.length > 0) {
      return fail('CONFLICT', `Desa ${d.row.nama} belum dapat dikunci: ${reasons.join('; ')}.`, reasons.join('\n'));
    }
    const done = recordLockEvent(ctx, unit, input, { snap, actor, action: 'lock', reason: null });
    if (!done.ok) return done;
    const after = loadSnapshot(ctx, input.pemilihan);
    if (!after.ok) return after;
    return ok({ lockEventId: done.value.lockEventId, final: isFinal(after.value) });
  });
}

export function unlockDesa(
  ctx: BackendContext,
  input: LockInput & { reason: string },
): Result<{ lockEventId: number }> {
  return runCommand(ctx, (unit) => {
    const found = openLockDecision(ctx, input, 'Membuka kunci desa');
    if (!found.ok) return found;
    const { actor, snap, d } = found.value;
    const check = checkLockAction(d.locked, 'unlock', input.reason);
    if (!check.ok) return fail(check.error.code, `Desa ${d.row.nama}: ${check.error.message}`, check.error.detail);
    return recordLockEvent(ctx, unit, input, { snap, actor, action: 'unlock', reason: check.value.reason });
  });
}
