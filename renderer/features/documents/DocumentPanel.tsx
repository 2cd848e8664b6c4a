// The selected document: its actions (Cetak, Unduh PDF, Simpan ke drive, Periksa), its identity and hashes, the
// drive choice, the verification verdict and the page preview.
import { Button, Card, StatusPill } from '../../ui';
import type { DocumentItem, DocumentVerification } from '../../../shared/contracts/documents.contract';
import { useDocumentActions } from './document-actions';
import { FileButtons } from './FileButtons';
import { PagePreview } from './PagePreview';
import { KIND_LABELS } from './labels';
import type { PemilihanId } from '../../../shared/domain/model';
import { shortPemilihan } from '../dashboard/pemilihan-label';

export function DocumentPanel({ doc }: { doc: DocumentItem | null }) {
  if (!doc) {
    return (
      <Card title="Pratinjau">
        <p className="muted">Pilih dokumen dari daftar untuk melihat halamannya.</p>
      </Card>
    );
  }
  return <SelectedDocument key={doc.id} doc={doc} />;
}

function SelectedDocument({ doc }: { doc: DocumentItem }) {
  const a = useDocumentActions(doc);

  return (
    <Card
      title={`${KIND_LABELS[doc.kind]} · ${shortPemilihan(doc.pemilihan as PemilihanId)} · versi ${doc.version}`}
      aside={
        <span className="row">
          <FileButtons a={a} />
          <Button size="sm" onClick={() => void a.saveToDrive()} busy={a.busy === 'drive'}>
            Simpan ke drive
          </Button>
          <Button size="sm" onClick={() => void a.verify()} busy={a.busy === 'verify'}>
            Periksa
          </Button>
        </span>
      }
    >
      <div className="stack">
        <div className="doc-hash" data-testid="doc-hashes">
          <div>
            Dokumen {doc.docId} · versi {doc.version} · {doc.paper.toUpperCase()} · oleh {doc.issuedBy}
          </div>
          <div>SHA-256 data: {doc.dataSha256}</div>
          <div>SHA-256 berkas: {doc.fileSha256}</div>
          {doc.reason && <div>Alasan: {doc.reason}</div>}
        </div>
        {a.drives && (
          <div className="row" role="group" aria-label="Pilih drive">
            <span>Simpan ke:</span>
            {a.drives.map((t) => (
              <Button key={t.root} size="sm" onClick={() => void a.saveTo(t)} title={t.root}>
                {t.label}
              </Button>
            ))}
            <Button size="sm" variant="ghost" onClick={a.cancelDrives}>
              Batal
            </Button>
          </div>
        )}
        {a.verification && <Verdict v={a.verification} />}
        <PagePreview doc={doc} />
      </div>
    </Card>
  );
}

function Verdict({ v }: { v: DocumentVerification }) {
  return (
    <div className="row" data-testid="doc-verify">
      {v.valid ? (
        <StatusPill tone="ok">Sah: data, tanda tangan PPK dan halaman cocok</StatusPill>
      ) : (
        <>
          <StatusPill tone="danger">Tidak sah</StatusPill>
          <ul>
            {v.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
