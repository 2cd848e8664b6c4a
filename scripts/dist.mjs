#!/usr/bin/env node
// `npm run dist [-- --dir] [-- --electron-dist <folder>]`: builds, stages and packages the desktop app.
//   1. `npm run build` (renderer + Electron bundles), unless --no-build.
//   2. Stages the app in build/app/: the three bundles, the renderer, resources/, a package.json with only the runtime
//      dependencies, and node_modules holding just those (better-sqlite3 + bindings, the QR decoder's wasm).
//   3. Rebuilds better-sqlite3 for Electron's ABI inside the staging copy (@electron/rebuild, from source) — the
//      development tree's Node build stays as it is, so `npm test`, the CLI and the web mode keep working.
//   4. Runs electron-builder with electron-builder.yml (directories.app = the staging copy); extra arguments
//      (e.g. --dir, --win) are passed on.
// --electron-dist <folder>: package against a local Electron folder instead of downloading one (a trial layout on a
// machine without the Electron release, as tests/electron-packaging.test.ts does). The native rebuild is skipped then
// (it needs Electron's headers from the network) and the package carries the Node build: it is NOT installable.
// Test options: --stage <dir>, --output <dir>, --bundle <dir>, --renderer <dir> (defaults: build/app, release,
// build/electron, build/renderer).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const own = new Map();
const passOn = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (['--electron-dist', '--stage', '--output', '--bundle', '--renderer'].includes(a)) own.set(a, resolve(args[++i]));
  else if (a === '--no-build') own.set(a, true);
  else passOn.push(a);
}
const stage = own.get('--stage') ?? join(root, 'build', 'app');
const electronDist = own.get('--electron-dist');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

function run(cmd, cmdArgs, label) {
  console.log(`dist: ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`dist: ${label} gagal / failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

const mod = (name) => join(root, 'node_modules', name);
const copy = (from, to, filter) => cpSync(from, to, { recursive: true, filter, dereference: true });
const noMaps = (src) => !src.endsWith('.map');

/** A dependency's package.json without dependencies that are only for installing or typing (not loaded at run time). */
function stagePackageJson(name, dest, keep) {
  const pkg = JSON.parse(readFileSync(join(mod(name), 'package.json'), 'utf8'));
  pkg.dependencies = Object.fromEntries(Object.entries(pkg.dependencies ?? {}).filter(([d]) => keep.includes(d)));
  delete pkg.scripts;
  delete pkg.devDependencies;
  writeFileSync(join(dest, 'package.json'), JSON.stringify(pkg, null, 2));
}

function stageApp() {
  rmSync(stage, { recursive: true, force: true });
  copy(own.get('--bundle') ?? join(root, 'build/electron'), join(stage, 'build/electron'), noMaps);
  copy(own.get('--renderer') ?? join(root, 'build/renderer'), join(stage, 'build/renderer'));
  copy(join(root, 'resources'), join(stage, 'resources'));
  const nm = join(stage, 'node_modules');
  // better-sqlite3: sources to rebuild here; its prebuild-install dependency is only for `npm install`.
  const bs = join(nm, 'better-sqlite3');
  for (const part of ['lib', 'src', 'deps', 'binding.gyp', 'LICENSE'])
    copy(join(mod('better-sqlite3'), part), join(bs, part));
  stagePackageJson('better-sqlite3', bs, ['bindings']);
  for (const name of ['bindings', 'file-uri-to-path']) copy(mod(name), join(nm, name));
  // zxing-wasm: the JS is bundled; only its wasm is read at run time (found through the package's exports map).
  const zx = join(nm, 'zxing-wasm');
  mkdirSync(join(zx, 'dist/reader'), { recursive: true });
  copy(join(mod('zxing-wasm'), 'dist/reader/zxing_reader.wasm'), join(zx, 'dist/reader/zxing_reader.wasm'));
  copy(join(mod('zxing-wasm'), 'LICENSE'), join(zx, 'LICENSE'));
  stagePackageJson('zxing-wasm', zx, []);
  const dep = (name) => JSON.parse(readFileSync(join(nm, name, 'package.json'), 'utf8')).version;
  const appPkg = {
    name: rootPkg.name,
    productName: 'Pleno',
    version: rootPkg.version,
    description: rootPkg.description,
    author: { name: 'Pleno contributors', email: 'pleno@localhost' },
    homepage: 'https://pleno.invalid/',
    license: 'UNLICENSED',
    main: 'build/electron/main.cjs',
    dependencies: { 'better-sqlite3': dep('better-sqlite3'), 'zxing-wasm': dep('zxing-wasm') },
  };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(appPkg, null, 2));
}

function rebuildNative() {
  const bs = join(stage, 'node_modules/better-sqlite3');
  if (electronDist) {
    // Trial layout only: the Node build stands in for the Electron build.
    console.warn('dist: --electron-dist: better-sqlite3 is NOT rebuilt for Electron; this package is a trial layout.');
    mkdirSync(join(bs, 'build/Release'), { recursive: true });
    copy(
      join(mod('better-sqlite3'), 'build/Release/better_sqlite3.node'),
      join(bs, 'build/Release/better_sqlite3.node'),
    );
    return;
  }
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    console.error('dist: packaging needs Node >= 22.12 (@electron/rebuild, electron-builder); see README "Packaging".');
    process.exit(1);
  }
  run(
    process.execPath,
    [
      mod('@electron/rebuild/lib/cli.js'),
      '--version',
      electronVersion,
      '--module-dir',
      stage,
      '--only',
      'better-sqlite3',
      '--force',
      '--build-from-source',
    ],
    `better-sqlite3 for Electron ${electronVersion} in ${stage}`,
  );
}

if (!own.get('--no-build'))
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], 'build');
stageApp();
rebuildNative();
const overrides = [`-c.directories.app=${stage}`];
if (own.get('--output')) overrides.push(`-c.directories.output=${own.get('--output')}`);
if (electronDist) overrides.push(`-c.electronDist=${electronDist}`);
run(
  process.execPath,
  [
    join(dirname(mod('electron-builder/package.json')), 'cli.js'),
    '--config',
    'electron-builder.yml',
    ...overrides,
    ...passOn,
  ],
  'electron-builder',
);
