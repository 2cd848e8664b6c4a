// A receiver database for kecamatan built by hand (tests/support/push-fixture.ts), and `pleno penerima serve` on it as
// a real process (the compiled CLI, bin/pleno.mjs) that a test may stop, SIGKILL and restart on the same port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../../electron/main/backend/backend';
import { initPenerima, registerPpkKey } from '../../electron/main/backend/services/penerima/setup.service';
import type { Kecamatan } from './push-fixture';

const BIN = fileURLToPath(new URL('../../bin/pleno.mjs', import.meta.url));
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** A receiver database holding the masters of `ks` with their PPK keys registered; returns its public key. */
export async function makeReceiverDb(dbPath: string, ks: readonly Kecamatan[]): Promise<string> {
  const b = await openBackend({ dbPath, mode: 'web' });
  try {
    const masters = ks.map((k, i) => ({ name: `m${i}.json`, bytes: bytes(k.masterEnvelope) }));
    const init = initPenerima(b.ctx, masters, 'uji');
    if (!init.ok) throw new Error(init.error.message);
    for (const k of ks) {
      const r = registerPpkKey(b.ctx, {
        kecamatan: k.master.kecamatan.kode,
        publicKey: k.ppk.publicKey,
        alasan: 'sidik jari dibandingkan dengan halaman D.Hasil',
        actor: 'uji',
      });
      if (!r.ok) throw new Error(r.error.message);
    }
    return init.value.publicKey;
  } finally {
    await b.close();
  }
}

export { freePort } from './free-port';

export interface ReceiverProcess {
  child: ChildProcess;
  base: string;
  /** Resolves with the exit signal (or code) once the process is gone. */
  exited: Promise<string>;
  output(): string;
}

/** Starts `pleno penerima serve --db <dbPath> --port <port>` and resolves once it listens (bounded: 30 s). */
export async function startReceiverProcess(dbPath: string, port: number): Promise<ReceiverProcess> {
  const child = spawn(process.execPath, [BIN, 'penerima', 'serve', '--db', dbPath, '--port', String(port)]);
  let out = '';
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<string>((r) => child.once('exit', (code, signal) => r(signal ?? String(code))));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`receiver did not start in 30 s: ${out}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('listening')) return;
      clearTimeout(t);
      resolve();
    });
    void exited.then((why) => {
      clearTimeout(t);
      reject(new Error(`receiver exited (${why}): ${out}`));
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, exited, output: () => out };
}

export async function sigkill(p: ReceiverProcess): Promise<string> {
  p.child.kill('SIGKILL');
  return p.exited;
}

export async function stopGently(p: ReceiverProcess): Promise<string> {
  p.child.kill('SIGTERM');
  return p.exited;
}

/** `pleno audit verify --db <file>`: its exit code and output. */
export function auditVerify(dbPath: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', dbPath], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}
