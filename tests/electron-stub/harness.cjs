// Helpers for scripts that drive the bundled main process against the stand-in (loaded after hook.cjs with node -r).
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module loaded with node -r */
const electron = require('electron');

const rec = globalThis.__electronStub;
const APP = 'app://pleno/index.html#/beranda';

const h = {
  rec,
  electron,
  APP,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  async waitFor(pred, ms = 15_000, what = 'condition') {
    const until = Date.now() + ms;
    for (;;) {
      const v = await pred();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await h.sleep(20);
    }
  },
  /** Loads build/electron/main.cjs, fires ready and waits for the backend process to answer. */
  async start() {
    require(require('node:path').resolve(process.env.PLENO_TEST_BUNDLE ?? 'build/electron', 'main.cjs'));
    rec.ready();
    await h.waitFor(() => rec.ipc.get('pleno:call'), 5000, 'IPC binding');
    const info = await h.call('system.info', {});
    return info;
  },
  call(method, input, url = APP) {
    return rec.ipc.get('pleno:call')({ senderFrame: { url } }, method, input);
  },
  print(id, url = APP) {
    return rec.ipc.get('pleno:print')({ senderFrame: { url } }, id);
  },
  menuItem(label) {
    for (const top of rec.menu) for (const item of top.submenu ?? []) if (item.label === label) return item;
    throw new Error(`no menu item ${label}`);
  },
  mainWindows: () => rec.windows.filter((w) => !w.destroyed && w.webContents.url === APP),
  events: (win) => win.webContents.sent.filter(([ch]) => ch === 'pleno:event').map(([, e]) => e),
  hostPid: () => rec.utility.at(-1)?.pid,
  done(result) {
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  },
  fail(err) {
    process.stdout.write(JSON.stringify({ error: String(err?.stack ?? err) }) + '\n');
    process.exit(0);
  },
};
globalThis.h = h;
