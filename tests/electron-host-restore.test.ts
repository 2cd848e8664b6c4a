// The desktop case of a restore over a damaged database: the bundled Electron backend host (build/electron-*/
// backend-host.cjs, forked as the tests drive it without an Electron binary) opens a database whose file has one
// page zeroed; the same host process restores the backup from a drive folder over it, reopens on the restored file,
// forwards the restore's event, and takes a write — no restart of the host or the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, fork } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend } from '../electron/main/backend/backend';
import { buildBundle, tempDir } from './electron-stub/probe';
import type { FromHost, ToHost } from '../electron/main/host/protocol';

let bundle = '';
let t: { dir: string; cleanup: () => void };
let dbPath = '';
let media = '';

beforeAll(async () => {
  bundle = buildBundle('hostrestore');
  t = tempDir();
  media = join(t.dir, 'media');
  mkdirSync(join(media, 'FLASHDISK'), { recursive: true });
  const saved = process.env.PLENO_DRIVE_ROOTS;
  process.env.PLENO_DRIVE_ROOTS = media;
  dbPath = join(t.dir, 'kecamatan.db');
  const b = await openBackend({ dbPath, mode: 'electron' });
  try {
    for (const [m, input] of [
      ['setup.createDemo', { preset: 'hampang' }],
      ['backup.setTarget', { root: join(media, 'FLASHDISK') }],
      ['backup.now', {}],
    ] as const) {
      const r = await b.dispatch(m, input);
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    }
  } finally {
    await b.close();
    if (saved === undefined) delete process.env.PLENO_DRIVE_ROOTS;
    else process.env.PLENO_DRIVE_ROOTS = saved;
  }
  const q = (sql: string) => execFileSync('sqlite3', [dbPath, sql], { encoding: 'utf8' }).trim();
  const page = Number(q("SELECT rootpage FROM sqlite_master WHERE name = 'submission'"));
  const size = Number(q('PRAGMA page_size'));
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(size), 0, size, (page - 1) * size);
  closeSync(fd);
}, 180_000);

afterAll(() => t?.cleanup());

describe('Electron backend host: restore over a damaged database', () => {
  it('restores from the drive in the running host and answers on the restored file', async () => {
    const child = fork(join(bundle, 'backend-host.cjs'), [], {
      serialization: 'advanced',
      stdio: 'pipe',
      env: { ...process.env, PLENO_DRIVE_ROOTS: media },
    });
    const seen: FromHost[] = [];
    const waiters: (() => void)[] = [];
    child.on('message', (m) => {
      seen.push(m as FromHost);
      for (const w of waiters.splice(0)) w();
    });
    const until = async (pred: (m: FromHost) => boolean): Promise<FromHost> => {
      for (;;) {
        const hit = seen.find(pred);
        if (hit) return hit;
        await new Promise<void>((r) => waiters.push(r));
      }
    };
    let id = 0;
    const call = async (method: string, input: unknown = {}) => {
      const n = ++id;
      child.send({ t: 'call', id: n, method, input } satisfies ToHost);
      const m = await until((x) => x.t === 'result' && x.id === n);
      return (m as Extract<FromHost, { t: 'result' }>).result;
    };
    try {
      child.send({ t: 'open', dbPath, recheck: false } satisfies ToHost);
      await until((m) => m.t === 'ready');
      expect(await call('system.integrity')).toMatchObject({ ok: true, value: { storage: { readOnly: true } } });
      const found = (await call('backup.find')) as { ok: true; value: { backups: { path: string }[] } };
      expect(found.value.backups).toHaveLength(1);
      const restored = await call('backup.restore', { path: found.value.backups[0]!.path });
      expect(restored).toMatchObject({
        ok: true,
        value: { kecamatan: { nama: 'Hampang' }, movedAside: expect.stringMatching(/sebelum-pulih/) },
      });
      const aside = (restored as { value: { movedAside: string } }).value.movedAside;
      expect(existsSync(aside)).toBe(true);
      expect(seen).toContainEqual({ t: 'event', event: { type: 'kecamatan-changed' } });
      expect(await call('system.integrity')).toMatchObject({
        ok: true,
        value: { ok: true, storage: { readOnly: false } },
      });
      expect(await call('audit.verify')).toMatchObject({ ok: true, value: { ok: true } });
      expect(await call('plenary.startSession', { member: 0 })).toMatchObject({ ok: true });
      child.send({ t: 'close' } satisfies ToHost);
      await until((m) => m.t === 'closed');
    } finally {
      if (child.exitCode === null) child.kill();
    }
  }, 120_000);
});
