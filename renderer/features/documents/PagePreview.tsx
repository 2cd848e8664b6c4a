// One page of the selected document at a time, with page navigation.
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Button } from '../../ui';
import type { DocumentItem } from '../../../shared/contracts/documents.contract';

export function PagePreview({ doc }: { doc: DocumentItem }) {
  const [page, setPage] = useState(1);
  const preview = useApiQuery('documents.page', { id: doc.id, page, dpi: 80 });
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
        {preview.data && preview.data.id === doc.id ? (
          <img
            src={`data:image/png;base64,${preview.data.png}`}
            width={preview.data.width}
            height={preview.data.height}
            alt={`Halaman ${preview.data.page} dari ${preview.data.pages}`}
          />
        ) : (
          <p className="muted">{preview.error ? preview.error.message : 'Menyiapkan halaman…'}</p>
        )}
      </div>
    </>
  );
}
