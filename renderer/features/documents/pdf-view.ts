// Page previews rendered here with pdf.js from the kept PDF itself: nothing at run time needs poppler. The worker is
// the package's own file, bundled by vite (`?url`) and served from our origin, so nothing is fetched from elsewhere.
// eval stays off: the CSP forbids it, and pdf.js then draws glyphs without compiling them to functions.
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type PdfDocument = PDFDocumentProxy;

/** Opens a PDF from its bytes (copied: pdf.js hands its buffer to the worker, the cache keeps the original). */
export function openPdf(bytes: Uint8Array): { promise: Promise<PDFDocumentProxy>; destroy(): Promise<void> } {
  const task = getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false, stopAtErrors: true });
  return { promise: task.promise, destroy: () => task.destroy() };
}

/**
 * Draws one page into the canvas at `cssWidth` CSS pixels wide (sharp on high-density screens). `cancel` stops a
 * draw that is no longer wanted (pdf.js refuses two draws into one canvas at once).
 */
export function drawPage(
  pdf: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  cssWidth: number,
): { promise: Promise<void>; cancel(): void } {
  let cancelled = false;
  let task: RenderTask | null = null;
  const promise = pdf.getPage(pageNumber).then((page) => {
    if (cancelled) return;
    const base = page.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    task = page.render({ canvas, viewport });
    return task.promise;
  });
  return {
    promise,
    cancel: () => {
      cancelled = true;
      task?.cancel();
    },
  };
}
