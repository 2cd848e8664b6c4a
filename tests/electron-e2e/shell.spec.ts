// The desktop app under a real Electron binary (`_electron.launch`): first-run screen, the preload surface, no Node in
// the page, the projector window, the backend in its own process (killed → restarted, the page keeps working), and a
// clean quit that checkpoints the database. Runs only where an Electron binary is installed (`npx install-electron`);
// elsewhere each test is reported as skipped with the reason.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, NO_BINARY, root } from './binary';

const binary = electronBinary();

let dir = '';
let app: ElectronApplication | null = null;

test.beforeAll(() => {
  if (!binary) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
});

test.beforeEach(({}, testInfo) => {
  testInfo.skip(!binary, NO_BINARY);
  dir = mkdtempSync(join(tmpdir(), 'pleno-electron-e2e-'));
});

test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function launch() {
  app = await electron.launch({ executablePath: binary!, args: [root, '--db', join(dir, 'pleno.db')], cwd: root });
  const page = await app.firstWindow();
  await expect(page.getByRole('heading', { name: 'Selamat datang di Pleno' })).toBeVisible();
  return page;
}

test('opens the first-run screen with only window.pleno exposed and no Node in the page', async () => {
  const page = await launch();
  expect(page.url()).toBe('app://pleno/index.html#/beranda');
  const surface = await page.evaluate(() => ({
    keys: Object.keys((window as unknown as { pleno: object }).pleno).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(surface).toEqual({
    keys: ['call', 'info', 'on', 'printDocument'],
    require: 'undefined',
    process: 'undefined',
  });
  const info = await page.evaluate(() =>
    (window as unknown as { pleno: { call(m: string, i: unknown): Promise<unknown> } }).pleno.call('system.info', {}),
  );
  expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dbPath: join(dir, 'pleno.db') } });
});

test('opens the projector with Ctrl+Shift+P and keeps working after the backend process is killed', async () => {
  const page = await launch();
  const projector = app!.waitForEvent('window');
  await page.keyboard.press('Control+Shift+P');
  expect((await projector).url()).toMatch(/#\/proyektor$/);
  const pid = await app!.evaluate(
    ({ app: a }) => a.getAppMetrics().find((m) => m.type === 'Utility' && m.name === 'Pleno backend')?.pid,
  );
  expect(typeof pid).toBe('number');
  process.kill(pid!, 'SIGKILL');
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          (window as unknown as { pleno: { call(m: string, i: unknown): Promise<{ ok: boolean }> } }).pleno
            .call('system.info', {})
            .then((r) => r.ok),
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
});

test('quits cleanly: the database is checkpointed and its lock released', async () => {
  await launch();
  await app!.close();
  app = null;
  const wal = join(dir, 'pleno.db-wal');
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  expect(existsSync(join(dir, 'pleno.db'))).toBe(true);
});
