// System tools the tests read real output with: Debian's Chromium (Playwright) and poppler-utils (pdftotext and
// pdftoppm read the issued PDFs back). `npm test` checks them first so that a missing one is named with its Debian
// package instead of showing up as dozens of unexplained test failures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The tools missing on this machine and the command that installs them.
 * @param {{ chromiumPath?: string, env?: NodeJS.ProcessEnv }} [opts] where Chromium lives; the environment (PATH) used
 *   to look for the poppler tools
 * @returns {{ missing: { what: string, pkg: string }[], packages: string[], install: string }}
 */
export function missingSystemTools({ chromiumPath = '/usr/bin/chromium', env = process.env } = {}) {
  const onPath = (cmd) => spawnSync(cmd, ['-v'], { stdio: 'ignore', env }).error === undefined;
  const tools = [
    { what: `Chromium (${chromiumPath})`, pkg: 'chromium', ok: () => existsSync(chromiumPath) },
    { what: 'pdftotext', pkg: 'poppler-utils', ok: () => onPath('pdftotext') },
    { what: 'pdftoppm', pkg: 'poppler-utils', ok: () => onPath('pdftoppm') },
  ];
  const missing = tools.filter((t) => !t.ok()).map(({ what, pkg }) => ({ what, pkg }));
  const packages = [...new Set(missing.map((t) => t.pkg))];
  return { missing, packages, install: packages.length > 0 ? `apt-get install ${packages.join(' ')}` : '' };
}

/** The lines `npm test` prints when something is missing (empty when all is there). */
export function missingToolsMessage({ missing, install }) {
  if (missing.length === 0) return '';
  return (
    `\n!!! Missing: ${missing.map((t) => t.what).join(', ')}.\n` +
    `!!! Install the Debian package(s) with: sudo ${install}\n` +
    '!!! Without them the PDF read-back tests and the Playwright suite cannot run.\n'
  );
}
