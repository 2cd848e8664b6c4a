// "Keberatan": record an objection by a saksi of paslon n, Panwascam or someone else, about this TPS, its desa or
// the procedure; and resolve one (diterima → a linked correction or a recount note; ditolak with reasons).
import { useState } from 'react';
import { Field } from '../../ui';
import type { ObjectionView, TpsReview } from '../../../shared/contracts/plenary.contract';
import { useAction } from './use-action';
import { ActionDialog } from './ActionDialog';
import { nomorTps } from '../dashboard/tile-status';

export function RaiseObjectionDialog({
  review,
  open,
  onClose,
}: {
  review: TpsReview;
  open: boolean;
  onClose: () => void;
}) {
  const action = useAction('plenary.raiseObjection');
  const [scope, setScope] = useState<'tps' | 'desa' | 'prosedur'>('tps');
  const [who, setWho] = useState('saksi-1');
  const [nama, setNama] = useState('');
  const [text, setText] = useState('');
  const by =
    who === 'panwascam'
      ? ({ kind: 'panwascam' } as const)
      : who === 'lainnya'
        ? ({ kind: 'lainnya', nama } as const)
        : ({ kind: 'saksi', paslon: Number(who.slice('saksi-'.length)) } as const);
  const close = () => {
    setText('');
    action.clear();
    onClose();
  };
  const submit = async () => {
    const r = await action.run(
      {
        scope,
        pemilihan: review.pemilihan.id,
        ...(scope === 'tps' ? { tps: review.tps } : { desa: review.desa.kode }),
        by,
        text,
      },
      'Keberatan dicatat',
    );
    if (r) close();
  };
  return (
    <ActionDialog
      open={open}
      onClose={close}
      title="Catat keberatan"
      action={action}
      submitLabel="Catat keberatan"
      submitDisabled={text.trim().length < 3 || (who === 'lainnya' && nama.trim().length < 2)}
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
          <input className="input" value={nama} onChange={(e) => setNama(e.target.value)} />
        </Field>
      )}
      <Field label="Isi keberatan">
        <textarea value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
    </ActionDialog>
  );
}

export function ResolveObjectionDialog({
  review,
  objection,
  onClose,
}: {
  review: TpsReview;
  objection: ObjectionView | null;
  onClose: () => void;
}) {
  const action = useAction('plenary.resolveObjection');
  const [outcome, setOutcome] = useState<'diterima' | 'ditolak'>('ditolak');
  const [reason, setReason] = useState('');
  const [correctionId, setCorrectionId] = useState('');
  const [recount, setRecount] = useState('');
  const corrections = review.corrections.filter((c) => c.state !== 'rejected');
  const close = () => {
    setReason('');
    setRecount('');
    setCorrectionId('');
    action.clear();
    onClose();
  };
  if (!objection) return null;
  const submit = async () => {
    const r = await action.run(
      {
        objectionId: objection.id,
        outcome,
        reason,
        ...(outcome === 'diterima' && correctionId ? { correctionId: Number(correctionId) } : {}),
        ...(outcome === 'diterima' && recount.trim() ? { recountNote: recount } : {}),
      },
      `Keberatan #${objection.id} ${outcome}`,
    );
    if (r) close();
  };
  const needsFollowUp = outcome === 'diterima' && !correctionId && recount.trim().length === 0;
  return (
    <ActionDialog
      open={objection !== null}
      onClose={close}
      title={`Selesaikan keberatan #${objection.id}`}
      action={action}
      submitLabel="Simpan keputusan"
      submitDisabled={reason.trim().length < 3 || needsFollowUp}
      onSubmit={submit}
    >
      <div className="notice">
        <strong>{objection.byLabel}:</strong> {objection.text}
      </div>
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
            <select value={correctionId} onChange={(e) => setCorrectionId(e.target.value)}>
              <option value="">— pilih koreksi —</option>
              {corrections.map((c) => (
                <option key={c.id} value={c.id}>
                  Koreksi #{c.id} ({c.state === 'approved' ? 'disetujui' : 'diusulkan'})
                </option>
              ))}
            </select>
          </Field>
          <Field label="atau catatan hitung ulang">
            <input className="input" value={recount} onChange={(e) => setRecount(e.target.value)} />
          </Field>
        </div>
      )}
      <Field label={outcome === 'ditolak' ? 'Alasan penolakan' : 'Alasan/keterangan'}>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </ActionDialog>
  );
}
