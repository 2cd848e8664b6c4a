// mDNS advertisement of the LAN receiver as `_pleno._tcp` (docs/design.md §3.5 discovery), best effort: a network that
// blocks multicast, or a port 5353 already held, is logged and never stops the receiver.
//
//   advertiseLan({ port, kecamatan, ppkKeyId, log }): { stop(): Promise<void> }
import { Bonjour } from 'bonjour-service';
import type { Logger } from '../context';

export interface MdnsAdvert {
  stop(): Promise<void>;
}

/** The multicast-dns instance inside bonjour-service (not in its types). */
interface MulticastDns {
  on(event: 'error' | 'warning', listener: (err: unknown) => void): unknown;
  update(): void;
}

/**
 * Guards what the library leaves unguarded: its 'error' event has no listener (an EADDRINUSE on 5353 would throw),
 * and its 5-second interface refresh calls os.networkInterfaces(), which throws EMFILE when the process is out of
 * descriptors: uncaught in a timer, that killed the process (issue 14). The interval is started on 'listening',
 * after this runs, so it picks up the guarded function.
 */
function guardLibrary(bonjour: Bonjour, log: Logger): void {
  const mdns = (bonjour as unknown as { server?: { mdns?: MulticastDns } }).server?.mdns;
  if (!mdns) return;
  let lastWarn = 0;
  const warn = (what: string, err: unknown) => {
    if (Date.now() - lastWarn < 60_000) return;
    lastWarn = Date.now();
    log.warn(`mDNS ${what} (LAN receiver keeps running)`, { error: String(err) });
  };
  mdns.on('error', (err) => warn('error', err));
  mdns.on('warning', (err) => warn('warning', err));
  const update = mdns.update.bind(mdns);
  mdns.update = () => {
    try {
      update();
    } catch (err) {
      warn('interface refresh failed', err);
    }
  };
}

export function advertiseLan(opts: { port: number; kecamatan: string; ppkKeyId: string; log: Logger }): MdnsAdvert {
  let bonjour: Bonjour | null = null;
  try {
    bonjour = new Bonjour({}, (err: unknown) => {
      opts.log.warn('mDNS advertisement failed (LAN receiver keeps running)', { error: String(err) });
    });
    guardLibrary(bonjour, opts.log);
    const service = bonjour.publish({
      name: `Pleno PPK ${opts.kecamatan} ${opts.ppkKeyId.slice(0, 4)}`,
      type: 'pleno',
      protocol: 'tcp',
      port: opts.port,
      txt: { format: 'pleno.lan/1', kecamatan: opts.kecamatan, key: opts.ppkKeyId },
    });
    // Its records (one per LAN address) come from os.networkInterfaces(), called again from the library's probe
    // and announce timers: under EMFILE that throws uncaught. Keep the last good records instead.
    const records = service.records.bind(service);
    let lastRecords: ReturnType<typeof records> = [];
    service.records = () => {
      try {
        lastRecords = records();
      } catch (err) {
        opts.log.warn('mDNS records unavailable, last ones kept (LAN receiver keeps running)', { error: String(err) });
      }
      return lastRecords;
    };
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
