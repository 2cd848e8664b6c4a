// Placeholder for the Pleno screen; replaced by its feature owner.
import { EmptyState } from '../../ui/EmptyState';

export default function PlenoScreen() {
  return (
    <EmptyState title="Pleno">
      Pembacaan dan penetapan hasil per desa akan tampil di sini.
    </EmptyState>
  );
}
