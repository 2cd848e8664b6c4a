// The frame of every plenary decision dialog: its form, the refusal message of the last attempt (inline, in Bahasa
// Indonesia), and the footer "Batal" + the action button. The dialogs differ only in their form and their input.
import type { ReactNode } from 'react';
import { Button, Dialog } from '../../ui';
import { ErrorNotice, type DialogState } from './use-action';

export interface ActionDialogProps {
  /** Shown (default); a dialog mounted only while shown leaves it out and starts from an empty form. */
  open?: boolean;
  /** The dialog's action (its pending state disables the button, its refusal shows under the form) and its close. */
  dialog: DialogState;
  title: ReactNode;
  submitLabel: ReactNode;
  submitVariant?: 'primary' | 'danger';
  submitDisabled: boolean;
  /** The action button takes the focus on opening (the dialog is itself the confirmation; Escape cancels). */
  submitFocus?: boolean;
  onSubmit: () => void;
  children: ReactNode;
}

export function ActionDialog({
  open = true,
  dialog: { action, close },
  title,
  submitLabel,
  submitVariant = 'primary',
  submitDisabled,
  submitFocus = false,
  onSubmit,
  children,
}: ActionDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      placement="start"
      actions={
        <Button
          variant={submitVariant}
          busy={action.pending}
          disabled={submitDisabled}
          onClick={onSubmit}
          {...(submitFocus ? { 'data-autofocus': true } : {})}
        >
          {submitLabel}
        </Button>
      }
    >
      <div className="stack">
        {children}
        <ErrorNotice error={action.error} />
      </div>
    </Dialog>
  );
}
