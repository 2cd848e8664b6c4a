// The "backend cannot start" screen: why the database could not be opened, and what the user can do.
import type { StartupError, SystemInfo } from '../../shared/contracts/system.contract';
import type { ApiError } from '../../shared/contracts/result';
import { Button } from '../ui/Button';

const TITLES: Record<StartupError['kind'], { title: string; todo: string }> = {
  locked: {
    title: 'Basis data sedang dibuka oleh Pleno lain',
    todo: 'Tutup jendela atau terminal Pleno yang lain, lalu jalankan Pleno ini kembali. Satu basis data hanya boleh dibuka oleh satu Pleno agar tidak ada angka yang tertimpa.',
  },
  'newer-version': {
    title: 'Basis data ini dari versi Pleno yang lebih baru',
    todo: 'Pasang versi Pleno yang sama atau lebih baru dengan yang membuat basis data ini. Berkas tidak diubah.',
  },
  'not-sqlite': {
    title: 'Berkas ini bukan basis data Pleno',
    todo: 'Periksa berkas yang dipilih. Berkas tidak diubah. Jalankan Pleno dengan berkas basis data kecamatan yang benar.',
  },
  'not-pleno': {
    title: 'Berkas ini bukan basis data Pleno',
    todo: 'Berkas ini basis data dari aplikasi lain. Berkas tidak diubah. Jalankan Pleno dengan berkas basis data kecamatan yang benar.',
  },
  migration: {
    title: 'Pembaruan basis data gagal',
    todo: 'Basis data tetap pada versi sebelumnya dan salinan cadangan tersimpan. Hubungi dukungan teknis dengan pesan di bawah.',
  },
  io: {
    title: 'Basis data tidak dapat dibuka',
    todo: 'Periksa apakah folder dapat ditulis dan disk tidak penuh, lalu jalankan Pleno kembali.',
  },
};

/** A Pleno database SQLite cannot read at all (its data folder is beside it): restore a backup over it. */
const RESTORABLE = {
  title: 'Berkas basis data rusak',
  todo: 'Berkas ini pernah dipakai Pleno, tetapi sekarang tidak dapat dibaca sama sekali. Pulihkan dari cadangan terakhir di flash disk: berkas yang rusak dipindahkan ke sampingnya (tidak dihapus), lalu impor ulang berkas hasil yang masuk sesudah cadangan dibuat.',
};

export function StartupErrorScreen({
  info,
  error,
  onRestore,
}: {
  info: SystemInfo;
  error: StartupError;
  /** Opens "Pulihkan dari cadangan" (App.tsx) when the error says a backup can be restored over the file. */
  onRestore: () => void;
}) {
  const t = error.restorable ? RESTORABLE : TITLES[error.kind];
  return (
    <main className="center-screen" aria-labelledby="startup-title">
      <section className="card stack" data-testid="startup-error" data-kind={error.kind}>
        <h1 id="startup-title">{t.title}</h1>
        <p className="notice notice-danger">{error.message}</p>
        <p>{t.todo}</p>
        {error.restorable && (
          <div>
            <Button variant="primary" onClick={onRestore}>
              Pulihkan dari cadangan
            </Button>
          </div>
        )}
        <dl className="facts">
          <dt>Berkas basis data</dt>
          <dd className="mono">{info.dbPath}</dd>
          <dt>Versi Pleno</dt>
          <dd>{info.version}</dd>
        </dl>
        <details>
          <summary>Rincian teknis (English)</summary>
          <p className="mono">{error.detail}</p>
        </details>
      </section>
    </main>
  );
}

export function ConnectionErrorScreen({ error, onRetry }: { error: ApiError | null; onRetry: () => void }) {
  return (
    <main className="center-screen" aria-labelledby="conn-title">
      <section className="card stack" data-testid="connection-error">
        <h1 id="conn-title">Tidak dapat terhubung ke layanan Pleno</h1>
        <p>{error?.message ?? 'Layanan Pleno tidak menjawab.'}</p>
        {error?.code === 'UNAUTHORIZED' && (
          <p>
            Buka alamat lengkap yang dicetak oleh Pleno saat dijalankan (termasuk bagian <code>?token=…</code>).
          </p>
        )}
        <div>
          <Button variant="primary" onClick={onRetry}>
            Coba lagi
          </Button>
        </div>
      </section>
    </main>
  );
}
