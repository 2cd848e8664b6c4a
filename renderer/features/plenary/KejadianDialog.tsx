// "Kejadian khusus": a special-event note about this TPS (or its desa), for Model D.Kejadian Khusus.
import { useState } from 'react';
import { Field } from '../../ui';
import type { TpsReview } from '../../../shared/contracts/plenary.contract';
import { useAction } from './use-action';
import { ActionDialog } from './ActionDialog';
import { nomorTps } from '../dashboard/tile-status';

export function KejadianDialog({ review, open, onClose }: { review: TpsReview; open: boolean; onClose: () => void }) {
  const action = useAction('plenary.addKejadian');
  const [text, setText] = useState('');
  const [aboutDesa, setAboutDesa] = useState(false);
  const close = () => {
    setText('');
    action.clear();
    onClose();
  };
  const submit = async () => {
    const r = await action.run(
      { pemilihan: review.pemilihan.id, ...(aboutDesa ? { desa: review.desa.kode } : { tps: review.tps }), text },
      'Kejadian khusus dicatat',
    );
    if (r) close();
  };
  return (
    <ActionDialog
      open={open}
      onClose={close}
      title="Catat kejadian khusus"
      action={action}
      submitLabel="Simpan"
      submitDisabled={text.trim().length < 3}
      onSubmit={submit}
    >
      <label>
        <input type="checkbox" checked={aboutDesa} onChange={(e) => setAboutDesa(e.target.checked)} /> Tentang desa{' '}
        {review.desa.nama} (bukan hanya TPS {nomorTps(review.nomor)})
      </label>
      <Field label="Kejadian">
        <textarea value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
    </ActionDialog>
  );
}
