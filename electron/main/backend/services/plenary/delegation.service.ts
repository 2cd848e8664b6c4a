// The ketua hands the right to decide to a member, or takes it back (docs/plenary-decisions.md). A delegation lets
// its holder set a PIN and decide, so it is confirmed with the ketua's PIN like any decision: without it, anyone
// choosing "Ketua" in the operator list could delegate to themselves and decide with a PIN of their own.
import type { BackendContext } from '../../context';
import type { MembersView } from '../../../../../shared/contracts/plenary.contract';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { insertDelegation } from '../../repositories/plenary.repo';
import { members, membersView, operatorCommand } from './members.service';
import { verifyPin } from './pins.service';

const ANYWHERE = { type: 'pleno-changed', pemilihan: null, desa: null, tps: null } as const;

export function delegate(
  ctx: BackendContext,
  input: { member: number; active: boolean; reason?: string | undefined; pin?: string | undefined },
): Result<MembersView> {
  const done = operatorCommand(ctx, (unit, a) => {
    if (a.as !== 'ketua') return fail('FORBIDDEN', 'Hanya Ketua PPK yang dapat memberi atau mencabut delegasi.');
    const m = members(ctx)[input.member];
    if (!m) return fail('NOT_FOUND', 'Anggota PPK tidak ditemukan dalam data master.');
    if (m.ketua) return fail('CONFLICT', 'Ketua PPK tidak perlu didelegasikan.');
    if (m.delegate === input.active) return ok(undefined);
    const v = verifyPin(ctx, a.nama, input.pin);
    if (!v.ok) return v;
    insertDelegation(unit.db, {
      ketua: a.nama,
      delegate: m.nama,
      action: input.active ? 'grant' : 'revoke',
      reason: input.reason && input.reason.trim() ? input.reason.trim() : null,
      at: ctx.clock().toISOString(),
    });
    unit.emit(ANYWHERE);
    return ok(undefined);
  });
  return done.ok ? membersView(ctx) : done;
}
