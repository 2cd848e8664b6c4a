// Preload (sandboxed): exposes exactly `window.pleno = { call, on, info, printDocument }` over the IPC channels.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PlenoApi } from '../../shared/contracts/api';
import type { PlenoEvent } from '../../shared/contracts/events';

const api: Required<PlenoApi> = {
  call: (method, input) => ipcRenderer.invoke('pleno:call', method, input),
  on(listener) {
    const handler = (_event: IpcRendererEvent, e: PlenoEvent) => listener(e);
    ipcRenderer.on('pleno:event', handler);
    return () => {
      ipcRenderer.removeListener('pleno:event', handler);
    };
  },
  info: () => ({ transport: 'ipc' }),
  printDocument: (id, source) => ipcRenderer.invoke('pleno:print', id, source ?? 'documents'),
};

contextBridge.exposeInMainWorld('pleno', api);
