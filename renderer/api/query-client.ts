// The renderer's one cache of backend answers (TanStack Query), keyed by [method, input] of the contract, and the
// plain functions over it: read through the cache, run a command, mark answers stale after events or commands.
import { QueryClient, queryOptions } from '@tanstack/react-query';
import type { InputOf, MethodName, OutputOf, PlenoApi } from '../../shared/contracts/api';
import type { PlenoEventType } from '../../shared/contracts/events';
import type { ApiError, Result } from '../../shared/contracts/result';
import { api } from './client';
import { COMMAND_EVENTS, staleMethods } from './invalidation';

/** A failed Result carried through TanStack Query, which signals failure by rejection. */
export class ApiFailure extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
    this.name = 'ApiFailure';
  }
}

export function apiErrorOf(err: unknown): ApiError | null {
  if (err === null || err === undefined) return null;
  if (err instanceof ApiFailure) return err.apiError;
  return {
    code: 'INTERNAL',
    message: 'Terjadi kesalahan tak terduga pada tampilan. Data yang tersimpan tidak berubah.',
  };
}

/** Answers that never change for the same input (content-addressed photos, issued document files). */
const IMMUTABLE: ReadonlySet<MethodName> = new Set<MethodName>(['plenary.photo', 'documents.file']);

export const apiKey = <M extends MethodName>(method: M, input: InputOf<M>) => [method, input ?? {}] as const;

/** One call of the contract; a failed Result rejects with ApiFailure (the form TanStack Query expects). */
export async function callOrThrow<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  source: Pick<PlenoApi, 'call'> = api,
): Promise<OutputOf<M>> {
  const r = await source.call(method, input);
  if (!r.ok) throw new ApiFailure(r.error);
  return r.value;
}

export function apiQuery<M extends MethodName>(method: M, input: InputOf<M>, source: Pick<PlenoApi, 'call'> = api) {
  return queryOptions({
    queryKey: apiKey(method, input),
    queryFn: () => callOrThrow(method, input, source),
    ...(IMMUTABLE.has(method) ? { staleTime: Infinity } : {}),
  });
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The backend is on this laptop: 'always' because an offline laptop must not pause its own reads; no retries
      // (a refusal is an answer, and a stopped backend is reported by the connection state, not hidden by retrying);
      // freshness comes from pushed events, not from window focus.
      queries: { networkMode: 'always', retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}

/** The app's cache (one per renderer window). */
export const queryClient = createQueryClient();

/** Marks every cached answer the given events make stale; the ones on screen refetch. */
export function applyEvents(client: QueryClient, types: Iterable<PlenoEventType>): Promise<void> {
  const stale = staleMethods(types);
  if (stale === 'all') return client.invalidateQueries();
  return Promise.all([...stale].map((m) => client.invalidateQueries({ queryKey: [m] }))).then(() => undefined);
}

/** What a call over the cache takes: the method and its input, and (tests) another cache or transport. */
type CallArgs<M extends MethodName> = [
  method: M,
  input: InputOf<M>,
  client?: QueryClient,
  source?: Pick<PlenoApi, 'call'>,
];

/** Runs a command (a state change) and applies the events it is known to cause. Refusals come back as values. */
export async function runCommand<M extends MethodName>(
  ...[method, input, client = queryClient, source = api]: CallArgs<M>
): Promise<Result<OutputOf<M>>> {
  const r = await source.call(method, input);
  const events = COMMAND_EVENTS[method];
  if (r.ok && events) void applyEvents(client, events);
  return r;
}

/** A read outside a component (a key press, a "load more"): through the cache, as a Result. */
export async function readApi<M extends MethodName>(
  ...[method, input, client = queryClient, source = api]: CallArgs<M>
): Promise<Result<OutputOf<M>>> {
  try {
    return { ok: true, value: await client.fetchQuery(apiQuery(method, input, source)) };
  } catch (err) {
    return { ok: false, error: apiErrorOf(err)! };
  }
}
