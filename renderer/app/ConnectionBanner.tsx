// A band across the top of the main window and the projector while the backend cannot be heard: the numbers on
// screen may be old. The stream reconnects by itself; once back, every answer is refetched and the band says so.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { connectionState, onConnectionState } from '../api/connection';

const BACK_NOTICE_MS = 4_000;

export function ConnectionBanner() {
  const state = useSyncExternalStore(onConnectionState, connectionState);
  const [wasLost, setWasLost] = useState(false);
  const [back, setBack] = useState(false);
  if (state === 'lost' && !wasLost) setWasLost(true);
  if (state === 'open' && wasLost) {
    setWasLost(false);
    setBack(true);
  }
  useEffect(() => {
    if (!back) return;
    const t = setTimeout(() => setBack(false), BACK_NOTICE_MS);
    return () => clearTimeout(t);
  }, [back]);

  if (state === 'lost') {
    return (
      <div className="conn-banner conn-lost" role="alert" data-testid="connection-banner">
        <strong>Sambungan ke layanan Pleno terputus.</strong> Angka di layar mungkin belum yang terbaru. Pleno mencoba
        menyambung ulang otomatis.
      </div>
    );
  }
  if (back) {
    return (
      <div className="conn-banner conn-back" role="status" data-testid="connection-banner">
        Tersambung kembali; semua angka sudah diperbarui.
      </div>
    );
  }
  return null;
}
