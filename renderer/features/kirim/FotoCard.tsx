// "Foto lewat data seluler": numbers and PDFs always go; photos only when the PPK allows it, with the byte estimate
// shown before sending (a 2G/3G link or a phone's data quota is often all a kecamatan has).
import type { KirimStatus } from '../../../shared/contracts/kirim.contract';
import { useApiCommand } from '../../api/hooks';
import { Card } from '../../ui';
import { mb } from './format';

export function FotoCard({ status }: { status: KirimStatus }) {
  const set = useApiCommand('kirim.setFotoSeluler');
  const t = status.fotoTertunda;
  return (
    <Card title="Foto C.Hasil">
      <p>
        Angka dan PDF selalu dikirim lebih dulu. Foto C.Hasil yang belum lengkap terkirim:{' '}
        <strong>
          {t.count} foto, sekitar {mb(t.bytes)}
        </strong>{' '}
        (perkiraan; foto yang sudah ada di penerima tidak dikirim lagi).
      </p>
      <label className="row">
        <input
          type="checkbox"
          checked={status.fotoSeluler}
          disabled={set.pending}
          onChange={(e) => void set.run({ allowed: e.target.checked })}
        />
        Kirim foto juga lewat koneksi ini (data seluler ikut terpakai sekitar {mb(t.bytes)})
      </label>
      {set.error && <p role="alert">{set.error.message}</p>}
    </Card>
  );
}
