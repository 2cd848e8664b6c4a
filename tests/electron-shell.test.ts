// The Electron shell as bundled (build/electron-*/ from scripts/build-electron.mjs), loaded in Node against a recording
// 'electron' stand-in whose utilityProcess is a real forked Node process running the bundled backend host: window
// hardening, IPC sender check, navigation/redirect/webview/new-window refusal, camera permission, CSP on app://,
// preload surface, event pushes from the backend process, and the vector print path.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, probe, root, tempDir } from './electron-stub/probe';

let bundle = '';
beforeAll(() => {
  bundle = buildBundle('shell');
});

describe('Electron main (bundled)', () => {
  it('locks down windows, checks the IPC sender, refuses navigation, redirects, webviews and foreign windows, limits the camera', async () => {
    const t = tempDir();
    try {
      const r = await probe<Record<string, unknown>>(
        `
        const own = await h.start();
        const rec = h.rec;
        const win = rec.windows[0];
        const wp = win.options.webPreferences;
        const foreign = await h.call('system.info', {}, 'https://evil.example/');
        const fileUrl = await h.call('system.info', {}, 'file:///etc/passwd');
        const unknown = await h.call('nope.x', {});
        const prevented = [];
        for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
          let p = false;
          win.webContents.emit(ev, { preventDefault: () => (p = true) }, 'https://evil.example/');
          prevented.push(p);
        }
        const deny = win.webContents.openHandler({ url: 'https://evil.example/' });
        const proj = win.webContents.openHandler({ url: 'app://pleno/index.html#/proyektor' });
        const ask = (permission, mediaTypes, requestingUrl) =>
          new Promise((res) => rec.permission(null, permission, res, { mediaTypes, requestingUrl }));
        const perms = [
          await ask('media', ['video'], 'app://pleno/index.html'),
          await ask('media', ['audio'], 'app://pleno/index.html'),
          await ask('media', ['video'], 'https://evil.example/'),
          await ask('geolocation', undefined, 'app://pleno/index.html'),
        ];
        const checks = [
          rec.permissionCheck(null, 'media', 'app://pleno'),
          rec.permissionCheck(null, 'media', 'https://evil.example'),
          rec.permissionCheck(null, 'notifications', 'app://pleno'),
          rec.permissionCheck(null, 'clipboard-read', 'app://pleno'),
        ];
        const handler = rec.protocolHandlers.get('app');
        const page = await handler(new Request('app://pleno/index.html'));
        const escape = await handler(new Request('app://pleno/..%2f..%2fpackage.json'));
        const otherHost = await handler(new Request('app://evil/index.html'));
        h.done({
          scheme: rec.schemes[0], url: win.webContents.url,
          wp: { contextIsolation: wp.contextIsolation, sandbox: wp.sandbox, nodeIntegration: wp.nodeIntegration,
                webSecurity: wp.webSecurity, webviewTag: wp.webviewTag, preload: wp.preload },
          own, foreign, fileUrl, unknown, prevented, deny,
          proj: { action: proj.action, sandbox: proj.overrideBrowserWindowOptions.webPreferences.sandbox },
          perms, checks, csp: page.headers.get('content-security-policy'), escapeStatus: escape.status,
          otherHostStatus: otherHost.status, menu: rec.menu.map((m) => m.label),
          utility: rec.utility.map((u) => u.options.serviceName),
        });
        `,
        { PLENO_DB: join(t.dir, 'k.db'), PLENO_TEST_BUNDLE: bundle },
      );
      expect(r.scheme).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
      expect(r.url).toBe('app://pleno/index.html#/beranda');
      expect(r.wp).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
      });
      expect(String((r.wp as { preload: string }).preload)).toBe(join(bundle, 'preload.cjs'));
      // The answer comes from the backend process, not from main.
      expect(r.utility).toEqual(['Pleno backend']);
      expect(r.own).toMatchObject({ ok: true, value: { mode: 'electron', dbPath: join(t.dir, 'k.db') } });
      expect(r.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(r.fileUrl).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(r.unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(r.prevented).toEqual([true, true, true]);
      expect(r.deny).toEqual({ action: 'deny' });
      expect(r.proj).toEqual({ action: 'allow', sandbox: true });
      expect(r.perms).toEqual([true, false, false, false]);
      expect(r.checks).toEqual([true, false, false, false]);
      expect(r.csp).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';.*frame-ancestors 'none'/);
      expect(r.escapeStatus).not.toBe(200);
      expect(r.otherHostStatus).toBe(404);
      expect(r.menu).toEqual(['Berkas', 'Tampilan', 'Bantuan']);
    } finally {
      t.cleanup();
    }
  });

  it('preload exposes exactly window.pleno = { call, on, info, printDocument } and requires only electron', async () => {
    const r = await probe(
      `
      require(require('node:path').join(process.env.PLENO_TEST_BUNDLE, 'preload.cjs'));
      const { name, api } = h.rec.exposed;
      h.done({ name, keys: Object.keys(api).sort(), info: api.info(), print: await api.printDocument(7),
               printKab: await api.printDocument(8, 'kabpleno'),
               call: await api.call('system.info', {}) });
    `,
      { PLENO_TEST_BUNDLE: bundle },
    );
    expect(r).toEqual({
      name: 'pleno',
      keys: ['call', 'info', 'on', 'printDocument'],
      info: { transport: 'ipc' },
      print: { invoked: ['pleno:print', 7, 'documents'] },
      printKab: { invoked: ['pleno:print', 8, 'kabpleno'] },
      call: { invoked: ['pleno:call', 'system.info', {}] },
    });
    const preload = readFileSync(join(bundle, 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('bundles the backend apart: main has no database code, the host needs no electron, no source maps', () => {
    const main = readFileSync(join(bundle, 'main.cjs'), 'utf8');
    const host = readFileSync(join(bundle, 'backend-host.cjs'), 'utf8');
    expect(main).not.toMatch(/better-sqlite3|openDatabase/);
    expect(host).toMatch(/require\("better-sqlite3"\)/);
    expect(host).not.toMatch(/require\("electron"\)/);
    // The host's reader worker (workers/reader.ts) starts from its own compiled entry beside it.
    expect(readdirSync(bundle).sort()).toEqual(['backend-host.cjs', 'main.cjs', 'preload.cjs', 'reader.worker.cjs']);
    const worker = readFileSync(join(bundle, 'reader.worker.cjs'), 'utf8');
    const rewrittenIn = (text: string) => [...text.matchAll(/__plenoSourceUrl\("([^"]+)"\)/g)].map((m) => m[1]!);
    for (const text of [main, host, worker]) {
      // Each file's import.meta.url stays meaningful (files found relative to their source).
      expect(text).not.toMatch(/import\.meta|import_meta/);
      for (const rel of rewrittenIn(text)) expect(existsSync(join(root, rel)), rel).toBe(true);
    }
    // the backend host holds the files that use import.meta.url (fonts, zxing-wasm): the loop above saw some
    expect(rewrittenIn(host).length).toBeGreaterThan(0);
  });

  it('pushes backend events to our windows only, and prints an issued document from its vector PDF', async () => {
    const t = tempDir();
    try {
      const r = await probe<Record<string, unknown>>(
        `
        await h.start();
        const { BrowserWindow } = h.electron;
        const foreignWin = new BrowserWindow({});
        await foreignWin.loadURL('https://evil.example/');
        const demo = await h.call('setup.createDemo', { preset: 'hampang' });
        await h.call('plenary.setFocus', { pemilihan: 'bupati', desa: null, tps: null });
        const doc = await h.call('documents.issue', { kind: 'd-hasil', pemilihan: 'bupati' });
        const file = await h.call('documents.file', { id: doc.value.id });
        const before = h.rec.windows.length;
        const tmpBefore = require('node:fs').readdirSync(require('node:os').tmpdir()).filter((f) => f.startsWith('pleno-print-'));
        const printed = await h.print(doc.value.id);
        const printWin = h.rec.windows[before];
        h.rec.printSuccess = false; h.rec.printFailure = 'Print job canceled';
        const cancelled = await h.print(doc.value.id);
        h.rec.printFailure = 'Print job failed';
        const failed = await h.print(doc.value.id);
        const tmpAfter = require('node:fs').readdirSync(require('node:os').tmpdir()).filter((f) => f.startsWith('pleno-print-'));
        h.done({
          demo: demo.ok,
          main: h.events(h.mainWindows()[0]).map((e) => e.type),
          foreign: h.events(foreignWin).length,
          printed, cancelled, failed,
          printWin: { show: printWin.options.show, wp: printWin.options.webPreferences, url: printWin.webContents.url,
                      destroyed: printWin.destroyed,
                      same: printWin.loadedFileBytes.equals(Buffer.from(file.value.base64, 'base64')) },
          jobs: h.rec.printed.map((p) => p.options),
          leftover: tmpAfter.filter((f) => !tmpBefore.includes(f)),
          foreignPrint: await h.print(doc.value.id, 'https://evil.example/'),
          badId: await h.print('1; rm -rf /'),
          missing: await h.print(99999),
        });
        `,
        { PLENO_DB: join(t.dir, 'k.db'), PLENO_TEST_BUNDLE: bundle },
      );
      expect(r.demo).toBe(true);
      expect(r.main).toEqual(expect.arrayContaining(['kecamatan-changed', 'results-changed', 'focus-changed']));
      expect(r.main).toContain('documents-changed');
      expect(r.foreign).toBe(0);
      expect(r.printed).toEqual({ ok: true, value: { printed: true } });
      expect(r.cancelled).toEqual({ ok: true, value: { printed: false } });
      expect(r.failed).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL', message: expect.stringMatching(/printer/) },
      });
      const pw = r.printWin as {
        show: boolean;
        wp: Record<string, unknown>;
        url: string;
        destroyed: boolean;
        same: boolean;
      };
      expect(pw.show).toBe(false);
      expect(pw.wp).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true });
      expect(pw.url).toMatch(new RegExp(`^file://${tmpdir()}/pleno-print-[^/]+/DHASIL[^/]*\\.pdf$`));
      expect(pw.same).toBe(true);
      expect(pw.destroyed).toBe(true);
      expect(r.jobs).toEqual([
        { silent: false, printBackground: true },
        { silent: false, printBackground: true },
        { silent: false, printBackground: true },
      ]);
      expect(r.leftover).toEqual([]);
      expect(r.foreignPrint).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(r.badId).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(r.missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      t.cleanup();
    }
  });
});
