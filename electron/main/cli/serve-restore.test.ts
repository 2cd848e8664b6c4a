// `pleno serve` through a restore over a read-only database, as a real process: before the restore the LAN receiver
// cannot store (the file is read-only); after "Pulihkan dari cadangan" it serves the restored, writable database on
// the same port the phones were given — a phone's C.Hasil posted there is stored — without restarting `pleno serve`,
// whether it was started by `--lan` or from the import screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKecamatanFixture, type KecamatanFixture } from '../../../tests/support/records';
import { dataDirFor } from '../backend/backend';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
let fixture: KecamatanFixture;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-serve-restore-'));
  mkdirSync(join(dir, 'media', 'FLASHDISK'), { recursive: true });
  fixture = await createKecamatanFixture({ desa: 1, tpsPerDesa: 2, dir: mkdtempSync(join(dir, 'fixture-')) });
  const env = process.env.PLENO_DRIVE_ROOTS;
  process.env.PLENO_DRIVE_ROOTS = join(dir, 'media');
  try {
    for (const [method, input] of [
      ['backup.setTarget', { root: join(dir, 'media', 'FLASHDISK') }],
      ['backup.now', {}],
    ] as const) {
      const r = await fixture.backend.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    }
  } finally {
    if (env === undefined) delete process.env.PLENO_DRIVE_ROOTS;
    else process.env.PLENO_DRIVE_ROOTS = env;
  }
  await fixture.backend.close();
}, 120_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  execFileSync('chmod', ['-R', 'u+w', dir]);
  rmSync(dir, { recursive: true, force: true });
});

/** A read-only copy of the fixture's database, with its data folder. */
function readOnlyCopy(name: string): string {
  const dbPath = join(mkdtempSync(join(dir, `${name}-`)), 'kecamatan.db');
  cpSync(fixture.dbPath, dbPath);
  cpSync(dataDirFor(fixture.dbPath), dataDirFor(dbPath), { recursive: true });
  chmodSync(dbPath, 0o444);
  return dbPath;
}

/** Starts `pleno serve` and resolves with the web URL once it is printed. */
function serve(dbPath: string, extra: string[]): Promise<{ url: string; stderr: () => string }> {
  const c = spawn(process.execPath, [join(root, 'bin/pleno.mjs'), 'serve', '--db', dbPath, '--port', '0', ...extra], {
    cwd: root,
    env: { ...process.env, PLENO_DRIVE_ROOTS: join(dir, 'media') },
  });
  children.push(c);
  let out = '';
  let err = '';
  c.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve, reject) => {
    c.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^Pleno web: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43})\n/.exec(out);
      if (m) resolve({ url: m[1]!, stderr: () => err });
    });
    c.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function api(url: string, method: string, input: unknown = {}) {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${u.searchParams.get('token')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** The port of the `n`-th "LAN receiver on" line of stderr (1-based), waiting for it. */
async function lanPort(stderr: () => string, n: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ports = [...stderr().matchAll(/LAN receiver on http:\/\/[^:]+:(\d+)/g)].map((m) => Number(m[1]));
    if (ports.length >= n) return ports[n - 1]!;
    if (Date.now() > deadline) throw new Error(`no LAN receiver line ${n}: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const postCHasil = (port: number, body: Uint8Array) =>
  fetch(`http://127.0.0.1:${port}/v1/c-hasil`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(body),
  });

/** Restores the drive's backup through the web API. */
async function restore(url: string): Promise<void> {
  const found = (await api(url, 'backup.find')) as { value: { backups: { path: string }[] } };
  const restored = await api(url, 'backup.restore', { path: found.value.backups[0]!.path });
  expect(restored, JSON.stringify(restored)).toMatchObject({ ok: true });
}

/** A C.Hasil posted to the LAN port is stored in the database file (read by the sqlite3 tool). */
async function expectStored(port: number, dbPath: string, tps: string): Promise<void> {
  const stored = await postCHasil(port, fixture.envelopeBytes(fixture.record(tps, 'gubernur')));
  expect(stored.status, await stored.clone().text()).toBe(201);
  const count = execFileSync('sqlite3', [dbPath, 'SELECT count(*) FROM submission'], { encoding: 'utf8' });
  expect(Number(count.trim())).toBe(1);
}

describe('pleno serve through a restore over a read-only database', () => {
  it('--lan --lan-port 0: the LAN receiver stores into the restored database, on the port it had', async () => {
    const dbPath = readOnlyCopy('flag');
    const s = await serve(dbPath, ['--lan', '--lan-port', '0']);
    const port = await lanPort(s.stderr, 1);
    const [tps1, tps2] = fixture.devices.map((d) => d.tps);
    const refused = await postCHasil(port, fixture.envelopeBytes(fixture.record(tps1!, 'gubernur')));
    expect(refused.status).toBe(503);
    await restore(s.url);
    expect(await lanPort(s.stderr, 2)).toBe(port);
    await expectStored(port, dbPath, tps2!);
  }, 120_000);

  it('the LAN receiver started from the import screen listens again on its port, on the restored database', async () => {
    const dbPath = readOnlyCopy('screen');
    const s = await serve(dbPath, []);
    const started = (await api(s.url, 'import.lanStart', { port: 0 })) as { value: { running: boolean; port: number } };
    expect(started.value).toMatchObject({ running: true });
    const port = started.value.port;
    await restore(s.url);
    const status = (await api(s.url, 'import.lanStatus')) as { value: { running: boolean; port: number } };
    expect(status.value).toMatchObject({ running: true, port });
    await expectStored(port, dbPath, fixture.devices[0]!.tps);
  }, 120_000);
});
