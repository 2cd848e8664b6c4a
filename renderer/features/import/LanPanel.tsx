// LAN: the receiver of docs/design.md §3.5, off until the PPK starts it. Shows the address(es) to type on the phones, a
// QR with the URL and the PPK key for the KPPS app to scan, and every device that tried to send (unknown ones too),
// with its last contact and what it sent.
import { useState } from 'react';
import type { LanDeviceView, LanStatus } from '../../../shared/contracts/import.contract';
import type { PemilihanId } from '../../../shared/domain/model';
import { shortPemilihan } from '../dashboard/pemilihan-label';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { Button, Card, StatusPill, Table } from '../../ui';
import { waktu } from '../../app/local-time';
import { STATUS_LABEL, STATUS_TONE } from './ImportSummaryView';
import { DevicesPanel } from './DevicesPanel';

/** The kecamatan's local time with WIB/WITA/WIT, as everywhere in the plenary (not the laptop's zone). */
const time = (iso: string): string => waktu(iso);

function DevicesTable({ devices }: { devices: LanDeviceView[] }) {
  return (
    <Table
      aria-label="Perangkat yang menghubungi"
      rows={devices}
      rowKey={(d, i) => `${d.keyId ?? d.remote}-${i}`}
      columns={[
        {
          key: 'device',
          header: 'Perangkat',
          render: (d) => (
            <span>
              <span className="mono">{d.keyId ?? '(tanpa kunci)'}</span>{' '}
              {d.registered ? (
                <StatusPill tone="ok">terdaftar {d.registeredTpsLabels.join(', ')}</StatusPill>
              ) : (
                <StatusPill tone="danger">tidak terdaftar</StatusPill>
              )}
            </span>
          ),
        },
        { key: 'remote', header: 'Alamat', render: (d) => <span className="mono">{d.remote}</span> },
        { key: 'last', header: 'Kontak terakhir', render: (d) => time(d.lastAt) },
        {
          key: 'outcome',
          header: 'Terakhir',
          render: (d) => (
            <span title={d.lastReason ?? undefined}>
              <StatusPill tone={STATUS_TONE[d.lastOutcome]}>{STATUS_LABEL[d.lastOutcome]}</StatusPill>
              {d.lastTpsLabel
                ? ` · ${d.lastTpsLabel}${d.lastPemilihan ? ` · ${shortPemilihan(d.lastPemilihan as PemilihanId)}` : ''}`
                : ''}
              {d.lastReason ? <div className="muted">{d.lastReason}</div> : null}
            </span>
          ),
        },
        {
          key: 'sent',
          header: 'Kiriman',
          render: (d) =>
            `${d.requests} (${d.diterima} diterima, ${d.duplikat} duplikat, ${d.konflik} konflik, ${d.ditolak} ditolak)`,
        },
      ]}
      empty="Belum ada perangkat yang menghubungi."
    />
  );
}

/** The running receiver: its addresses, the PPK key, and the QR a KPPS app scans to fill both in. */
function LanOn({ status: s, stopping, onStop }: { status: LanStatus; stopping: boolean; onStop: () => void }) {
  return (
    <div className="lan-on">
      <div className="stack grow">
        <p>Ponsel KPPS di jaringan Wi-Fi yang sama dapat mengirim hasil ke alamat:</p>
        <ul className="lan-urls">
          {s.urls.map((u) => (
            <li key={u} className="mono num-lg">
              {u}
            </li>
          ))}
        </ul>
        <p>
          Kunci PPK: <span className="mono">{s.ppkKey}</span>
          <br />
          Sidik jari: <span className="mono">{s.ppkKeyId?.match(/.{1,4}/g)?.join(' ')}</span>
        </p>
        <p className="muted">
          Hanya perangkat yang terdaftar di data master atau didaftarkan dengan keputusan PPK yang diterima.{' '}
          {s.rateLimited > 0 ? `${s.rateLimited} kiriman ditahan karena terlalu cepat.` : ''}
        </p>
        <div className="row">
          <Button variant="danger" busy={stopping} onClick={onStop}>
            Hentikan penerima
          </Button>
        </div>
      </div>
      {s.qrDataUrl && (
        <figure className="lan-qr">
          <img src={s.qrDataUrl} alt="Kode QR berisi alamat penerima dan kunci PPK" width={240} height={240} />
          <figcaption className="muted">Pindai dengan aplikasi KPPS untuk mengisi alamat dan kunci PPK.</figcaption>
        </figure>
      )}
    </div>
  );
}

export function LanPanel() {
  const status = useApiQuery('import.lanStatus', {});
  const start = useApiCommand('import.lanStart');
  const stop = useApiCommand('import.lanStop');
  const [port, setPort] = useState('8417');
  const s = status.data;
  const error = start.error?.message ?? stop.error?.message ?? s?.error ?? null;

  return (
    <div className="stack import-lan">
      <Card
        title="Penerima LAN"
        aside={s?.running ? <StatusPill tone="ok">Aktif</StatusPill> : <StatusPill tone="neutral">Mati</StatusPill>}
      >
        {s?.running ? (
          <LanOn status={s} stopping={stop.pending} onStop={() => void stop.run({})} />
        ) : (
          <div className="stack">
            <p>Penerima LAN mati. Nyalakan bila ponsel KPPS akan mengirim hasil lewat Wi-Fi kecamatan.</p>
            <div className="row">
              <label>
                Port{' '}
                <input
                  className="input num"
                  style={{ width: 90 }}
                  value={port}
                  inputMode="numeric"
                  onChange={(e) => setPort(e.target.value.replace(/\D/g, ''))}
                />
              </label>
              <Button
                variant="primary"
                busy={start.pending}
                onClick={() => void start.run({ port: Number(port || '8417') })}
              >
                Nyalakan penerima LAN
              </Button>
            </div>
          </div>
        )}
        {error && (
          <p className="alert alert-danger" role="alert">
            {error}
          </p>
        )}
      </Card>
      <Card title="Perangkat yang menghubungi">
        <DevicesTable devices={s?.devices ?? []} />
      </Card>
      <DevicesPanel />
    </div>
  );
}
