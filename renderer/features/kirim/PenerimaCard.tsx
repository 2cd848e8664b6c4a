// Receiver setup: the certificate from a file, a picture of its QR, its QR held up to the camera (CertCamera.tsx), or
// `GET /v1/hello` of a typed address; it is
// checked against the data master's KPU key, and its key fingerprint shown for the PPK to compare with what the KPU
// reads out before installing. The PPK key fingerprint is shown for the kab/kota to register.
import { useCallback, useState } from 'react';
import type { KirimStatus, PenerimaPreviewView } from '../../../shared/contracts/kirim.contract';
import { useApiCommand } from '../../api/hooks';
import { Button, Card, Field, FilePicker, StatusPill, TextInput } from '../../ui';
import { CertCamera } from './CertCamera';
import { fileToBase64, when } from './format';

function Preview({ p, onDone }: { p: PenerimaPreviewView; onDone: () => void }) {
  const install = useApiCommand('kirim.installPenerima');
  return (
    <div className="kirim-preview" role="region" aria-label="Sertifikat penerima yang dibaca">
      <p>
        Sertifikat sah, ditandatangani kunci KPU yang sama dengan data master: penerima{' '}
        <strong>KPU {p.kabkota.nama}</strong> ({p.kabkota.kode}) di <code>{p.url}</code>, dibuat {when(p.dibuat)}.
      </p>
      <p>Cocokkan sidik jari kunci penerima ini dengan yang dibacakan atau dikirim KPU kabupaten/kota:</p>
      <p className="kirim-fingerprint" aria-label="Sidik jari kunci penerima">
        {p.fingerprint}
      </p>
      <div className="row">
        <Button
          variant="primary"
          busy={install.pending}
          onClick={async () => {
            const r = await install.run({ sertifikat: p.sertifikat, confirmFingerprint: p.fingerprint });
            if (r.ok) onDone();
          }}
        >
          Sidik jari sama — pasang penerima ini
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Batal
        </Button>
      </div>
      {install.error && <p role="alert">{install.error.message}</p>}
    </div>
  );
}

function Setup() {
  const preview = useApiCommand('kirim.previewPenerima');
  const [url, setUrl] = useState('');
  const [shown, setShown] = useState<PenerimaPreviewView | null>(null);
  const run = preview.run;
  const read = useCallback(
    async (input: Parameters<typeof run>[0]) => {
      setShown(null);
      const r = await run(input);
      if (r.ok) setShown(r.value);
    },
    [run],
  );
  const fromCamera = useCallback((texts: string[]) => void read({ source: 'kamera', texts }), [read]);
  const fromFile = (source: 'berkas' | 'qr') => async (files: FileList | null) => {
    const f = files?.[0];
    if (f) await read({ source, contentBase64: await fileToBase64(f) });
  };
  if (shown) return <Preview p={shown} onDone={() => setShown(null)} />;
  return (
    <div className="stack">
      <div className="row">
        <FilePicker
          accept=".json,application/json"
          inputLabel="Berkas sertifikat penerima"
          onFiles={fromFile('berkas')}
        >
          Pilih berkas sertifikat (.json)
        </FilePicker>
        <FilePicker accept="image/png,image/jpeg" inputLabel="Foto QR sertifikat penerima" onFiles={fromFile('qr')}>
          Pilih foto QR sertifikat
        </FilePicker>
      </div>
      <CertCamera onTexts={fromCamera} />
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void read({ source: 'url', url: url.trim() });
        }}
      >
        <Field label="Atau alamat penerima">
          <TextInput value={url} onChange={setUrl} placeholder="https://kirim.kpu-….go.id" />
        </Field>
        <Button type="submit" busy={preview.pending} disabled={!url.trim()}>
          Ambil sertifikat
        </Button>
      </form>
      {preview.error && <p role="alert">{preview.error.message}</p>}
    </div>
  );
}

export function PenerimaCard({ status }: { status: KirimStatus }) {
  const p = status.penerima;
  const [change, setChange] = useState(false);
  return (
    <Card
      title="Penerima (KPU kabupaten/kota)"
      aside={p ? <StatusPill tone="ok">Terpasang</StatusPill> : <StatusPill tone="warn">Belum dipasang</StatusPill>}
    >
      {p && (
        <p>
          KPU {p.kabkota.nama} ({p.kabkota.kode}) di <code>{p.url}</code>; sidik jari kunci penerima{' '}
          <span className="kirim-fingerprint-inline">{p.fingerprint}</span>, dipasang {when(p.installedAt)}.
        </p>
      )}
      {(!p || change) && <Setup />}
      {p && !change && (
        <Button variant="ghost" onClick={() => setChange(true)}>
          Ganti sertifikat penerima
        </Button>
      )}
      {status.ppk && (
        <p className="muted">
          Sidik jari kunci PPK kecamatan ini (untuk didaftarkan KPU kabupaten/kota):{' '}
          <span className="kirim-fingerprint-inline" aria-label="Sidik jari kunci PPK">
            {status.ppk.fingerprint}
          </span>
        </p>
      )}
    </Card>
  );
}
