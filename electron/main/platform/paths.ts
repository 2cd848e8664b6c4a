// Where things live under Electron: the database (same default as `npm start`'s web mode), the built renderer, resources.
import { join } from 'node:path';
import { homedir } from 'node:os';

/** `--db <file>` on the command line, else $PLENO_DB, else the user's data folder. */
export function resolveDbPath(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const i = argv.indexOf('--db');
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  const eq = argv.find((a) => a.startsWith('--db='));
  if (eq) return eq.slice('--db='.length);
  if (env.PLENO_DB) return env.PLENO_DB;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Pleno', 'pleno.db');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Pleno', 'pleno.db');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'pleno', 'pleno.db');
}
