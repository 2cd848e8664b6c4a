// Finds the CLI's `main`: the fresh bundle, else a new build of it, else (source checkouts only) the sources via tsx.
// A fast command (scripts/build-cli.mjs FAST: `pleno recap`) runs from its own compiled file with V8's code cache
// while that file is fresh. Shared by bin/pleno.mjs and scripts/start.mjs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, fastFile, freshBundle, lastBundle, withBuildLock } from '../scripts/cli-stamp.mjs';
import { requireWithCodeCache } from './code-cache.mjs';

const SOURCE_ENTRY = join(ROOT, 'electron', 'main', 'cli.ts');

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return (await import(pathToFileURL(SOURCE_ENTRY).href)).main;
}

async function build() {
  const { buildCli, buildErrorLine } = await import('../scripts/build-cli.mjs');
  try {
    return await withBuildLock(() => buildCli({ quiet: true }));
  } catch (err) {
    process.stderr.write(
      `pleno: bundel CLI gagal dibuat, memakai sumber TypeScript / could not build the CLI bundle, running the sources via tsx: ${buildErrorLine(err)}\n`,
    );
    return null;
  }
}

/** `main` of a fast command's compiled file, which keeps its code cache once the command succeeded. */
function fastMain(file) {
  const loaded = requireWithCodeCache(file);
  return async (argv) => {
    const code = await loaded.exports.main(argv);
    if (code === 0) loaded.saveCache();
    return code;
  };
}

/**
 * @param {string | undefined} command the subcommand about to run (argv[0]), if known: a fast one may start from
 *   its own compiled file
 * @returns {Promise<(argv: string[]) => Promise<number>>}
 */
export async function loadCli(command) {
  const hasSources = existsSync(SOURCE_ENTRY);
  if (hasSources && process.env.PLENO_CLI_SOURCE === '1') return fromSources();
  // A fast command checks only the files its own compiled file was built from; when that is stale, after the build.
  const fast = () => (command === undefined ? null : fastFile(command, { anyAge: !hasSources }));
  const ready = fast();
  if (ready) return fastMain(ready);
  const dir = hasSources ? (freshBundle() ?? (await build())) : lastBundle();
  if (!dir) {
    if (hasSources) return fromSources();
    throw new Error('pleno: build/cli is missing; run "npm run build:cli"');
  }
  const built = fast();
  if (built) return fastMain(built);
  // Source maps are not enabled here: reading them costs ~12 ms CPU per call (a sixth of a bare Node start). Stack
  // traces name the bundle's chunk and line; `node --enable-source-maps bin/pleno.mjs …` (the .map files sit beside
  // the chunks) or PLENO_CLI_SOURCE=1 shows TypeScript positions.
  // Worker threads started by the CLI load their compiled entries from the same folder (workers/worker-task.ts).
  globalThis.plenoWorkerBundle = dir;
  return (await import(pathToFileURL(join(dir, 'cli.mjs')).href)).main;
}
