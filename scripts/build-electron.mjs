#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild into build/electron/ (CommonJS).
// main: everything bundled except `electron` and the native better-sqlite3. Each source file's `import.meta.url` is
// rewritten to the URL that file would have under the app root (build/electron/../../<its path>), so code that finds
// files relative to itself (fonts in resources/, zxing-wasm's .wasm through createRequire) keeps working in the
// bundle and in the packaged app (resources/ is packaged beside build/).
// preload: a single sandbox-compatible CJS file that requires only 'electron'.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'build', 'electron');

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

await build({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3'],
  plugins: [sourceUrls],
  banner: {
    js: "const __plenoSourceUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', '..', rel)).href;",
  },
  entryPoints: [join(root, 'electron/main/platform/main.ts')],
  outfile: join(outdir, 'main.cjs'),
});
await build({
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome130',
  sourcemap: true,
  logLevel: 'warning',
  // Sandboxed preloads get a limited require: only 'electron' may remain external.
  external: ['electron'],
  entryPoints: [join(root, 'electron/preload/preload.ts')],
  outfile: join(outdir, 'preload.cjs'),
});
console.log('build/electron: main.cjs, preload.cjs');
