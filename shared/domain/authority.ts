// Who may decide in a plenary session: the ketua PPK, or an anggota the ketua delegated for the session. People are
// identified by the name recorded for the operator session (compared after trimming, case-insensitively, since
// names are typed by hand).

/** The people who may decide in the current session. */
export interface SessionAuthority {
  /** Name of the ketua PPK. */
  ketua: string;
  /** Names of the anggota the ketua delegated the right to decide to, for this session. */
  delegates: readonly string[];
}

export type DecisionRole = 'ketua' | 'delegate';

const norm = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');

export function samePerson(a: string, b: string): boolean {
  return norm(a) !== '' && norm(a) === norm(b);
}

/** 'ketua', 'delegate', or null when `actor` may not decide in this session. */
export function decisionRole(actor: string, session: SessionAuthority): DecisionRole | null {
  if (samePerson(actor, session.ketua)) return 'ketua';
  if (session.delegates.some((d) => samePerson(actor, d))) return 'delegate';
  return null;
}

/** One row of the delegation log: the ketua grants or revokes a delegate's right to decide. */
export interface DelegationEvent {
  id: number;
  delegate: string;
  action: 'grant' | 'revoke';
}

/** Delegates currently holding a grant: the latest event per person wins (events in any order; id decides). */
export function activeDelegates(events: readonly DelegationEvent[]): string[] {
  const latest = new Map<string, DelegationEvent>();
  for (const e of [...events].sort((a, b) => a.id - b.id)) latest.set(norm(e.delegate), e);
  return [...latest.values()].filter((e) => e.action === 'grant').map((e) => e.delegate);
}

export const FORBIDDEN_DECIDER =
  'Hanya ketua PPK atau anggota PPK yang diberi delegasi oleh ketua dalam sidang ini yang dapat mengambil keputusan ini.';

/** Trimmed text, or null when empty. */
export function nonEmpty(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  return t === '' ? null : t;
}
