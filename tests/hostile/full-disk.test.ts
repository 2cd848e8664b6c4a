// A full disk (issue 14, item 3): the kecamatan database and its data folder on a small filesystem of their own — an
// 8 MiB tmpfs. Where `mount` is refused (not root), the same 8 MiB tmpfs is mounted inside an unprivileged user and
// mount namespace (unshare -rm) that the receiver process runs in: a size-limited directory only it and the programs
// sent into it see; the test reads and fills it through /proc/<pid>/root (PLENO_FULLDISK_NAMESPACE=1 takes that way
// even where mount works). The disk is then filled by another program, and while it is full: a phone's post is
// refused with a sentence it can show (503, never 500), the receiver stays up, a junk flood leaves the quarantine
// within its quota, and the database is not damaged (integrity_check, audit chain). Once space is freed the same post
// is stored and acknowledged.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statfsSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junkFlood, LEGIT_ADDRESS, postOnce, startHostileKecamatan, type HostileKecamatan } from './harness';
import { diskView } from '../../electron/main/backend/services/integrity/integrity-view';
import { configureQuarantine } from '../../electron/main/backend/services/quarantine/quarantine-quota';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/pleno.mjs');
const QUOTA = { maxBytes: 1024 * 1024, maxFiles: 30, minFreeBytes: 1024 * 1024, truncatedPrefixBytes: 4 * 1024 };

let mountPoint: string;
let mounted = false;
let k: HostileKecamatan;
let filler: string;

/** Fills the filesystem holding `dir` to its last byte (as another program would); returns the file's path. */
function fillDisk(dir: string): string {
  const file = join(dir, 'filler.bin');
  const fd = openSync(file, 'a');
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  try {
    for (let size = chunk.length; size >= 512; size = size >> 1) {
      for (;;) {
        try {
          writeSync(fd, chunk, 0, size);
        } catch {
          break; // ENOSPC: try a smaller piece, down to the last block
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

function quarantineUsage(qdir: string): { bytes: number; items: number } {
  let bytes = 0;
  const names = new Set<string>();
  let files: string[] = [];
  try {
    files = readdirSync(qdir);
  } catch {
    return { bytes: 0, items: 0 };
  }
  for (const f of files) {
    try {
      bytes += statSync(join(qdir, f)).size;
    } catch {
      continue;
    }
    names.add(f.replace(/\.reason\.txt$/, ''));
  }
  return { bytes, items: names.size };
}

const qdir = () => join(disk(), 'kecamatan', 'kecamatan.pleno-data', 'quarantine');

/** Distinct 64 KiB junk bodies for `ms`, the quarantine folder's size watched meanwhile. */
async function floodWatching(ms: number) {
  const attacker = await junkFlood(k.port, 'junk', 64 * 1024, 2);
  let worst = { bytes: 0, items: 0 };
  const watch = setInterval(() => {
    const u = quarantineUsage(qdir());
    worst = { bytes: Math.max(worst.bytes, u.bytes), items: Math.max(worst.items, u.items) };
  }, 25);
  await new Promise((r) => setTimeout(r, ms));
  clearInterval(watch);
  const attack = await attacker.stop();
  const u = quarantineUsage(qdir());
  worst = { bytes: Math.max(worst.bytes, u.bytes), items: Math.max(worst.items, u.items) };
  return { attack, worst };
}

/** The receiver in its own user and mount namespace, on an 8 MiB tmpfs mounted there over the folder it was made in. */
function inNamespace(argv: string[]): string[] {
  const script =
    'mp=$1; shift; cp -a "$mp/kecamatan" "$mp.stage" && mount -t tmpfs -o size=8m tmpfs "$mp" && ' +
    'cp -a "$mp.stage" "$mp/kecamatan" && rm -rf "$mp.stage" && exec "$@"';
  return ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh', mountPoint, ...argv];
}

/** The small filesystem as this process reaches it: the mount itself, or the receiver's namespace's view of it. */
/** A path under the small filesystem, as this process reaches it. */
const live = (path: string) => (mounted ? path : `/proc/${k.pid}/root${path}`);

const disk = () => (mounted ? mountPoint : `/proc/${k.pid}/root${mountPoint}`);

beforeAll(async () => {
  mountPoint = mkdtempSync(join(tmpdir(), 'pleno-fulldisk-'));
  const dir = join(mountPoint, 'kecamatan');
  if (process.env.PLENO_FULLDISK_NAMESPACE !== '1') {
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { encoding: 'utf8' });
    mounted = m.status === 0;
  }
  mkdirSync(dir);
  k = await startHostileKecamatan({
    desa: 2,
    tpsPerDesa: 3,
    dir,
    quarantine: QUOTA,
    ...(mounted ? {} : { wrap: inNamespace }),
  });
  const fs = statfsSync(disk());
  expect(fs.blocks * fs.bsize).toBeLessThanOrEqual(8 * 1024 * 1024);
}, 120_000);

afterAll(async () => {
  await k?.close();
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('refuses with a sentence, never damages the database, keeps the quarantine in its quota, recovers', async () => {
    const first = await postOnce(k.port, '/v1/c-hasil', k.nextRecord(), { from: LEGIT_ADDRESS });
    expect(first.status).toBe(201);

    // Junk while there is room: copies are kept, but never more than the quota.
    const roomy = await floodWatching(3000);
    // More junk arrived than the quota holds (the rest is rate-limited before its body is read).
    expect((roomy.attack.statuses['400'] ?? 0) * 64 * 1024).toBeGreaterThan(QUOTA.maxBytes);
    expect(roomy.worst.items).toBeGreaterThan(0);
    expect(roomy.worst.bytes).toBeLessThanOrEqual(QUOTA.maxBytes);
    expect(roomy.worst.items).toBeLessThanOrEqual(QUOTA.maxFiles);

    filler = fillDisk(disk());
    expect(statSync(filler).size).toBeGreaterThan(1024 * 1024);
    // The banner's source: free space below the app's threshold, said in words.
    configureQuarantine(QUOTA);
    const space = diskView(join(disk(), 'kecamatan'));
    expect(space.low).toBe(true);
    expect(space.message).toMatch(/^Ruang disk hampir penuh: tersisa 0 MB\. Kosongkan ruang disk/);

    const record = k.nextRecord();
    const refused = await postOnce(k.port, '/v1/c-hasil', record, { from: LEGIT_ADDRESS });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { message: expect.stringMatching(/disk.*penuh/i) } });
    expect(refused.body).not.toMatch(/SQLITE|ENOSPC|Error:/);

    // Junk posted while the disk is full: answered (400, or 503 when not even its log row fits; 429 beyond the
    // allowance) — never 500, never a dropped connection — and the receiver stays up.
    const full = await floodWatching(3000);
    expect((full.attack.statuses['400'] ?? 0) + (full.attack.statuses['503'] ?? 0)).toBeGreaterThan(0);
    expect(Object.keys(full.attack.statuses).filter((s) => !['400', '429', '503'].includes(s))).toEqual([]);
    expect(full.worst.bytes).toBeLessThanOrEqual(QUOTA.maxBytes);
    expect(k.alive()).toBe(true);

    rmSync(filler);
    const stored = await postOnce(k.port, '/v1/c-hasil', record, { from: LEGIT_ADDRESS });
    expect(stored.status).toBe(201);
    expect(JSON.parse(stored.body)).toMatchObject({
      status: 'diterima',
      receipt: { payload: { format: 'pleno.receipt/1' } },
    });

    // Read beside the running receiver (both only read): the file is sound and its chain intact.
    const integrity = execFileSync('sqlite3', [live(k.dbPath), 'PRAGMA integrity_check;'], { encoding: 'utf8' }).trim();
    expect(integrity).toBe('ok');
    const audit = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', live(k.dbPath)], { encoding: 'utf8' });
    expect(audit.stdout).toMatch(/^valid: /);
    expect(audit.status).toBe(0);
  }, 120_000);
});
