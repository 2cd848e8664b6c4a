// Packaging: electron-builder.yml (fuses, no auto-update, per-machine NSIS, deb depends, icons) and a trial
// `scripts/dist.mjs --dir` against a stand-in Electron folder: the package has the bundles, no source maps, no native
// sources, better-sqlite3 unpacked, the fuses flipped in the binary, and the development tree's better-sqlite3 build
// is untouched (it still loads in Node).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { PNG } from 'pngjs';
import type * as Fuses from '@electron/fuses';
import { drawIcon, ICON_SIZES } from '../packaging/make-icons';
import { buildBundle, makeStandInElectronDist, root, tempDir } from './electron-stub/probe';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('electron-builder.yml', () => {
  it('sets the fuses: no run-as-node, NODE_OPTIONS, --inspect or file:// privileges; only an integrity-checked app.asar; encrypted cookies', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('publishes nowhere, installs per machine, packages from the staging copy without maps or native sources', () => {
    expect(config.publish).toBeNull();
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, deleteAppDataOnUninstall: false });
    expect(readFileSync(join(root, config.nsis.include), 'utf8')).toMatch(
      /icacls "\$APPDATA\\Pleno" \/grant \*S-1-5-32-545/,
    );
    expect(config.directories).toMatchObject({ app: 'build/app', buildResources: 'packaging' });
    expect(config.extraResources).toBeUndefined();
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('!**/*.map');
    expect(config.files).toContain('!**/node_modules/better-sqlite3/{src,deps,binding.gyp}');
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it("keeps electron-builder's default deb depends and adds what Chromium needs (libgbm1, ALSA, …)", () => {
    const depends = config.deb.depends as string[];
    const names = depends.flatMap((d) => d.split('|').map((s) => s.trim()));
    const builderDefaults = [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ];
    for (const d of [...builderDefaults, 'libgbm1', 'libasound2', 'libasound2t64', 'libdrm2', 'libx11-xcb1'])
      expect(names).toContain(d);
  });

  it('ships icons drawn by packaging/make-icons.ts (PNG per size for Linux, an ICO for Windows)', () => {
    for (const size of ICON_SIZES) {
      const file = readFileSync(join(root, 'packaging/icons', `${size}x${size}.png`));
      const png = PNG.sync.read(file);
      expect([png.width, png.height]).toEqual([size, size]);
      expect(file.equals(drawIcon(size)), `${size}x${size}.png is the drawing`).toBe(true);
    }
    const ico = readFileSync(join(root, 'packaging', config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
    for (let i = 0; i < count; i++) {
      const at = ico.readUInt32LE(6 + 16 * i + 12);
      expect(ico.subarray(at, at + 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    }
    expect(existsSync(join(root, 'packaging', config.linux.icon))).toBe(true);
  });
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('npm run dist -- --dir (trial with a stand-in Electron folder)', () => {
  it('packages the staged app: bundles, no maps, native module unpacked without sources, fuses flipped; the dev tree keeps its Node build', async () => {
    const t = tempDir();
    try {
      const devNative = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
      const before = sha256(devNative);
      const bundle = buildBundle('dist');
      const renderer = join(t.dir, 'renderer');
      mkdirSync(join(renderer, 'assets'), { recursive: true });
      writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Pleno</title>');
      writeFileSync(join(renderer, 'assets/app.js'), 'console.log(1)');
      writeFileSync(join(renderer, 'assets/app.js.map'), '{"version":3}');
      const electronDist = makeStandInElectronDist(join(t.dir, 'electron'));
      const out = join(t.dir, 'release');
      execFileSync(
        process.execPath,
        [
          join(root, 'scripts/dist.mjs'),
          '--dir',
          '--no-build',
          '--electron-dist',
          electronDist,
          '--stage',
          join(t.dir, 'stage'),
          '--output',
          out,
          '--bundle',
          bundle,
          '--renderer',
          renderer,
        ],
        { cwd: root, stdio: 'pipe', timeout: 180_000 },
      );
      const unpacked = join(out, 'linux-unpacked');
      const asar = require('@electron/asar') as { listPackage(p: string): string[] };
      const inAsar = asar.listPackage(join(unpacked, 'resources/app.asar')).map((f) => f.replaceAll('\\', '/'));
      const onDisk = walk(join(unpacked, 'resources/app.asar.unpacked')).map((f) =>
        relative(join(unpacked, 'resources/app.asar.unpacked'), f),
      );
      expect(inAsar).toEqual(
        expect.arrayContaining([
          '/build/electron/main.cjs',
          '/build/electron/backend-host.cjs',
          '/build/electron/preload.cjs',
          '/build/renderer/index.html',
          '/resources/fonts/DejaVuSansCondensed.ttf',
          '/package.json',
        ]),
      );
      for (const f of [...inAsar, ...onDisk]) {
        expect(f).not.toMatch(/\.map$/);
        expect(f).not.toMatch(/better-sqlite3\/(src|deps)\/|binding\.gyp|\.(cc|cpp|h|c|a|o)$/);
      }
      expect(onDisk).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
      expect(onDisk).toContain('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
      const appPkg = JSON.parse(readFileSync(join(t.dir, 'stage/package.json'), 'utf8')) as Record<string, unknown>;
      expect(appPkg).toMatchObject({ main: 'build/electron/main.cjs', dependencies: { 'better-sqlite3': '12.11.1' } });
      expect(appPkg.devDependencies).toBeUndefined();
      // The fuse wire in the packaged binary, read back as Electron reads it.
      const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses') as typeof Fuses;
      const wire = (await getCurrentFuseWire(join(unpacked, 'pleno'))) as unknown as Record<number, number>;
      const on = (o: number) => String.fromCharCode(wire[o]!);
      expect({
        runAsNode: on(FuseV1Options.RunAsNode),
        nodeOptions: on(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
        inspect: on(FuseV1Options.EnableNodeCliInspectArguments),
        fileProtocol: on(FuseV1Options.GrantFileProtocolExtraPrivileges),
        onlyAsar: on(FuseV1Options.OnlyLoadAppFromAsar),
        asarIntegrity: on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
        cookies: on(FuseV1Options.EnableCookieEncryption),
      }).toEqual({
        runAsNode: '0',
        nodeOptions: '0',
        inspect: '0',
        fileProtocol: '0',
        onlyAsar: '1',
        asarIntegrity: '1',
        cookies: '1',
      });
      // The development tree: same native build, still loading in this Node.
      expect(sha256(devNative)).toBe(before);
      expect(statSync(devNative).isFile()).toBe(true);
      const probe = execFileSync(
        process.execPath,
        ['-e', "const D=require('better-sqlite3'); console.log(new D(':memory:').prepare('select 41+1 as n').get().n)"],
        { cwd: root, encoding: 'utf8' },
      );
      expect(probe.trim()).toBe('42');
    } finally {
      t.cleanup();
    }
  }, 240_000);
});
