// Web-mode startup: time from launching `pleno serve` to its URL line, and from navigation to first paint /
// first-run screen in Chromium (1366×768). Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 3);

async function serveOnce(dbPath: string) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin/pleno.mjs'), 'serve', '--db', dbPath, '--port', '0'], {
    cwd: root,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Pleno web: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  return { child, url, readyMs: performance.now() - started };
}

const browser = await chromium.launch(chromiumLaunchOptions());
const rows: { ready: number; fcp: number; screen: number }[] = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-bench-start-'));
    const { child, url, readyMs } = await serveOnce(join(dir, 'pleno.db'));
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const t0 = performance.now();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Selamat datang di Pleno' }).waitFor();
    const screenMs = performance.now() - t0;
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    rows.push({ ready: readyMs, fcp, screen: screenMs });
    await page.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  await browser.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [i, r] of rows.entries()) {
  console.log(
    `run ${i + 1}: serve ready ${r.ready.toFixed(0)} ms, first contentful paint ${r.fcp.toFixed(0)} ms, first-run screen ${r.screen.toFixed(0)} ms`,
  );
}
console.log(
  `median of ${rows.length}: serve ready ${median(rows.map((r) => r.ready)).toFixed(0)} ms · first contentful paint ${median(rows.map((r) => r.fcp)).toFixed(0)} ms · first-run screen visible ${median(rows.map((r) => r.screen)).toFixed(0)} ms after navigation`,
);
