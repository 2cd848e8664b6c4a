// The Electron entry: single instance, the app:// renderer with CSP, locked-down windows, the contract over IPC,
// and the same backend as the web mode. All real work happens in electron/main/backend (plain Node).
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { failedBackend, openBackend, toStartupError, type ServedBackend } from '../backend/backend';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { bindIpc } from './ipc';
import { installMenu } from './menu';
import { resolveDbPath } from './paths';
import { allowCameraOnlyForApp, createMainWindow, lockDown, openProjectorWindow } from './windows';

// build/electron/main.cjs → the app root is two levels up (also inside app.asar).
const appRoot = join(__dirname, '..', '..');
const preload = join(__dirname, 'preload.cjs');
const rendererDir = join(appRoot, 'build', 'renderer');
process.env.PLENO_RESOURCES_DIR ??= app.isPackaged
  ? join(process.resourcesPath, 'resources')
  : join(appRoot, 'resources');

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let backend: ServedBackend | null = null;
  let unbind: (() => void) | null = null;
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => lockDown(contents, preload));

  app
    .whenReady()
    .then(async () => {
      handleAppScheme(rendererDir);
      allowCameraOnlyForApp();
      const dbPath = resolveDbPath(process.argv);
      try {
        backend = await openBackend({ dbPath, mode: 'electron' });
      } catch (err) {
        // The renderer shows the dedicated "cannot start" screen from system.info.startupError.
        const startupError = toStartupError(err);
        process.stderr.write(`Pleno: ${startupError.message}\n  (${startupError.detail})\n`);
        backend = failedBackend(dbPath, 'electron', startupError);
      }
      unbind = bindIpc(backend);
      installMenu(() => openProjectorWindow(preload));
      mainWindow = createMainWindow(preload);
      mainWindow.on('closed', () => (mainWindow = null));
    })
    .catch((err: unknown) => {
      dialog.showErrorBox('Pleno tidak dapat dimulai', String((err as Error)?.stack ?? err));
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());

  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !backend) return;
    // Checkpoint the WAL and release the lock before the process ends.
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
