// A recording stand-in for the 'electron' module (no Electron binary can run here): lets tests load the real
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module loaded with node -r */
// bundled main process in Node and inspect what it asked Electron to do.
const { EventEmitter } = require('node:events');

const record = {
  schemes: [],
  windows: [],
  ipc: new Map(),
  protocolHandlers: new Map(),
  permission: null,
  menu: null,
  contents: [],
};
globalThis.__electronStub = record;

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.url = '';
    this.sent = [];
    this.openHandler = null;
    record.contents.push(this);
  }
  setWindowOpenHandler(fn) {
    this.openHandler = fn;
  }
  getURL() {
    return this.url;
  }
  send(channel, payload) {
    this.sent.push([channel, payload]);
  }
}

const app = new EventEmitter();
let readyResolve;
const ready = new Promise((r) => (readyResolve = r));
Object.assign(app, {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  whenReady: () => ready,
  quit: () => app.emit('quit-called'),
  exit: () => {},
});
record.ready = () => readyResolve();

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.webContents.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  focus() {}
  restore() {}
  show() {}
  static getAllWindows() {
    return record.windows;
  }
}

module.exports = {
  app,
  BrowserWindow,
  ipcMain: { handle: (ch, fn) => record.ipc.set(ch, fn), removeHandler: (ch) => record.ipc.delete(ch) },
  protocol: {
    registerSchemesAsPrivileged: (s) => record.schemes.push(...s),
    handle: (scheme, fn) => record.protocolHandlers.set(scheme, fn),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => (record.permission = fn),
      setPermissionCheckHandler: (fn) => (record.permissionCheck = fn),
    },
  },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => (record.menu = m) },
  dialog: { showMessageBox: async () => ({}), showErrorBox: () => {} },
  shell: { openExternal: async () => {} },
  contextBridge: { exposeInMainWorld: (name, api) => (record.exposed = { name, api }) },
  ipcRenderer: { invoke: async (...a) => ({ invoked: a }), on: () => {}, removeListener: () => {} },
};
