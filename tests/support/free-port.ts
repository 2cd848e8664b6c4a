// A TCP port free on 127.0.0.1 now, for a server whose port must be known before it starts (the §4 receiver, whose
// certificate names it). Used by the vitest suites and the Playwright specs alike (no other import here).
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
