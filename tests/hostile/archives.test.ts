// Hostile archives (issue 14, items 1 and 6's bundle half): the 98-byte ZIP64 body and lying-size bombs posted to the
// LAN receiver over real sockets while a legitimate phone posts from its own address, and a lying-size bundle
// given to `pleno import`. The receiver is a separate process; it must survive, answer the phone (1 s at p99 is the bench's figure)
// every time, and refuse the attacks with 400 or 429 (never 5xx).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKecamatanFixture } from '../support/records';
import { lyingSizeBomb, zip64Body98 } from '../support/hostile-zip';
import {
  legitPhone,
  percentile,
  postFlood,
  postOnce,
  startHostileKecamatan,
  type HostileKecamatan,
  LEGIT_ANSWER_BOUND_MS,
} from './harness';

const root = fileURLToPath(new URL('../..', import.meta.url));
let k: HostileKecamatan;

beforeAll(async () => {
  k = await startHostileKecamatan();
});
afterAll(async () => {
  await k?.close();
});

/** The phone posts 15 records while `parallel` loops of the attacker process post `body`. */
async function underAttack(body: Uint8Array, parallel: number) {
  const file = join(k.dir, `attack-${Date.now()}.zip`);
  writeFileSync(file, body);
  const attacker = await postFlood(k.port, '/v1/bundle', 'application/zip', file, parallel);
  await new Promise((r) => setTimeout(r, 300));
  const legit = await legitPhone(k, 15, 50);
  const attack = await attacker.stop();
  return { legit, attack: attack.statuses };
}

describe('hostile archives over the LAN', () => {
  it('the 98-byte ZIP64 body (200 million entries claimed) is refused at once; the phone is served', async () => {
    const { legit, attack } = await underAttack(zip64Body98(), 4);
    expect(legit.map((a) => a.status)).toEqual(legit.map(() => 201));
    expect(
      percentile(
        legit.map((a) => a.ms),
        99,
      ),
    ).toBeLessThan(LEGIT_ANSWER_BOUND_MS);
    // 0: the receiver answered 429 before reading the body and closed while the attacker was still sending.
    expect(
      Object.keys(attack).filter((s) => !['0', '400', '429'].includes(s)),
      JSON.stringify(attack),
    ).toEqual([]);
    expect(k.alive()).toBe(true);
  });

  it('a 4 MB bundle whose entries lie about their size is refused without inflating it', async () => {
    const bomb = lyingSizeBomb({ entries: 128, real: 32 * 1024 * 1024, declared: 60 * 1024 });
    expect(bomb.length).toBeGreaterThan(4 * 1000 * 1000);
    const one = await postOnce(k.port, '/v1/bundle', bomb, { type: 'application/zip', timeoutMs: 10_000 });
    expect([400, 429]).toContain(one.status);
    const { legit, attack } = await underAttack(bomb, 3);
    expect(legit.map((a) => a.status)).toEqual(legit.map(() => 201));
    expect(
      percentile(
        legit.map((a) => a.ms),
        99,
      ),
    ).toBeLessThan(LEGIT_ANSWER_BOUND_MS);
    // 0: the receiver answered 429 before reading the body and closed while the attacker was still sending.
    expect(
      Object.keys(attack).filter((s) => !['0', '400', '429'].includes(s)),
      JSON.stringify(attack),
    ).toEqual([]);
    expect(k.alive()).toBe(true);
  });
});

describe('hostile archives on the command line', () => {
  it('`pleno import` refuses a 19.8 MB lying-size bundle instead of spinning on it', async () => {
    // Its own database: the receiver process above holds the other one.
    const dir = mkdtempSync(join(tmpdir(), 'pleno-hostile-cli-'));
    try {
      const fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 2, dir });
      await fx.backend.close();
      const file = join(dir, 'bom.pleno');
      const bomb = lyingSizeBomb({ entries: 250, real: 80 * 1024 * 1024, declared: 60 * 1024 });
      expect(bomb.length).toBeGreaterThan(19 * 1000 * 1000);
      writeFileSync(file, bomb);
      // The timeout is a generous bound for "does not spin for minutes" (it was over 300 s), not a speed goal.
      const r = spawnSync(process.execPath, ['bin/pleno.mjs', 'import', '--db', fx.dbPath, file], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.error).toBeUndefined();
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/ditolak: .*lebih besar dari ukuran yang dinyatakan/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
