// Feeds pushed backend events into the query cache: event types arriving within one short window are applied
// together (a bulk import pushes hundreds of results-changed), so each stale answer is fetched once per burst.
import type { QueryClient } from '@tanstack/react-query';
import type { PlenoApi } from '../../shared/contracts/api';
import type { PlenoEventType } from '../../shared/contracts/events';
import { applyEvents } from './query-client';

export const EVENT_BATCH_MS = 150;

export function startEventBridge(client: QueryClient, source: Pick<PlenoApi, 'on'>, batchMs = EVENT_BATCH_MS) {
  const pending = new Set<PlenoEventType>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = source.on((event) => {
    pending.add(event.type);
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      const types = [...pending];
      pending.clear();
      void applyEvents(client, types);
    }, batchMs);
  });
  return () => {
    off();
    if (timer !== null) clearTimeout(timer);
  };
}
