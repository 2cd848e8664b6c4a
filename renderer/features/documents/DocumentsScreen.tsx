// Placeholder for the Dokumen screen; replaced by its feature owner.
import { EmptyState } from '../../ui/EmptyState';

export default function DocumentsScreen() {
  return (
    <EmptyState title="Dokumen">
      Pembuatan berita acara dan D.Hasil akan tampil di sini.
    </EmptyState>
  );
}
