// The kab/kota dashboard (#/penerima[/<pemilihan>]): each kecamatan of the pemilihan with its state (belum, draf,
// final, menunggu berkas, ditolak with its problems), urutan, when it was received and its votes; the kab/kota total
// sums the final ones only. Refreshes every 2 s while open, so it fills as kecamatan push.
import type { PenerimaDashboard, PenerimaRow } from '../../../shared/contracts/penerima.contract';
import { useApiQuery } from '../../api/hooks';
import { href, useRoute } from '../../app/router';
import { Card } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { StatusPill } from '../../ui/StatusPill';
import { Table, type Column } from '../../ui/Table';
import { AlamatPenerima } from './AlamatPenerima';
import { DriveOffer } from './DriveOffer';
import { usePolling } from './use-polling';
import { KecamatanDetail } from './KecamatanDetail';
import { TraceView } from './TraceView';
import { angka, statusOf, waktu } from './penerima-format';

function columns(pemilihan: string, pilihan: number): Column<PenerimaRow>[] {
  return [
    {
      key: 'nama',
      header: 'Kecamatan',
      render: (r) => <a href={href('/penerima', pemilihan, r.kode)}>{r.nama}</a>,
    },
    {
      key: 'status',
      header: 'Status',
      render: (r) => {
        const s = statusOf(r);
        return (
          <span className="stack" style={{ gap: 4, alignItems: 'flex-start' }}>
            <StatusPill tone={s.tone}>{s.label}</StatusPill>
            {r.ditolak && (
              <span className="muted" data-testid={`ditolak-${r.kode}`}>
                Kiriman urutan {r.ditolak.urutan}: {r.ditolak.masalah.join(' ')}
              </span>
            )}
          </span>
        );
      },
    },
    { key: 'urutan', header: 'Urutan', numeric: true, render: (r) => angka(r.urutan) },
    { key: 'diterima', header: 'Diterima', render: (r) => waktu(r.diterima) },
    ...Array.from({ length: pilihan }, (_, i) => ({
      key: `p${i}`,
      header: `Paslon ${i + 1}`,
      numeric: true,
      render: (r: PenerimaRow) => angka(r.total?.suara.paslon[i]),
    })),
    { key: 'sah', header: 'Suara sah', numeric: true, render: (r) => angka(r.total?.suara.sah) },
  ];
}

function Pemilihan({ p }: { p: PenerimaDashboard['pemilihan'][number] }) {
  const pilihan = p.total.suara.paslon.length;
  const footer: Record<string, string> = { nama: 'Jumlah kecamatan final', sah: angka(p.total.suara.sah) };
  p.total.suara.paslon.forEach((v, i) => (footer[`p${i}`] = angka(v)));
  return (
    <Card
      title={p.nama}
      aside={
        <span className="muted" data-testid={`ringkasan-${p.id}`}>
          {p.kecamatan.masuk} dari {p.kecamatan.total} kecamatan masuk · {p.kecamatan.final} final
        </span>
      }
    >
      <Table
        aria-label={`Kecamatan, ${p.nama}`}
        columns={columns(p.id, pilihan)}
        rows={p.daftar}
        rowKey={(r) => r.kode}
        footer={footer}
      />
    </Card>
  );
}

export default function PenerimaScreen() {
  const route = useRoute();
  const [pemilihan, kode, tps] = route.params;
  const q = useApiQuery('penerima.dashboard', {});
  usePolling(q.reload, 2000);
  if (pemilihan && kode && tps) return <TraceView pemilihan={pemilihan} kode={kode} tps={tps} />;
  if (pemilihan && kode) return <KecamatanDetail pemilihan={pemilihan} kode={kode} />;
  if (!q.data) {
    return q.error ? <EmptyState title="Data penerima tidak dapat dimuat">{q.error.message}</EmptyState> : null;
  }
  const shown = q.data.pemilihan.filter((p) => !pemilihan || p.id === pemilihan);
  return (
    <div className="stack">
      <h1>Kiriman kecamatan — Kabupaten {q.data.kabkota.nama}</h1>
      <AlamatPenerima />
      <DriveOffer />
      <nav className="row" aria-label="Pilih pemilihan" style={{ gap: 12 }}>
        <a href={href('/penerima')} aria-current={!pemilihan ? 'page' : undefined}>
          Semua pemilihan
        </a>
        {q.data.pemilihan.map((p) => (
          <a key={p.id} href={href('/penerima', p.id)} aria-current={p.id === pemilihan ? 'page' : undefined}>
            {p.id === 'bupati' ? 'Bupati' : p.id === 'gubernur' ? 'Gubernur' : p.id}
          </a>
        ))}
      </nav>
      {shown.map((p) => (
        <Pemilihan key={p.id} p={p} />
      ))}
    </div>
  );
}
