// Connection floods (issue 14 item 2): 1,100 idle sockets against a receiver whose process has a 1,024
// descriptor limit (set with bash's `ulimit -n` for the child), with mDNS advertising, as the test lab did when
// the process died of an uncaught EMFILE. Then the same flood against a limit lower than the connection cap, so
// the process really runs out of descriptors: it must survive, keep serving, and recover when sockets close.
import { describe, expect, it } from 'vitest';
import {
  idleSockets,
  legitPhone,
  percentile,
  postOnce,
  startHostileKecamatan,
  LEGIT_ADDRESS,
  LEGIT_ANSWER_BOUND_MS,
} from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idle connection floods', () => {
  it('1,100 idle sockets under `ulimit -n 1024`: the process lives, the phone is served (latency figures: npm run bench lan)', async () => {
    const k = await startHostileKecamatan({ nofile: 1024, receiver: { mdns: true } });
    try {
      const flood = await idleSockets(k.port, 1100, 70);
      await sleep(1500);
      const legit = await legitPhone(k, 15, 100);
      const stats = await k.stats();
      const { opened } = await flood.stop();
      expect(opened).toBeGreaterThanOrEqual(1100);
      expect(legit.map((a) => a.status)).toEqual(legit.map(() => 201));
      expect(
        percentile(
          legit.map((a) => a.ms),
          99,
        ),
      ).toBeLessThan(LEGIT_ANSWER_BOUND_MS);
      expect(stats.connections.open).toBeLessThanOrEqual(256);
      expect(stats.connections.refused + stats.connections.evicted).toBeGreaterThan(0);
      // Past mDNS's 5-second interface refresh, which is what threw EMFILE from a timer before.
      await sleep(5500);
      expect(k.alive()).toBe(true);
    } finally {
      await k.close();
    }
  });

  it('out of descriptors (`ulimit -n 200`, below the cap): survives, serves a retrying phone, recovers', async () => {
    const k = await startHostileKecamatan({ nofile: 200, receiver: { mdns: true } });
    try {
      const flood = await idleSockets(k.port, 1100, 70);
      await sleep(6000);
      expect(k.alive()).toBe(true);
      // A phone retries a failed connection; within a few tries its record is stored.
      const record = k.nextRecord();
      let status = 0;
      for (let attempt = 0; attempt < 10 && status !== 201; attempt++)
        status = (await postOnce(k.port, '/v1/c-hasil', record, { from: LEGIT_ADDRESS, timeoutMs: 3000 })).status;
      expect(status).toBe(201);
      await flood.stop();
      await sleep(500);
      const after = await legitPhone(k, 5, 50);
      expect(after.map((a) => a.status)).toEqual(after.map(() => 201));
      expect(k.alive()).toBe(true);
    } finally {
      await k.close();
    }
  });
});
