// A decision recorded with a required reason and the decider's PIN (unlock a desa, withdraw a decision, reset a PIN,
// hold a TPS): one form — what the dialog explains or asks first, then "Alasan", then the PIN, and a danger button.
import type { ReactNode } from 'react';
import { Field } from '../../ui';
import { ActionDialog } from './ActionDialog';
import { PinField, pinReady } from './decider';
import type { usePinnedAction } from './use-action';

type Pinned = Pick<ReturnType<typeof usePinnedAction>, 'reason' | 'setReason' | 'pin' | 'setPin' | 'close'> & {
  action: { pending: boolean; error: string | null };
};

export function ReasonPinDialog(props: {
  pinned: Pinned;
  open?: boolean;
  title: string;
  submitLabel: string;
  reasonLabel: string;
  pinLabel?: string;
  /** The rest of the form is filled in (besides a reason of 3+ characters and a PIN). */
  ready?: boolean;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { action, reason, setReason, pin, setPin, close } = props.pinned;
  return (
    <ActionDialog
      open={props.open ?? true}
      onClose={close}
      title={props.title}
      action={action}
      submitLabel={props.submitLabel}
      submitVariant="danger"
      submitDisabled={!(props.ready ?? true) || reason.trim().length < 3 || !pinReady(pin)}
      onSubmit={props.onSubmit}
    >
      {props.children}
      <Field label={props.reasonLabel}>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </Field>
      <PinField value={pin} onChange={setPin} label={props.pinLabel} />
    </ActionDialog>
  );
}
