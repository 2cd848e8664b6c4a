// Placeholder for the Proyektor screen; replaced by its feature owner.
import { EmptyState } from '../../ui/EmptyState';

export default function ProjectorScreen() {
  return (
    <EmptyState title="Proyektor">
      Tampilan untuk proyektor mengikuti layar operator.
    </EmptyState>
  );
}
