#!/usr/bin/env node
// `npm start`: Electron where its binary is present; otherwise (e.g. this build machine) the web mode, `pleno serve`
// on 127.0.0.1 with the default database, printing the URL to open.
// Environment: PLENO_DB (database file), PLENO_PORT (web mode port, default 0 = any free port), PLENO_WEB=1 (force web).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The user's data folder: $XDG_DATA_HOME/pleno, ~/.local/share/pleno, %APPDATA%\Pleno on Windows. */
export function defaultDbPath(env = process.env, platform = process.platform) {
  if (env.PLENO_DB) return env.PLENO_DB;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Pleno', 'pleno.db');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Pleno', 'pleno.db');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'pleno', 'pleno.db');
}

/**
 * The Electron binary if it is installed. The `electron` package's own index.js would try to download a missing
 * binary on require (slow, and impossible on offline or locked-down machines), so its lookup is repeated here
 * without the download: node_modules/electron/path.txt names the binary inside dist/.
 */
export function electronBinary(env = process.env) {
  if (env.PLENO_WEB === '1') return null;
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const full = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(pkgDir, 'dist', rel);
  return existsSync(full) ? full : null;
}

function npmRun(script) {
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    console.error(`npm start: "npm run ${script}" gagal / failed`);
    process.exit(r.status ?? 1);
  }
}

const dbPath = defaultDbPath();
mkdirSync(dirname(dbPath), { recursive: true });
const electron = electronBinary();

if (electron) {
  npmRun('build');
  const child = spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, PLENO_DB: dbPath } });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'Electron tidak tersedia di mesin ini, Pleno dijalankan dalam mode web / Electron is not available here: starting the web mode.',
  );
  console.error(
    '(Untuk jendela desktop, pasang Electron dengan "npx install-electron" di mesin yang terhubung internet.)',
  );
  if (!existsSync(join(root, 'build', 'renderer', 'index.html'))) npmRun('build:renderer');
  console.error(`Basis data / database: ${dbPath}`);
  console.error(
    'Buka alamat "Pleno web: …" di bawah ini di Chromium, Chrome, Edge atau Firefox. Tekan Ctrl+C untuk berhenti.',
  );
  // In-process: the serve command handles SIGINT/SIGTERM itself (checkpoint, release the lock).
  const { loadCli } = await import('../bin/load-cli.mjs');
  const main = await loadCli();
  const args = ['serve', '--db', dbPath, '--port', process.env.PLENO_PORT ?? '0'];
  if (process.env.PLENO_LAN === '1') args.push('--lan');
  process.exitCode = await main(args);
}
