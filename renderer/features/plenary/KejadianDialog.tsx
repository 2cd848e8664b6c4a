// "Kejadian khusus": a special-event note about this TPS, its desa or the whole kecamatan, for Model D.Kejadian
// Khusus; and closing one with how it was settled (then printed as its penyelesaian).
import { useState } from 'react';
import { Button, Field, StatusPill } from '../../ui';
import type { KejadianView, TpsReview } from '../../../shared/contracts/plenary.contract';
import { timeLabel } from './ConflictDialog';
import { useAction } from './use-action';
import { ActionDialog } from './ActionDialog';
import { nomorTps } from '../dashboard/tile-status';

export function KejadianDialog({ review, open, onClose }: { review: TpsReview; open: boolean; onClose: () => void }) {
  const action = useAction('plenary.addKejadian');
  const [text, setText] = useState('');
  const [scope, setScope] = useState<'tps' | 'desa' | 'kecamatan'>('tps');
  const close = () => {
    setText('');
    setScope('tps');
    action.clear();
    onClose();
  };
  const submit = async () => {
    const r = await action.run(
      scope === 'kecamatan'
        ? { text }
        : {
            pemilihan: review.pemilihan.id,
            ...(scope === 'desa' ? { desa: review.desa.kode } : { tps: review.tps }),
            text,
          },
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
      <Field label="Tentang">
        <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
          <option value="tps">TPS {nomorTps(review.nomor)} saja</option>
          <option value="desa">Desa {review.desa.nama}</option>
          <option value="kecamatan">Seluruh kecamatan (rapat pleno)</option>
        </select>
      </Field>
      <Field label="Kejadian">
        <textarea value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
    </ActionDialog>
  );
}

/** One kejadian khusus in the history: open ones can be closed with how they were settled. */
export function KejadianItem({ k }: { k: KejadianView }) {
  const action = useAction('plenary.closeKejadian');
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const where = k.tps ? '' : k.desa ? '· tentang desa' : '· tingkat kecamatan';
  const close = () => {
    setNote('');
    action.clear();
    setClosing(false);
  };
  return (
    <div className="history-item" data-testid={`kejadian-${k.id}`}>
      <div className="row">
        <span>{k.text}</span>
        <span className="grow" />
        {k.selesai ? (
          <StatusPill tone="ok">Selesai</StatusPill>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => setClosing(true)}>
            Nyatakan selesai
          </Button>
        )}
      </div>
      <div className="meta">
        {k.by}, {timeLabel(k.at)} {where}
        {k.selesai && (
          <>
            {' '}
            · selesai: {k.selesai.note} ({k.selesai.by})
          </>
        )}
      </div>
      <ActionDialog
        open={closing}
        onClose={close}
        title="Kejadian khusus selesai"
        action={action}
        submitLabel="Simpan"
        submitDisabled={note.trim().length < 3}
        onSubmit={async () => {
          if (await action.run({ kejadianId: k.id, note }, 'Kejadian khusus dinyatakan selesai')) close();
        }}
      >
        <p>{k.text}</p>
        <Field label="Bagaimana diselesaikan (dicetak pada Model D.Kejadian Khusus)">
          <textarea value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
        </Field>
      </ActionDialog>
    </div>
  );
}
