// The kab/kota documents of one pemilihan (docs/receiver-plenary.md): issue a draft or final D.Hasil
// Kabupaten/Kota-KWK or D.Kejadian Khusus, the list of issued versions, and a page preview drawn here by pdf.js
// from the kept PDF (the documents feature's pdf-view.ts; no backend image route).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KabDokumenView, KabPlenoView } from '../../../shared/contracts/kabpleno.contract';
import { base64ToBytes } from '../../api/bytes';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { StatusPill } from '../../ui/StatusPill';

function Preview({ doc }: { doc: KabDokumenView }) {
  const file = useApiQuery('kabpleno.file', { id: doc.id });
  const b64 = file.data?.id === doc.id ? file.data.base64 : null;
  const bytes = useMemo(() => (b64 ? base64ToBytes(b64) : null), [b64]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [page, setPage] = useState(1);
  const [drawn, setDrawn] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!bytes || !canvas.current) return;
    let live = true;
    const el = canvas.current;
    let destroy: (() => Promise<void>) | null = null;
    void import('../documents/pdf-view').then(async ({ openPdf, drawPage }) => {
      const task = openPdf(bytes);
      destroy = task.destroy;
      try {
        const pdf = await task.promise;
        if (!live) return;
        await drawPage(pdf, page, el, 720).promise;
        if (live) setDrawn(page);
      } catch (err) {
        console.warn('pdf.js could not draw the page', err);
        if (live) setFailed(true);
      }
    });
    return () => {
      live = false;
      void destroy?.();
    };
  }, [bytes, page]);
  return (
    <div className="stack" data-testid="pratinjau-kab">
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
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${doc.docId} versi ${doc.version}, halaman ${page} dari ${doc.pages}`}
        data-drawn={drawn === page ? 'true' : 'false'}
        style={{ border: '1px solid #ccc', maxWidth: '100%' }}
      />
      {failed && <p className="muted">Halaman tidak dapat ditampilkan di sini.</p>}
    </div>
  );
}

const NAMES = { 'd-hasil-kabko': 'D.Hasil Kabupaten/Kota', 'kejadian-kabko': 'D.Kejadian Khusus' } as const;

export function KabDokumen({ v }: { v: KabPlenoView }) {
  const list = useApiQuery('kabpleno.documents', { pemilihan: v.pemilihan.id });
  const issue = useApiCommand('kabpleno.issue');
  const [shown, setShown] = useState<number | null>(null);
  const docs = list.data?.dokumen ?? [];
  const selected = docs.find((d) => d.id === shown) ?? docs.at(-1) ?? null;
  async function run(kind: KabDokumenView['kind'], final: boolean) {
    const r = await issue.run({ kind, pemilihan: v.pemilihan.id, final });
    if (r.ok) setShown(r.value.id);
  }
  return (
    <Card title="Dokumen kabupaten/kota">
      <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
        <Button onClick={() => void run('d-hasil-kabko', false)} disabled={issue.pending}>
          Terbitkan draf D.Hasil Kabupaten/Kota
        </Button>
        <Button
          variant="primary"
          onClick={() => void run('d-hasil-kabko', true)}
          disabled={issue.pending || !v.model.final.final}
        >
          Terbitkan D.Hasil final
        </Button>
        <Button onClick={() => void run('kejadian-kabko', v.model.final.final)} disabled={issue.pending}>
          Terbitkan D.Kejadian Khusus
        </Button>
      </div>
      {!v.model.final.final && <p className="muted">Belum dapat final: {v.model.final.reasons.join(' ')}</p>}
      {issue.error && (
        <p role="alert" className="error">
          {issue.error.message}
        </p>
      )}
      {docs.length > 0 && (
        <ul>
          {docs.map((d) => (
            <li key={d.id}>
              <button type="button" className="link" onClick={() => setShown(d.id)}>
                {NAMES[d.kind]} versi {d.version}
              </button>{' '}
              {d.final ? <StatusPill tone="ok">Final</StatusPill> : <StatusPill tone="info">Draf</StatusPill>} ·{' '}
              {d.pages} halaman · sidik data <code>{d.dataSha256.slice(0, 16)}</code>
            </li>
          ))}
        </ul>
      )}
      {selected && <Preview key={selected.id} doc={selected} />}
    </Card>
  );
}
