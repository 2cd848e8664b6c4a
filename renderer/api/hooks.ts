// The React side of the data layer: typed queries and commands over the contract client, all through one cache
// (query-client.ts) that pushed events keep fresh (invalidation.ts). Screens name a method and its input, nothing else.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../shared/contracts/api';
import type { PlenoEvent, PlenoEventType } from '../../shared/contracts/events';
import type { ApiError, Result } from '../../shared/contracts/result';
import { api } from './client';
import { apiErrorOf, apiQuery, runCommand } from './query-client';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | null;
  /** A fetch for the current input (or a reload) is under way. */
  loading: boolean;
  /** Fetches again (keeps showing the previous data meanwhile). */
  reload(): void;
}

export interface QueryOptions {
  /** False skips the call (e.g. until a selection exists). */
  enabled?: boolean;
}

/** A read of the contract. While a new input loads, the previous answer stays on screen (no flash on J/K). */
export function useApiQuery<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options: QueryOptions = {},
): QueryState<OutputOf<M>> {
  const enabled = options.enabled !== false;
  const q = useQuery({ ...apiQuery(method, input), enabled, placeholderData: keepPreviousData });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: q.data as OutputOf<M> | undefined,
    error: apiErrorOf(q.error),
    loading: q.isFetching || (enabled && q.isPending),
    reload,
  };
}

export interface CommandState<M extends MethodName> {
  run(input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  pending: boolean;
  /** The last refusal (cleared when the command runs again). */
  error: ApiError | null;
  /** Last successful value. */
  data: OutputOf<M> | undefined;
  reset(): void;
}

/** A state change: `const save = useApiCommand('plenary.accept'); const r = await save.run({...})`. */
export function useApiCommand<M extends MethodName>(
  method: M,
  /** Handed each successful answer (the screen shows what the command did). */
  onDone?: (value: OutputOf<M>) => void,
): CommandState<M> {
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  const m = useMutation<Result<OutputOf<M>>, Error, InputOf<M>>({
    mutationKey: [method],
    mutationFn: (input) => runCommand(method, input),
  });
  const { mutateAsync, reset } = m;
  const run = useCallback(
    async (input: InputOf<M>) => {
      const r = await mutateAsync(input).catch((err: unknown) => ({ ok: false as const, error: apiErrorOf(err)! }));
      if (r.ok) done.current?.(r.value);
      return r;
    },
    [mutateAsync],
  );
  const result = m.data;
  return {
    run,
    pending: m.isPending,
    error: result && !result.ok ? result.error : apiErrorOf(m.error),
    data: result && result.ok ? result.value : undefined,
    reset,
  };
}

/**
 * Follows one pushed event type as a stream (import progress). Not for freshness: answers are kept fresh by the
 * event table in invalidation.ts.
 */
export function useApiEvent<T extends PlenoEventType>(
  type: T,
  callback: (event: Extract<PlenoEvent, { type: T }>) => void,
): void {
  const ref = useRef(callback);
  useEffect(() => {
    ref.current = callback;
  });
  useEffect(
    () =>
      api.on((event) => {
        if (event.type === type) ref.current(event as Extract<PlenoEvent, { type: T }>);
      }),
    [type],
  );
}
