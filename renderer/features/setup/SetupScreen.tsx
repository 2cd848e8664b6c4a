// First-run screen (no kecamatan yet): import the signed data master after confirming the signer's fingerprint,
// or create a simulation kecamatan for training.
import { useRef, useState } from 'react';
import type { ApiError } from '../../../shared/contracts/result';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Dialog } from '../../ui/Dialog';
import { ProgressBar } from '../../ui/ProgressBar';
import { StatusPill } from '../../ui/StatusPill';
import {
  createDemo,
  fileToBase64,
  groupFingerprint,
  importMaster,
  previewMaster,
  type MasterPreview,
} from './setup-calls';

type MasterState =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; fileName: string; contentBase64: string; preview: MasterPreview }
  | { step: 'importing'; fileName: string; contentBase64: string; preview: MasterPreview };

export function SetupScreen({ onDone }: { onDone: () => void }) {
  const [master, setMaster] = useState<MasterState>({ step: 'idle' });
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<ApiError | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    setConfirmed(false);
    setMaster({ step: 'reading', fileName: file.name });
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } catch {
      setMaster({ step: 'idle' });
      setError({ code: 'INVALID_INPUT', message: `Berkas ${file.name} tidak dapat dibaca.` });
      return;
    }
    const r = await previewMaster({ fileName: file.name, contentBase64 });
    if (!r.ok) {
      setMaster({ step: 'idle' });
      setError(r.error);
      return;
    }
    setMaster({ step: 'preview', fileName: file.name, contentBase64, preview: r.value });
  }

  async function onImport() {
    if (master.step !== 'preview') return;
    setMaster({ ...master, step: 'importing' });
    const r = await importMaster({
      fileName: master.fileName,
      contentBase64: master.contentBase64,
      confirmFingerprint: master.preview.fingerprint,
    });
    if (!r.ok) {
      setMaster({ ...master, step: 'preview' });
      setError(r.error);
      return;
    }
    setMaster({ step: 'idle' });
    onDone();
  }

  async function onDemo() {
    setDemoBusy(true);
    setDemoError(null);
    const r = await createDemo({ preset: 'hampang' });
    setDemoBusy(false);
    if (!r.ok) {
      setDemoError(r.error);
      return;
    }
    onDone();
  }

  const preview = master.step === 'preview' || master.step === 'importing' ? master.preview : null;

  return (
    <div className="stack" style={{ gap: 24 }}>
      <div>
        <h1>Selamat datang di Pleno</h1>
        <p className="muted">
          Basis data ini belum berisi kecamatan. Mulailah dengan data master yang ditandatangani KPU kabupaten/kota,
          atau buat kecamatan simulasi untuk latihan.
        </p>
      </div>
      <div className="grid-2">
        <Card title="Impor data master" aria-label="Impor data master">
          <p>
            Berkas data master (<code>.json</code>) dari KPU kabupaten/kota berisi desa, TPS, DPT, pasangan calon,
            anggota PPK dan perangkat KPPS. Sebelum diimpor, Pleno menampilkan sidik jari kunci penandatangan untuk
            dicocokkan dengan yang diumumkan KPU.
          </p>
          <Button
            variant="primary"
            size="lg"
            busy={master.step === 'reading' || master.step === 'importing'}
            onClick={() => fileInput.current?.click()}
          >
            Impor data master
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            tabIndex={-1}
            aria-label="Berkas data master"
            data-testid="master-file"
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          {master.step === 'reading' && (
            <div className="stack" style={{ marginTop: 12 }}>
              <span>Memeriksa {master.fileName}…</span>
              <ProgressBar label="Memeriksa data master" />
            </div>
          )}
          {error && (
            <p className="notice notice-danger" role="alert" style={{ marginTop: 12 }}>
              {error.message}
            </p>
          )}
        </Card>
        <Card
          title="Buat kecamatan simulasi"
          aria-label="Buat kecamatan simulasi"
          aside={<StatusPill tone="sim">SIMULASI</StatusPill>}
        >
          <p>
            Kecamatan Hampang dengan data C.Hasil sintetis dari semua TPS, termasuk beberapa kesalahan dan konflik untuk
            dilatih. Setiap layar dan dokumen ditandai <strong>SIMULASI</strong>.
          </p>
          <Button variant="default" size="lg" busy={demoBusy} onClick={() => void onDemo()}>
            Buat kecamatan simulasi
          </Button>
          {demoBusy && (
            <div className="stack" style={{ marginTop: 12 }} aria-live="polite">
              <span>Membuat kecamatan simulasi dan mengimpor hasil TPS… ini dapat memakan waktu beberapa detik.</span>
              <ProgressBar label="Membuat kecamatan simulasi" />
            </div>
          )}
          {demoError && (
            <p className="notice notice-danger" role="alert" style={{ marginTop: 12 }}>
              {demoError.message}
            </p>
          )}
        </Card>
      </div>

      <Dialog
        open={preview !== null}
        title="Periksa data master sebelum impor"
        onClose={() => master.step === 'preview' && setMaster({ step: 'idle' })}
        footer={
          <>
            <Button onClick={() => setMaster({ step: 'idle' })} disabled={master.step === 'importing'}>
              Batal
            </Button>
            <Button
              variant="primary"
              disabled={!confirmed}
              busy={master.step === 'importing'}
              onClick={() => void onImport()}
            >
              Impor data master
            </Button>
          </>
        }
      >
        {preview && (
          <div className="stack">
            {preview.simulasi && <p className="notice notice-warn">Data master ini adalah data SIMULASI.</p>}
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
              <dd className="num" style={{ textAlign: 'left' }}>
                {preview.desa}
              </dd>
              <dt>TPS</dt>
              <dd className="num" style={{ textAlign: 'left' }}>
                {preview.tps}
              </dd>
              <dt>Pemilihan</dt>
              <dd>{preview.pemilihan.map((p) => p.nama).join(', ')}</dd>
              <dt>Perangkat KPPS</dt>
              <dd className="num" style={{ textAlign: 'left' }}>
                {preview.perangkat}
              </dd>
            </dl>
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
                onChange={(e) => setConfirmed(e.target.checked)}
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
    </div>
  );
}
