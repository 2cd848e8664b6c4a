// "Keberatan": record an objection by a saksi of paslon n, Panwascam or someone else, about this TPS, its desa or
// the procedure; and resolve one (diterima → a linked correction or a recount note; ditolak with reasons).
import { useState } from 'react';
import { Field, Select, TextInput } from '../../ui';
import type { ObjectionView, TpsReview } from '../../../shared/contracts/plenary.contract';
import { useReasonAction } from './use-action';
import { PinField, pinReady } from './decider';
import { ActionDialog } from './ActionDialog';
import { ReasonDialog } from './ReasonPinDialog';
import { nomorTps } from '../dashboard/tile-status';
import { ordinal } from './ordinals';

export function RaiseObjectionDialog({ review, onClose }: { review: TpsReview; onClose: () => void }) {
  const [scope, setScope] = useState<'tps' | 'desa' | 'prosedur'>('tps');
  const [who, setWho] = useState('saksi-1');
  const [nama, setNama] = useState('');
  const by =
    who === 'panwascam'
      ? ({ kind: 'panwascam' } as const)
      : who === 'lainnya'
        ? ({ kind: 'lainnya', nama } as const)
        : ({ kind: 'saksi', paslon: Number(who.slice('saksi-'.length)) } as const);
  const dialog = useReasonAction('plenary.raiseObjection', onClose);
  const submit = () =>
    dialog.submit(
      {
        scope,
        pemilihan: review.pemilihan.id,
        ...(scope === 'tps' ? { tps: review.tps } : { desa: review.desa.kode }),
        by,
        text: dialog.reason,
      },
      'Keberatan dicatat',
    );
  return (
    <ReasonDialog
      dialog={dialog}
      title="Catat keberatan"
      submitLabel="Catat keberatan"
      reasonLabel="Isi keberatan"
      ready={who !== 'lainnya' || nama.trim().length >= 2}
      onSubmit={submit}
    >
      <div className="form-grid">
        <Field label="Diajukan oleh">
          <select value={who} onChange={(e) => setWho(e.target.value)}>
            {review.pemilihan.pilihan.map((p) => (
              <option key={p.nomor} value={`saksi-${p.nomor}`}>
                Saksi paslon {p.nomor}
                {p.kind === 'kolom-kosong' ? ' (kolom kosong)' : ` (${p.nama})`}
              </option>
            ))}
            <option value="panwascam">Panwaslu Kecamatan</option>
            <option value="lainnya">Lainnya…</option>
          </select>
        </Field>
        <Field label="Tentang">
          <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
            <option value="tps">TPS {nomorTps(review.nomor)} ini</option>
            <option value="desa">Desa {review.desa.nama}</option>
            <option value="prosedur">Prosedur</option>
          </select>
        </Field>
      </div>
      {who === 'lainnya' && (
        <Field label="Nama / peran pengaju">
          <TextInput value={nama} onChange={setNama} />
        </Field>
      )}
    </ReasonDialog>
  );
}

type Outcome = 'diterima' | 'ditolak';

export function ResolveObjectionDialog({
  review,
  objection,
  onClose,
}: {
  review: TpsReview;
  objection: ObjectionView | null;
  onClose: () => void;
}) {
  // Nothing chosen beforehand: the plenary decides diterima or ditolak deliberately.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [followUp, setFollowUp] = useState({ correctionId: '', recount: '' });
  const pinned = useReasonAction('plenary.resolveObjection', onClose, () => {
    setOutcome(null);
    setFollowUp({ correctionId: '', recount: '' });
  });
  const { reason, setReason, pin, setPin } = pinned;
  if (!objection) return null;
  const { correctionId, recount } = followUp;
  const submit = async () => {
    if (!outcome) return;
    await pinned.submit(
      {
        objectionId: objection.id,
        outcome,
        reason,
        pin,
        ...(outcome === 'diterima' && correctionId ? { correctionId: Number(correctionId) } : {}),
        ...(outcome === 'diterima' && recount.trim() ? { recountNote: recount } : {}),
      },
      `Keberatan ${ordinal(review.objections, objection.id)} ${outcome}`,
    );
  };
  const needsFollowUp = outcome === 'diterima' && !correctionId && recount.trim().length === 0;
  return (
    <ActionDialog
      open={objection !== null}
      dialog={pinned}
      title={`Selesaikan keberatan ${ordinal(review.objections, objection.id)}`}
      submitLabel="Simpan keputusan"
      submitDisabled={!outcome || reason.trim().length < 3 || needsFollowUp || !pinReady(pin)}
      onSubmit={submit}
    >
      <div className="notice">
        <strong>{objection.byLabel}:</strong> {objection.text}
      </div>
      <OutcomeFields review={review} outcome={outcome} setOutcome={setOutcome} followUp={followUp} set={setFollowUp} />
      <Field label={outcome === 'ditolak' ? 'Alasan penolakan' : 'Alasan/keterangan'}>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <PinField value={pin} onChange={setPin} />
    </ActionDialog>
  );
}

function OutcomeFields({
  review,
  outcome,
  setOutcome,
  followUp,
  set,
}: {
  review: TpsReview;
  outcome: Outcome | null;
  setOutcome: (o: Outcome) => void;
  followUp: { correctionId: string; recount: string };
  set: (f: { correctionId: string; recount: string }) => void;
}) {
  const corrections = review.corrections.filter((c) => c.state !== 'rejected');
  return (
    <>
      <div className="row" role="radiogroup" aria-label="Keputusan">
        <label>
          <input type="radio" name="outcome" checked={outcome === 'diterima'} onChange={() => setOutcome('diterima')} />{' '}
          Diterima
        </label>
        <label>
          <input type="radio" name="outcome" checked={outcome === 'ditolak'} onChange={() => setOutcome('ditolak')} />{' '}
          Ditolak
        </label>
      </div>
      {outcome === 'diterima' && (
        <div className="form-grid">
          <Field label="Ditindaklanjuti dengan koreksi">
            <Select
              value={followUp.correctionId}
              onChange={(correctionId) => set({ ...followUp, correctionId })}
              placeholder="— pilih koreksi —"
              options={corrections.map((c) => ({
                value: String(c.id),
                label: `Koreksi ${ordinal(review.corrections, c.id)} (${c.state === 'approved' ? 'disetujui' : 'diusulkan'})`,
              }))}
            />
          </Field>
          <Field label="atau catatan hitung ulang">
            <TextInput value={followUp.recount} onChange={(recount) => set({ ...followUp, recount })} />
          </Field>
        </div>
      )}
    </>
  );
}
