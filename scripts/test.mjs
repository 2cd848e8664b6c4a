#!/usr/bin/env node
// `npm test`: typecheck, lint, unit/service/HTTP tests (vitest), the renderer build, the Playwright suite in Chromium.
// Runs every step even when one fails, then prints one line `N passed, N failed` for the whole run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { missingSystemTools, missingToolsMessage } from './system-tools.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'build', 'test');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

// Chromium and poppler-utils first: a missing one is named with the command that installs it.
const tools = missingSystemTools();
const { missing } = tools;
const installHint = tools.install;
process.stdout.write(missingToolsMessage(tools));

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  return { code: r.status ?? 1, secs };
}

function check(label, cmd, args) {
  const { code, secs } = run(label, cmd, args);
  if (code === 0) passed += 1;
  else failed += 1;
  summary.push(`${label}: ${code === 0 ? 'ok' : 'FAILED'} (${secs} s)`);
}

const npx = 'npx';

// Static checks (four typechecks and lint) run two at a time: they are independent and mostly single-threaded.
// Each one's output is buffered and printed whole when it ends, so logs do not interleave.
function runBuffered(label, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: process.env });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n${out}`);
      resolve({ label, code: code ?? 1, secs });
    });
  });
}

const staticChecks = [
  ...['shared/tsconfig.json', 'electron/tsconfig.json', 'renderer/tsconfig.json', 'tsconfig.tests.json'].map(
    (project) => [`typecheck ${project}`, npx, ['tsc', '-p', project]],
  ),
  ['lint', npx, ['eslint', '--max-warnings=0', '.']],
  ['format', npx, ['prettier', '--check', '.']],
];
const staticResults = [];
const queue = [...staticChecks];
await Promise.all(
  [0, 1].map(async () => {
    for (let next = queue.shift(); next; next = queue.shift()) staticResults.push(await runBuffered(...next));
  }),
);
for (const [label] of staticChecks) {
  const r = staticResults.find((x) => x.label === label);
  if (r.code === 0) passed += 1;
  else failed += 1;
  summary.push(`${label}: ${r.code === 0 ? 'ok' : 'FAILED'} (${r.secs} s)`);
}

// The compiled CLI that tests, e2e and benchmarks spawn (bin/pleno.mjs): built here, once, if the sources changed, so a
// build failure shows as a failed step instead of a tsx fallback in every spawned command.
check('build cli', process.execPath, ['scripts/build-cli.mjs', '--if-stale']);

// Unit, service and HTTP tests.
const vitestJson = join(out, 'vitest.json');
const v = run('vitest', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (v.code !== 0 && r.numFailedTests === 0 ? 1 : 0);
  summary.push(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed (${v.secs} s)`);
} else {
  failed += 1;
  summary.push(`vitest: no report (exit ${v.code})`);
}

// The renderer build the web mode serves, then the Playwright suite against it (not started without Chromium).
check('build renderer', 'npm', ['run', '--silent', 'build:renderer']);
const pwJson = join(out, 'playwright.json');
const chromiumMissing = missing.some((t) => t.pkg === 'chromium');
const p = chromiumMissing
  ? { code: 1, secs: '0.0' }
  : run('playwright', npx, ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    });
if (existsSync(pwJson)) {
  const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
  const ok = (s.expected ?? 0) + (s.flaky ?? 0);
  const bad = s.unexpected ?? 0;
  passed += ok;
  failed += bad + (p.code !== 0 && bad === 0 ? 1 : 0);
  summary.push(`playwright: ${ok} passed, ${bad} failed, ${s.skipped ?? 0} skipped (${p.secs} s)`);
} else if (chromiumMissing) {
  failed += 1;
  summary.push(`playwright: NOT RUN, Chromium missing (sudo ${installHint})`);
} else {
  failed += 1;
  summary.push(`playwright: no report (exit ${p.code})`);
}
if (missing.length > 0) summary.push(`missing system packages: sudo ${installHint}`);

process.stdout.write(`\n${summary.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
