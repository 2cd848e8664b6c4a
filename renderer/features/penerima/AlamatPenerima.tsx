// Where the kecamatan push (docs/receiver-plenary.md, "The receiver's address"): the address of each network of this
// laptop with the port the §4 receiver listens on, and the receiver key's fingerprint the PPK compares when they
// install the certificate — or, in words, that the receiver is not running and why (a port in use).
import { useApiQuery } from '../../api/hooks';
import { usePolling } from './use-polling';

export function AlamatPenerima() {
  const q = useApiQuery('penerima.alamat', {});
  // The receiver starts just after the database opens: look again until it runs.
  usePolling(q.reload, 3000, q.data?.berjalan !== true);
  const a = q.data;
  if (!a) return null;
  if (!a.berjalan)
    return (
      <div className="notice notice-danger" role="alert" data-testid="alamat-penerima">
        <strong>Penerima kiriman tidak berjalan.</strong> {a.alasan}
      </div>
    );
  return (
    <div className="notice" data-testid="alamat-penerima">
      <div>
        <strong>Alamat penerima</strong> — kecamatan mengirim ke:{' '}
        {a.alamat.map((u, i) => (
          <span key={u}>
            {i > 0 && ' atau '}
            <code>{u}</code>
          </span>
        ))}
      </div>
      <div>
        Sidik jari kunci penerima: <code>{a.sidikJari}</code>
        {a.sertifikatUrl ? (
          <>
            {' '}
            · alamat pada sertifikat: <code>{a.sertifikatUrl}</code>
          </>
        ) : (
          ' · sertifikat penerima belum dipasang (pleno penerima pasang)'
        )}
      </div>
      {a.peringatan && <div className="notice notice-warn">{a.peringatan}</div>}
    </div>
  );
}
