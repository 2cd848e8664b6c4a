// Where the Electron binary would be, found without the download that the electron package's index.js would try.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function electronBinary(): string | null {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

export const NO_BINARY =
  'No Electron binary on this machine (node_modules/electron/dist is absent; it cannot be downloaded here). ' +
  'Run `npx install-electron` on a machine with internet access; the shell is covered here by tests/electron-*.test.ts.';
