#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (sorted) with `node --import tsx`, one after the other, printing their
// output. Exits non-zero if any benchmark crashes. Figures are printed by the benchmarks, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'bench');
const filter = process.argv[2];
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
      .sort()
  : [];
if (files.length === 0) {
  console.log('npm run bench: tidak ada bench/*.bench.ts / no benchmarks found');
  process.exit(0);
}
// Benchmarks spawn the compiled CLI: build it first if stale, so no figure includes a build.
const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--if-stale', '--quiet'], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(1);
const failed = [];
for (const f of files) {
  console.log(`\n=== ${f}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { cwd: root, stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed.push(f);
    console.log(`=== ${f}: GAGAL / FAILED (exit ${r.status ?? r.signal}, ${secs} s)`);
  } else {
    console.log(`=== ${f}: ok (${secs} s)`);
  }
}
console.log(
  `\n${files.length - failed.length} benchmark(s) ok, ${failed.length} failed${failed.length ? ': ' + failed.join(', ') : ''}`,
);
process.exit(failed.length === 0 ? 0 : 1);
