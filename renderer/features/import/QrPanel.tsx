// QR: scan C.Hasil codes with the laptop camera or open pictures of them (a phone screen, a printout). Decoding runs
// here in the browser (zxing-wasm, bundled); the texts go to the backend session, which assembles multi-part codes
// in any order ("2 dari 3") and imports each completed code. Photos are not in the QR: they follow by cable or LAN
// and are matched by hash.
import { useCallback } from 'react';
import type { QrProgress } from '../../../shared/contracts/import.contract';
import { Button, Card, ProgressBar, StatusPill } from '../../ui';
import { ErrorAlert, FilePicker, ResultsCard } from './panel-parts';
import { useCamera } from './use-camera';
import { useQrSession } from './use-qr-session';

function CameraCard({ onTexts }: { onTexts(texts: string[]): unknown }) {
  const { camera, error, video, start, stop } = useCamera(onTexts);
  return (
    <Card title="Kamera">
      <div className="qr-video">
        <video ref={video} muted playsInline aria-label="Pratinjau kamera" hidden={camera !== 'on'} />
        {camera !== 'on' && (
          <p className="muted">Arahkan kode QR di layar ponsel KPPS atau di kertas ke kamera laptop.</p>
        )}
      </div>
      <div className="row">
        {camera === 'on' ? (
          <Button onClick={stop}>Matikan kamera</Button>
        ) : (
          <Button variant="primary" busy={camera === 'starting'} onClick={() => void start()}>
            Nyalakan kamera
          </Button>
        )}
      </div>
      <ErrorAlert message={error} />
    </Card>
  );
}

const STATE_WORD = { selesai: 'Selesai', ditolak: 'Ditolak', kosong: 'Menunggu', sebagian: 'Menunggu' } as const;

function Reading({ progress }: { progress: QrProgress | null }) {
  if (!progress) return <p className="muted">Belum ada kode yang dibaca.</p>;
  if (progress.state === 'sebagian')
    return (
      <div className="stack" data-testid="qr-progress">
        <strong className="num-lg" aria-live="polite">
          {progress.have} dari {progress.total}
        </strong>
        <ProgressBar label="Bagian kode QR terbaca" value={progress.have} max={progress.total} />
        <p>{progress.message}</p>
      </div>
    );
  const tone = progress.state === 'selesai' ? 'ok' : progress.state === 'ditolak' ? 'danger' : 'neutral';
  return (
    <p role="status" data-testid="qr-status">
      <StatusPill tone={tone}>{STATE_WORD[progress.state]}</StatusPill> {progress.message}
    </p>
  );
}

export function QrPanel() {
  const qr = useQrSession();
  const { sendTexts } = qr;
  const fromCamera = useCallback((texts: string[]) => sendTexts(texts, 'kamera'), [sendTexts]);
  return (
    <div className="stack import-qr">
      <div className="qr-grid">
        <CameraCard onTexts={fromCamera} />
        <Card title="Gambar kode QR">
          <p className="muted">
            Foto layar ponsel atau cetakan kode QR (.png, .jpg). Kode berganda boleh dibuka dalam urutan apa saja.
          </p>
          <FilePicker
            inputLabel="Gambar kode QR"
            accept="image/png,image/jpeg,.png,.jpg,.jpeg"
            multiple
            busy={qr.busy}
            onFiles={(list) => void qr.openImages(list)}
          >
            Buka gambar…
          </FilePicker>
        </Card>
      </div>
      <Card
        title="Pembacaan"
        aside={
          <Button size="sm" variant="ghost" onClick={() => void qr.reset()}>
            Mulai ulang
          </Button>
        }
      >
        <Reading progress={qr.progress} />
        {qr.log.length > 0 && (
          <ul className="qr-log muted">
            {qr.log.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
      </Card>
      <ResultsCard
        title="Hasil dari kode QR"
        results={qr.results}
        note="Foto C.Hasil tidak dibawa kode QR; bila foto menyusul lewat kabel atau LAN, foto dicocokkan dengan hasil ini melalui hash."
      />
    </div>
  );
}
