// Printing an issued document: the main process fetches the signed vector PDF from the backend (never bytes from the
// page), shows it in a hidden window with Chromium's PDF viewer and opens the system print dialog. Nothing rasterises
// the pages, so 6-pt text prints as text (docs/documents.md).
import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServedBackend } from '../backend/backend';
import type { DocumentFile } from '../../../shared/contracts/documents.contract';
import type { PrintSource } from '../../../shared/contracts/api';
import { fail, ok, type Result } from '../../../shared/contracts/result';

export interface PrintOutcome {
  /** False when the user cancelled the print dialog. */
  printed: boolean;
}

let busy = false;

export async function printDocument(
  backend: ServedBackend,
  id: number,
  source: PrintSource = 'documents',
): Promise<Result<PrintOutcome>> {
  if (busy)
    return fail('CONFLICT', 'Dokumen lain sedang disiapkan untuk dicetak. Tunggu sampai dialog cetak tertutup.');
  busy = true;
  let dir: string | null = null;
  let win: BrowserWindow | null = null;
  try {
    const r = await backend.dispatch(`${source}.file`, { id });
    if (!r.ok) return r;
    const file = r.value as Pick<DocumentFile, 'fileName' | 'base64'>;
    dir = await mkdtemp(join(tmpdir(), 'pleno-print-'));
    // The file name becomes the print job's name; keep it a plain name.
    const path = join(dir, `${file.fileName.replace(/[^\w.-]+/g, '_').replace(/\.pdf$/i, '')}.pdf`);
    await writeFile(path, Buffer.from(file.base64, 'base64'));
    win = new BrowserWindow({
      show: false,
      // No preload and no Node: the window only shows the PDF. `plugins` turns on Chromium's PDF viewer.
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
    });
    await win.loadFile(path);
    const w = win;
    const { success, reason } = await new Promise<{ success: boolean; reason: string }>((resolve) =>
      w.webContents.print({ silent: false, printBackground: true }, (success, reason) => resolve({ success, reason })),
    );
    if (success) return ok({ printed: true });
    if (/cancel/i.test(reason)) return ok({ printed: false });
    process.stderr.write(`Pleno: printing document ${id} failed: ${reason}\n`);
    return fail('INTERNAL', 'Dokumen tidak dapat dicetak. Periksa printer (menyala, kertas, kabel) lalu coba lagi.');
  } catch (err) {
    process.stderr.write(`Pleno: printing document ${id} failed: ${(err as Error)?.message ?? String(err)}\n`);
    return fail(
      'INTERNAL',
      'Dokumen tidak dapat disiapkan untuk dicetak. Coba lagi, atau simpan berkasnya lalu cetak.',
    );
  } finally {
    if (win && !win.isDestroyed()) win.destroy();
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    busy = false;
  }
}
