// Placeholder for the Log Audit screen; replaced by its feature owner.
import { EmptyState } from '../../ui/EmptyState';

export default function AuditScreen() {
  return (
    <EmptyState title="Log Audit">
      Catatan setiap perubahan dan pemeriksaan rantai hash akan tampil di sini.
    </EmptyState>
  );
}
