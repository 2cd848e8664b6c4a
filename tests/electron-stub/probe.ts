// Runs a script in a fresh Node with the 'electron' stand-in (hook.cjs) and the harness (globalThis.h); the script
// ends with h.done({...}) (one JSON line). A script error comes back as { error } and fails the calling test.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const stub = join(root, 'tests/electron-stub');

export async function probe<T = Record<string, unknown>>(script: string, env: Record<string, string> = {}): Promise<T> {
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [
        '-r',
        join(stub, 'hook.cjs'),
        '-r',
        join(stub, 'harness.cjs'),
        '-e',
        `(async () => {${script}})().catch(h.fail);`,
      ],
      { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as T & { error?: string };
  if (result.error) throw new Error(`probe script failed: ${result.error}`);
  return result;
}

/**
 * Bundles main, backend host and preload into build/electron-<tag>/ (its own copy per test file: vitest runs files in
 * parallel) and returns that folder, to pass as PLENO_TEST_BUNDLE.
 */
export function buildBundle(tag: string): string {
  const rel = `build/electron-${tag}`;
  execFileSync(process.execPath, [join(root, 'scripts/build-electron.mjs'), '--outdir', rel], {
    cwd: root,
    stdio: 'pipe',
  });
  return join(root, rel);
}

/** A temp folder outside the repo for one test's database. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-electron-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Electron's fuse sentinel (@electron/fuses): the fuse wire follows it in the binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * A stand-in Electron release folder for a trial `electron-builder --dir` (no Electron release can be downloaded
 * here): an `electron` "binary" that only carries a fuse wire with Electron's defaults (v1, 8 fuses: RunAsNode on,
 * cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off, browser V8 snapshot off,
 * file:// privileges on), so electron-builder can flip the fuses and the test can read them back.
 */
export function makeStandInElectronDist(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.from([1, 8, ...'10110001'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))));
  const script = Buffer.from("#!/bin/sh\necho 'stand-in Electron: cannot run' >&2\nexit 1\n# ");
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n')]), {
    mode: 0o755,
  });
  writeFileSync(join(dir, 'version'), '45.4.1');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  return dir;
}
