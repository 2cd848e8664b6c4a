// The quarantine flood (issue 14 item 3): distinct junk bodies and cut-short uploads posted as fast as the
// receiver lets them, against a small quota. The quarantine folder never exceeds it (oldest copies give way), a
// cut-short upload keeps only a prefix, the same bytes are stored once, and the phone is still served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  junkFlood,
  legitPhone,
  percentile,
  postFlood,
  startHostileKecamatan,
  type HostileKecamatan,
  LEGIT_ANSWER_BOUND_MS,
} from './harness';

const QUOTA = { maxBytes: 6 * 1024 * 1024, maxFiles: 40, truncatedPrefixBytes: 16 * 1024 };
let k: HostileKecamatan;
let qdir: string;

function usage(): { bytes: number; items: number } {
  let bytes = 0;
  const names = new Set<string>();
  for (const f of readdirSync(qdir)) {
    try {
      bytes += statSync(join(qdir, f)).size;
    } catch {
      continue; // deleted meanwhile
    }
    names.add(f.replace(/\.reason\.txt$/, ''));
  }
  return { bytes, items: names.size };
}

beforeAll(async () => {
  k = await startHostileKecamatan({ quarantine: QUOTA });
  qdir = join(k.dir, 'kecamatan.pleno-data', 'quarantine');
});
afterAll(async () => {
  await k?.close();
});

async function floodWhileWatching(start: () => ReturnType<typeof junkFlood>) {
  const attacker = await start();
  let worst = { bytes: 0, items: 0 };
  const watch = setInterval(() => {
    const u = usage();
    worst = { bytes: Math.max(worst.bytes, u.bytes), items: Math.max(worst.items, u.items) };
  }, 50);
  const legit = await legitPhone(k, 20, 200);
  // Keep flooding a while after the phone is done, so that even on a loaded machine the attacker sends more than
  // the quota holds (the test asserts that it did).
  await new Promise((r) => setTimeout(r, 4000));
  clearInterval(watch);
  const attack = await attacker.stop();
  return { legit, attack, worst };
}

describe('quarantine flood', () => {
  // On a receiver of its own: the floods of the other tests use up the attacker address's allowance, and this one
  // needs 400s, not 429s, whichever test ran before.
  it('the same bytes posted again and again are stored once', async () => {
    const own = await startHostileKecamatan({ quarantine: QUOTA });
    try {
      const ownQ = join(own.dir, 'kecamatan.pleno-data', 'quarantine');
      const file = join(own.dir, 'sama.json');
      writeFileSync(file, '{"bukan": "hasil"}');
      const attacker = await postFlood(own.port, '/v1/c-hasil', 'application/json', file, 2);
      await new Promise((r) => setTimeout(r, 1500));
      const attack = await attacker.stop();
      expect(attack.statuses['400'], JSON.stringify(attack)).toBeGreaterThan(3);
      // One copy of the bytes; every later post only adds its small reason file naming that copy.
      const copies = readdirSync(ownQ).filter((f) => f.endsWith('c-hasil.json'));
      expect(copies).toHaveLength(1);
      const reasons = readdirSync(ownQ).filter((f) => f.endsWith('c-hasil.json.reason.txt'));
      expect(reasons.length).toBeGreaterThanOrEqual(attack.statuses['400']!);
      expect(readFileSync(join(ownQ, reasons.sort().at(-1)!), 'utf8')).toContain(
        `Isi sama dengan / same content as: ${copies[0]}`,
      );
    } finally {
      await own.close();
    }
  }, 120_000);

  it('distinct 512 KiB junk bodies: the folder stays within its quota; the phone is served', async () => {
    const { legit, attack, worst } = await floodWhileWatching(() => junkFlood(k.port, 'junk', 512 * 1024, 4));
    expect(attack.statuses['400']).toBeGreaterThan(QUOTA.maxBytes / (512 * 1024));
    expect(worst.bytes).toBeLessThanOrEqual(QUOTA.maxBytes);
    expect(worst.items).toBeLessThanOrEqual(QUOTA.maxFiles);
    expect(legit.map((a) => a.status)).toEqual(legit.map(() => 201));
    expect(
      percentile(
        legit.map((a) => a.ms),
        99,
      ),
    ).toBeLessThan(LEGIT_ANSWER_BOUND_MS);
  });

  it('cut-short uploads keep a 16 KiB prefix only, within the quota', async () => {
    const { worst } = await floodWhileWatching(() => junkFlood(k.port, 'cut', 256 * 1024, 4));
    expect(worst.bytes).toBeLessThanOrEqual(QUOTA.maxBytes);
    const cut = readdirSync(qdir).filter((f) => f.includes('terputus') && !f.endsWith('.reason.txt'));
    expect(cut.length).toBeGreaterThan(0);
    for (const f of cut) expect(statSync(join(qdir, f)).size).toBeLessThanOrEqual(QUOTA.truncatedPrefixBytes);
    const reason = readFileSync(join(qdir, `${cut[0]}.reason.txt`), 'utf8');
    expect(reason).toMatch(/Disimpan 16384 byte pertama saja/);
  });
});
