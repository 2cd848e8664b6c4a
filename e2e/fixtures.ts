// e2e fixtures: `app` = a fresh `pleno serve` on a new database in a temp dir (port 0, URL parsed from its one
// stdout line), stopped after the test; `cli(args)` runs `node bin/pleno.mjs ...`; `callApi` / `createDemo` helpers.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PlenoApp {
  /** `http://127.0.0.1:<port>/?token=<token>` */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  dataDir: string;
  /** The temp folder holding the database (free for the test's own files). */
  dir: string;
  cli(args: string[]): Promise<CliResult>;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/pleno.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export interface Served {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

const URL_LINE = /^Pleno web: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

/** Spawns a command that prints the `Pleno web:` line and waits for it (30 s). */
export function spawnServed(cmd: string, args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no "Pleno web:" line within 30 s\nstdout: ${out}\nstderr: ${err}`));
    }, 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = URL_LINE.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, origin: `http://127.0.0.1:${m[2]}`, token: m[3]!, child, stderr: () => err, stop });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing its URL\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

export function serve(dbPath: string): Promise<Served> {
  return spawnServed(process.execPath, [join(ROOT, 'bin/pleno.mjs'), 'serve', '--db', dbPath, '--port', '0']);
}

export { freePort } from '../tests/support/free-port';

/** Calls the contract over HTTP with the app's token. */
export async function callApi<T = unknown>(
  app: Pick<PlenoApp, 'origin' | 'token'>,
  method: string,
  input: unknown = {},
) {
  const res = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}

/** Creates the simulation kecamatan (preset hampang) through the API, as the first-run button does. */
/**
 * Writes the demo files (`pleno demo <app.dir>/demo`) and imports only their data master through the setup API, as the
 * first-run screen does (no results yet). Returns the folder and the master file's text.
 */
export async function importDemoMaster(app: PlenoApp): Promise<{ dir: string; masterText: string }> {
  const dir = join(app.dir, 'demo');
  const gen = await app.cli(['demo', dir]);
  expect(gen.code, gen.stderr).toBe(0);
  const bytes = readFileSync(join(dir, 'master.json'));
  const input = { fileName: 'master.json', contentBase64: bytes.toString('base64') };
  const preview = await callApi<{ fingerprint: string }>(app, 'setup.previewMaster', input);
  if (!preview.ok) throw new Error(preview.error.message);
  const imported = await callApi(app, 'setup.importMaster', {
    ...input,
    confirmFingerprint: preview.value.fingerprint,
  });
  if (!imported.ok) throw new Error(imported.error.message);
  return { dir, masterText: bytes.toString('utf8') };
}

export async function createDemo(app: Pick<PlenoApp, 'origin' | 'token'>, seed?: number): Promise<void> {
  const r = await callApi(
    app,
    'setup.createDemo',
    seed === undefined ? { preset: 'hampang' } : { preset: 'hampang', seed },
  );
  if (!r.ok) throw new Error(`setup.createDemo failed: ${r.error.code} ${r.error.message}`);
}

export const test = base.extend<{ app: PlenoApp }>({
  app: async ({}, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-e2e-'));
    const dbPath = join(dir, 'pleno.db');
    const served = await serve(dbPath);
    try {
      await use({
        url: served.url,
        origin: served.origin,
        token: served.token,
        dbPath,
        dataDir: join(dir, 'pleno.pleno-data'),
        dir,
        cli: (args) => runCli(args),
      });
    } finally {
      await served.stop();
      // The server's own log beside a failed test, so a backend that stopped answering says why.
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('pleno-serve-stderr', { body: served.stderr(), contentType: 'text/plain' });
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };
