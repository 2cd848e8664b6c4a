// Who may decide now (the ketua or a delegate operating), and the PIN field every weighty decision carries
// (docs/plenary-decisions.md): the backend refuses the decision without the decider's PIN.
import { useApiQuery } from '../../api/hooks';
import { Field, PinInput } from '../../ui';
import type { Member } from '../../../shared/contracts/plenary.contract';

export interface DeciderState {
  member: Member | null;
  /** The operator is the ketua or a delegate. */
  mayDecide: boolean;
}

export function useDecider(): DeciderState {
  const q = useApiQuery('plenary.members', {});
  const member = q.data?.session?.member ?? null;
  return { member, mayDecide: !!member && (member.ketua || member.delegate) };
}

/** The decider's PIN (4–8 digits), typed for this one decision. */
export function PinField({ value, onChange, label }: { value: string; onChange: (v: string) => void; label?: string }) {
  const { member } = useDecider();
  return (
    <Field
      label={label ?? `PIN ${member?.nama ?? 'Ketua PPK atau delegasi'}`}
      hint="Keputusan ini dicatat atas nama Anda dan dikonfirmasi dengan PIN Anda."
    >
      <PinInput value={value} onChange={onChange} data-testid="pin" />
    </Field>
  );
}

/** The PIN is long enough to send (the backend checks the rest). */
export const pinReady = (pin: string): boolean => /^\d{4,8}$/.test(pin);

/** Shown instead of a decision's buttons to an operator who may not decide. */
export function NotDecider({ what }: { what: string }) {
  return (
    <span className="muted" data-testid="not-decider">
      {what}: oleh Ketua PPK atau anggota yang didelegasikan
    </span>
  );
}
