// The issued documents, newest first, with status, issue time and the start of the data hash; a row selects.
import { Card, StatusPill, Table, type Column } from '../../ui';
import type { DocumentItem } from '../../../shared/contracts/documents.contract';
import type { PemilihanId } from '../../../shared/domain/model';
import { shortPemilihan } from '../dashboard/pemilihan-label';
import { formatIssued, KIND_LABELS } from './labels';

const COLUMNS: Column<DocumentItem>[] = [
  {
    key: 'kind',
    header: 'Dokumen',
    render: (d) => (
      <>
        <strong>{KIND_LABELS[d.kind]}</strong>
        <div className="muted">{shortPemilihan(d.pemilihan as PemilihanId)}</div>
      </>
    ),
  },
  { key: 'version', header: 'Versi', numeric: true, width: '60px', render: (d) => d.version },
  {
    key: 'status',
    header: 'Status',
    render: (d) => (
      <span className="row">
        {d.final ? <StatusPill tone="ok">FINAL</StatusPill> : <StatusPill tone="warn">DRAF</StatusPill>}
        {d.simulasi && <StatusPill tone="sim">SIMULASI</StatusPill>}
      </span>
    ),
  },
  { key: 'issued', header: 'Terbit', render: (d) => formatIssued(d.issuedAt) },
];

export function DocumentList({
  docs,
  selected,
  onSelect,
}: {
  docs: DocumentItem[];
  selected: number | null;
  onSelect(id: number): void;
}) {
  return (
    <Card title="Dokumen yang diterbitkan">
      <Table
        aria-label="Dokumen yang diterbitkan"
        columns={COLUMNS}
        rows={docs}
        rowKey={(d) => String(d.id)}
        selectedKey={selected === null ? null : String(selected)}
        onRowClick={(d) => onSelect(d.id)}
        empty="Belum ada dokumen yang diterbitkan."
      />
    </Card>
  );
}
