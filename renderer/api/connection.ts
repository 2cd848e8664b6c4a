// Whether the renderer can hear the backend: the event stream is open ('open'), being opened ('connecting'), or lost
// ('lost': the stream closed, failed, or stayed silent past two heartbeats). Web mode reads it from the SSE stream
// (client.ts); under Electron the shell reports its backend process through the 'backend-state' event.
export type ConnectionState = 'connecting' | 'open' | 'lost';

/** The web server writes a keep-alive comment every 20 s (electron/main/web/server.ts): silence past this is a loss. */
export const STREAM_SILENCE_MS = 50_000;

let state: ConnectionState = 'connecting';
const listeners = new Set<(s: ConnectionState) => void>();

export function connectionState(): ConnectionState {
  return state;
}

export function setConnectionState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const l of listeners) l(next);
}

export function onConnectionState(listener: (s: ConnectionState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
