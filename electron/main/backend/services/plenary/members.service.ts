// PPK members (from the data master), who is operating (a recorded hand-over, operator_session), and who may decide:
// the ketua PPK or a member the ketua delegated (delegation rows). Every action names the operator as its actor.
import type { BackendContext } from '../../context';
import type { Member, MembersView, OperatorSession } from '../../../../../shared/contracts/plenary.contract';
import type { PpkMember } from '../../../../../shared/domain/model';
import { loadDataMaster } from '../../repositories/master.repo';
import { currentOperator, insertOperatorSession, listDelegations } from '../../repositories/plenary.repo';
import {
  activeDelegates,
  decisionRole,
  samePerson,
  type SessionAuthority,
} from '../../../../../shared/domain/authority';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { listDeciderPins } from '../../repositories/sidang.repo';
import { type CommandUnit, runCommand } from '../../db/command';
import { requireMeta } from './plenary-snapshot';

const isKetuaJabatan = (jabatan: string): boolean => /^ketua\b/i.test(jabatan.trim());

function toMembers(rows: readonly PpkMember[], delegates: readonly string[], pins: readonly string[]): Member[] {
  return rows.map((r, i) => ({
    id: i,
    nama: r.nama,
    jabatan: r.jabatan,
    ketua: isKetuaJabatan(r.jabatan),
    delegate: !isKetuaJabatan(r.jabatan) && delegates.some((d) => samePerson(d, r.nama)),
    pin: pins.some((p) => samePerson(p, r.nama)),
  }));
}

/** Names whose latest PIN row sets one (pins.service.ts). */
function pinHolders(ctx: Pick<BackendContext, 'db'>): string[] {
  const latest = new Map<string, { nama: string; action: string }>();
  for (const p of listDeciderPins(ctx.db)) latest.set(p.nama.trim().toLocaleLowerCase('id'), p);
  return [...latest.values()].filter((p) => p.action === 'set').map((p) => p.nama);
}

export function members(ctx: BackendContext): Member[] {
  return toMembers(loadDataMaster(ctx.db)?.ppk ?? [], activeDelegates(listDelegations(ctx.db)), pinHolders(ctx));
}

export function membersView(ctx: BackendContext): Result<MembersView> {
  const meta = requireMeta(ctx);
  if (!meta.ok) return meta;
  return ok({ members: members(ctx), session: session(ctx) });
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
    pin: false,
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

export function requireOperator(ctx: BackendContext): Result<Actor> {
  const s = session(ctx);
  if (!s) return fail('FORBIDDEN', 'Pilih dulu siapa yang mengoperasikan (Operator) sebelum mencatat keputusan.');
  return ok({ nama: s.member.nama, as: decisionRole(s.member.nama, sessionAuthority(ctx)) ?? 'operator' });
}

/** A command recorded by the current operator (refused, with nothing read, while nobody operates). */
export function operatorCommand<T>(
  ctx: BackendContext,
  body: (unit: CommandUnit, actor: Actor) => Result<T>,
): Result<T> {
  return runCommand(ctx, (unit) => {
    const actor = requireOperator(ctx);
    return actor.ok ? body(unit, actor.value) : actor;
  });
}

export type Decider = Actor & { as: 'ketua' | 'delegate' };

/** Who decided, in which role and when, as every decision row stores it. */
export function decidedBy<A extends Actor>(
  ctx: BackendContext,
  actor: A,
): { decidedBy: string; decidedAs: A['as']; decidedAt: string } {
  return { decidedBy: actor.nama, decidedAs: actor.as, decidedAt: ctx.clock().toISOString() };
}

/** The ketua or a delegated member; anyone else is refused with who may decide. */
export function requireDecider(ctx: BackendContext, what: string): Result<Decider> {
  const a = requireOperator(ctx);
  if (!a.ok) return a;
  const actor = a.value;
  if (actor.as === 'operator') {
    const ketua = members(ctx).find((m) => m.ketua)?.nama ?? 'Ketua PPK';
    return fail(
      'FORBIDDEN',
      `${what} hanya dapat diputuskan oleh Ketua PPK (${ketua}) atau anggota yang didelegasikan Ketua. Operator saat ini: ${actor.nama}.`,
    );
  }
  return ok({ nama: actor.nama, as: actor.as });
}

const ANYWHERE = { type: 'pleno-changed', pemilihan: null, desa: null, tps: null } as const;

export function startSession(ctx: BackendContext, memberId: number): Result<OperatorSession> {
  return runCommand(ctx, (unit) => {
    const meta = requireMeta(ctx);
    if (!meta.ok) return meta;
    const m = members(ctx)[memberId];
    if (!m) return fail('NOT_FOUND', 'Anggota PPK tidak ditemukan dalam data master.');
    insertOperatorSession(unit.db, {
      nama: m.nama,
      jabatan: m.ketua ? 'ketua' : 'anggota',
      startedAt: ctx.clock().toISOString(),
    });
    // Other windows (a second operator screen, the projector) show who is operating.
    unit.emit(ANYWHERE);
    return ok(session(ctx)!);
  });
}
