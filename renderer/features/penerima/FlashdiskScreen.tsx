// The receiver's drive watcher (#/flashdisk): the `.pleno-kirim` upload bundles on every flashdisk a PPK brings
// (read every 2 s, so a drive shows as soon as it is plugged in), what the receiver already holds of each, and their
// import — the same checks as the online push, the receipt written back to the flashdisk beside the bundle and shown
// here as a QR for the PPK to scan with a phone, with its words (docs/design.md §4.4).
import { useState } from 'react';
import type {
  DriveBundleView,
  DriveBundlesView,
  DriveImportView,
} from '../../../shared/contracts/penerima-drive.contract';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { Button, Card, EmptyState, StatusPill, Table, type Tone } from '../../ui';
import { ReceiptResults } from './ReceiptResults';
import { usePolling } from './use-polling';

const PEMILIHAN: Record<string, string> = { bupati: 'Bupati', gubernur: 'Gubernur' };

function held(b: DriveBundleView): { label: string; tone: Tone } {
  if (!b.terbaca) return { label: 'Tidak terbaca', tone: 'danger' };
  if (b.diterima === 'lengkap') return { label: 'Sudah diterima, lengkap', tone: 'ok' };
  if (b.diterima === 'menunggu-berkas') return { label: 'Sudah diterima, menunggu berkas', tone: 'warn' };
  return { label: 'Belum diimpor', tone: 'info' };
}

function Drive({ d, onImported }: { d: DriveBundlesView['drives'][number]; onImported: (v: DriveImportView) => void }) {
  const imp = useApiCommand('penerima.importDrive', onImported);
  const baru = d.bundles.filter((b) => b.diterima !== 'lengkap').length;
  return (
    <Card
      title={`Flashdisk ${d.label}`}
      aside={
        <Button variant="primary" busy={imp.pending} onClick={() => void imp.run({ root: d.root })}>
          Impor berkas kiriman dari {d.label}
        </Button>
      }
    >
      <p className="muted">
        {d.bundles.length} berkas kiriman, {baru} belum diterima lengkap.
        {d.truncated && ' Flashdisk ini berisi sangat banyak berkas; hanya sebagian yang diperiksa.'}
      </p>
      <Table
        aria-label={`Berkas kiriman di flashdisk ${d.label}`}
        rows={d.bundles}
        rowKey={(b) => b.path}
        columns={[
          {
            key: 'kec',
            header: 'Kecamatan',
            render: (b) => (b.nama ? `${b.nama} (${b.kecamatan})` : (b.kecamatan ?? '—')),
          },
          {
            key: 'pem',
            header: 'Pemilihan',
            render: (b) => (b.pemilihan ? (PEMILIHAN[b.pemilihan] ?? b.pemilihan) : '—'),
          },
          {
            key: 'urutan',
            header: 'Urutan',
            numeric: true,
            render: (b) => (b.urutan === null ? '—' : String(b.urutan)),
          },
          {
            key: 'status',
            header: 'Di penerima',
            render: (b) => {
              const s = held(b);
              return <StatusPill tone={s.tone}>{s.label}</StatusPill>;
            },
          },
          {
            key: 'berkas',
            header: 'Berkas',
            render: (b) => <code>{b.folder === '.' ? b.name : `${b.folder}/${b.name}`}</code>,
          },
        ]}
      />
      {imp.error && <p role="alert">{imp.error.message}</p>}
    </Card>
  );
}

export default function FlashdiskScreen() {
  const q = useApiQuery('penerima.driveBundles', {});
  const [hasil, setHasil] = useState<DriveImportView | null>(null);
  usePolling(q.reload, 2000);
  const drives = q.data?.drives ?? [];
  return (
    <div className="stack">
      <h1>Berkas kiriman dari flashdisk</h1>
      {q.error && <p role="alert">{q.error.message}</p>}
      {q.data && drives.length === 0 && (
        <EmptyState title="Belum ada flashdisk berisi berkas kiriman">
          Pasang flashdisk dari PPK kecamatan. Berkas kiriman (.pleno-kirim) di dalamnya muncul di sini dengan
          sendirinya.
        </EmptyState>
      )}
      {drives.map((d) => (
        <Drive
          key={d.root}
          d={d}
          onImported={(v) => {
            setHasil(v);
            q.reload();
          }}
        />
      ))}
      {hasil && <ReceiptResults view={hasil} />}
    </div>
  );
}
