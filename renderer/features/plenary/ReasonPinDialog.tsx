// A decision or note recorded with a required text of 3+ characters ("Alasan", "Kejadian", "Isi keberatan"): one
// form — what the dialog explains or asks first, then the text, and for a decision (unlock a desa, withdraw a
// decision, reset a PIN, hold a TPS) the decider's PIN and a danger button.
import type { ReactNode } from 'react';
import { Field } from '../../ui';
import { ActionDialog, type ActionDialogProps } from './ActionDialog';
import { PinField, pinReady } from './decider';
import type { DialogState, useReasonAction } from './use-action';

/** A text the backend records as given: at least 3 characters besides spaces. */
export const reasonGiven = (text: string): boolean => text.trim().length >= 3;

export interface ReasonDialogProps extends Pick<ActionDialogProps, 'title' | 'submitVariant'> {
  /** useReasonAction's state: the action, the text and the close that forgets it. */
  dialog: Pick<ReturnType<typeof useReasonAction>, 'reason' | 'setReason'> & DialogState;
  open?: boolean;
  /** The text's label ("Alasan (wajib)" when not said: a decision's plain reason). */
  reasonLabel?: string;
  /** The action button ("Simpan" when not said). */
  submitLabel?: ActionDialogProps['submitLabel'];
  /** The text takes the focus on opening (nothing to choose before it). */
  autoFocus?: boolean;
  /** The rest of the form is filled in (besides the text). */
  ready?: boolean;
  onSubmit: () => void;
  /** What comes before the text. */
  children?: ReactNode;
  /** What comes after it (the PIN). */
  after?: ReactNode;
}

export function ReasonDialog(props: ReasonDialogProps) {
  const {
    reasonLabel = 'Alasan (wajib)',
    autoFocus,
    ready = true,
    children,
    after,
    open = true,
    submitLabel = 'Simpan',
    ...frame
  } = props;
  const { reason, setReason } = props.dialog;
  return (
    <ActionDialog {...frame} open={open} submitLabel={submitLabel} submitDisabled={!ready || !reasonGiven(reason)}>
      {children}
      <Field label={reasonLabel}>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} autoFocus={autoFocus} />
      </Field>
      {after}
    </ActionDialog>
  );
}

type Pinned = ReasonDialogProps['dialog'] & Pick<ReturnType<typeof useReasonAction>, 'pin' | 'setPin'>;

export function ReasonPinDialog({
  pinned,
  pinLabel,
  ready = true,
  ...props
}: Omit<ReasonDialogProps, 'dialog' | 'submitVariant' | 'autoFocus' | 'after'> & {
  pinned: Pinned;
  pinLabel?: string;
}) {
  return (
    <ReasonDialog
      {...props}
      dialog={pinned}
      submitVariant="danger"
      autoFocus
      ready={ready && pinReady(pinned.pin)}
      after={<PinField value={pinned.pin} onChange={pinned.setPin} label={pinLabel} />}
    />
  );
}
