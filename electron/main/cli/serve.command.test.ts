// `pleno serve` as a real process: the printed URL line, clean shutdown on SIGTERM, and the "cannot start" mode.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKecamatanFixture } from '../../../tests/support/records';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
const children: ChildProcess[] = [];

function serve(
  dbPath: string,
  extra: string[] = [],
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin/pleno.mjs'), 'serve', '--db', dbPath, '--port', '0', ...extra],
    { cwd: root },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^Pleno web: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43})\n/.exec(out);
      if (m) resolve({ child, url: m[1]!, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function info(url: string) {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/system.info`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${u.searchParams.get('token')}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  return (await res.json()) as { ok: boolean; value: { startupError: { kind: string; message: string } | null } };
}

const exited = (child: ChildProcess) => new Promise<number | null>((res) => child.on('exit', (code) => res(code)));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-serve-'));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('pleno serve', () => {
  it('prints exactly one URL line, serves, and on SIGTERM exits 0 with the lock released and the WAL checkpointed', async () => {
    const db = join(dir, 'k.db');
    const { child, url } = await serve(db);
    expect((await info(url)).value.startupError).toBeNull();
    expect(existsSync(`${db}.lock`)).toBe(true);
    const code = exited(child);
    child.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(existsSync(`${db}.lock`)).toBe(false);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('a second serve on the same database still serves the UI and reports "locked" through system.info and stderr', async () => {
    const db = join(dir, 'k.db');
    const first = await serve(db);
    const second = await serve(db);
    const r = await info(second.url);
    expect(r.ok).toBe(true);
    expect(r.value.startupError?.kind).toBe('locked');
    expect(r.value.startupError?.message).toMatch(/sedang dibuka oleh Pleno lain/);
    expect(second.stderr()).toMatch(/sedang dibuka oleh Pleno lain/);
    const code = exited(second.child);
    second.child.kill('SIGINT');
    expect(await code).toBe(0);
    // The refused instance must not have removed the first one's lock.
    expect(existsSync(`${db}.lock`)).toBe(true);
    expect((await info(first.url)).value.startupError).toBeNull();
  });

  it('a file that is not a database is reported and left byte-identical', async () => {
    const db = join(dir, 'catatan.db');
    writeFileSync(db, 'catatan rapat, bukan basis data\n'.repeat(10));
    const before = readFileSync(db);
    const s = await serve(db);
    expect((await info(s.url)).value.startupError?.kind).toBe('not-sqlite');
    s.child.kill('SIGTERM');
    await exited(s.child);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('exits 2 with usage when --db is missing', async () => {
    const child = spawn(process.execPath, [join(root, 'bin/pleno.mjs'), 'serve'], {
      cwd: root,
      env: { ...process.env, PLENO_DB: '' },
    });
    children.push(child);
    expect(await exited(child)).toBe(2);
  });

  it('--lan starts the LAN receiver beside the web mode and stops it on SIGTERM', async () => {
    const fixture = await createKecamatanFixture({ desa: 1, tpsPerDesa: 1, dir });
    await fixture.backend.close();
    const s = await serve(fixture.dbPath, ['--lan', '--lan-port', '0']);
    const deadline = Date.now() + 10_000;
    while (!/LAN receiver on /.test(s.stderr()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const m = /LAN receiver on http:\/\/[^:]+:(\d+)/.exec(s.stderr());
    expect(m, s.stderr()).not.toBeNull();
    const hello = (await (await fetch(`http://127.0.0.1:${m![1]}/v1/hello`)).json()) as {
      kecamatan: string;
      format: string;
    };
    expect(hello).toMatchObject({ kecamatan: fixture.master.kecamatan.kode, format: 'pleno.lan/1' });
    const code = exited(s.child);
    s.child.kill('SIGTERM');
    expect(await code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${m![1]}/v1/hello`)).rejects.toThrow();
  });

  it('--lan on a database without a data master still serves the UI and says why the receiver is off', async () => {
    const s = await serve(join(dir, 'baru.db'), ['--lan', '--lan-port', '0']);
    const deadline = Date.now() + 10_000;
    while (!/LAN receiver not started/.test(s.stderr()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(s.stderr()).toMatch(/LAN receiver not started/);
    expect((await info(s.url)).ok).toBe(true);
  });
});
