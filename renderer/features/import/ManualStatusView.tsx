// Where the double entry of one TPS stands: waiting for the second operator, the two entries differing box by box
// (with "Perbaiki entri" for each operator), or both agreed and the record stored.
import type { ManualStatus } from '../../../shared/contracts/import.contract';
import { fieldLabel, getCount } from '../../../shared/domain/labels';
import { Button, Card, StatusPill, Table } from '../../ui';
import { shortPemilihan } from '../dashboard/pemilihan-label';
import { STATUS_LABEL, STATUS_TONE } from './ImportSummaryView';

function Mismatches({ status, onFix }: { status: ManualStatus; onFix(slot: 1 | 2): void }) {
  const e1 = status.entry1;
  const e2 = status.entry2;
  const rows = status.mismatches.map((path) => ({
    path,
    label: fieldLabel(path, status.pilihan),
    a: e1 ? getCount(e1.counts, path) : null,
    b: e2 ? getCount(e2.counts, path) : null,
  }));
  return (
    <Card title={`Entri berbeda di ${rows.length} kotak`} data-testid="manual-status">
      <p>
        Periksa kembali kertas C.Hasil pada kotak yang ditandai. Operator yang salah mengetik memperbaiki entrinya;
        hasil baru dibuat setelah kedua entri sama.
      </p>
      <Table
        aria-label="Kotak yang berbeda"
        rows={rows}
        rowKey={(r) => r.path}
        columns={[
          { key: 'label', header: 'Kotak', render: (r) => r.label },
          { key: 'a', header: `Entri 1 (${e1?.operator ?? ''})`, numeric: true, render: (r) => r.a },
          { key: 'b', header: `Entri 2 (${e2?.operator ?? ''})`, numeric: true, render: (r) => r.b },
        ]}
      />
      <div className="row">
        <Button onClick={() => onFix(1)}>Perbaiki entri 1 ({e1?.operator})</Button>
        <Button onClick={() => onFix(2)}>Perbaiki entri 2 ({e2?.operator})</Button>
      </div>
    </Card>
  );
}

export function ManualStatusView({
  status,
  tpsLabel,
  onFix,
}: {
  status: ManualStatus;
  /** "Desa Hampang TPS 003". */
  tpsLabel: string;
  onFix(slot: 1 | 2): void;
}) {
  if (status.state === 'kosong') return null;
  if (status.state === 'menunggu') {
    const have = status.entry1 ?? status.entry2;
    return (
      <p className="alert alert-info" role="status" data-testid="manual-status">
        Entri {have?.slot} oleh <strong>{have?.operator}</strong> tersimpan. Menunggu entri {have?.slot === 1 ? 2 : 1}{' '}
        oleh operator lain.
      </p>
    );
  }
  if (status.state === 'sepakat' && status.result) {
    const r = status.result;
    return (
      <div className="alert alert-ok" role="status" data-testid="manual-status">
        <StatusPill tone="ok">Kedua entri sama</StatusPill> Hasil {tpsLabel} pemilihan{' '}
        {shortPemilihan(status.pemilihan)} disimpan sebagai hasil entri manual oleh <strong>{r.operators[0]}</strong>{' '}
        dan <strong>{r.operators[1]}</strong>, ditandatangani kunci PPK:{' '}
        <StatusPill tone={STATUS_TONE[r.outcome]}>{STATUS_LABEL[r.outcome]}</StatusPill>
        {r.reason ? ` ${r.reason}` : ''}
      </div>
    );
  }
  return <Mismatches status={status} onFix={onFix} />;
}
