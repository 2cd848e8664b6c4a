// Feeds pushed backend events into the query cache: event types arriving within one short window are applied
// together (a bulk import pushes hundreds of results-changed), so each stale answer is fetched once per burst. After
// the connection was lost, every answer is refetched on reconnect: events sent meanwhile were missed.
import type { QueryClient } from '@tanstack/react-query';
import type { PlenoApi } from '../../shared/contracts/api';
import type { PlenoEventType } from '../../shared/contracts/events';
import { onConnectionState, type ConnectionState } from './connection';
import { applyEvents } from './query-client';

export const EVENT_BATCH_MS = 150;

export function startEventBridge(
  client: QueryClient,
  source: Pick<PlenoApi, 'on'>,
  batchMs = EVENT_BATCH_MS,
  connection: (listener: (s: ConnectionState) => void) => () => void = onConnectionState,
) {
  let wasLost = false;
  const offConnection = connection((s) => {
    if (s === 'lost') wasLost = true;
    if (s === 'open' && wasLost) {
      wasLost = false;
      void client.invalidateQueries();
    }
  });
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
    offConnection();
    if (timer !== null) clearTimeout(timer);
  };
}
