// Binds the contract to IPC: one channel for calls (sender checked), one for pushed events. No other channel exists.
import { BrowserWindow, ipcMain } from 'electron';
import type { ServedBackend } from '../backend/backend';
import type { Result } from '../../../shared/contracts/result';
import { isAppUrl } from './app-protocol';

export const CALL_CHANNEL = 'pleno:call';
export const EVENT_CHANNEL = 'pleno:event';

export function bindIpc(backend: ServedBackend): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    // Only our own pages (app://pleno/...) may call; a frame that somehow navigated elsewhere gets nothing.
    if (!isAppUrl(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Pemanggil tidak dikenal.' } };
    }
    return backend.dispatch(typeof method === 'string' ? method : '', input);
  });
  const unsubscribe = backend.events.subscribe((e) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(EVENT_CHANNEL, e);
    }
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
