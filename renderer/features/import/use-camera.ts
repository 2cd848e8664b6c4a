// The laptop camera for the QR panel: start and stop, getUserMedia's errors in words, and the scan loop — a frame
// every ~250 ms while the camera is on, one frame decoded at a time, its texts handed to `onTexts`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { decodeFrame } from './qr-browser';

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

function useScanLoop(on: boolean, video: React.RefObject<HTMLVideoElement | null>, onTexts: (t: string[]) => unknown) {
  useEffect(() => {
    if (!on) return;
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
        .then((texts) => (live && texts.length > 0 ? onTexts(texts) : undefined))
        .catch(() => undefined)
        .finally(() => {
          working = false;
        });
    }, 250);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [on, video, onTexts]);
}

export function useCamera(onTexts: (texts: string[]) => unknown) {
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);

  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setCamera('off');
  }, []);

  async function start() {
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setError('Peramban ini tidak menyediakan akses kamera. Buka gambar kode QR dari berkas sebagai gantinya.');
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
      stop();
      setError(cameraErrorMessage(err));
    }
  }

  useScanLoop(camera === 'on', video, onTexts);
  useEffect(() => stop, [stop]);
  return { camera, error, video, start, stop };
}
