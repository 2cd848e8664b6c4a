// Why something cannot be done yet (a desa or a kecamatan not ready to lock), said as a list before any PIN is asked;
// the only button is "Tutup".
import { Button } from './Button';
import { Dialog } from './Dialog';

export function RefusalDialog(p: { title: string; reasons: readonly string[]; testId: string; onClose: () => void }) {
  return (
    <Dialog open onClose={p.onClose} title={p.title} footer={<Button onClick={p.onClose}>Tutup</Button>}>
      <ul className="stack" data-testid={p.testId}>
        {p.reasons.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
    </Dialog>
  );
}
