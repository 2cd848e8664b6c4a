// "Legit latency under attack" for bench/lan.bench.ts (issue 14): the receiver in its own process (as on the PPK
// laptop), a legitimate phone posting from 127.0.0.2, each attack from its own process (tests/hostile/attacker.mjs).
// Prints p50/p99 of the phone's posts for a quiet baseline and for each attack, measured in the same run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lyingSizeBomb, zip64Body98 } from '../tests/support/hostile-zip';
import {
  idleSockets,
  junkFlood,
  legitPhone,
  percentile,
  postFlood,
  startHostileKecamatan,
  type HostileKecamatan,
} from '../tests/hostile/harness';

const POSTS = 40;

async function measure(k: HostileKecamatan, label: string, attack?: () => Promise<{ stop(): Promise<unknown> }>) {
  const a = attack ? await attack() : null;
  if (a) await new Promise((r) => setTimeout(r, 500));
  const legit = await legitPhone(k, POSTS, 25);
  await a?.stop();
  const ms = legit.map((x) => x.ms);
  const ok = legit.filter((x) => x.status === 201).length;
  console.log(
    `  ${label.padEnd(48)} p50 ${percentile(ms, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(ms, 99)
      .toFixed(1)
      .padStart(6)} ms   ${ok}/${legit.length} stored${k.alive() ? '' : '   RECEIVER DIED'}`,
  );
  // Let the attacker's address allowance refill before the next attack.
  await new Promise((r) => setTimeout(r, 1500));
}

export async function legitLatencyUnderAttack(): Promise<void> {
  console.log(`legit latency under attack: ${POSTS} posts from 127.0.0.2 per row, receiver in its own process`);
  const k = await startHostileKecamatan({ desa: 10, tpsPerDesa: 20, nofile: 1024, receiver: { mdns: false } });
  try {
    const zip64 = join(k.dir, 'zip64.zip');
    writeFileSync(zip64, zip64Body98());
    const bomb = join(k.dir, 'bomb.zip');
    writeFileSync(bomb, lyingSizeBomb({ entries: 128, real: 32 * 1024 * 1024, declared: 60 * 1024 }));
    await measure(k, 'quiet (no attack)');
    await measure(k, '98-byte ZIP64 body, 4 loops', () => postFlood(k.port, '/v1/bundle', 'application/zip', zip64, 4));
    await measure(k, '4 MB lying-size bundle, 3 loops', () =>
      postFlood(k.port, '/v1/bundle', 'application/zip', bomb, 3),
    );
    await measure(k, '1,100 idle sockets, 70 addresses (ulimit 1024)', () => idleSockets(k.port, 1100, 70));
    await measure(k, 'quarantine flood, 512 KiB junk, 4 loops', () => junkFlood(k.port, 'junk', 512 * 1024, 4));
    await measure(k, 'cut-short uploads, 256 KiB, 4 loops', () => junkFlood(k.port, 'cut', 256 * 1024, 4));
  } finally {
    await k.close();
  }
}
