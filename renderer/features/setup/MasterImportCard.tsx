// The first-run card that imports the signed data master, and the dialog showing what the master holds and the
// signer's fingerprint to compare with KPU's before anything is stored.
import { useRef } from 'react';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Dialog } from '../../ui/Dialog';
import { StepStatus } from '../../ui/ProgressBar';
import { groupFingerprint, type MasterPreview } from './setup-calls';
import { useMasterImport, type MasterImport } from './use-master-import';
import { FilePicker } from '../../ui';

export function MasterImportCard({ onDone }: { onDone: () => void }) {
  const m = useMasterImport(onDone);
  const { master, error } = m;
  const button = useRef<HTMLButtonElement>(null);
  return (
    <Card title="Impor data master" aria-label="Impor data master">
      <p>
        Berkas data master (<code>.json</code>) dari KPU kabupaten/kota berisi desa, TPS, DPT, pasangan calon, anggota
        PPK dan perangkat KPPS. Sebelum diimpor, Pleno menampilkan sidik jari kunci penandatangan untuk dicocokkan
        dengan yang diumumkan KPU.
      </p>
      <FilePicker
        ref={button}
        variant="primary"
        size="lg"
        accept=".json,application/json"
        inputLabel="Berkas data master"
        testId="master-file"
        busy={master.step === 'reading' || master.step === 'importing'}
        onFiles={(fs) => {
          const f = fs?.[0];
          if (f) void m.onFile(f);
        }}
      >
        Impor data master
      </FilePicker>
      <StepStatus working={master.step === 'reading'} label="Memeriksa data master" error={error}>
        Memeriksa {master.step === 'reading' && master.fileName}…
      </StepStatus>
      <MasterPreviewDialog m={m} onClosed={() => button.current?.focus()} />
    </Card>
  );
}

function MasterFacts({ preview }: { preview: MasterPreview }) {
  const count = { textAlign: 'left' as const };
  return (
    <dl className="facts">
      <dt>Kecamatan</dt>
      <dd>
        {preview.kecamatan.nama} ({preview.kecamatan.kode})
      </dd>
      <dt>Kabupaten/kota</dt>
      <dd>{preview.kabkota.nama}</dd>
      <dt>Provinsi</dt>
      <dd>{preview.provinsi.nama}</dd>
      <dt>Desa/kelurahan</dt>
      <dd className="num" style={count}>
        {preview.desa}
      </dd>
      <dt>TPS</dt>
      <dd className="num" style={count}>
        {preview.tps}
      </dd>
      <dt>Pemilihan</dt>
      <dd>{preview.pemilihan.map((p) => p.nama).join(', ')}</dd>
      <dt>Perangkat KPPS</dt>
      <dd className="num" style={count}>
        {preview.perangkat}
      </dd>
    </dl>
  );
}

function MasterPreviewDialog({ m, onClosed }: { m: MasterImport; onClosed: () => void }) {
  const { master, confirmed, error } = m;
  const preview = master.step === 'preview' || master.step === 'importing' ? master.preview : null;
  const close = () => {
    if (master.step !== 'preview') return;
    m.cancel();
    onClosed();
  };
  return (
    <Dialog
      open={preview !== null}
      title="Periksa data master sebelum impor"
      onClose={close}
      cancelDisabled={master.step === 'importing'}
      actions={
        <Button
          variant="primary"
          disabled={!confirmed}
          busy={master.step === 'importing'}
          onClick={() => void m.onImport()}
        >
          Impor data master
        </Button>
      }
    >
      {preview && (
        <div className="stack">
          {preview.simulasi && <p className="notice notice-warn">Data master ini adalah data SIMULASI.</p>}
          <MasterFacts preview={preview} />
          <div>
            <p style={{ marginBottom: 4 }}>Sidik jari kunci penandatangan:</p>
            <span className="fingerprint" data-testid="master-fingerprint">
              {groupFingerprint(preview.fingerprint)}
            </span>
          </div>
          <label className="row" style={{ alignItems: 'flex-start' }}>
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => m.setConfirmed(e.target.checked)}
              style={{ width: 22, height: 22 }}
            />
            <span>Sidik jari di atas sama persis dengan yang diumumkan KPU kabupaten/kota.</span>
          </label>
          {error && (
            <p className="notice notice-danger" role="alert">
              {error.message}
            </p>
          )}
        </div>
      )}
    </Dialog>
  );
}
