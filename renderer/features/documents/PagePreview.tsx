// One page of the selected document (of either level) at a time, drawn in the renderer by pdf.js from the kept PDF (documents.file,
// cached once per document: an issued file never changes), with page navigation. pdf.js loads on first use.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Button } from '../../ui';
import type { PrintSource } from '../../../shared/contracts/api';
import type { DocumentItem } from '../../../shared/contracts/documents.contract';
import { base64ToBytes } from '../../api/bytes';
import type { PdfDocument } from './pdf-view';

const PREVIEW_WIDTH = 640;

type Loaded = { state: 'loading' } | { state: 'ready'; pdf: PdfDocument } | { state: 'failed' };

function usePdf(bytes: Uint8Array | null): Loaded {
  const [loaded, setLoaded] = useState<{ bytes: Uint8Array | null; value: Loaded }>({
    bytes: null,
    value: { state: 'loading' },
  });
  useEffect(() => {
    if (!bytes) return;
    let live = true;
    let destroy: (() => Promise<void>) | null = null;
    void import('./pdf-view')
      .then(({ openPdf }) => {
        if (!live) return null;
        const task = openPdf(bytes);
        destroy = task.destroy;
        return task.promise;
      })
      .then(
        (pdf) => live && pdf && setLoaded({ bytes, value: { state: 'ready', pdf } }),
        (err: unknown) => {
          console.warn('pdf.js could not open the document', err);
          if (live) setLoaded({ bytes, value: { state: 'failed' } });
        },
      );
    return () => {
      live = false;
      void destroy?.();
    };
  }, [bytes]);
  return loaded.bytes === bytes ? loaded.value : { state: 'loading' };
}

/**
 * The pages of an issued document of either level: `source` names where its kept file is read (the kecamatan's
 * documents or the kab/kota plenary's); `label` names the document for a screen reader.
 */
export function PagePreview({
  doc,
  source = 'documents',
  label,
}: {
  doc: Pick<DocumentItem, 'id' | 'pages'>;
  source?: PrintSource;
  label?: string;
}) {
  const [page, setPage] = useState(1);
  const file = useApiQuery(`${source}.file`, { id: doc.id });
  const b64 = file.data?.id === doc.id ? file.data.base64 : null;
  const bytes = useMemo(() => (b64 ? base64ToBytes(b64) : null), [b64]);
  const loaded = usePdf(bytes);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState<number | null>(null);

  useEffect(() => {
    const el = canvas.current;
    if (loaded.state !== 'ready' || !el) return;
    let live = true;
    const draw = import('./pdf-view').then(({ drawPage }) => drawPage(loaded.pdf, page, el, PREVIEW_WIDTH));
    void draw
      .then((d) => d.promise)
      .then(
        () => live && setDrawn(page),
        (err: unknown) => {
          if ((err as { name?: string })?.name !== 'RenderingCancelledException') console.warn(err);
        },
      );
    return () => {
      live = false;
      void draw.then((d) => d.cancel());
    };
  }, [loaded, page]);

  const message = file.error
    ? file.error.message
    : loaded.state === 'failed'
      ? 'Halaman tidak dapat ditampilkan di sini; gunakan Unduh PDF untuk membukanya.'
      : drawn === page
        ? null
        : 'Menyiapkan halaman…';
  return (
    <>
      <div className="row">
        <Button size="sm" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1}>
          ‹ Sebelumnya
        </Button>
        <span>
          Halaman {page} dari {doc.pages}
        </span>
        <Button size="sm" onClick={() => setPage((p) => Math.min(doc.pages, p + 1))} disabled={page >= doc.pages}>
          Berikutnya ›
        </Button>
      </div>
      <div className="doc-preview">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${label ? `${label}, h` : 'H'}alaman ${page} dari ${doc.pages}`}
          data-drawn={drawn === page ? 'true' : 'false'}
          hidden={drawn === null}
        />
        {message && <p className="muted">{message}</p>}
      </div>
    </>
  );
}
