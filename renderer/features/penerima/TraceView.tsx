// The trace of one TPS's numbers at the kab/kota (#/penerima/<pemilihan>/<kode>/<tps>): the signed C.Hasil record
// the kecamatan's D.Hasil names (device, key, time, its numbers and the photo of the sheet), then each approved
// correction with its basis and approver, then the numbers the D.Hasil counts.
import type { PenerimaTrace } from '../../../shared/contracts/penerima.contract';
import type { CHasilCounts } from '../../../shared/domain/model';
import { useApiQuery } from '../../api/hooks';
import { href } from '../../app/router';
import { Card } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { Table } from '../../ui/Table';
import { angka, waktu } from './penerima-format';

/** Approved corrections, oldest first: the field, from → to, basis, reason, approver and time. */
function KoreksiList({ koreksi, testId }: { koreksi: PenerimaTrace['koreksi']; testId?: string }) {
  return (
    <ol data-testid={testId}>
      {koreksi.map((k, i) => (
        <li key={i}>
          {k.bidang}: {angka(k.dari)} → {angka(k.menjadi)}; dasar {k.dasar}; alasan: {k.alasan}; disetujui {k.disetujui}
          , {waktu(k.waktu)}
        </li>
      ))}
    </ol>
  );
}

function rows(c: CHasilCounts | null, r: CHasilCounts | null) {
  const out: { label: string; rekaman: number | undefined; dihitung: number | undefined }[] = [];
  const n = Math.max(c?.suara.paslon.length ?? 0, r?.suara.paslon.length ?? 0);
  for (let i = 0; i < n; i++)
    out.push({ label: `Suara paslon ${i + 1}`, rekaman: r?.suara.paslon[i], dihitung: c?.suara.paslon[i] });
  out.push({ label: 'Suara sah', rekaman: r?.suara.sah, dihitung: c?.suara.sah });
  out.push({ label: 'Suara tidak sah', rekaman: r?.suara.tidakSah, dihitung: c?.suara.tidakSah });
  out.push({ label: 'Jumlah suara', rekaman: r?.suara.total, dihitung: c?.suara.total });
  return out;
}

function Photo({ sha256 }: { sha256: string }) {
  const q = useApiQuery('penerima.photo', { sha256 });
  if (!q.data) return <p className="muted">{q.error ? q.error.message : 'Memuat foto…'}</p>;
  return (
    <img
      src={`data:${q.data.mime};base64,${q.data.base64}`}
      alt="Foto lembar C.Hasil dari TPS ini"
      style={{ maxWidth: '100%', maxHeight: 480, border: '1px solid #ccc' }}
    />
  );
}

function Rekaman({ t }: { t: PenerimaTrace }) {
  if (!t.rekaman) return <p>Rekaman C.Hasil sumbernya tidak ada di kiriman ini.</p>;
  return (
    <>
      <p>
        Ditandatangani perangkat <strong>{t.rekaman.perangkat}</strong> (sidik jari kunci {t.rekaman.kunci}), dibuat{' '}
        {waktu(t.rekaman.dibuat)}. Hash rekaman <code>{t.rekaman.hash.slice(0, 16)}…</code>
      </p>
      {t.rekaman.foto.map((f) => (
        <Photo key={f} sha256={f} />
      ))}
    </>
  );
}

export function TraceView({ pemilihan, kode, tps }: { pemilihan: string; kode: string; tps: string }) {
  const q = useApiQuery('penerima.trace', { kecamatan: kode, pemilihan, tps });
  if (!q.data) return q.error ? <EmptyState title="Jejak tidak dapat dimuat">{q.error.message}</EmptyState> : null;
  const t = q.data;
  return (
    <div className="stack" data-testid="jejak">
      <a href={href('/penerima', pemilihan, kode)}>← Kembali ke kecamatan</a>
      <h1>Jejak angka {t.tpsLabel}</h1>
      <Card title="1. Rekaman C.Hasil bertanda tangan">
        <Rekaman t={t} />
      </Card>
      <Card title="2. Koreksi yang disetujui pleno kecamatan">
        {t.koreksi.length === 0 ? (
          <p>Tidak ada koreksi: angka D.Hasil sama dengan rekaman.</p>
        ) : (
          <KoreksiList koreksi={t.koreksi} />
        )}
      </Card>
      {t.koreksiKab.length > 0 && (
        <Card title="Koreksi yang disetujui pleno KPU kabupaten/kota">
          <KoreksiList koreksi={t.koreksiKab} testId="koreksi-kab" />
        </Card>
      )}
      <Card title={`3. Angka di D.Hasil kecamatan (kiriman urutan ${t.urutan})`}>
        <Table
          aria-label="Angka rekaman dan angka yang dihitung"
          columns={[
            { key: 'label', header: 'Isian', render: (r) => r.label },
            { key: 'rekaman', header: 'Rekaman', numeric: true, render: (r) => angka(r.rekaman) },
            { key: 'dihitung', header: 'Dihitung di D.Hasil', numeric: true, render: (r) => angka(r.dihitung) },
          ]}
          rows={rows(t.counts, t.rekaman?.counts ?? null)}
          rowKey={(r) => r.label}
        />
      </Card>
    </div>
  );
}
