// Placeholder for the Beranda screen; replaced by its feature owner.
import { EmptyState } from '../../ui/EmptyState';

export default function DashboardScreen() {
  return (
    <EmptyState title="Beranda">
      Ringkasan rekapitulasi kecamatan akan tampil di sini.
    </EmptyState>
  );
}
