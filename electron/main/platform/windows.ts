// Windows: the main window and the projector window, both locked down (context isolation, sandbox, no Node,
// web security), navigation and foreign windows refused, camera allowed only to our own pages.
import {
  app,
  BrowserWindow,
  session,
  shell,
  type BrowserWindowConstructorOptions,
  type WebContents,
  type WebPreferences,
} from 'electron';
import { APP_INDEX, isAppUrl } from './app-protocol';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !app.isPackaged,
  };
}

const PROJECTOR_HASH = '#/proyektor';

export function isProjectorUrl(url: string): boolean {
  return isAppUrl(url) && new URL(url).hash === PROJECTOR_HASH;
}

/** The projector window, whether the page opens it (window.open) or the app menu does. */
function projectorWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    title: 'Pleno — Proyektor',
    width: 1280,
    height: 720,
    autoHideMenuBar: true,
    backgroundColor: '#f3f5f8',
    webPreferences: secureWebPreferences(preload),
  };
}

/** Applied to every web contents the app creates (including the projector window). */
export function lockDown(contents: WebContents, preload: string): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isProjectorUrl(url)) {
      return { action: 'allow', overrideBrowserWindowOptions: projectorWindowOptions(preload) };
    }
    // Links to the web (e.g. KPU's site in help text) open in the user's browser, never inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function allowCameraOnlyForApp(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const videoOnly =
      permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'video') === true;
    callback(videoOnly && isAppUrl(details.requestingUrl));
  });
  s.setPermissionCheckHandler((_contents, permission, origin) => permission === 'media' && isAppUrl(origin));
}

export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Pleno',
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#f3f5f8',
    webPreferences: secureWebPreferences(preload),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_INDEX}#/beranda`);
  return win;
}

export function openProjectorWindow(preload: string): BrowserWindow {
  const existing = BrowserWindow.getAllWindows().find((w) => isProjectorUrl(w.webContents.getURL()));
  if (existing) {
    existing.focus();
    return existing;
  }
  const win = new BrowserWindow(projectorWindowOptions(preload));
  void win.loadURL(`${APP_INDEX}${PROJECTOR_HASH}`);
  return win;
}
