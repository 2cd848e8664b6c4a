// Crash recovery in the main process: a renderer that died or hangs gets a clear message and a reload; an error the
// main process did not expect is logged (English) and the user chooses between reloading and closing. The backend
// process has its own supervisor (backend-process.ts); here it is only logged.
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

const log = (line: string) => process.stderr.write(`Pleno: ${line}\n`);

/** Asks once per window at a time (a hung renderer fires 'unresponsive' repeatedly). */
const asking = new WeakSet<BrowserWindow>();

async function offerReload(win: BrowserWindow, title: string, detail: string, waitLabel: string): Promise<void> {
  if (asking.has(win) || win.isDestroyed()) return;
  asking.add(win);
  try {
    const { response } = await dialog.showMessageBox(win, {
      type: 'error',
      title,
      message: title,
      detail,
      buttons: ['Muat ulang', waitLabel],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (response === 0 && !win.isDestroyed()) reload(win.webContents);
  } finally {
    asking.delete(win);
  }
}

function reload(contents: WebContents): void {
  // A hung renderer cannot run its own reload: end it first, then load the page again.
  if (!contents.isCrashed()) contents.forcefullyCrashRenderer();
  contents.reload();
}

export function installCrashHandlers(): void {
  app.on('render-process-gone', (_event, contents, details) => {
    log(`renderer gone (${details.reason}, exit ${details.exitCode}) at ${contents.getURL()}`);
    if (details.reason === 'clean-exit') return;
    const win = BrowserWindow.fromWebContents(contents);
    // The hidden print window has no page of ours; it is closed by its own path.
    if (!win || !isAppUrl(contents.getURL())) return;
    void offerReload(
      win,
      'Tampilan Pleno berhenti mendadak',
      'Data yang sudah tersimpan aman. Pilih "Muat ulang" untuk menampilkan jendela ini lagi.',
      'Tutup pesan',
    );
  });

  app.on('child-process-gone', (_event, details) => {
    log(`child process gone: ${details.type}${details.name ? ` (${details.name})` : ''}, ${details.reason}`);
  });

  app.on('browser-window-created', (_event, win) => {
    win.on('unresponsive', () => {
      log(`window unresponsive: ${win.webContents.getURL()}`);
      void offerReload(
        win,
        'Jendela Pleno tidak merespons',
        'Tunggu sebentar bila Pleno sedang mengerjakan sesuatu yang besar, atau muat ulang jendela ini. Data yang sudah tersimpan aman.',
        'Tunggu',
      );
    });
  });

  let reporting = false;
  process.on('uncaughtException', (err) => {
    log(`uncaught exception in main: ${err.stack ?? err.message}`);
    if (reporting || !app.isReady()) return;
    reporting = true;
    void dialog
      .showMessageBox({
        type: 'error',
        title: 'Kesalahan pada Pleno',
        message: 'Terjadi kesalahan tak terduga pada Pleno.',
        detail: 'Data yang sudah tersimpan aman. Muat ulang jendela, atau tutup Pleno lalu buka kembali.',
        buttons: ['Muat ulang jendela', 'Tutup Pleno'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      .then(({ response }) => {
        if (response === 1) return app.quit();
        for (const w of BrowserWindow.getAllWindows()) if (isAppUrl(w.webContents.getURL())) w.webContents.reload();
      })
      .finally(() => (reporting = false));
  });
}
