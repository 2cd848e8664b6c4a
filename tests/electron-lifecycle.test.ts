// The Electron shell's life cycle against the recording stand-in (real forked backend host): single instance and a
// second launch with another --db, the quit checkpoint, startup failures, crash and hang recovery, the menu (Ctrl+P
// prints, the projector and the main window reopenable from it).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundle, probe, tempDir } from './electron-stub/probe';
import { requestedDbPath, resolveDbPath, sameDbPath } from '../electron/main/platform/paths';

let bundle = '';
beforeAll(() => {
  bundle = buildBundle('lifecycle');
});

describe('Electron shell life cycle (bundled, stand-in)', () => {
  it('refuses a second launch with another --db with a message, focuses (or reopens) the main window otherwise', async () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'k.db');
      const r = await probe(
        `
        await h.start();
        const { app } = h.electron;
        const main = h.mainWindows()[0];
        app.emit('second-instance', {}, ['pleno'], '/', { dbPath: process.env.PLENO_DB });
        const sameDialogs = h.rec.dialogs.length;
        const focused = main.focused;
        main.close();
        app.emit('second-instance', {}, ['pleno', '--db', 'lain.db'], '/srv/ppk', { dbPath: '/srv/ppk/lain.db' });
        const reopened = h.mainWindows();
        // An older second instance without additional data: its --db is resolved against its working folder.
        app.emit('second-instance', {}, ['pleno', '--db', 'x/y.db'], '/home/ppk', undefined);
        h.done({ lock: h.rec.lockData, sameDialogs, focused, reopened: reopened.length, newMain: reopened[0] !== main,
                 dialogs: h.rec.dialogs.map((d) => ({ window: d.window, title: d.title, message: d.message, detail: d.detail })) });
        `,
        { PLENO_DB: db, PLENO_TEST_BUNDLE: bundle },
      );
      expect(r.lock).toEqual({ dbPath: db });
      expect(r.sameDialogs).toBe(0);
      expect(r.focused).toBe(1);
      expect(r.reopened).toBe(1);
      expect(r.newMain).toBe(true);
      const dialogs = r.dialogs as { window: number; title: string; message: string; detail: string }[];
      expect(dialogs).toHaveLength(2);
      expect(dialogs[0]!.title).toBe('Pleno sudah berjalan');
      expect(dialogs[0]!.message).toMatch(/basis data yang diminta tidak dibuka/);
      expect(dialogs[0]!.detail).toContain(`Terbuka: ${db}`);
      expect(dialogs[0]!.detail).toContain('Diminta: /srv/ppk/lain.db');
      expect(dialogs[0]!.window).toBeGreaterThan(0);
      expect(dialogs[1]!.detail).toContain('Diminta: /home/ppk/x/y.db');

      const second = await probe(
        `
        require(require('node:path').resolve(process.env.PLENO_TEST_BUNDLE, 'main.cjs'));
        h.rec.ready();
        await h.sleep(200);
        h.done({ quit: h.rec.quits === 1, windows: h.rec.windows.length, utility: h.rec.utility.length, ipc: [...h.rec.ipc.keys()] });
        `,
        { PLENO_DB: join(t.dir, 'other.db'), PLENO_TEST_BUNDLE: bundle, STUB_SECOND_INSTANCE: '1' },
      );
      // The losing instance quits before opening anything (its database file is never created).
      expect(second).toEqual({ quit: true, windows: 0, utility: 0, ipc: [] });
      expect(existsSync(join(t.dir, 'other.db'))).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('on quit: waits for the backend process to checkpoint the WAL and release the lock, then quits', async () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'k.db');
      const r = await probe(
        `
        await h.start();
        const fs = require('node:fs');
        const { app } = h.electron;
        await h.call('plenary.setFocus', { pemilihan: null, desa: null, tps: null });
        const walBefore = fs.existsSync(process.env.PLENO_DB + '-wal') ? fs.statSync(process.env.PLENO_DB + '-wal').size : -1;
        const lockBefore = fs.readdirSync(require('node:path').dirname(process.env.PLENO_DB)).filter((f) => f.endsWith('.lock'));
        const host = h.rec.utility[0];
        let quits = 0;
        app.on('quit-called', () => (quits += 1));
        let prevented = false;
        app.emit('before-quit', { preventDefault: () => (prevented = true) });
        await h.waitFor(() => quits > 0, 15000, 'quit');
        let preventedAgain = false;
        app.emit('before-quit', { preventDefault: () => (preventedAgain = true) });
        h.done({ walBefore, lockBefore, prevented, preventedAgain, quits,
                 hostExit: host.child.exitCode, ipc: [...h.rec.ipc.keys()] });
        `,
        { PLENO_DB: db, PLENO_TEST_BUNDLE: bundle },
      );
      expect(r.walBefore as number).toBeGreaterThan(0);
      expect((r.lockBefore as string[]).length).toBe(1);
      expect(r.prevented).toBe(true);
      expect(r.preventedAgain).toBe(false);
      expect(r.quits).toBe(1);
      expect(r.hostExit).toBe(0);
      expect(r.ipc).toEqual([]);
      // Checkpointed and closed: no WAL content left, the lock released, the file opens as a Pleno database.
      expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
      expect(existsSync((r.lockBefore as string[]).map((f) => join(t.dir, f))[0]!)).toBe(false);
      expect(readFileSync(db).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    } finally {
      t.cleanup();
    }
  });

  it('startup failure: an unusable database shows the dedicated screen; a failing start says so in Indonesian and exits', async () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'bukan.db');
      writeFileSync(db, 'ini bukan basis data, hanya teks biasa'.repeat(10));
      const before = readFileSync(db);
      const r = await probe(
        `
        const info = await h.start();
        h.done({ info, other: await h.call('plenary.dashboard', { pemilihan: 'bupati' }), windows: h.mainWindows().length });
        `,
        { PLENO_DB: db, PLENO_TEST_BUNDLE: bundle },
      );
      expect(r.info).toMatchObject({
        ok: true,
        value: {
          dataDir: null,
          startupError: { kind: 'not-sqlite', message: expect.stringMatching(/bukan basis data/) },
        },
      });
      expect(r.other).toMatchObject({ ok: false, error: { code: 'DB_ERROR' } });
      expect(r.windows).toBe(1);
      expect(readFileSync(db).equals(before)).toBe(true);

      const failed = await probe(
        `
        require(require('node:path').resolve(process.env.PLENO_TEST_BUNDLE, 'main.cjs'));
        h.rec.ready();
        await h.waitFor(() => h.rec.exitCode !== undefined, 5000, 'exit');
        h.done({ boxes: h.rec.errorBoxes, exitCode: h.rec.exitCode, windows: h.rec.windows.length });
        `,
        { PLENO_DB: join(t.dir, 'k.db'), PLENO_TEST_BUNDLE: bundle, STUB_FAIL_PROTOCOL: '1' },
      );
      const boxes = failed.boxes as { title: string; content: string }[];
      expect(boxes).toHaveLength(1);
      expect(boxes[0]!.title).toBe('Pleno tidak dapat dimulai');
      expect(boxes[0]!.content).toMatch(/Data yang sudah tersimpan tidak berubah/);
      expect(boxes[0]!.content).not.toMatch(/Error|stub|\bat\b|\.cjs/);
      expect(failed.exitCode).toBe(1);
      expect(failed.windows).toBe(0);
    } finally {
      t.cleanup();
    }
  });

  it('a crashed or hung window gets a clear message and a reload; an unexpected main error too', async () => {
    const t = tempDir();
    try {
      const r = await probe(
        `
        await h.start();
        const { app } = h.electron;
        const main = h.mainWindows()[0];
        const wc = main.webContents;
        app.emit('render-process-gone', {}, wc, { reason: 'clean-exit', exitCode: 0 });
        const afterClean = h.rec.dialogs.length;
        wc.crashed = true;
        app.emit('render-process-gone', {}, wc, { reason: 'crashed', exitCode: 139 });
        await h.waitFor(() => wc.reloads === 1, 2000, 'reload after crash');
        const crash = h.rec.dialogs.at(-1);
        h.rec.dialogResponse = 1;
        main.emit('unresponsive');
        await h.sleep(50);
        const waited = { reloads: wc.reloads, forced: wc.forcedCrashes };
        h.rec.dialogResponse = 0;
        main.emit('unresponsive');
        main.emit('unresponsive');
        await h.waitFor(() => wc.reloads === 2, 2000, 'reload after hang');
        const hang = h.rec.dialogs.at(-1);
        app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
        const proj = h.menuItem('Buka jendela proyektor');
        proj.click();
        process.emit('uncaughtException', new Error('boom in main'));
        await h.waitFor(() => wc.reloads === 3, 2000, 'reload after main error');
        const mainErr = h.rec.dialogs.at(-1);
        h.done({ afterClean, crash: { title: crash.title, detail: crash.detail, buttons: crash.buttons, window: crash.window },
                 waited, hang: { title: hang.title, buttons: hang.buttons }, forced: wc.forcedCrashes,
                 dialogs: h.rec.dialogs.length, mainErr: { title: mainErr.title, detail: mainErr.detail, buttons: mainErr.buttons },
                 projectorReloads: h.rec.windows.filter((w) => w.webContents.url.endsWith('#/proyektor')).map((w) => w.webContents.reloads),
                 backendAlive: (await h.call('system.info', {})).ok });
        `,
        { PLENO_DB: join(t.dir, 'k.db'), PLENO_TEST_BUNDLE: bundle },
      );
      expect(r.afterClean).toBe(0);
      expect(r.crash).toEqual({
        title: 'Tampilan Pleno berhenti mendadak',
        detail: expect.stringMatching(/Data yang sudah tersimpan aman/),
        buttons: ['Muat ulang', 'Tutup pesan'],
        window: 0,
      });
      // "Tunggu" leaves the window alone; "Muat ulang" ends the hung renderer and loads the page again, asked once.
      expect(r.waited).toEqual({ reloads: 1, forced: 0 });
      expect(r.hang).toEqual({ title: 'Jendela Pleno tidak merespons', buttons: ['Muat ulang', 'Tunggu'] });
      expect(r.forced).toBe(1);
      expect(r.dialogs).toBe(4);
      expect(r.mainErr).toEqual({
        title: 'Kesalahan pada Pleno',
        detail: expect.stringMatching(/Data yang sudah tersimpan aman/),
        buttons: ['Muat ulang jendela', 'Tutup Pleno'],
      });
      expect(r.projectorReloads).toEqual([1]);
      expect(r.backendAlive).toBe(true);
    } finally {
      t.cleanup();
    }
  });

  it('menu: Ctrl+P prints the focused window, the projector is Ctrl+Shift+P, Ctrl+1 brings back a closed main window', async () => {
    const t = tempDir();
    try {
      const r = await probe(
        `
        await h.start();
        const items = {};
        for (const label of ['Cetak…', 'Buka jendela proyektor', 'Jendela utama']) items[label] = h.menuItem(label).accelerator;
        const main = h.mainWindows()[0];
        h.rec.focusedWindow = main;
        h.menuItem('Cetak…').click();
        h.menuItem('Buka jendela proyektor').click();
        h.menuItem('Buka jendela proyektor').click();
        const projectors = () => h.rec.windows.filter((w) => !w.destroyed && w.webContents.url.endsWith('#/proyektor'));
        main.close();
        const afterClose = h.mainWindows().length;
        h.menuItem('Jendela utama').click();
        h.menuItem('Jendela utama').click();
        h.done({ items, printed: h.rec.printed.map((p) => p.url), projectors: projectors().length, afterClose,
                 mains: h.mainWindows().length, projectorsAfter: projectors().length });
        `,
        { PLENO_DB: join(t.dir, 'k.db'), PLENO_TEST_BUNDLE: bundle },
      );
      expect(r.items).toEqual({
        'Cetak…': 'CmdOrCtrl+P',
        'Buka jendela proyektor': 'CmdOrCtrl+Shift+P',
        'Jendela utama': 'CmdOrCtrl+1',
      });
      expect(r.printed).toEqual(['app://pleno/index.html#/beranda']);
      expect(r.projectors).toBe(1);
      expect(r.afterClose).toBe(0);
      expect(r.mains).toBe(1);
      expect(r.projectorsAfter).toBe(1);
    } finally {
      t.cleanup();
    }
  });

  it('finds the database: --db, $PLENO_DB, else machine-wide on Windows and the user data folder on Linux', () => {
    expect(resolveDbPath(['pleno', '--db', 'a.db'], { PLENO_DB: 'b.db' })).toBe('a.db');
    expect(resolveDbPath(['pleno', '--db=c.db'], {})).toBe('c.db');
    expect(resolveDbPath(['pleno'], { PLENO_DB: 'b.db' })).toBe('b.db');
    expect(
      resolveDbPath(
        ['pleno'],
        { ProgramData: 'D:\\ProgramData', APPDATA: 'C:\\Users\\ppk\\AppData\\Roaming' },
        'win32',
      ),
    ).toBe('D:\\ProgramData\\Pleno\\pleno.db');
    expect(resolveDbPath(['pleno'], {}, 'win32')).toBe('C:\\ProgramData\\Pleno\\pleno.db');
    expect(resolveDbPath(['pleno'], { XDG_DATA_HOME: '/srv/data' }, 'linux')).toBe('/srv/data/pleno/pleno.db');
    expect(requestedDbPath(['pleno', '--db', 'k.db'], '/home/ppk', undefined)).toBe('/home/ppk/k.db');
    expect(sameDbPath('C:\\ProgramData\\Pleno\\PLENO.db', 'c:\\programdata\\pleno\\pleno.db', 'win32')).toBe(true);
    expect(sameDbPath('/a/K.db', '/a/k.db', 'linux')).toBe(false);
  });
});
