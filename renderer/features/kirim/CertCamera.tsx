// The receiver certificate's QR read with the laptop camera. It reuses the import screen's camera hook
// (renderer/features/import/use-camera.ts: getUserMedia, its errors in words, frames decoded here in the browser by
// zxing-wasm through renderer/features/import/qr-browser.ts); the first frame that holds a QR code stops the camera
// and hands its texts on, and the backend finds the pleno.penerima/1 envelope in them (docs/kirim.md).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '../../ui';
import { useCamera } from '../import/use-camera';

export function CertCamera({ onTexts }: { onTexts: (texts: string[]) => void }) {
  const taken = useRef(false);
  const [read, setRead] = useState<string[] | null>(null);
  const handle = useCallback((texts: string[]) => {
    if (taken.current) return;
    taken.current = true;
    setRead(texts);
  }, []);
  const { camera, error, video, start, stop } = useCamera(handle);
  useEffect(() => {
    if (!read) return;
    stop();
    onTexts(read);
  }, [read, stop, onTexts]);
  return (
    <div className="stack">
      <div className="kirim-camera" hidden={camera !== 'on'}>
        <video ref={video} muted playsInline aria-label="Pratinjau kamera sertifikat" />
        <p className="muted">Arahkan kode QR sertifikat penerima (di layar atau kertas dari KPU) ke kamera laptop.</p>
      </div>
      <div className="row">
        {camera === 'on' ? (
          <Button onClick={stop}>Matikan kamera</Button>
        ) : (
          <Button
            busy={camera === 'starting'}
            onClick={() => {
              taken.current = false;
              void start();
            }}
          >
            Pindai QR sertifikat dengan kamera
          </Button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
