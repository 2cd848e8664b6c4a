// Kirim: pushing the kecamatan's results to the KPU kabupaten/kota (docs/kirim.md). The sending itself runs in the
// backend; this screen shows it (kirim-changed events keep kirim.status fresh) and holds the few choices.
import { useApiQuery } from '../../api/hooks';
import { EmptyState } from '../../ui';
import { BundleCard } from './BundleCard';
import { FotoCard } from './FotoCard';
import { PenerimaCard } from './PenerimaCard';
import { PushList } from './PushList';
import './kirim.css';

export default function KirimScreen() {
  const status = useApiQuery('kirim.status', {});
  const s = status.data;
  return (
    <div className="stack kirim-screen">
      <h1>Kirim ke KPU Kabupaten/Kota</h1>
      {!s ? (
        status.error ? (
          <EmptyState title="Status pengiriman tidak dapat dibaca">{status.error.message}</EmptyState>
        ) : (
          <p aria-busy="true">Memuat…</p>
        )
      ) : (
        <>
          <PenerimaCard status={s} />
          <PushList status={s} />
          <FotoCard status={s} />
          <BundleCard status={s} />
        </>
      )}
    </div>
  );
}
