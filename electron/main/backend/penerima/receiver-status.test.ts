// The receiver's address on the dashboard (penerima.alamat): a receiver database opened by a process that started
// its §4 receiver says where the kecamatan push (each LAN address and loopback, with the port, answered over real
// HTTP) and the receiver key's fingerprint; a port already in use is said in words — through the backend as the
// desktop host starts it, and through a real `pleno serve`, which keeps the web app open.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PenerimaAlamat } from '../../../../shared/contracts/penerima.contract';
import type { Result } from '../../../../shared/contracts/result';
import { formatFingerprint } from '../../../../shared/formats/envelope';
import { freePort, makeReceiverDb } from '../../../../tests/support/penerima-process';
import { makeKecamatan } from '../../../../tests/support/push-fixture';
import { openBackend, type Backend } from '../backend';
import { getPenerima } from '../repositories/penerima.repo';
import { startReceiverIfPenerima } from './autostart';

const BIN = fileURLToPath(new URL('../../../../bin/pleno.mjs', import.meta.url));

let dir: string;
let dbPath: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-alamat-'));
  dbPath = join(dir, 'penerima.db');
  await makeReceiverDb(dbPath, [makeKecamatan(undefined, '630214')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alamat = async (b: Backend) => {
  const r = (await b.dispatch('penerima.alamat', {})) as Result<PenerimaAlamat>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** Holds `port` on all interfaces, as another program would. */
async function occupy(port: number): Promise<Server> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(port, '0.0.0.0', () => r()));
  return s;
}

describe('penerima.alamat', () => {
  it('running: every push URL with the port, the loopback one answers /v1/hello; the key fingerprint', async () => {
    const b = await openBackend({ dbPath, mode: 'web' });
    try {
      const before = await alamat(b);
      expect(before.berjalan).toBe(false);
      expect(before.alasan).toContain('Penerima kiriman tidak dijalankan oleh proses ini');
      const port = await freePort();
      const server = (await startReceiverIfPenerima(b, port))!;
      try {
        const a = await alamat(b);
        expect(a).toMatchObject({ berjalan: true, port, alasan: null });
        expect(a.sidikJari).toBe(formatFingerprint(getPenerima(b.ctx.db)!.keyId));
        expect(a.alamat.at(-1)).toBe(`http://127.0.0.1:${port}`);
        for (const u of a.alamat) expect(u).toMatch(new RegExp(`^http://\\d+\\.\\d+\\.\\d+\\.\\d+:${port}$`));
        // The receiver itself answers there (no certificate installed yet: 503 saying so).
        expect(a.sertifikatUrl).toBeNull();
        const hello = await fetch(`${a.alamat.at(-1)}/v1/hello`);
        expect([hello.status, await hello.json()]).toEqual([
          503,
          { masalah: ['Penerima ini belum memasang sertifikatnya.'] },
        ]);
      } finally {
        await server.close();
      }
    } finally {
      await b.close();
    }
  });

  it('a port in use: not running, and why in words (the backend host logs it and opens the app)', async () => {
    const port = await freePort();
    const other = await occupy(port);
    const b = await openBackend({ dbPath, mode: 'web' });
    try {
      await expect(startReceiverIfPenerima(b, port)).rejects.toThrow(/EADDRINUSE/);
      const a = await alamat(b);
      expect(a).toMatchObject({ berjalan: false, port, alamat: [] });
      expect(a.alasan).toContain(`Port ${port} sudah dipakai program lain`);
      expect(a.alasan).toContain('PLENO_PENERIMA_PORT');
    } finally {
      await b.close();
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('`pleno serve` with its receiver port in use still opens the web app, whose dashboard says why', async () => {
    const port = await freePort();
    const other = await occupy(port);
    const child = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, '--port', '0', '--penerima-port', `${port}`]);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /^Pleno web: (\S+)$/m.exec(out);
          if (m) resolve(new URL(m[1]!));
        });
        child.once('exit', (code) => reject(new Error(`pleno serve exited ${code}: ${err}`)));
      });
      const res = await fetch(`${url.origin}/api/penerima.alamat`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      const r = (await res.json()) as Result<PenerimaAlamat>;
      expect(r.ok && r.value.berjalan).toBe(false);
      expect(r.ok && r.value.alasan).toContain(`Port ${port} sudah dipakai program lain`);
      expect(err).toContain('receiver not started');
    } finally {
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await gone;
      await new Promise<void>((r) => other.close(() => r()));
    }
  }, 60_000);
});
