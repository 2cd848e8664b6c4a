// Binds the contract to IPC: one channel for calls (sender checked), one for pushed events, one for printing an issued
// document (desktop only). No other channel exists.
import { BrowserWindow, ipcMain } from 'electron';
import type { ServedBackend } from '../backend/backend';
import type { Result } from '../../../shared/contracts/result';
import { PRINT_SOURCES } from '../../../shared/contracts/api';
import { isAppUrl } from './app-protocol';
import { printDocument } from './print';

export const CALL_CHANNEL = 'pleno:call';
export const EVENT_CHANNEL = 'pleno:event';
export const PRINT_CHANNEL = 'pleno:print';

const forbidden: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'Pemanggil tidak dikenal.' } };

export function bindIpc(backend: ServedBackend): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    // Only our own pages (app://pleno/...) may call; a frame that somehow navigated elsewhere gets nothing.
    if (!isAppUrl(event.senderFrame?.url)) return forbidden;
    return backend.dispatch(typeof method === 'string' ? method : '', input);
  });
  ipcMain.handle(PRINT_CHANNEL, async (event, id: unknown, source: unknown): Promise<Result<unknown>> => {
    if (!isAppUrl(event.senderFrame?.url)) return forbidden;
    const from = PRINT_SOURCES.find((s) => s === (source ?? 'documents'));
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0 || !from) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'Dokumen yang akan dicetak tidak dikenal.' } };
    }
    return printDocument(backend, id, from);
  });
  const unsubscribe = backend.events.subscribe((e) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(EVENT_CHANNEL, e);
    }
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(PRINT_CHANNEL);
    unsubscribe();
  };
}
