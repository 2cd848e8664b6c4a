// The Electron entry: single instance, the app:// renderer with CSP, locked-down windows, the contract over IPC.
// The backend (database, LAN receiver, imports, documents) runs in its own process (electron/main/host/), so this
// process only creates windows, menus and dialogs and stays responsive whatever the backend is doing.
import { app, dialog, utilityProcess, type BrowserWindow } from 'electron';
import { join, resolve } from 'node:path';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { startBackendProcess, type BackendProcess, type HostProcess } from './backend-process';
import { installCrashHandlers } from './crash';
import { bindIpc } from './ipc';
import { installMenu } from './menu';
import { requestedDbPath, resolveDbPath, sameDbPath } from './paths';
import { allowCameraOnlyForApp, createMainWindow, lockDown, openProjectorWindow } from './windows';

// build/electron/main.cjs: the preload and the backend host are bundled beside it, the renderer in build/renderer.
const preload = join(__dirname, 'preload.cjs');
const hostEntry = join(__dirname, 'backend-host.cjs');
const rendererDir = join(__dirname, '..', 'renderer');
const dbPath = resolve(resolveDbPath(process.argv));

registerAppScheme();

// The second launch sends the database it wants; this instance refuses another one with a message (below).
if (!app.requestSingleInstanceLock({ dbPath })) {
  app.quit();
} else {
  let backend: BackendProcess | null = null;
  let unbind: (() => void) | null = null;
  let mainWindow: BrowserWindow | null = null;

  /** Focuses the main window, creating it again if it was closed (e.g. while the projector stays open). */
  const showMainWindow = (): BrowserWindow | null => {
    if (!app.isReady()) return null;
    if (!mainWindow || mainWindow.isDestroyed()) {
      const win = createMainWindow(preload);
      win.on('closed', () => {
        if (mainWindow === win) mainWindow = null;
      });
      mainWindow = win;
      return win;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return mainWindow;
  };

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const win = showMainWindow();
    const wanted = requestedDbPath(argv, workingDirectory, additionalData);
    if (!win || sameDbPath(wanted, dbPath)) return;
    void dialog.showMessageBox(win, {
      type: 'warning',
      title: 'Pleno sudah berjalan',
      message: 'Pleno sudah berjalan dengan basis data lain; basis data yang diminta tidak dibuka.',
      detail: `Terbuka: ${dbPath}\nDiminta: ${wanted}\n\nSatu Pleno membuka satu basis data. Untuk membuka basis data yang diminta, tutup Pleno ini lebih dulu lalu jalankan lagi.`,
      buttons: ['Tutup pesan'],
      noLink: true,
    });
  });

  app.on('web-contents-created', (_event, contents) => lockDown(contents, preload));
  installCrashHandlers();

  app
    .whenReady()
    .then(() => {
      handleAppScheme(rendererDir);
      allowCameraOnlyForApp();
      backend = startBackendProcess({
        dbPath,
        spawn: () =>
          utilityProcess.fork(hostEntry, [], { serviceName: 'Pleno backend', stdio: 'inherit' }) as HostProcess,
      });
      unbind = bindIpc(backend);
      installMenu({ openProjector: () => openProjectorWindow(preload), showMainWindow: () => void showMainWindow() });
      showMainWindow();
    })
    .catch((err: unknown) => {
      process.stderr.write(`Pleno: startup failed: ${(err as Error)?.stack ?? String(err)}\n`);
      dialog.showErrorBox(
        'Pleno tidak dapat dimulai',
        'Pleno gagal dimulai. Data yang sudah tersimpan tidak berubah. Jalankan Pleno sekali lagi; jika tetap gagal, laporkan kepada petugas teknis.',
      );
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());

  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !backend) return;
    // The backend process checkpoints the WAL and releases the lock before the app ends.
    event.preventDefault();
    const b = backend;
    backend = null;
    unbind?.();
    void b.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}
