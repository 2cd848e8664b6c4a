// The outcome of an import: counts per outcome and every record or rejected file with its reason.
import type { ImportResultView, ImportSummary } from '../../../shared/contracts/import.contract';
import { formatKode } from '../../../shared/domain/model';
import { StatusPill, Table, type Tone } from '../../ui';

export const STATUS_TONE: Record<ImportResultView['status'], Tone> = {
  diterima: 'ok',
  duplikat: 'neutral',
  konflik: 'warn',
  ditolak: 'danger',
};

export const STATUS_LABEL: Record<ImportResultView['status'], string> = {
  diterima: 'Diterima',
  duplikat: 'Duplikat',
  konflik: 'Konflik',
  ditolak: 'Ditolak',
};

export function ResultsTable({ results, label }: { results: ImportResultView[]; label: string }) {
  return (
    <Table
      aria-label={label}
      rows={results}
      rowKey={(r, i) => `${i}-${r.name}`}
      columns={[
        { key: 'name', header: 'Berkas / sumber', render: (r) => <span className="mono">{r.name}</span> },
        {
          key: 'status',
          header: 'Hasil',
          render: (r) => <StatusPill tone={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</StatusPill>,
        },
        { key: 'tps', header: 'TPS', render: (r) => (r.tps ? formatKode(r.tps) : '—') },
        { key: 'pemilihan', header: 'Pemilihan', render: (r) => r.pemilihan ?? '—' },
        {
          key: 'reason',
          header: 'Keterangan',
          // A stored record's warnings (R17) are read beside it: "Peringatan R17: …".
          render: (r) => [r.reason, ...(r.peringatan ?? []).map((w) => `Peringatan ${w}`)].filter(Boolean).join(' · '),
        },
      ]}
      empty="Belum ada."
    />
  );
}

export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const rejected = summary.results.filter((r) => r.status === 'ditolak');
  return (
    <div className="stack" data-testid="import-summary">
      <div className="row" role="status">
        <strong>{summary.files} berkas diproses; hasil TPS:</strong>
        <StatusPill tone="ok">{summary.diterima} diterima</StatusPill>
        <StatusPill tone="neutral">{summary.duplikat} duplikat</StatusPill>
        <StatusPill tone="warn">{summary.konflik} konflik</StatusPill>
        <StatusPill tone="danger">{summary.ditolak} ditolak</StatusPill>
      </div>
      {rejected.length > 0 && (
        <div className="import-rejected">
          <h3>Berkas ditolak ({rejected.length})</h3>
          <p className="muted">
            Berkas yang ditolak disalin ke folder karantina beserta alasannya; tidak ada angka yang disimpan darinya.
          </p>
          <ResultsTable results={rejected} label="Berkas ditolak" />
        </div>
      )}
      <details>
        <summary>Semua hasil ({summary.results.length})</summary>
        <ResultsTable results={summary.results} label="Semua hasil impor" />
      </details>
    </div>
  );
}
