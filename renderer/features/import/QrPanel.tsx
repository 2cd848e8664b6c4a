// QR: scan C.Hasil codes with the laptop camera or open pictures of them (a phone screen, a printout). Decoding runs
// here in the browser (zxing-wasm, bundled); the texts go to the backend session, which assembles multi-part codes
// in any order ("2 dari 3") and imports each completed code. Photos are not in the QR: they follow by cable or LAN
// and are matched by hash.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportResultView, QrProgress } from '../../../shared/contracts/import.contract';
import { runCommand } from '../../api/query-client';
import { Button, Card, ProgressBar, StatusPill } from '../../ui';
import { ResultsTable } from './ImportSummaryView';
import { decodeFrame, decodeImageFile } from './qr-browser';
import { fileToBase64 } from './files';

function newSession(): string {
  return `qr-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** getUserMedia errors, for the user (Bahasa Indonesia). */
export function cameraErrorMessage(err: unknown): string {
  const name = (err as { name?: string })?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Izin kamera ditolak. Izinkan akses kamera untuk Pleno (ikon kamera di bilah alamat atau pengaturan sistem), lalu coba lagi.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'Kamera tidak ditemukan. Sambungkan kamera, atau buka gambar kode QR dari berkas.';
    case 'NotReadableError':
    case 'AbortError':
      return 'Kamera sedang dipakai program lain atau tidak dapat dibuka. Tutup program itu lalu coba lagi.';
    default:
      return `Kamera tidak dapat dibuka${name ? ` (${name})` : ''}. Buka gambar kode QR dari berkas sebagai gantinya.`;
  }
}

// eslint-disable-next-line max-lines-per-function -- issue 9: this import panel is not yet split into parts (deferred)
export function QrPanel() {
  const [session, setSession] = useState(newSession);
  const [progress, setProgress] = useState<QrProgress | null>(null);
  const [results, setResults] = useState<ImportResultView[]>([]);
  const [log, setLog] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const [cameraError, setCameraError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const sent = useRef(new Set<string>());
  const fileInput = useRef<HTMLInputElement>(null);

  const apply = useCallback((p: QrProgress, source: string) => {
    setProgress(p);
    if (p.results.length > 0) setResults((rs) => [...p.results.map((r) => ({ ...r, name: source })), ...rs]);
    setLog((l) => [`${source}: ${p.message}`, ...l].slice(0, 30));
  }, []);

  const sendTexts = useCallback(
    async (texts: string[], source: string) => {
      const fresh = texts.filter((t) => !sent.current.has(t));
      if (fresh.length === 0) return;
      for (const t of fresh) sent.current.add(t);
      const r = await runCommand('import.qrText', { session, texts: fresh });
      if (r.ok) apply(r.value, source);
      else setLog((l) => [`${source}: ${r.error.message}`, ...l]);
    },
    [session, apply],
  );

  async function openImages(list: FileList | null) {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    try {
      for (const f of files) {
        let texts: string[] | null = null;
        try {
          texts = await decodeImageFile(f);
        } catch {
          texts = null; // the browser could not decode: let the backend try (and quarantine if unreadable)
        }
        if (texts === null || texts.length === 0) {
          const r = await runCommand('import.qrImage', { session, name: f.name, contentBase64: await fileToBase64(f) });
          if (r.ok) apply(r.value, f.name);
          else setLog((l) => [`${f.name}: ${r.error.message}`, ...l]);
        } else {
          const fresh = texts.filter((t) => !sent.current.has(t));
          for (const t of fresh) sent.current.add(t);
          if (fresh.length === 0) {
            setLog((l) => [`${f.name}: kode ini sudah dibaca`, ...l]);
            continue;
          }
          const r = await runCommand('import.qrText', { session, texts: fresh });
          if (r.ok) apply(r.value, f.name);
          else setLog((l) => [`${f.name}: ${r.error.message}`, ...l]);
        }
      }
    } finally {
      setBusy(false);
    }
  }

  const stopCamera = useCallback(() => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setCamera('off');
  }, []);

  async function startCamera() {
    setCameraError(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setCameraError('Peramban ini tidak menyediakan akses kamera. Buka gambar kode QR dari berkas sebagai gantinya.');
      return;
    }
    setCamera('starting');
    try {
      const s = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      stream.current = s;
      if (video.current) {
        video.current.srcObject = s;
        await video.current.play();
      }
      setCamera('on');
    } catch (err) {
      stopCamera();
      setCameraError(cameraErrorMessage(err));
    }
  }

  // The scan loop: a frame every ~250 ms while the camera is on; decoding of one frame at a time.
  useEffect(() => {
    if (camera !== 'on') return;
    let live = true;
    let working = false;
    const canvas = document.createElement('canvas');
    const ctx2d = canvas.getContext('2d', { willReadFrequently: true });
    const timer = window.setInterval(() => {
      const v = video.current;
      if (!live || working || !v || !ctx2d || v.videoWidth === 0) return;
      working = true;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      ctx2d.drawImage(v, 0, 0);
      void decodeFrame(ctx2d.getImageData(0, 0, canvas.width, canvas.height))
        .then((texts) => (live && texts.length > 0 ? sendTexts(texts, 'kamera') : undefined))
        .catch(() => undefined)
        .finally(() => {
          working = false;
        });
    }, 250);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [camera, sendTexts]);

  useEffect(() => stopCamera, [stopCamera]);

  async function reset() {
    await runCommand('import.qrReset', { session });
    sent.current.clear();
    setSession(newSession());
    setProgress(null);
    setLog([]);
  }

  const partial = progress?.state === 'sebagian';
  return (
    <div className="stack import-qr">
      <div className="qr-grid">
        <Card title="Kamera">
          <div className="qr-video">
            <video ref={video} muted playsInline aria-label="Pratinjau kamera" hidden={camera !== 'on'} />
            {camera !== 'on' && (
              <p className="muted">Arahkan kode QR di layar ponsel KPPS atau di kertas ke kamera laptop.</p>
            )}
          </div>
          <div className="row">
            {camera === 'on' ? (
              <Button onClick={stopCamera}>Matikan kamera</Button>
            ) : (
              <Button variant="primary" busy={camera === 'starting'} onClick={() => void startCamera()}>
                Nyalakan kamera
              </Button>
            )}
          </div>
          {cameraError && (
            <p className="alert alert-danger" role="alert">
              {cameraError}
            </p>
          )}
        </Card>
        <Card title="Gambar kode QR">
          <p className="muted">
            Foto layar ponsel atau cetakan kode QR (.png, .jpg). Kode berganda boleh dibuka dalam urutan apa saja.
          </p>
          <Button onClick={() => fileInput.current?.click()} busy={busy}>
            Buka gambar…
          </Button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept="image/png,image/jpeg,.png,.jpg,.jpeg"
            hidden
            aria-label="Gambar kode QR"
            onChange={(e) => {
              void openImages(e.target.files);
              e.target.value = '';
            }}
          />
        </Card>
      </div>

      <Card
        title="Pembacaan"
        aside={
          <Button size="sm" variant="ghost" onClick={() => void reset()}>
            Mulai ulang
          </Button>
        }
      >
        {partial && progress ? (
          <div className="stack" data-testid="qr-progress">
            <strong className="num-lg" aria-live="polite">
              {progress.have} dari {progress.total}
            </strong>
            <ProgressBar label="Bagian kode QR terbaca" value={progress.have} max={progress.total} />
            <p>{progress.message}</p>
          </div>
        ) : progress ? (
          <p role="status" data-testid="qr-status">
            <StatusPill
              tone={progress.state === 'selesai' ? 'ok' : progress.state === 'ditolak' ? 'danger' : 'neutral'}
            >
              {progress.state === 'selesai' ? 'Selesai' : progress.state === 'ditolak' ? 'Ditolak' : 'Menunggu'}
            </StatusPill>{' '}
            {progress.message}
          </p>
        ) : (
          <p className="muted">Belum ada kode yang dibaca.</p>
        )}
        {log.length > 0 && (
          <ul className="qr-log muted">
            {log.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
      </Card>

      {results.length > 0 && (
        <Card title="Hasil dari kode QR">
          <ResultsTable results={results} label="Hasil dari kode QR" />
          <p className="muted">
            Foto C.Hasil tidak dibawa kode QR; bila foto menyusul lewat kabel atau LAN, foto dicocokkan dengan hasil ini
            melalui hash.
          </p>
        </Card>
      )}
    </div>
  );
}
