// A recording stand-in for the 'electron' module (no Electron binary can run here): lets tests load the real
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module loaded with node -r */
// bundled main process in Node and inspect what it asked Electron to do. `utilityProcess.fork` starts a real Node
// child (child_process.fork) with parent-port.cjs standing in for Electron's `process.parentPort`.
const { EventEmitter } = require('node:events');
const { fork } = require('node:child_process');

const record = {
  schemes: [],
  windows: [],
  ipc: new Map(),
  protocolHandlers: new Map(),
  permission: null,
  menu: null,
  contents: [],
  dialogs: [],
  errorBoxes: [],
  printed: [],
  utility: [],
  lockData: undefined,
  exitCode: undefined,
  quits: 0,
  // What the next message box answers (index of the button), for the crash/reload paths.
  dialogResponse: 0,
};
globalThis.__electronStub = record;

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.url = '';
    this.sent = [];
    this.openHandler = null;
    this.reloads = 0;
    this.crashed = false;
    this.forcedCrashes = 0;
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
  reload() {
    this.reloads += 1;
    this.crashed = false;
  }
  isCrashed() {
    return this.crashed;
  }
  forcefullyCrashRenderer() {
    this.forcedCrashes += 1;
    this.crashed = true;
  }
  print(options, callback) {
    record.printed.push({ url: this.url, options });
    if (callback) setImmediate(() => callback(record.printSuccess ?? true, record.printFailure ?? ''));
  }
}

const app = new EventEmitter();
let readyResolve;
let isReady = false;
const ready = new Promise((r) => (readyResolve = r));
Object.assign(app, {
  isPackaged: false,
  requestSingleInstanceLock: (data) => {
    record.lockData = data;
    return process.env.STUB_SECOND_INSTANCE !== '1';
  },
  whenReady: () => ready,
  isReady: () => isReady,
  quit: () => {
    record.quits += 1;
    app.emit('quit-called');
  },
  exit: (code) => {
    record.exitCode = code;
  },
});
record.ready = () => {
  isReady = true;
  readyResolve();
};

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.destroyed = false;
    this.focused = 0;
    this.webContents = new WebContents();
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    app.emit('browser-window-created', {}, this);
  }
  loadURL(url) {
    this.webContents.url = url;
    return Promise.resolve();
  }
  loadFile(path) {
    this.webContents.url = require('node:url').pathToFileURL(path).href;
    this.loadedFileBytes = require('node:fs').readFileSync(path);
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
  isMinimized() {
    return false;
  }
  focus() {
    this.focused += 1;
  }
  restore() {}
  show() {}
  static getAllWindows() {
    return record.windows.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents) {
    return record.windows.find((w) => w.webContents === contents) ?? null;
  }
  static getFocusedWindow() {
    return record.focusedWindow ?? null;
  }
}

/** Electron's UtilityProcess over a real Node child: postMessage ↔ child's process.parentPort (parent-port.cjs). */
class UtilityProcess extends EventEmitter {
  constructor(modulePath, args, options) {
    super();
    this.options = options;
    this.child = fork(modulePath, args ?? [], {
      serialization: 'advanced',
      execArgv: ['-r', require.resolve('./parent-port.cjs')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...(options?.env ?? {}) },
    });
    this.child.on('spawn', () => this.emit('spawn'));
    this.child.on('message', (m) => this.emit('message', m));
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
  }
  get pid() {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }
  postMessage(message) {
    if (this.child.connected) this.child.send(message);
  }
  kill() {
    return this.child.kill();
  }
}

module.exports = {
  app,
  BrowserWindow,
  ipcMain: { handle: (ch, fn) => record.ipc.set(ch, fn), removeHandler: (ch) => record.ipc.delete(ch) },
  utilityProcess: {
    fork: (modulePath, args, options) => {
      const p = new UtilityProcess(modulePath, args, options);
      record.utility.push(p);
      return p;
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (s) => record.schemes.push(...s),
    handle: (scheme, fn) => {
      if (process.env.STUB_FAIL_PROTOCOL === '1') throw new Error('stub: protocol.handle failed');
      record.protocolHandlers.set(scheme, fn);
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => (record.permission = fn),
      setPermissionCheckHandler: (fn) => (record.permissionCheck = fn),
    },
  },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => (record.menu = m) },
  dialog: {
    showMessageBox: async (win, options) => {
      record.dialogs.push({ window: options ? record.windows.indexOf(win) : -1, ...(options ?? win) });
      return { response: record.dialogResponse };
    },
    showErrorBox: (title, content) => record.errorBoxes.push({ title, content }),
  },
  shell: { openExternal: async () => {} },
  contextBridge: { exposeInMainWorld: (name, api) => (record.exposed = { name, api }) },
  ipcRenderer: { invoke: async (...a) => ({ invoked: a }), on: () => {}, removeListener: () => {} },
};
