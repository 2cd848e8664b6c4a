// The compiled CLI (bin/pleno.mjs → build/cli/, scripts/build-cli.mjs + cli-stamp.mjs) on a small source tree in a
// temp dir: built on first call, reused while the sources are unchanged, rebuilt when any bundled file (a lazily
// loaded one included) is edited, touched or removed, one build for parallel callers, and the tsx fallback when the
// build fails; a fast command's own file and its V8 code cache (bin/code-cache.mjs). The scripts are copied in
// unchanged, so they find that tree as their root; esbuild and tsx are the real ones (node_modules is linked).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
let root = '';

function write(rel: string, text: string) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

function runAsync(args: string[] = []) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/pleno.mjs'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

const current = () => JSON.parse(readFileSync(join(root, 'build/cli/current.json'), 'utf8')) as { dir: string };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pleno-cli-bundle-'));
  for (const f of [
    'bin/pleno.mjs',
    'bin/load-cli.mjs',
    'bin/code-cache.mjs',
    'scripts/build-cli.mjs',
    'scripts/cli-stamp.mjs',
  ]) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    copyFileSync(join(REPO, f), join(root, f));
  }
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  write('package.json', '{ "type": "module" }\n');
  write(
    'electron/main/cli.ts',
    `const commands: Record<string, () => Promise<{ greet(): string }>> = { hello: () => import('./cli/hello') };
export async function main(argv: string[]): Promise<number> {
  const here = new URL(import.meta.url).pathname.replace(/^.*\\/(electron\\/)/, '$1');
  process.stdout.write(\`\${(await commands[argv[0]!]!()).greet()} from \${here}\\n\`);
  return 0;
}
`,
  );
  write('electron/main/cli/hello.ts', `export const greet = (): string => 'halo';\n`);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('bin/pleno.mjs runs the compiled bundle', () => {
  it('builds on first call with lazy imports as separate chunks, import.meta.url naming the source file', async () => {
    const r = await runAsync(['hello']);
    expect(r).toEqual({ stdout: 'halo from electron/main/cli.ts\n', stderr: '', code: 0 });
    const files = readdirSync(join(root, 'build/cli', current().dir));
    expect(files).toContain('cli.mjs');
    expect(files.some((f) => /^hello-[A-Z0-9]+\.mjs$/.test(f))).toBe(true);
    expect(readFileSync(join(root, 'build/cli', current().dir, 'cli.mjs'), 'utf8')).not.toMatch(/halo/);
  });

  it('reuses the bundle while nothing changed, rebuilds when a lazily loaded source is edited or touched', async () => {
    await runAsync(['hello']);
    const first = current().dir;
    const stampMtime = statSync(join(root, 'build/cli/current.json')).mtimeMs;
    expect((await runAsync(['hello'])).stdout).toBe('halo from electron/main/cli.ts\n');
    expect(statSync(join(root, 'build/cli/current.json')).mtimeMs).toBe(stampMtime);

    write('electron/main/cli/hello.ts', `export const greet = (): string => 'selamat pagi';\n`);
    expect((await runAsync(['hello'])).stdout).toBe('selamat pagi from electron/main/cli.ts\n');
    const second = current().dir;
    expect(second).not.toBe(first);

    // Same content, new mtime (a checkout, an editor's save): rebuilt too.
    const t = new Date(Date.now() - 10_000);
    utimesSync(join(root, 'electron/main/cli/hello.ts'), t, t);
    expect((await runAsync(['hello'])).code).toBe(0);
    expect(current().dir).not.toBe(second);
  });

  it('a file edited while the build runs is stamped as changed, so the next call builds again', () => {
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'electron/main/cli.ts'), past, past);
    const script = `import { writeFileSync } from 'node:fs';
import { stampOf } from './scripts/build-cli.mjs';
const started = Date.now();
writeFileSync('electron/main/cli/hello.ts', "export const greet = (): string => 'edited';\\n");
console.log(JSON.stringify(stampOf(['electron/main/cli.ts', 'electron/main/cli/hello.ts', 'electron/main/gone.ts'], started).files));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const cli = statSync(join(root, 'electron/main/cli.ts'));
    expect(JSON.parse(out)).toEqual({
      'electron/main/cli.ts': [cli.mtimeMs, cli.size],
      'electron/main/cli/hello.ts': 'changed',
      'electron/main/gone.ts': null,
    });
  });

  it('parallel calls after an edit all get the new bundle, and leave no lock or temporary folder', async () => {
    await runAsync(['hello']);
    write('electron/main/cli/hello.ts', `export const greet = (): string => 'selamat siang';\n`);
    const results = await Promise.all([1, 2, 3, 4].map(() => runAsync(['hello'])));
    for (const r of results)
      expect(r).toEqual({ stdout: 'selamat siang from electron/main/cli.ts\n', stderr: '', code: 0 });
    const left = readdirSync(join(root, 'build/cli'));
    expect(left.filter((f) => f === '.lock' || f.startsWith('tmp-') || f.startsWith('current.json.'))).toEqual([]);
  });

  it('a lock left by a killed build is taken over at once', async () => {
    await runAsync(['hello']);
    write('electron/main/cli/hello.ts', `export const greet = (): string => 'selamat sore';\n`);
    // A build process that died holding the lock: a pid that has exited.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    mkdirSync(join(root, 'build/cli/.lock'));
    writeFileSync(join(root, 'build/cli/.lock/owner'), String(dead.pid));
    // Without the takeover this call would wait out the two-minute limit, past the test's timeout.
    expect((await runAsync(['hello'])).stdout).toBe('selamat sore from electron/main/cli.ts\n');
    expect(existsSync(join(root, 'build/cli/.lock'))).toBe(false);
  });

  it('when the build fails the sources run through tsx, with one line on stderr saying so', async () => {
    // esbuild must resolve every import() at build time; tsx only when it runs, and this one never does.
    write(
      'electron/main/cli/hello.ts',
      `export const greet = (): string => 'halo';\nexport const never = () => import('./missing-module');\n`,
    );
    const r = await runAsync(['hello']);
    expect(r.stdout).toBe('halo from electron/main/cli.ts\n');
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/running the sources via tsx/);
    expect(existsSync(join(root, 'build/cli/.lock'))).toBe(false);
  });
});

describe('a fast command (pleno recap) runs from its own compiled file with a code cache', () => {
  const fastEntry = `import { greet } from './cli/hello';
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(\`\${greet()} cepat \${argv.join(' ')}\\n\`);
  return argv.includes('--gagal') ? 1 : 0;
}
`;
  const recapFile = () => join(root, 'build/cli', current().dir, 'recap.cjs');
  const cacheOf = () => readFileSync(recapFile() + '.v8cache');
  const sourceHash = () => createHash('sha256').update(readFileSync(recapFile(), 'utf8')).digest();

  beforeEach(() => write('electron/main/cli-recap.ts', fastEntry));

  it('writes the cache after the first success and uses it after; a damaged, foreign or missing one is made anew', async () => {
    expect(await runAsync(['recap', '--gagal'])).toEqual({ stdout: 'halo cepat recap --gagal\n', stderr: '', code: 1 });
    expect(existsSync(recapFile() + '.v8cache')).toBe(false); // a failed run keeps none
    expect(await runAsync(['recap', 'x'])).toEqual({ stdout: 'halo cepat recap x\n', stderr: '', code: 0 });
    const first = cacheOf();
    expect(first.subarray(0, 32).equals(sourceHash())).toBe(true);
    expect(first.length).toBeGreaterThan(1000);
    // Used, so not written again (only a cache that was not used is replaced).
    const at = statSync(recapFile() + '.v8cache').mtimeMs;
    expect((await runAsync(['recap', 'y'])).stdout).toBe('halo cepat recap y\n');
    expect(statSync(recapFile() + '.v8cache').mtimeMs).toBe(at);
    expect(cacheOf().equals(first)).toBe(true);

    const cases: [string, Buffer | null][] = [
      ['refused by V8', Buffer.concat([sourceHash(), Buffer.alloc(first.length - 32, 7)])],
      ['of another source', Buffer.concat([createHash('sha256').update('other').digest(), first.subarray(32)])],
      ['cut short', first.subarray(0, 20)],
      ['missing', null],
    ];
    for (const [name, bytes] of cases) {
      if (bytes) writeFileSync(recapFile() + '.v8cache', bytes);
      else rmSync(recapFile() + '.v8cache');
      expect({ name, ...(await runAsync(['recap', 'z'])) }).toEqual({
        name,
        stdout: 'halo cepat recap z\n',
        stderr: '',
        code: 0,
      });
      const now = cacheOf();
      if (bytes) expect(now.equals(bytes)).toBe(false);
      expect({ name, fresh: now.subarray(0, 32).equals(sourceHash()), long: now.length > 1000 }).toEqual({
        name,
        fresh: true,
        long: true,
      });
    }
    expect(readdirSync(dirname(recapFile())).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an edit of a file it is built from rebuilds first; an edit of another file leaves it in use', async () => {
    write(
      'electron/main/cli.ts',
      `const commands: Record<string, () => Promise<{ greet(): string }>> = {
  hello: () => import('./cli/hello'),
  bye: () => import('./cli/bye'),
};
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(\`\${(await commands[argv[0]!]!()).greet()} lambat\\n\`);
  return 0;
}
`,
    );
    write('electron/main/cli/bye.ts', `export const greet = (): string => 'dadah';\n`);
    expect((await runAsync(['recap'])).stdout).toBe('halo cepat recap\n');
    expect((await runAsync(['hello'])).stdout).toBe('halo lambat\n');
    const first = current().dir;

    write('electron/main/cli/bye.ts', `export const greet = (): string => 'sampai jumpa';\n`);
    expect((await runAsync(['recap'])).stdout).toBe('halo cepat recap\n');
    expect(current().dir).toBe(first); // its own file ran, nothing rebuilt
    expect((await runAsync(['bye'])).stdout).toBe('sampai jumpa lambat\n');
    const second = current().dir;
    expect(second).not.toBe(first);

    write('electron/main/cli/hello.ts', `export const greet = (): string => 'selamat malam';\n`);
    expect((await runAsync(['recap'])).stdout).toBe('selamat malam cepat recap\n');
    expect(current().dir).not.toBe(second);
  });

  it('a fast entry that would load lazily fails the build (the sources run instead, saying so)', async () => {
    write('electron/main/cli-recap.ts', fastEntry + `export const later = () => import('./cli/hello');\n`);
    const r = await runAsync(['hello']);
    expect(r.stdout).toBe('halo from electron/main/cli.ts\n');
    expect(r.stderr).toMatch(/could not build the CLI bundle.*cli-recap\.ts.*must not load lazily/);
  });
});

/**
 * Node options that append to `seen` every module the process loads: a resolve hook for ES modules, and for CommonJS
 * (the fast commands' compiled files and what they require) a wrapper of Module._load.
 */
function nodeWithModuleLog(seen: string): string[] {
  writeFileSync(seen, '');
  const cjs = `${seen}.cjs`;
  writeFileSync(
    cjs,
    `const { appendFileSync } = require('node:fs'); const Module = require('node:module'); const load = Module._load;
Module._load = function (request, parent, isMain) { try { appendFileSync(${JSON.stringify(seen)}, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {} return load.apply(this, arguments); };`,
  );
  const hook = `import { appendFileSync } from 'node:fs';
export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(seen)}, r.url + '\\n'); return r; }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify('data:text/javascript,' + encodeURIComponent(hook))});`;
  return ['--require', cjs, '--import', `data:text/javascript,${encodeURIComponent(register)}`];
}

const HEAVY = ['/pdf-lib/', '/@pdf-lib/', '/zxing-wasm/', '/qrcode/', '/bonjour-service/', '/zod/', '/tsx/'];

describe('the real bundle keeps heavy modules lazy', () => {
  const bin = join(REPO, 'bin/pleno.mjs');
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pleno-cli-lazy-'));
    // Built (if stale) before the logged runs, so esbuild does not count as loaded.
    execFileSync(process.execPath, [join(REPO, 'scripts/build-cli.mjs'), '--if-stale', '--quiet'], { cwd: REPO });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('pleno recap --json loads none of pdf-lib, fontkit, the QR codecs, the LAN stack or zod', () => {
    const pleno = (args: string[], node: string[] = []) =>
      execFileSync(process.execPath, [...node, bin, ...args], { cwd: REPO, encoding: 'utf8', stdio: 'pipe' });
    pleno(['demo', join(dir, 'demo'), '--no-photos']);
    pleno(['init', '--db', join(dir, 'h.db'), '--master', join(dir, 'demo/master.json')]);
    const seen = join(dir, 'modules.txt');
    const out = pleno(['recap', '--db', join(dir, 'h.db'), '--json'], nodeWithModuleLog(seen));
    expect(JSON.parse(out).kecamatan).toBe('630214');
    const loaded = readFileSync(seen, 'utf8').split('\n');
    expect(loaded.some((u) => u.endsWith('/bin/code-cache.mjs'))).toBe(true); // from its own compiled file
    expect(loaded.some((u) => u.includes('/better-sqlite3/'))).toBe(true);
    for (const heavy of HEAVY) expect(loaded.filter((u) => u.includes(heavy))).toEqual([]);
  });

  it('pleno serve (without --lan) is ready before any of them loads', async () => {
    const seen = join(dir, 'modules.txt');
    const child = spawn(
      process.execPath,
      [...nodeWithModuleLog(seen), bin, 'serve', '--db', join(dir, 'p.db'), '--port', '0'],
      { cwd: REPO },
    );
    const exited = new Promise((r) => child.once('exit', r));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('Pleno web: http://127.0.0.1:')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const loaded = readFileSync(seen, 'utf8').split('\n');
    expect(loaded.some((u) => /\/build\/cli\/[0-9a-f]+\/serve\.command-/.test(u))).toBe(true);
    for (const heavy of HEAVY) expect(loaded.filter((u) => u.includes(heavy))).toEqual([]);
  });
});
