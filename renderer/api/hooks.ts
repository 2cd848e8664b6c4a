// React hooks over the contract client: queries that refresh on pushed events, event subscriptions, mutations.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../shared/contracts/api';
import type { PlenoEvent, PlenoEventType } from '../../shared/contracts/events';
import type { ApiError, Result } from '../../shared/contracts/result';
import { api } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Re-runs the query (keeps showing the previous data meanwhile). */
  reload(): void;
}

export interface QueryOptions {
  /** Event types that make the query run again (e.g. ['results-changed']). */
  refreshOn?: PlenoEventType[];
  /** False skips the call (e.g. until a selection exists). */
  enabled?: boolean;
}

export function useQuery<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options: QueryOptions = {},
): QueryState<OutputOf<M>> {
  const key = JSON.stringify(input ?? {});
  const enabled = options.enabled !== false;
  const refreshKey = (options.refreshOn ?? []).join(',');
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const requestKey = `${method}|${key}|${tick}`;
  // `settled` names the request the state belongs to; loading is derived, so the effect only sets state on reply.
  const [state, setState] = useState<{ data: OutputOf<M> | undefined; error: ApiError | null; settled: string | null }>(
    {
      data: undefined,
      error: null,
      settled: null,
    },
  );

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void api.call(method, JSON.parse(key) as InputOf<M>).then((r) => {
      if (!live) return;
      setState((s) =>
        r.ok
          ? { data: r.value, error: null, settled: requestKey }
          : { data: s.data, error: r.error, settled: requestKey },
      );
    });
    return () => {
      live = false;
    };
  }, [method, key, enabled, requestKey]);

  useEffect(() => {
    if (!refreshKey) return;
    const types = new Set(refreshKey.split(','));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on((event) => {
      if (!types.has(event.type) || timer !== null) return;
      // A bulk import pushes hundreds of events: refetch at most once per 150 ms, after the burst's first event.
      timer = setTimeout(() => {
        timer = null;
        setTick((t) => t + 1);
      }, 150);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [refreshKey]);

  return { data: state.data, error: state.error, loading: enabled && state.settled !== requestKey, reload };
}

/** Subscribes to one pushed event type for the component's lifetime; the latest callback is always used. */
export function useEvent<T extends PlenoEventType>(
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

export interface CallState<M extends MethodName> {
  run(input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  pending: boolean;
  error: ApiError | null;
  /** Last successful value. */
  data: OutputOf<M> | undefined;
  reset(): void;
}

/** A mutation helper: `const save = useCall('pleno.accept'); await save.run({...})`. */
export function useCall<M extends MethodName>(method: M): CallState<M> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [data, setData] = useState<OutputOf<M> | undefined>(undefined);
  const run = useCallback(
    async (input: InputOf<M>) => {
      setPending(true);
      setError(null);
      try {
        const r = await api.call(method, input);
        if (r.ok) setData(r.value);
        else setError(r.error);
        return r;
      } finally {
        setPending(false);
      }
    },
    [method],
  );
  const reset = useCallback(() => {
    setError(null);
    setData(undefined);
  }, []);
  return { run, pending, error, data, reset };
}
