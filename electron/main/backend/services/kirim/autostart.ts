// Pending pushes resume when the app starts, not when someone next opens the Kirim screen: the kirim feature (and its
// sender, runner.ts) is otherwise loaded on its first call. Only a kecamatan database with a receiver installed and a
// push in its outbox loads it; any other database starts as before (no sender, no timers, nothing on the network).
import type { Backend } from '../../backend';
import { currentPenerima, hasOutbox, listManifests } from '../../repositories/kirim.repo';

/** True when the sender was started for pushes waiting in the outbox. */
export async function resumePendingPushes(backend: Backend): Promise<boolean> {
  const { db, readOnly } = backend.ctx;
  if (readOnly || !hasOutbox(db) || !currentPenerima(db) || listManifests(db).length === 0) return false;
  const r = await backend.dispatch('kirim.status', {});
  if (!r.ok) backend.ctx.log.warn('pending pushes not resumed at start', { reason: r.error.message });
  return r.ok;
}
