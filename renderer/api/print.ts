// Printing an issued document as the vector PDF itself, never as page images. Under Electron the shell prints it
// (a hidden window with Chromium's PDF viewer and the system print dialog) when its preload offers `printDocument`;
// in web mode the browser's own PDF viewer opens the kept file in a new tab, where its print button prints it.
import type { PrintSource } from '../../shared/contracts/api';
import type { Result } from '../../shared/contracts/result';
import { base64ToBytes } from './bytes';
import { readApi } from './query-client';

export type PrintOutcome = { via: 'desktop'; printed: boolean } | { via: 'viewer' };

type DesktopPrint = (id: number, source: PrintSource) => Promise<Result<{ printed: boolean }>>;

/** The shell's seam (electron/preload): present only in the desktop window. */
function desktopPrint(): DesktopPrint | null {
  if (typeof window === 'undefined' || !window.pleno) return null;
  const fn = (window.pleno as { printDocument?: DesktopPrint }).printDocument;
  return typeof fn === 'function' ? fn.bind(window.pleno) : null;
}

/** How long the viewer tab may take to read the PDF before its object URL is released. */
const VIEWER_URL_LIFETIME_MS = 10 * 60_000;

/** Opens PDF bytes in the browser's PDF viewer (a new tab). False when the browser blocked the tab. */
export function openInPdfViewer(bytes: Uint8Array<ArrayBuffer>): boolean {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const tab = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), VIEWER_URL_LIFETIME_MS);
  return tab !== null;
}

/** Prints the issued document `id` of `source` (the kecamatan's documents or the kab/kota plenary's). */
export async function printDocument(id: number, source: PrintSource = 'documents'): Promise<Result<PrintOutcome>> {
  const desktop = desktopPrint();
  if (desktop) {
    const r = await desktop(id, source);
    return r.ok ? { ok: true, value: { via: 'desktop', printed: r.value.printed } } : r;
  }
  const file = await readApi(`${source}.file`, { id });
  if (!file.ok) return file;
  if (!openInPdfViewer(base64ToBytes(file.value.base64))) {
    return {
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Peramban menahan tab baru untuk PDF. Izinkan jendela pop-up untuk Pleno, atau gunakan Unduh PDF.',
      },
    };
  }
  return { ok: true, value: { via: 'viewer' } };
}
