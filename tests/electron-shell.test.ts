// The Electron shell as bundled (build/electron/*.cjs), loaded in Node against a recording 'electron' stand-in:
// window hardening, IPC sender check, navigation/new-window refusal, camera permission, CSP on app://, preload surface.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const hook = join(root, 'tests/electron-stub/hook.cjs');

/** Runs a script in a fresh Node with the stub hook; the script prints one JSON line. */
function probe(script: string, env: Record<string, string> = {}): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['-r', hook, '-e', script], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'pipe' });
});

describe('Electron main (bundled)', () => {
  it('locks down windows, checks the IPC sender, refuses navigation and foreign windows, limits the camera', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-electron-'));
    try {
      const result = probe(
        `
        require('./build/electron/main.cjs');
        const rec = globalThis.__electronStub;
        rec.ready();
        setTimeout(async () => {
          const win = rec.windows[0];
          const wp = win.options.webPreferences;
          const call = rec.ipc.get('pleno:call');
          const own = await call({ senderFrame: { url: 'app://pleno/index.html#/beranda' } }, 'system.info', {});
          const foreign = await call({ senderFrame: { url: 'https://evil.example/' } }, 'system.info', {});
          const fileUrl = await call({ senderFrame: { url: 'file:///etc/passwd' } }, 'system.info', {});
          const unknown = await call({ senderFrame: { url: 'app://pleno/index.html' } }, 'nope.x', {});
          let prevented = false;
          win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
          const deny = win.webContents.openHandler({ url: 'https://evil.example/' });
          const proj = win.webContents.openHandler({ url: 'app://pleno/index.html#/proyektor' });
          const perms = [];
          const ask = (permission, mediaTypes, requestingUrl) => new Promise((r) => rec.permission(null, permission, r, { mediaTypes, requestingUrl }));
          perms.push(await ask('media', ['video'], 'app://pleno/index.html'));
          perms.push(await ask('media', ['audio'], 'app://pleno/index.html'));
          perms.push(await ask('media', ['video'], 'https://evil.example/'));
          perms.push(await ask('geolocation', undefined, 'app://pleno/index.html'));
          const handler = rec.protocolHandlers.get('app');
          const page = await handler(new Request('app://pleno/index.html'));
          const escape = await handler(new Request('app://pleno/..%2f..%2fpackage.json'));
          rec.windows[0].webContents.sent.length = 0;
          console.log(JSON.stringify({
            scheme: rec.schemes[0],
            url: win.webContents.url,
            wp: { contextIsolation: wp.contextIsolation, sandbox: wp.sandbox, nodeIntegration: wp.nodeIntegration, webSecurity: wp.webSecurity, preload: wp.preload },
            own, foreign, fileUrl, unknown, prevented, deny, proj: { action: proj.action, sandbox: proj.overrideBrowserWindowOptions.webPreferences.sandbox },
            perms, csp: page.headers.get('content-security-policy'), pageStatus: page.status, escapeStatus: escape.status,
            menu: rec.menu.map((m) => m.label),
          }));
          process.exit(0);
        }, 300);
        `,
        { PLENO_DB: join(dir, 'k.db') },
      );
      expect(result.scheme).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
      expect(result.url).toBe('app://pleno/index.html#/beranda');
      expect(result.wp).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      });
      expect(String((result.wp as { preload: string }).preload)).toMatch(/build\/electron\/preload\.cjs$/);
      expect(result.own).toMatchObject({ ok: true, value: { mode: 'electron', dbPath: join(dir, 'k.db') } });
      expect(result.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(result.fileUrl).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(result.unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(result.prevented).toBe(true);
      expect(result.deny).toEqual({ action: 'deny' });
      expect(result.proj).toEqual({ action: 'allow', sandbox: true });
      expect(result.perms).toEqual([true, false, false, false]);
      expect(result.csp).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';.*frame-ancestors 'none'/);
      expect(result.escapeStatus).not.toBe(200);
      expect(result.menu).toEqual(['Berkas', 'Tampilan', 'Bantuan']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('preload exposes exactly window.pleno = { call, on, info } and requires only electron', () => {
    const result = probe(`
      require('./build/electron/preload.cjs');
      const { name, api } = globalThis.__electronStub.exposed;
      console.log(JSON.stringify({ name, keys: Object.keys(api).sort(), info: api.info() }));
    `);
    expect(result).toEqual({ name: 'pleno', keys: ['call', 'info', 'on'], info: { transport: 'ipc' } });
  });

  it("keeps each file's import.meta.url meaningful in the bundle (files found relative to their source)", () => {
    const bundle = readFileSync(join(root, 'build/electron/main.cjs'), 'utf8');
    expect(bundle).not.toMatch(/import\.meta|import_meta/);
    const rewritten = [...bundle.matchAll(/__plenoSourceUrl\("([^"]+)"\)/g)].map((m) => m[1]!);
    for (const rel of rewritten) expect(existsSync(join(root, rel)), rel).toBe(true);
  });
});
