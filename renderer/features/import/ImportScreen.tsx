// Placeholder for the Impor screen; replaced by its feature owner.
import { EmptyState } from '../../ui/EmptyState';

export default function ImportScreen() {
  return (
    <EmptyState title="Impor">
      Impor hasil TPS dari berkas, QR, dan jaringan lokal akan tampil di sini.
    </EmptyState>
  );
}
