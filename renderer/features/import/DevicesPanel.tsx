// Perangkat KPPS: devices that tried the LAN receiver without being registered (with "Daftarkan"), and every
// registered device, from the data master or added by a recorded PPK decision (docs/design.md §3.5). The decision is
// taken by the current operator when they are the ketua PPK or a delegate, with their PIN; the backend checks it
// again and records it.
import { useMemo, useState } from 'react';
import type { DevicesView, RegisteredDeviceView, UnknownDeviceView } from '../../../shared/contracts/import.contract';
import { useApiQuery } from '../../api/hooks';
import { Button, Card, StatusPill, Table } from '../../ui';
import { waktu } from '../../app/local-time';
import { RegisterDeviceDialog } from './RegisterDeviceDialog';
import type { RegisterTarget } from './use-register-device';

/** The kecamatan's local time with WIB/WITA/WIT, as everywhere in the plenary (not the laptop's zone). */
const time = (iso: string | null): string => (iso ? waktu(iso) : '–');

function UnknownDevicesCard({
  unknown,
  onRegister,
}: {
  unknown: UnknownDeviceView[];
  onRegister(t: RegisterTarget): void;
}) {
  return (
    <Card
      title="Perangkat tidak dikenal"
      aside={<StatusPill tone={unknown.length > 0 ? 'warn' : 'neutral'}>{unknown.length}</StatusPill>}
    >
      <Table<UnknownDeviceView>
        aria-label="Perangkat tidak dikenal"
        rows={unknown}
        rowKey={(u) => u.keyId}
        columns={[
          { key: 'id', header: 'Id perangkat', render: (u) => <span className="mono">{u.keyId}</span> },
          { key: 'tps', header: 'TPS pada kiriman', render: (u) => u.lastTpsLabel ?? '–' },
          { key: 'remote', header: 'Alamat', render: (u) => <span className="mono">{u.remote}</span> },
          { key: 'last', header: 'Terakhir mencoba', render: (u) => time(u.lastAt) },
          { key: 'n', header: 'Percobaan', numeric: true, render: (u) => u.requests },
          {
            key: 'act',
            header: '',
            render: (u) => (
              <Button
                size="sm"
                variant="primary"
                onClick={() => onRegister({ id: u.keyId, tps: u.lastTps ?? '' })}
                aria-label={`Daftarkan ${u.keyId}`}
              >
                Daftarkan
              </Button>
            ),
          },
        ]}
        empty="Tidak ada perangkat tak dikenal yang mencoba mengirim."
      />
    </Card>
  );
}

/** Decisions first (there are few and they matter), then the master's devices in TPS order; narrowed by `filter`. */
function useShownDevices(view: DevicesView | undefined, filter: string): RegisteredDeviceView[] {
  return useMemo(() => {
    const all = view?.registered ?? [];
    const f = filter.trim().toLowerCase();
    const shown = f
      ? all.filter((d) => `${d.id} ${d.tps} ${d.tpsLabel} ${d.fingerprint}`.toLowerCase().includes(f))
      : all;
    return [...shown].sort((a, b) =>
      a.source === b.source ? a.tps.localeCompare(b.tps) : a.source === 'ppk-decision' ? -1 : 1,
    );
  }, [view, filter]);
}

function SourceCell({ d }: { d: RegisteredDeviceView }) {
  if (d.source === 'master') return <StatusPill tone="neutral">data master</StatusPill>;
  return (
    <span title={d.reason ?? undefined}>
      <StatusPill tone="info">keputusan PPK</StatusPill> {d.decidedBy} · {time(d.addedAt)}
      {d.reason ? <div className="muted">{d.reason}</div> : null}
    </span>
  );
}

function RegisteredDevicesCard({ view, onRegister }: { view: DevicesView; onRegister(t: RegisterTarget): void }) {
  const [filter, setFilter] = useState('');
  const registered = useShownDevices(view, filter);
  const decisions = view.registered.filter((d) => d.source === 'ppk-decision').length;
  return (
    <Card
      title="Perangkat KPPS terdaftar"
      aside={
        <span className="muted">
          {view.registered.length - decisions} dari data master · {decisions} keputusan PPK
        </span>
      }
    >
      <div className="row">
        <input
          className="input"
          placeholder="Cari id, TPS, sidik jari…"
          aria-label="Cari perangkat"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <Button size="sm" onClick={() => onRegister({ id: '', tps: '' })}>
          Daftarkan perangkat lain…
        </Button>
      </div>
      <Table
        aria-label="Perangkat KPPS terdaftar"
        rows={registered}
        rowKey={(d) => `${d.source}-${d.id}-${d.tps}`}
        columns={[
          { key: 'id', header: 'Id perangkat', render: (d) => <span className="mono">{d.id}</span> },
          { key: 'tps', header: 'TPS', render: (d) => d.tpsLabel },
          { key: 'fp', header: 'Sidik jari kunci', render: (d) => <span className="mono">{d.fingerprint}</span> },
          { key: 'src', header: 'Sumber', render: (d) => <SourceCell d={d} /> },
          { key: 'last', header: 'Kontak LAN terakhir', render: (d) => time(d.lastAt) },
          { key: 'n', header: 'Kiriman', numeric: true, render: (d) => d.requests },
        ]}
        empty="Belum ada perangkat terdaftar."
      />
    </Card>
  );
}

export function DevicesPanel() {
  const devices = useApiQuery('import.devices', {});
  const [target, setTarget] = useState<RegisterTarget | null>(null);
  const view = devices.data;
  if (!view) return null;
  return (
    <>
      <UnknownDevicesCard unknown={view.unknown} onRegister={setTarget} />
      <RegisteredDevicesCard view={view} onRegister={setTarget} />
      <RegisterDeviceDialog target={target} view={view} onClose={() => setTarget(null)} />
    </>
  );
}
