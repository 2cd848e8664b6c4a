#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild into build/electron/ (CommonJS).
// main: everything bundled except `electron` and the native better-sqlite3; import.meta.url is mapped to the bundle's
// own file URL (used with createRequire to find package files such as zxing-wasm's .wasm).
// preload: a single sandbox-compatible CJS file that requires only 'electron'.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'build', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3'],
  define: { 'import.meta.url': '__plenoImportMetaUrl' },
  banner: { js: "const __plenoImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({ ...common, entryPoints: [join(root, 'electron/main/platform/main.ts')], outfile: join(outdir, 'main.cjs') });
await build({
  ...common,
  entryPoints: [join(root, 'electron/preload/preload.ts')],
  outfile: join(outdir, 'preload.cjs'),
  // Sandboxed preloads get a limited require: only 'electron' may remain external.
  external: ['electron'],
  define: {},
  banner: {},
  platform: 'browser',
});
console.log(`build/electron: main.cjs, preload.cjs`);
