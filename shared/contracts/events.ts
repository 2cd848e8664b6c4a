// Events the backend pushes to every connected renderer (IPC under Electron, SSE in web mode).
import type { PemilihanId } from '../domain/model';

export type PlenoEvent =
  /** A result (new, duplicate, conflict) was stored for a TPS: dashboards refresh without reloading. */
  | { type: 'results-changed'; tps: string; pemilihan: PemilihanId | null }
  /** A plenary decision (acceptance, correction, objection, lock) changed state. */
  | { type: 'pleno-changed'; pemilihan: PemilihanId | null; tps: string | null; desa: string | null }
  /** Progress of a multi-file import. */
  | { type: 'import-progress'; jobId: string; done: number; total: number; file: string }
  /** Removable drives or phone folders appeared or went away. */
  | { type: 'drives-changed' }
  /** LAN receiver state or a device contact. */
  | { type: 'lan-changed' }
  /** What the operator is showing, for the projector view to follow. */
  | { type: 'focus-changed'; pemilihan: PemilihanId | null; desa: string | null; tps: string | null }
  | { type: 'documents-changed' }
  /** The push outbox changed: a receipt, a push's progress (throttled), the receiver or the photo setting. */
  | { type: 'kirim-changed' }
  /** A data master was imported or the demo created. */
  | { type: 'kecamatan-changed' }
  /**
   * Desktop only: the backend process stopped unexpectedly ('down', being restarted), is back with its database
   * re-checked ('ready'; `recheckOk` false when the audit chain check found a problem), or stopped restarting
   * ('failed'). `message` is for the user, Bahasa Indonesia.
   */
  | { type: 'backend-state'; state: 'down' | 'ready' | 'failed'; message: string; recheckOk: boolean | null };

export type PlenoEventType = PlenoEvent['type'];
