// The drive watcher's offer on the receiver's dashboard: as soon as a flashdisk holding upload bundles not yet
// received is plugged in, a line names it and leads to the Flashdisk screen, where they are imported (§4.4).
import { useApiQuery } from '../../api/hooks';
import { href } from '../../app/router';
import { usePolling } from './use-polling';

export function DriveOffer() {
  const q = useApiQuery('penerima.driveBundles', {});
  usePolling(q.reload, 2000);
  const waiting = (q.data?.drives ?? [])
    .map((d) => ({ label: d.label, n: d.bundles.filter((b) => b.diterima !== 'lengkap').length }))
    .filter((d) => d.n > 0);
  if (waiting.length === 0) return null;
  return (
    <p role="status" className="card" data-testid="flashdisk-offer" style={{ padding: '12px 16px', margin: 0 }}>
      {waiting.map((d) => `Flashdisk ${d.label} berisi ${d.n} berkas kiriman yang belum diterima lengkap.`).join(' ')}{' '}
      <a href={href('/flashdisk')}>Buka layar Flashdisk untuk mengimpornya</a>
    </p>
  );
}
