// Batalkan: a Sesuai (acceptance) or a konflik choice withdrawn by the ketua or a delegate, with a reason and their
// PIN. Nothing is deleted: a decision_withdrawal row is appended (audited) and the read model stops counting the
// withdrawn act (shared/domain/read-model.ts), so the TPS goes back to what it was before that decision.
import type { BackendContext } from '../../context';
import { getAcceptance, getConflictChoice } from '../../repositories/plenary.repo';
import { insertWithdrawal, type WithdrawnKind } from '../../repositories/sidang.repo';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { runCommand } from '../../db/command';
import { findTpsInDesa, loadForTps } from './plenary-snapshot';
import { decidedBy, requireDecider } from './members.service';
import { verifyPin } from './pins.service';
import { desaUnlocked, emitChanged } from './decisions.service';

const WHAT: Record<WithdrawnKind, string> = { acceptance: 'Keputusan Sesuai', conflict_choice: 'Pilihan kiriman' };

export function withdrawDecision(
  ctx: BackendContext,
  input: { kind: WithdrawnKind; id: number; reason: string; pin?: string },
): Result<{ withdrawalId: number }> {
  return runCommand(ctx, (unit) => {
    const actor = requireDecider(ctx, 'Membatalkan keputusan');
    if (!actor.ok) return actor;
    const row = input.kind === 'acceptance' ? getAcceptance(ctx.db, input.id) : getConflictChoice(ctx.db, input.id);
    if (!row) return fail('NOT_FOUND', `${WHAT[input.kind]} yang akan dibatalkan tidak ditemukan.`);
    const snap = loadForTps(ctx, row.pemilihan, row.tps);
    if (!snap.ok) return snap;
    const td = findTpsInDesa(snap.value, row.tps);
    if (!td.ok) return td;
    const unlocked = desaUnlocked(snap.value, td.value.d.row.kode);
    if (!unlocked.ok) return unlocked;
    if (td.value.t.withdrawals.some((w) => w.kind === input.kind && w.targetId === input.id)) {
      return fail('CONFLICT', `${WHAT[input.kind]} ini sudah dibatalkan sebelumnya.`);
    }
    const reason = input.reason.trim();
    if (reason.length < 3) return fail('INVALID_INPUT', 'Alasan membatalkan keputusan wajib diisi.', 'reason');
    const pin = verifyPin(ctx, actor.value.nama, input.pin);
    if (!pin.ok) return pin;
    const w = insertWithdrawal(unit.db, {
      kind: input.kind,
      targetId: input.id,
      tps: row.tps,
      pemilihan: row.pemilihan,
      reason,
      ...decidedBy(ctx, actor.value),
    });
    emitChanged(unit, row.pemilihan, row.tps.slice(0, 10), row.tps);
    return ok({ withdrawalId: w.id });
  });
}
