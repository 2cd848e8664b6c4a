// One kecamatan of the kab/kota (#/penerima/<pemilihan>/<kode>): its latest confirmed D.Hasil by desa and TPS; each
// TPS opens the trace of its numbers. Refused pushes are listed with their problems in words.
import type { PenerimaKecamatanView } from '../../../shared/contracts/penerima.contract';
import { useApiQuery } from '../../api/hooks';
import { href } from '../../app/router';
import { Card } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { StatusPill } from '../../ui/StatusPill';
import { Table, type Column } from '../../ui/Table';
import { angka, waktu } from './penerima-format';

type Desa = PenerimaKecamatanView['desa'][number];
type Tps = Desa['tps'][number];

function tpsColumns(v: PenerimaKecamatanView): Column<Tps>[] {
  return [
    {
      key: 'tps',
      header: 'TPS',
      render: (t) => (
        <a href={href('/penerima', v.pemilihan, v.kode, t.tps)}>TPS {String(t.nomor).padStart(3, '0')} — jejak angka</a>
      ),
    },
    ...v.pilihan.map((c, i) => ({
      key: `p${i}`,
      header: `${c.nomor}. ${c.nama}`,
      numeric: true,
      render: (t: Tps) => angka(t.counts?.suara.paslon[i]),
    })),
    { key: 'sah', header: 'Sah', numeric: true, render: (t) => angka(t.counts?.suara.sah) },
    {
      key: 'koreksi',
      header: 'Koreksi',
      render: (t) => (t.dikoreksi ? <StatusPill tone="warn">Dikoreksi</StatusPill> : '—'),
    },
  ];
}

function DesaCard({ v, d }: { v: PenerimaKecamatanView; d: Desa }) {
  const footer: Record<string, string> = { tps: `Jumlah Desa ${d.nama}`, sah: angka(d.total?.suara.sah) };
  d.total?.suara.paslon.forEach((n, i) => (footer[`p${i}`] = angka(n)));
  return (
    <Card title={`Desa ${d.nama}`}>
      <Table
        aria-label={`TPS Desa ${d.nama}`}
        columns={tpsColumns(v)}
        rows={d.tps}
        rowKey={(t) => t.tps}
        footer={footer}
      />
    </Card>
  );
}

export function KecamatanDetail({ pemilihan, kode }: { pemilihan: string; kode: string }) {
  const q = useApiQuery('penerima.kecamatan', { kode, pemilihan });
  if (!q.data) return q.error ? <EmptyState title="Kecamatan tidak dapat dimuat">{q.error.message}</EmptyState> : null;
  const v = q.data;
  return (
    <div className="stack">
      <a href={href('/penerima', pemilihan)}>← Semua kecamatan</a>
      <h1>
        Kecamatan {v.nama} — {pemilihan === 'bupati' ? 'Bupati' : pemilihan === 'gubernur' ? 'Gubernur' : pemilihan}
      </h1>
      {v.urutan === null ? (
        <EmptyState title="Belum ada kiriman yang diterima">
          Kecamatan ini belum mengirim D.Hasil yang lolos pemeriksaan.
        </EmptyState>
      ) : (
        <p>
          D.Hasil {v.final ? <StatusPill tone="ok">Final</StatusPill> : <StatusPill tone="info">Draf</StatusPill>}{' '}
          kiriman urutan {v.urutan}; suara sah kecamatan {angka(v.total?.suara.sah)}.
        </p>
      )}
      {v.ditolak.length > 0 && (
        <Card title="Kiriman yang ditolak">
          <ul>
            {v.ditolak.map((d) => (
              <li key={`${d.urutan}-${d.waktu}`}>
                Urutan {d.urutan} ({d.jalur === 'berkas' ? 'lewat flashdisk' : 'daring'}, {waktu(d.waktu)}):{' '}
                {d.masalah.join(' ')}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {v.desa.map((d) => (
        <DesaCard key={d.kode} v={v} d={d} />
      ))}
    </div>
  );
}
