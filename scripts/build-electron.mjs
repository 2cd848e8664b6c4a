#!/usr/bin/env node
// Bundles the Electron main process, the backend host and the preload with esbuild into build/electron/ (CommonJS).
// main: windows, menus, IPC (the backend is not in it); backend-host: the backend in its own process (plain Node, run by
// Electron's utilityProcess). Both bundle everything except `electron` and the native better-sqlite3; the host must
// not need `electron` at all (tests/electron-shell.test.ts checks). No source maps: they would ship in the package.
// Each source file's `import.meta.url` is
// rewritten to the URL that file would have under the app root (build/electron/../../<its path>), so code that finds
// files relative to itself (fonts in resources/, zxing-wasm's .wasm through createRequire) keeps working in the
// bundle and in the packaged app (resources/ is packaged beside build/).
// preload: a single sandbox-compatible CJS file that requires only 'electron'.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir build/<name>` (tests build their own copy so that test files running in parallel never share one). It
// must stay two levels below the app root: the bundles find the renderer and source-relative files from there.
const outArg = process.argv.indexOf('--outdir');
const outdir = join(root, outArg > 0 ? process.argv[outArg + 1] : join('build', 'electron'));
if (relative(root, outdir).split(sep).length !== 2) throw new Error(`--outdir must be build/<name>: ${outdir}`);

const sourceUrls = {
  name: 'pleno-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.(ts|mts)$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(root, args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `__plenoSourceUrl(${JSON.stringify(rel)})`), loader: 'ts' };
    });
  },
};

const SOURCE_URL =
  "const __plenoSourceUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', '..', rel)).href;";
const nodeBundle = (entry, outfile, external, banner = '') =>
  build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: false,
    logLevel: 'warning',
    external,
    plugins: [sourceUrls],
    banner: { js: SOURCE_URL + banner },
    entryPoints: [join(root, entry)],
    outfile: join(outdir, outfile),
  });

await rm(outdir, { recursive: true, force: true });
await nodeBundle('electron/main/platform/main.ts', 'main.cjs', ['electron', 'better-sqlite3']);
// The host's worker threads start from their compiled entry beside it (workers/worker-task.ts compiledEntry), not from
// the sources through tsx: a packaged app ships neither.
await nodeBundle(
  'electron/main/host/backend-host.ts',
  'backend-host.cjs',
  ['better-sqlite3'],
  '\nglobalThis.plenoWorkerBundle = __dirname;',
);
await nodeBundle('electron/main/backend/workers/reader.worker.ts', 'reader.worker.cjs', ['better-sqlite3']);
await build({
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome130',
  sourcemap: false,
  logLevel: 'warning',
  // Sandboxed preloads get a limited require: only 'electron' may remain external.
  external: ['electron'],
  entryPoints: [join(root, 'electron/preload/preload.ts')],
  outfile: join(outdir, 'preload.cjs'),
});
console.log(`${relative(root, outdir)}: main.cjs, backend-host.cjs, reader.worker.cjs, preload.cjs`);
