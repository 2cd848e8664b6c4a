// "Sesuai": accept the counted version as read, its votes read out once more. With rule errors, an override reason
// and the decider's PIN are required (the backend enforces both). Without errors the action button has the focus:
// the dialog is itself the confirmation (why: docs/plenary-decisions.md, "Sesuai's confirmation").
import { Field } from '../../ui';
import type { TpsReview } from '../../../shared/contracts/plenary.contract';
import { useReasonAction } from './use-action';
import { ActionDialog } from './ActionDialog';
import { nomorTps } from '../dashboard/tile-status';
import { PinField, pinReady } from './decider';
import { VoteTotals } from './VoteTotals';

export function AcceptDialog({ review, onClose }: { review: TpsReview; onClose: () => void }) {
  const pinned = useReasonAction('plenary.accept', onClose);
  const { reason, setReason, pin, setPin } = pinned;
  const errors = review.violations.filter((v) => v.severity === 'error');
  const warnings = review.violations.filter((v) => v.severity === 'warning');
  const submit = () =>
    pinned.submit(
      {
        tps: review.tps,
        pemilihan: review.pemilihan.id,
        ...(errors.length > 0
          ? { overrideReason: reason, pin }
          : warnings.length > 0 && reason.trim()
            ? { overrideReason: reason }
            : {}),
      },
      `TPS ${nomorTps(review.nomor)} diterima sesuai`,
    );
  return (
    <ActionDialog
      dialog={pinned}
      title={`Sesuai — TPS ${nomorTps(review.nomor)} ${review.desa.nama}`}
      submitLabel="Terima sesuai dibacakan"
      submitDisabled={errors.length > 0 && (reason.trim().length < 3 || !pinReady(pin))}
      submitFocus={errors.length === 0}
      onSubmit={submit}
    >
      <p>Angka yang berlaku untuk TPS ini diterima pleno sesuai C.Hasil yang dibacakan:</p>
      {review.current && (
        <VoteTotals
          pilihan={review.pemilihan.pilihan}
          suara={review.current.suara}
          label={`Hasil TPS ${nomorTps(review.nomor)}`}
          testId="accept-totals"
        />
      )}
      {errors.length > 0 && (
        <>
          <div className="notice notice-danger">
            Ada {errors.length} galat pemeriksaan. Menerima apa adanya hanya dengan alasan yang dicatat, oleh Ketua PPK
            atau anggota yang didelegasikan.
          </div>
          <Field
            label="Alasan menerima meskipun ada galat"
            hint="Misalnya: angka sesuai C.Hasil plano dan salinan saksi."
          >
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </Field>
          <PinField value={pin} onChange={setPin} />
        </>
      )}
      {errors.length === 0 && warnings.length > 0 && (
        <>
          <div className="notice notice-warn">
            Ada {warnings.length} peringatan: {warnings.map((v) => `${v.code} ${v.message}`).join('; ')}.
          </div>
          <Field
            label="Catatan mengapa diterima (tidak wajib)"
            hint="Dicetak pada D.Kejadian Khusus bersama peringatannya."
          >
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </>
      )}
    </ActionDialog>
  );
}
