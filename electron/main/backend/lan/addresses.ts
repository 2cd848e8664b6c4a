// The addresses a server bound to `host` is reachable at from the LAN, in a module of its own: the receiver-mode
// dashboard shows them at start-up, and importing lan/receiver.ts for them would load the mDNS library with it
// (tests/cli-bundle.test.ts: `pleno serve` is ready before any heavy module loads).
import { networkInterfaces } from 'node:os';

/** The IPv4 addresses of the laptop's LAN interfaces (Wi-Fi, Ethernet), loopback last. */
export function lanAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  out.push('127.0.0.1');
  return out;
}
