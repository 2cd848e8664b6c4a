// Decisions that need the ketua or a delegate, each confirmed with the decider's PIN: approve/reject a proposed
// correction, unlock a desa (with reason), withdraw (batalkan) a Sesuai or a konflik choice (with reason).
import { Field, HeadRow } from '../../ui';
import type { CorrectionView } from '../../../shared/contracts/plenary.contract';
import { useReasonAction } from './use-action';
import { ActionDialog } from './ActionDialog';
import { ReasonPinDialog } from './ReasonPinDialog';
import { PinField, pinReady } from './decider';

export function DecideCorrectionDialog({
  where,
  correction,
  decision,
  onClose,
}: {
  /** "TPS 003 Hampang": what the correction is about, in the title and the toast. */
  where: string;
  correction: CorrectionView | null;
  decision: 'approved' | 'rejected';
  onClose: () => void;
}) {
  const pinned = useReasonAction('plenary.decideCorrection', onClose);
  const { reason, setReason, pin, setPin } = pinned;
  if (!correction) return null;
  const submit = () =>
    pinned.submit(
      { correctionId: correction.id, decision, pin, ...(reason.trim() ? { reason } : {}) },
      decision === 'approved' ? `Koreksi ${where} disetujui` : `Koreksi ${where} ditolak`,
    );
  return (
    <ActionDialog
      open={correction !== null}
      dialog={pinned}
      title={decision === 'approved' ? `Setujui koreksi ${where}` : `Tolak koreksi ${where}`}
      submitLabel={decision === 'approved' ? 'Setujui' : 'Tolak'}
      submitVariant={decision === 'approved' ? 'primary' : 'danger'}
      submitDisabled={!pinReady(pin) || (decision === 'rejected' && reason.trim().length < 3)}
      onSubmit={submit}
    >
      <CorrectionDiff correction={correction} />
      <Field label={decision === 'approved' ? 'Catatan (opsional)' : 'Alasan penolakan (wajib)'}>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </Field>
      <PinField value={pin} onChange={setPin} />
    </ActionDialog>
  );
}

export interface Change {
  path: string;
  label: string;
  from: number;
  to: number;
}

/** Changed counts, each "from → to"; with `head` (the proposal being written) under column names. */
export function DiffTable(p: { changes: readonly Change[]; testId: string; head?: boolean; 'aria-label'?: string }) {
  return (
    <table className="diff" aria-label={p['aria-label']} data-testid={p.testId}>
      {p.head && (
        <thead>
          <HeadRow names={['Kolom', 'Semula', 'Menjadi']} />
        </thead>
      )}
      <tbody>
        {p.changes.map((c) => (
          <tr key={c.path}>
            <td>{c.label}</td>
            <td className="from">{c.from}</td>
            <td className="to">{c.to}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CorrectionDiff({ correction }: { correction: CorrectionView }) {
  return <DiffTable changes={correction.changes} testId={`diff-${correction.id}`} />;
}

export function UnlockDialog({
  desa,
  pemilihan,
  open,
  onClose,
}: {
  desa: { kode: string; nama: string };
  pemilihan: string;
  open: boolean;
  onClose: () => void;
}) {
  const pinned = useReasonAction('plenary.unlockDesa', onClose);
  const { reason, pin } = pinned;
  const submit = () =>
    pinned.submit({ desa: desa.kode, pemilihan: pemilihan as 'bupati', reason, pin }, `Kunci desa ${desa.nama} dibuka`);
  return (
    <ReasonPinDialog
      pinned={pinned}
      open={open}
      title={`Buka kunci desa ${desa.nama}`}
      submitLabel="Buka kunci"
      reasonLabel="Alasan membuka kunci (wajib)"
      onSubmit={submit}
    >
      <p>Membuka kunci adalah keputusan yang dicatat. Setelah dibuka, angka desa ini dapat diubah lagi.</p>
    </ReasonPinDialog>
  );
}

/** Batalkan: a Sesuai or a konflik choice withdrawn; the decision stays recorded with this withdrawal beside it. */
export function WithdrawDialog({
  target,
  onClose,
}: {
  target: { kind: 'acceptance' | 'conflict_choice'; id: number; label: string } | null;
  onClose: () => void;
}) {
  const pinned = useReasonAction('plenary.withdraw', onClose);
  const { reason, pin } = pinned;
  if (!target) return null;
  const submit = () => pinned.submit({ kind: target.kind, id: target.id, reason, pin }, `${target.label} dibatalkan`);
  return (
    <ReasonPinDialog
      pinned={pinned}
      title={`Batalkan: ${target.label}`}
      submitLabel="Batalkan keputusan"
      reasonLabel="Alasan membatalkan (wajib)"
      onSubmit={submit}
    >
      <p>
        Keputusan ini tetap tercatat; pembatalan dicatat di sampingnya dengan alasan dan nama Anda. TPS kembali ke
        keadaan sebelum keputusan itu dan perlu diputuskan lagi.
      </p>
    </ReasonPinDialog>
  );
}
