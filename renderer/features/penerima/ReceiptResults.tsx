// The answer of a flashdisk import: for each bundle its receipt as a QR (the PPK scans it with a phone, or imports
// the file written beside the bundle) with the receipt in words, or why it was refused (nothing of it was stored).
import type { DriveImportView } from '../../../shared/contracts/penerima-drive.contract';
import { Card, StatusPill } from '../../ui';

const folderOf = (path: string) => path.split(/[\\/]/).slice(0, -1).join('/') || '.';

export function ReceiptResults({ view }: { view: DriveImportView }) {
  const ok = view.hasil.filter((h) => h.ok).length;
  return (
    <Card title={`Hasil impor dari ${view.label}`}>
      <p role="status">
        {ok} dari {view.hasil.length} berkas kiriman diterima; tanda terimanya ditulis ke flashdisk di samping
        berkasnya.
      </p>
      <ul className="stack" aria-label="Tanda terima" style={{ listStyle: 'none', padding: 0 }}>
        {view.hasil.map((h) => (
          <li
            key={`${h.folder}/${h.name}`}
            className="row"
            style={{ alignItems: 'flex-start', gap: 16, flexWrap: 'nowrap' }}
          >
            {h.tandaTerima ? (
              <>
                <img
                  src={`data:image/png;base64,${h.tandaTerima.qrPng}`}
                  alt={`QR tanda terima ${h.name}`}
                  data-testid={`qr-${h.name}`}
                  style={{ imageRendering: 'pixelated', background: '#fff', maxWidth: 'none' }}
                />
                <div className="stack" style={{ gap: 6, flex: '1 1 320px', minWidth: 0 }}>
                  <span>
                    <StatusPill tone="ok">
                      {h.tandaTerima.status === 'baru' ? 'Diterima' : 'Sudah diterima sebelumnya'}
                    </StatusPill>{' '}
                    <strong>{h.name}</strong>
                  </span>
                  <span data-testid={`kata-${h.name}`}>{h.tandaTerima.kata}</span>
                  <span className="muted">
                    Berkas tanda terima ditulis ke flashdisk, folder <code>{folderOf(h.tandaTerima.berkas)}</code>. PPK
                    dapat mengimpornya di layar Kirim, atau memindai QR ini.
                  </span>
                </div>
              </>
            ) : (
              <div className="stack" style={{ gap: 6 }}>
                <span>
                  <StatusPill tone="danger">Ditolak</StatusPill> <strong>{h.name}</strong>
                </span>
                <span data-testid={`masalah-${h.name}`}>{h.masalah.join(' ')}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
