// Perangkat KPPS: devices that tried the LAN receiver without being registered (with "Daftarkan"), and every
// registered device, from the data master or added by a recorded PPK decision (docs/design.md §3.5). The decision is
// taken by the current operator when they are the ketua PPK or a delegate; the backend checks it again and records it.
import { useMemo, useState } from 'react';
import type { DevicesView, UnknownDeviceView } from '../../../shared/contracts/import.contract';
import { formatKode } from '../../../shared/domain/model';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { Button, Card, Dialog, Field, StatusPill, Table, useToast } from '../../ui';
import { decodeImageFile } from './qr-browser';
import { DEVICE_QR_PREFIX, parseDeviceQr } from './device-qr';

function time(iso: string | null): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('id-ID', { dateStyle: 'short', timeStyle: 'medium' });
}

interface RegisterTarget {
  id: string;
  tps: string;
}

// eslint-disable-next-line max-lines-per-function -- issue 9: this import panel is not yet split into parts (deferred)
function RegisterDialog({
  target,
  view,
  onClose,
}: {
  target: RegisterTarget | null;
  view: DevicesView;
  onClose: () => void;
}) {
  const register = useApiCommand('import.registerDevice');
  const toast = useToast();
  const [id, setId] = useState('');
  const [tps, setTps] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [reason, setReason] = useState('');
  const [qrNote, setQrNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [opened, setOpened] = useState<RegisterTarget | null>(null);
  if (target !== opened) {
    // A new target: start from what the device told the receiver.
    setOpened(target);
    setId(target?.id ?? '');
    setTps(target?.tps ?? '');
    setPublicKey('');
    setReason('');
    setQrNote(null);
    register.reset();
  }

  async function scan(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setQrNote(null);
    try {
      const texts = await decodeImageFile(file);
      const found = texts.map(parseDeviceQr).find((d) => d !== null);
      if (!found) {
        setQrNote({
          ok: false,
          text:
            texts.length === 0
              ? `Tidak ada kode QR yang terbaca pada ${file.name}. Foto ulang layar HP lebih dekat dan tegak.`
              : `Kode QR pada ${file.name} bukan kode pendaftaran perangkat (${DEVICE_QR_PREFIX}…).`,
        });
        return;
      }
      setPublicKey(found.publicKey);
      setTps(found.tps);
      const changed = id.trim() !== '' && id.trim() !== found.id;
      setId(found.id);
      setQrNote({
        ok: true,
        text: `Terbaca dari QR: perangkat ${found.id}, ${formatKode(found.tps)}.${changed ? ' Id perangkat diganti sesuai QR.' : ''}`,
      });
    } catch (err) {
      setQrNote({ ok: false, text: `Gambar tidak dapat dibaca: ${(err as Error).message}` });
    }
  }

  const op = view.operator;
  const canSubmit =
    op?.mayDecide === true && id.trim() !== '' && tps !== '' && publicKey.trim() !== '' && reason.trim() !== '';

  async function submit() {
    const r = await register.run({ id: id.trim(), tps, publicKey: publicKey.trim(), reason: reason.trim() });
    if (r.ok) {
      toast({
        kind: 'ok',
        title: r.value.created
          ? `Perangkat ${r.value.device.id} didaftarkan`
          : `Perangkat ${r.value.device.id} sudah terdaftar`,
        body: `${r.value.device.tpsLabel} · sidik jari ${r.value.device.fingerprint}`,
      });
      onClose();
    }
  }

  return (
    <Dialog
      open={target !== null}
      title="Daftarkan perangkat KPPS"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Batal</Button>
          <Button variant="primary" busy={register.pending} disabled={!canSubmit} onClick={() => void submit()}>
            Daftarkan dengan keputusan PPK
          </Button>
        </>
      }
    >
      <div className="stack device-register">
        <p className="muted">
          Cocokkan kunci dengan yang tampil di layar HP KPPS (ketik/tempel, atau foto kode QR di layar HP). Keputusan
          ini dicatat di log audit dengan nama yang memutuskan dan alasannya; perangkat yang sudah terdaftar tidak dapat
          dipindah TPS atau diganti kuncinya.
        </p>
        <Field label="Id perangkat">
          <input className="mono" value={id} maxLength={128} onChange={(e) => setId(e.target.value)} />
        </Field>
        <Field label="TPS">
          <select value={tps} onChange={(e) => setTps(e.target.value)}>
            <option value="">— pilih TPS —</option>
            {view.tps.map((t) => (
              <option key={t.kode} value={t.kode}>
                {t.label} ({t.kode})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Kunci publik perangkat" hint="base64url, 43 karakter (32 byte), seperti tampil di HP KPPS">
          <textarea
            className="mono"
            rows={2}
            value={publicKey}
            onChange={(e) => setPublicKey(e.target.value)}
            spellCheck={false}
          />
        </Field>
        <div className="row">
          <label className="btn btn-sm">
            Pindai QR dari gambar…
            <input
              type="file"
              accept="image/png,image/jpeg,.png,.jpg,.jpeg"
              hidden
              aria-label="Gambar kode QR perangkat"
              onChange={(e) => {
                void scan(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
          {qrNote && (
            <span className={qrNote.ok ? 'muted' : 'error'} role="status" data-testid="device-qr-note">
              {qrNote.text}
            </span>
          )}
        </div>
        <Field label="Alasan keputusan (wajib)">
          <textarea
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
            placeholder="mis. HP KPPS TPS 003 rusak, diganti HP cadangan"
          />
        </Field>
        <p data-testid="device-decider">
          Diputuskan oleh:{' '}
          {op ? (
            <>
              <strong>{op.nama}</strong>{' '}
              {op.mayDecide ? (
                <StatusPill tone="ok">berwenang</StatusPill>
              ) : (
                <StatusPill tone="danger">bukan Ketua/anggota yang didelegasikan</StatusPill>
              )}
            </>
          ) : (
            <StatusPill tone="danger">belum ada operator</StatusPill>
          )}
        </p>
        {op && !op.mayDecide && (
          <p className="alert alert-danger">
            Hanya Ketua PPK atau anggota yang didelegasikan Ketua yang dapat mendaftarkan perangkat. Ganti operator di
            menu Pleno.
          </p>
        )}
        {!op && <p className="alert alert-danger">Pilih dulu siapa yang mengoperasikan (menu Pleno → Operator).</p>}
        {register.error && (
          <p className="alert alert-danger" role="alert">
            {register.error.message}
          </p>
        )}
      </div>
    </Dialog>
  );
}

// eslint-disable-next-line max-lines-per-function -- issue 9: this import panel is not yet split into parts (deferred)
export function DevicesPanel() {
  const devices = useApiQuery('import.devices', {});
  const [target, setTarget] = useState<RegisterTarget | null>(null);
  const [filter, setFilter] = useState('');
  const view = devices.data;
  const registered = useMemo(() => {
    const all = view?.registered ?? [];
    const f = filter.trim().toLowerCase();
    const shown = f
      ? all.filter((d) => `${d.id} ${d.tps} ${d.tpsLabel} ${d.fingerprint}`.toLowerCase().includes(f))
      : all;
    // Decisions first (there are few and they matter), then the master's devices in TPS order.
    return [...shown].sort((a, b) =>
      a.source === b.source ? a.tps.localeCompare(b.tps) : a.source === 'ppk-decision' ? -1 : 1,
    );
  }, [view, filter]);
  if (!view) return null;
  const decisions = view.registered.filter((d) => d.source === 'ppk-decision').length;

  return (
    <>
      <Card
        title="Perangkat tidak dikenal"
        aside={<StatusPill tone={view.unknown.length > 0 ? 'warn' : 'neutral'}>{view.unknown.length}</StatusPill>}
      >
        <Table<UnknownDeviceView>
          aria-label="Perangkat tidak dikenal"
          rows={view.unknown}
          rowKey={(u) => u.keyId}
          columns={[
            { key: 'id', header: 'Id perangkat', render: (u) => <span className="mono">{u.keyId}</span> },
            { key: 'tps', header: 'TPS pada kiriman', render: (u) => (u.lastTps ? formatKode(u.lastTps) : '–') },
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
                  onClick={() => setTarget({ id: u.keyId, tps: u.lastTps ?? '' })}
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
          <Button size="sm" onClick={() => setTarget({ id: '', tps: '' })}>
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
            {
              key: 'src',
              header: 'Sumber',
              render: (d) =>
                d.source === 'master' ? (
                  <StatusPill tone="neutral">data master</StatusPill>
                ) : (
                  <span title={d.reason ?? undefined}>
                    <StatusPill tone="info">keputusan PPK</StatusPill> {d.decidedBy} · {time(d.addedAt)}
                    {d.reason ? <div className="muted">{d.reason}</div> : null}
                  </span>
                ),
            },
            { key: 'last', header: 'Kontak LAN terakhir', render: (d) => time(d.lastAt) },
            { key: 'n', header: 'Kiriman', numeric: true, render: (d) => d.requests },
          ]}
          empty="Belum ada perangkat terdaftar."
        />
      </Card>
      <RegisterDialog target={target} view={view} onClose={() => setTarget(null)} />
    </>
  );
}
