// `npm start` here (no Electron binary): says so in one line, starts the web mode, and the URL serves the first-run screen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, ROOT, expect, spawnServed, test } from './fixtures';

test('npm start without Electron prints that and serves the UI on the printed URL', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-start-'));
  let stdout = '';
  const served = await spawnServed(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
    PLENO_DB: join(dir, 'pleno.db'),
    PLENO_PORT: '0',
  });
  served.child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  try {
    const res = await fetch(served.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('<div id="root">');

    await page.goto(served.url);
    await expect(page.getByRole('heading', { name: 'Selamat datang di Pleno' })).toBeVisible();
    await page.screenshot({ path: join(ARTIFACTS, 'npm-start-web.png') });
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(served.stderr() + stdout).not.toMatch(/Downloading Electron/);
});

test('npm start prints exactly one line about Electron before the URL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-start-'));
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PLENO_DB: join(dir, 'pleno.db'), PLENO_PORT: '0' },
  });
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL: ${out}`)), 30_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (/Pleno web: /.test(out)) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/Electron tidak tersedia.*Electron is not available here/);
    expect(lines[1]).toMatch(/^Pleno web: http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
