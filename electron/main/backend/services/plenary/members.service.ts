// PPK members (from the data master), who is operating (a recorded hand-over, operator_session), and who may decide:
// the ketua PPK or a member the ketua delegated (delegation rows). Every action names the operator as its actor.
import type { BackendContext } from '../../context';
import type { Member, MembersView, OperatorSession } from '../../../../../shared/contracts/pleno.contract';
import type { PpkMember } from '../../../../../shared/domain/model';
import { loadDataMaster } from '../../repositories/master.repo';
import {
  currentOperator,
  insertDelegation,
  insertOperatorSession,
  listDelegations,
} from '../../repositories/pleno.repo';
import { activeDelegates, decisionRole, samePerson, type SessionAuthority } from '../../../../../shared/domain/result';
import { refuse } from './plenary-errors';
import { requireMeta } from './plenary-snapshot';

const isKetuaJabatan = (jabatan: string): boolean => /^ketua\b/i.test(jabatan.trim());

function toMembers(rows: readonly PpkMember[], delegates: readonly string[]): Member[] {
  return rows.map((r, i) => ({
    id: i,
    nama: r.nama,
    jabatan: r.jabatan,
    ketua: isKetuaJabatan(r.jabatan),
    delegate: !isKetuaJabatan(r.jabatan) && delegates.some((d) => samePerson(d, r.nama)),
  }));
}

export function members(ctx: BackendContext): Member[] {
  return toMembers(loadDataMaster(ctx.db)?.ppk ?? [], activeDelegates(listDelegations(ctx.db)));
}

export function membersView(ctx: BackendContext): MembersView {
  requireMeta(ctx);
  return { members: members(ctx), session: session(ctx) };
}

export function session(ctx: BackendContext): OperatorSession | null {
  const s = currentOperator(ctx.db);
  if (!s) return null;
  const list = members(ctx);
  const m = list.find((x) => samePerson(x.nama, s.nama)) ?? {
    id: -1,
    nama: s.nama,
    jabatan: s.jabatan,
    ketua: s.jabatan === 'ketua',
    delegate: false,
  };
  return { id: s.id, member: m, startedAt: s.startedAt };
}

/** Who acts now; refuses when nobody has started a session. */
export interface Actor {
  nama: string;
  /** 'ketua' | 'delegate' when the actor may decide, else 'operator'. */
  as: 'ketua' | 'delegate' | 'operator';
}

/** The ketua and the current delegates, as the domain's decision checks expect them. */
export function sessionAuthority(ctx: BackendContext): SessionAuthority {
  const list = members(ctx);
  return { ketua: list.find((m) => m.ketua)?.nama ?? '', delegates: list.filter((m) => m.delegate).map((m) => m.nama) };
}

export function requireOperator(ctx: BackendContext): Actor {
  const s =
    session(ctx) ?? refuse('FORBIDDEN', 'Pilih dulu siapa yang mengoperasikan (Operator) sebelum mencatat keputusan.');
  return { nama: s.member.nama, as: decisionRole(s.member.nama, sessionAuthority(ctx)) ?? 'operator' };
}

/** The ketua or a delegated member; anyone else is refused with who may decide. */
export function requireDecider(ctx: BackendContext, what: string): Actor & { as: 'ketua' | 'delegate' } {
  const a = requireOperator(ctx);
  if (a.as === 'operator') {
    const ketua = members(ctx).find((m) => m.ketua)?.nama ?? 'Ketua PPK';
    refuse(
      'FORBIDDEN',
      `${what} hanya dapat diputuskan oleh Ketua PPK (${ketua}) atau anggota yang didelegasikan Ketua. Operator saat ini: ${a.nama}.`,
    );
  }
  return a as Actor & { as: 'ketua' | 'delegate' };
}

export function startSession(ctx: BackendContext, memberId: number): OperatorSession {
  requireMeta(ctx);
  const list = members(ctx);
  const m = list[memberId] ?? refuse('NOT_FOUND', 'Anggota PPK tidak ditemukan dalam data master.');
  const at = ctx.clock().toISOString();
  ctx.db
    .transaction(() => {
      insertOperatorSession(ctx.db, { nama: m.nama, jabatan: m.ketua ? 'ketua' : 'anggota', startedAt: at });
    })
    .immediate();
  // Other windows (a second operator screen, the projector) show who is operating.
  ctx.events.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
  return session(ctx)!;
}

export function delegate(
  ctx: BackendContext,
  memberId: number,
  active: boolean,
  reason: string | undefined,
): MembersView {
  const a = requireOperator(ctx);
  if (a.as !== 'ketua') refuse('FORBIDDEN', 'Hanya Ketua PPK yang dapat memberi atau mencabut delegasi.');
  const m = members(ctx)[memberId] ?? refuse('NOT_FOUND', 'Anggota PPK tidak ditemukan dalam data master.');
  if (m.ketua) refuse('CONFLICT', 'Ketua PPK tidak perlu didelegasikan.');
  if (m.delegate === active) return membersView(ctx);
  const at = ctx.clock().toISOString();
  ctx.db
    .transaction(() => {
      insertDelegation(ctx.db, {
        ketua: a.nama,
        delegate: m.nama,
        action: active ? 'grant' : 'revoke',
        reason: reason && reason.trim() ? reason.trim() : null,
        at,
      });
    })
    .immediate();
  ctx.events.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
  return membersView(ctx);
}
