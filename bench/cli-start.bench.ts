// CLI start: `pleno recap --json` on the hampang demo (30 TPS, imported) end to end — process start to exit, output
// read — from the compiled bundle (bin/pleno.mjs → build/cli/<id>/recap.cjs with its V8 code cache, written by the
// first call below), beside a bare `node -e 0` and the same command run from the TypeScript sources through tsx
// (PLENO_CLI_SOURCE=1: how every call ran before the bundle; tsx's cache warm), in the same run, rounds interleaved so load on the machine hits all three alike. Aim (issue 9): bundle ≤ 2×
// `node -e 0`. Median of RUNS (default 15). Figures only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/pleno.mjs');
const RUNS = Number(process.env.RUNS ?? 15);

function pleno(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`pleno ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

function timed(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}

const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--if-stale'], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`build-cli: ${built.stderr}`);
console.log(built.stdout.trim() ? `bundle rebuilt first: ${built.stdout.trim()}` : 'bundle fresh (no rebuild)');

const dir = mkdtempSync(join(tmpdir(), 'pleno-bench-cli-'));
try {
  pleno(['demo', join(dir, 'demo'), '--no-photos']);
  const db = join(dir, 'hampang.db');
  pleno(['init', '--db', db, '--master', join(dir, 'demo', 'master.json')]);
  pleno(['import', '--db', db, join(dir, 'demo', 'tps')]);
  const recapArgs = [BIN, 'recap', '--db', db, '--json'];
  const bundleJson = pleno(['recap', '--db', db, '--json']);
  const sourceJson = pleno(['recap', '--db', db, '--json'], { PLENO_CLI_SOURCE: '1' });
  if (bundleJson !== sourceJson) throw new Error('bundle and sources print different recap JSON');

  const rows = { node: [] as number[], bundle: [] as number[], tsx: [] as number[] };
  for (let i = 0; i < RUNS; i += 1) {
    rows.node.push(timed(['-e', '0']));
    rows.bundle.push(timed(recapArgs));
    rows.tsx.push(timed(recapArgs, { PLENO_CLI_SOURCE: '1' }));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const node = med(rows.node);
  const bundle = med(rows.bundle);
  const tsx = med(rows.tsx);
  console.log(
    `cli start, median of ${RUNS} (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs, recap JSON ${bundleJson.length} bytes):`,
  );
  console.log(`  node -e 0                                  ${node.toFixed(0)} ms`);
  console.log(
    `  pleno recap --json, compiled bundle        ${bundle.toFixed(0)} ms  (${(bundle / node).toFixed(2)}× node -e 0; aim ≤ 2×)`,
  );
  console.log(
    `  pleno recap --json, sources through tsx    ${tsx.toFixed(0)} ms  (${(tsx / node).toFixed(2)}× node -e 0; before the bundle)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
