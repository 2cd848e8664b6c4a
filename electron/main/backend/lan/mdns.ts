// mDNS advertisement of the LAN receiver as `_pleno._tcp` (DESIGN §3.5 discovery), best effort: a network that
// blocks multicast, or a port 5353 already held, is logged and never stops the receiver.
//
//   advertiseLan({ port, kecamatan, ppkKeyId, log }): { stop(): Promise<void> }
import { Bonjour } from 'bonjour-service';
import type { Logger } from '../context';

export interface MdnsAdvert {
  stop(): Promise<void>;
}

export function advertiseLan(opts: { port: number; kecamatan: string; ppkKeyId: string; log: Logger }): MdnsAdvert {
  let bonjour: Bonjour | null = null;
  try {
    bonjour = new Bonjour({}, (err: unknown) => {
      opts.log.warn('mDNS advertisement failed (LAN receiver keeps running)', { error: String(err) });
    });
    const service = bonjour.publish({
      name: `Pleno PPK ${opts.kecamatan} ${opts.ppkKeyId.slice(0, 4)}`,
      type: 'pleno',
      protocol: 'tcp',
      port: opts.port,
      txt: { format: 'pleno.lan/1', kecamatan: opts.kecamatan, key: opts.ppkKeyId },
    });
    service.on('error', (err: unknown) => {
      opts.log.warn('mDNS service error (LAN receiver keeps running)', { error: String(err) });
    });
    opts.log.info('mDNS: advertising _pleno._tcp', { port: opts.port });
  } catch (err) {
    opts.log.warn('mDNS advertisement unavailable (LAN receiver keeps running)', { error: String(err) });
    bonjour = null;
  }
  return {
    stop() {
      const b = bonjour;
      bonjour = null;
      if (!b) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1500);
        try {
          b.unpublishAll(() => {
            try {
              b.destroy();
            } catch {
              // Already closed.
            }
            clearTimeout(timer);
            resolve();
          });
        } catch {
          clearTimeout(timer);
          resolve();
        }
      });
    },
  };
}
