// The messages between the Electron main process and the backend host process (electron/main/host/backend-host.ts).
// The host owns the database, the LAN receiver and every heavy task; the main process only forwards the PlenoApi
// contract (method + input → Result, pushed events) so that it never waits on SQLite or an unzip.
// Plain data only: the messages travel by structured clone (Electron's parent port, Node's 'advanced' fork IPC).
import type { PlenoEvent } from '../../../shared/contracts/events';
import type { Result } from '../../../shared/contracts/result';
import type { StartupError } from '../../../shared/contracts/system.contract';

/** What the main process sends. `open` comes first and once; `recheck` asks for the audit chain to be verified. */
export type ToHost =
  | { t: 'open'; dbPath: string; recheck: boolean }
  | { t: 'call'; id: number; method: string; input: unknown }
  | { t: 'close' };

/** The result of re-checking the database after the previous backend process died. */
export interface Recheck {
  ok: boolean;
  /** For the user, Bahasa Indonesia. */
  message: string;
}

/** What the host sends back. `ready` once per process (with the reason when the database could not be opened). */
export type FromHost =
  | { t: 'ready'; startupError: StartupError | null; recheck: Recheck | null }
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'event'; event: PlenoEvent }
  | { t: 'closed' };

export function isToHost(value: unknown): value is ToHost {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { t?: unknown; id?: unknown; method?: unknown; dbPath?: unknown };
  if (m.t === 'call') return typeof m.id === 'number' && typeof m.method === 'string';
  if (m.t === 'open') return typeof m.dbPath === 'string';
  return m.t === 'close';
}
