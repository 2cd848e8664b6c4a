#!/usr/bin/env node
// `npm run test:alone` (issue 16; not in CI, it takes a while): every vitest file run ALONE, in its own process, so a
// file that only passes because another file ran before it (a backend opened elsewhere, a file an earlier test wrote,
// a session or rate-limit count carried over) fails here. Runs at lowered priority, two files at a time by default.
//
//   node scripts/each-test-alone.mjs [--jobs N] [--shuffle SEED] [filter ...]
//
// A filter keeps the files whose path contains it. --shuffle runs each file's tests in a random order (vitest's
// --sequence.shuffle with that seed), so a test that needs an earlier test of its own file fails too. Prints one line per file and, at the end, the failing files with
// the tail of their output; exits 1 when any file failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Math.max(1, Number(args.splice(jobsAt, 2)[1]) || 1) : 2;
const shuffleAt = args.indexOf('--shuffle');
const seed = shuffleAt >= 0 ? Number(args.splice(shuffleAt, 2)[1]) : null;
if (seed !== null && !Number.isInteger(seed)) {
  process.stderr.write('--shuffle needs a whole number (the seed)\n');
  process.exit(2);
}
const order = seed === null ? [] : ['--sequence.shuffle', `--sequence.seed=${seed}`];
const filters = args;

try {
  setPriority(10); // children inherit it: the machine stays usable while this runs
} catch {
  // not permitted: run at the normal priority
}

const work = mkdtempSync(join(tmpdir(), 'pleno-alone-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

// The compiled CLI the tests spawn, built once up front (as `npm test` does) so no file pays for it.
const cli = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
if (cli.status !== 0) process.exit(cli.status ?? 1);

const listed = join(work, 'files.json');
const list = spawnSync(npx, ['vitest', 'list', '--filesOnly', `--json=${listed}`], { cwd: root, encoding: 'utf8' });
if (list.status !== 0) {
  process.stderr.write(list.stdout + list.stderr);
  process.exit(1);
}
const files = JSON.parse(readFileSync(listed, 'utf8'))
  .map((f) => relative(root, f.file))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

/** Runs one file; resolves with its outcome. The JSON report proves exactly this one file ran. */
function runAlone(file, index) {
  const report = join(work, `${index}.json`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      npx,
      ['vitest', 'run', join(root, file), ...order, '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`],
      { cwd: root, env: { ...process.env, CI: 'true' } },
    );
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => {
      const secs = (Date.now() - started) / 1000;
      let tests = { passed: 0, failed: 0, files: 0 };
      try {
        const r = JSON.parse(readFileSync(report, 'utf8'));
        tests = { passed: r.numPassedTests, failed: r.numFailedTests, files: r.testResults.length };
      } catch {
        // no report: counted as a failure below
      }
      const ok = code === 0 && tests.files === 1 && tests.failed === 0 && tests.passed > 0;
      resolve({ file, ok, code, secs, ...tests, out });
    });
  });
}

process.stdout.write(
  `${files.length} test files, each alone, ${jobs} at a time${seed === null ? '' : `, tests shuffled (seed ${seed})`}\n`,
);
const results = [];
const queue = files.map((f, i) => [f, i]);
const startedAll = Date.now();
await Promise.all(
  Array.from({ length: Math.min(jobs, files.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const r = await runAlone(...next);
      results.push(r);
      const mark = r.ok ? 'ok  ' : 'FAIL';
      process.stdout.write(
        `${mark} ${r.file} (${r.passed} passed, ${r.failed} failed, ${r.secs.toFixed(1)} s) [${results.length}/${files.length}]\n`,
      );
      // A failure's cause at once (the run is long): the lines naming failed tests and errors.
      if (!r.ok)
        for (const line of r.out
          .split('\n')
          .filter((l) => /×|Error|timed out|FAIL/.test(l))
          .slice(0, 12))
          process.stdout.write(`       ${line.trim().slice(0, 240)}\n`);
    }
  }),
);

const failed = results.filter((r) => !r.ok);
for (const r of failed) {
  process.stdout.write(`\n=== ${r.file} (exit ${r.code}, ${r.files} file(s) reported)\n`);
  process.stdout.write(r.out.split('\n').slice(-60).join('\n'));
}
const passedTests = results.reduce((n, r) => n + r.passed, 0);
const mins = ((Date.now() - startedAll) / 60000).toFixed(1);
process.stdout.write(
  `\n${results.length - failed.length} of ${results.length} files passed alone (${passedTests} tests passed) in ${mins} min\n`,
);
rmSync(work, { recursive: true, force: true });
process.exit(failed.length === 0 ? 0 : 1);
