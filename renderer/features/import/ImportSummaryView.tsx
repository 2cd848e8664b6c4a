// The outcome of an import, in words a PPK reads: how many TPS results are new, already held (duplikat) or differ
// from the one held (konflik), how many files were refused, how many photos matched; then every row — each result,
// photo, refused file or QR part picture — with its reason. The counts and the rows agree (kinds in the contract).
import type { ImportResultView, ImportRowKind, ImportSummary } from '../../../shared/contracts/import.contract';
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
  duplikat: 'Sudah ada (duplikat)',
  konflik: 'Konflik',
  ditolak: 'Ditolak',
};

function Outcome({ r }: { r: ImportResultView }) {
  if (r.kind === 'bagian-qr') return <StatusPill tone="neutral">Bagian kode QR</StatusPill>;
  const label = r.kind === 'foto' ? `Foto: ${STATUS_LABEL[r.status].toLowerCase()}` : STATUS_LABEL[r.status];
  return <StatusPill tone={STATUS_TONE[r.status]}>{label}</StatusPill>;
}

export function ResultsTable({ results, label }: { results: ImportResultView[]; label: string }) {
  return (
    <Table
      aria-label={label}
      rows={results}
      rowKey={(r, i) => `${i}-${r.name}`}
      columns={[
        { key: 'name', header: 'Berkas / sumber', render: (r) => <span className="mono">{r.name}</span> },
        { key: 'status', header: 'Hasil', render: (r) => <Outcome r={r} /> },
        { key: 'tps', header: 'TPS', render: (r) => r.tpsLabel ?? (r.tps ? formatKode(r.tps) : '—') },
        { key: 'pemilihan', header: 'Pemilihan', render: (r) => r.pemilihanLabel ?? r.pemilihan ?? '—' },
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

const KIND_WORDS: Record<ImportRowKind, string> = {
  hasil: 'hasil TPS',
  foto: 'foto',
  'bagian-qr': 'bagian kode QR',
  berkas: 'berkas ditolak',
};

/** "53 baris: 51 hasil TPS, 2 bagian kode QR". */
export function rowsInWords(results: ImportResultView[]): string {
  const n = new Map<ImportRowKind, number>();
  for (const r of results) n.set(r.kind ?? 'hasil', (n.get(r.kind ?? 'hasil') ?? 0) + 1);
  const parts = (Object.keys(KIND_WORDS) as ImportRowKind[])
    .filter((k) => (n.get(k) ?? 0) > 0)
    .map((k) => `${n.get(k)} ${KIND_WORDS[k]}`);
  return `${results.length} baris${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

function Counts({ summary: s }: { summary: ImportSummary }) {
  return (
    <div className="stack" role="status">
      <strong>{s.files} berkas dibaca.</strong>
      <div className="row">
        <span>Hasil TPS:</span>
        <StatusPill tone="ok">{s.diterima} baru diterima</StatusPill>
        <StatusPill tone="neutral">{s.duplikat} sudah ada sebelumnya (duplikat)</StatusPill>
        <StatusPill tone="warn">{s.konflik} berbeda dari yang sudah ada (konflik)</StatusPill>
      </div>
      <div className="row">
        <StatusPill tone={s.ditolak > 0 ? 'danger' : 'neutral'}>{s.ditolak} berkas ditolak</StatusPill>
        {s.foto > 0 && <StatusPill tone="ok">{s.foto} foto C.Hasil dicocokkan</StatusPill>}
      </div>
    </div>
  );
}

export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const rejected = summary.results.filter((r) => r.status === 'ditolak');
  return (
    <div className="stack" data-testid="import-summary">
      <Counts summary={summary} />
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
        <summary>Rincian per berkas ({rowsInWords(summary.results)})</summary>
        <ResultsTable results={summary.results} label="Rincian impor per berkas" />
      </details>
    </div>
  );
}
