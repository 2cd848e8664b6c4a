// Which LAN receiver runs for which backend: receiver.ts registers it; the import screen's status and the host that
// reopens the backend after a restore (hosted.ts) read it here without loading the LAN stack (HTTP server, mDNS).
import type { BackendContext } from '../context';
import type { LanReceiver } from './receiver';

const running = new WeakMap<BackendContext, LanReceiver>();

export function runningLanReceiver(ctx: BackendContext): LanReceiver | undefined {
  return running.get(ctx);
}

export function setRunningLanReceiver(ctx: BackendContext, receiver: LanReceiver | null): void {
  if (receiver) running.set(ctx, receiver);
  else running.delete(ctx);
}
