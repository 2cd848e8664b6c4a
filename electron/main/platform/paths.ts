// Where the desktop app's database lives. On Windows it is machine-wide (%ProgramData%\Pleno, made writable for every
// local user by the installer, packaging/installer.nsh): a kecamatan laptop is shared by PPK members with their own
// Windows accounts, and the plenary has one database. Elsewhere: the user's data folder, as `npm start`'s web mode.
import { join, resolve, win32 } from 'node:path';
import { homedir } from 'node:os';

/** `--db <file>` on the command line, else $PLENO_DB, else the default place above. */
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
  if (platform === 'win32')
    return win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Pleno', 'pleno.db');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Pleno', 'pleno.db');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'pleno', 'pleno.db');
}

/**
 * The database a second launch asked for: the path it resolved itself (sent as the single-instance lock's additional
 * data), else its `--db` argument resolved against its working directory, else null (it asked for nothing special).
 */
export function requestedDbPath(argv: readonly string[], workingDirectory: string, additionalData: unknown): string {
  const sent = (additionalData as { dbPath?: unknown } | null)?.dbPath;
  if (typeof sent === 'string' && sent) return resolve(sent);
  return resolve(workingDirectory, resolveDbPath(argv));
}

/** Same file? Windows paths are case-insensitive. */
export function sameDbPath(a: string, b: string, platform = process.platform): boolean {
  return platform === 'win32'
    ? win32.resolve(a).toLowerCase() === win32.resolve(b).toLowerCase()
    : resolve(a) === resolve(b);
}
