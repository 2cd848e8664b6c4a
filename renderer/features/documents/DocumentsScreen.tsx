// Dokumen: issue Model D.Hasil Kecamatan-KWK and D.Kejadian Khusus (draft, or final once every desa is locked), the
// list of issued versions with their hashes, and the selected document (preview, print, download, drive, verify).
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Card } from '../../ui';
import { IssueForm } from './IssueForm';
import { DocumentList } from './DocumentList';
import { DocumentPanel } from './DocumentPanel';
import './documents.css';

export default function DocumentsScreen() {
  const status = useApiQuery('documents.status', {});
  const list = useApiQuery('documents.list', {});
  const [selected, setSelected] = useState<number | null>(null);
  const docs = list.data ?? [];
  const doc = docs.find((d) => d.id === selected) ?? null;

  if (status.error?.code === 'NO_KECAMATAN') {
    return (
      <Card title="Dokumen">
        <p>Belum ada data master. Buat basis data kecamatan dulu.</p>
      </Card>
    );
  }
  return (
    <div className="stack" data-testid="documents">
      <IssueForm status={status.data} onIssued={(d) => setSelected(d.id)} />
      <div className="doc-layout">
        <DocumentList docs={docs} selected={selected} onSelect={setSelected} />
        <DocumentPanel doc={doc} />
      </div>
    </div>
  );
}
