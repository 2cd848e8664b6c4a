// Runs one plenary action as a command of the data layer: keeps the refusal message (shown inline in the dialog),
// toasts on success. Refusals (locked desa, not the ketua, missing reason...) are expected values, not exceptions.
import { useCallback, useState } from 'react';
import { useApiCommand } from '../../api/hooks';
import type { InputOf, MethodName, OutputOf } from '../../../shared/contracts/api';
import { useToast } from '../../ui';

export interface Action<M extends MethodName> {
  run(input: InputOf<M>, success: string): Promise<OutputOf<M> | null>;
  pending: boolean;
  error: string | null;
  clear(): void;
}

export function useAction<M extends MethodName>(method: M): Action<M> {
  const toast = useToast();
  const command = useApiCommand(method);
  const { run: runCommand, reset } = command;
  const run = useCallback(
    async (input: InputOf<M>, success: string) => {
      const r = await runCommand(input);
      if (!r.ok) return null;
      toast({ kind: 'ok', title: success });
      return r.value;
    },
    [runCommand, toast],
  );
  return { run, pending: command.pending, error: command.error?.message ?? null, clear: reset };
}

export function ErrorNotice({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <div className="notice notice-danger" role="alert" data-testid="action-error">
      {error}
    </div>
  );
}

/** What ActionDialog needs of its dialog: the action (pending, refusal) and the close that forgets the form. */
export interface DialogState {
  action: { pending: boolean; error: string | null };
  close(): void;
}

/**
 * A dialog's action: `close` forgets the form (`forget`), the last refusal and closes; `submit` runs the action and,
 * once it succeeded (toasted), closes the same way. A refusal keeps the dialog open with its message.
 */
export function useActionDialog<M extends MethodName>(method: M, onClose: () => void, forget?: () => void) {
  const action = useAction(method);
  const close = () => {
    forget?.();
    action.clear();
    onClose();
  };
  const submit = async (input: InputOf<M>, success: string) => {
    if (await action.run(input, success)) close();
  };
  return { action, close, submit };
}

/**
 * A dialog recording a text (a reason, a note) and, for a decision, the decider's PIN: the action, both, and a close
 * that forgets them.
 */
export function useReasonAction<M extends MethodName>(method: M, onClose: () => void, forget?: () => void) {
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const dialog = useActionDialog(method, onClose, () => {
    setReason('');
    setPin('');
    forget?.();
  });
  return { ...dialog, reason, setReason, pin, setPin };
}
