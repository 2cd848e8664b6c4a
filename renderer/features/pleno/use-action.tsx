// Runs one plenary action through the contract: keeps the refusal message (shown inline in the dialog), toasts on
// success. Refusals (locked desa, not the ketua, missing reason...) are expected values, not exceptions.
import { useCallback, useState } from 'react';
import { api } from '../../api/client';
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
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (input: InputOf<M>, success: string) => {
      setPending(true);
      setError(null);
      try {
        const r = await api.call(method, input);
        if (!r.ok) {
          setError(r.error.message);
          return null;
        }
        toast({ kind: 'ok', title: success });
        return r.value;
      } finally {
        setPending(false);
      }
    },
    [method, toast],
  );
  const clear = useCallback(() => setError(null), []);
  return { run, pending, error, clear };
}

export function ErrorNotice({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <div className="notice notice-danger" role="alert" data-testid="action-error">
      {error}
    </div>
  );
}
