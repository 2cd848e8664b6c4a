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

/** A decision dialog's state: the action, its reason and the decider's PIN, and a close that forgets all three. */
export function usePinnedAction<M extends MethodName>(method: M, onClose: () => void) {
  const action = useAction(method);
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const close = () => {
    setReason('');
    setPin('');
    action.clear();
    onClose();
  };
  return { action, reason, setReason, pin, setPin, close };
}
