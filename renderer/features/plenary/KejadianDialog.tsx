// "Kejadian khusus": a special-event note about this TPS, its desa or the whole kecamatan, for Model D.Kejadian
// Khusus; and closing one with how it was settled (then printed as its penyelesaian).
import { useState } from 'react';
import { Button, Field, StatusPill } from '../../ui';
import type { KejadianView, TpsReview } from '../../../shared/contracts/plenary.contract';
import { timeLabel } from './ConflictDialog';
import { useReasonAction } from './use-action';
import { ReasonDialog } from './ReasonPinDialog';
import { nomorTps } from '../dashboard/tile-status';

export function KejadianDialog({ review, onClose }: { review: TpsReview; onClose: () => void }) {
  const [scope, setScope] = useState<'tps' | 'desa' | 'kecamatan'>('tps');
  const dialog = useReasonAction('plenary.addKejadian', onClose);
  const text = dialog.reason;
  const submit = () =>
    dialog.submit(
      scope === 'kecamatan'
        ? { text }
        : {
            pemilihan: review.pemilihan.id,
            ...(scope === 'desa' ? { desa: review.desa.kode } : { tps: review.tps }),
            text,
          },
      'Kejadian khusus dicatat',
    );
  return (
    <ReasonDialog dialog={dialog} title="Catat kejadian khusus" reasonLabel="Kejadian" onSubmit={submit}>
      <Field label="Tentang">
        <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
          <option value="tps">TPS {nomorTps(review.nomor)} saja</option>
          <option value="desa">Desa {review.desa.nama}</option>
          <option value="kecamatan">Seluruh kecamatan (rapat pleno)</option>
        </select>
      </Field>
    </ReasonDialog>
  );
}

/** One kejadian khusus in the history: open ones can be closed with how they were settled. */
export function KejadianItem({ k }: { k: KejadianView }) {
  const [closing, setClosing] = useState(false);
  const dialog = useReasonAction('plenary.closeKejadian', () => setClosing(false));
  const where = k.tps ? '' : k.desa ? '· tentang desa' : '· tingkat kecamatan';
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
      <ReasonDialog
        open={closing}
        dialog={dialog}
        title="Kejadian khusus selesai"
        reasonLabel="Bagaimana diselesaikan (dicetak pada Model D.Kejadian Khusus)"
        autoFocus
        onSubmit={() => dialog.submit({ kejadianId: k.id, note: dialog.reason }, 'Kejadian khusus dinyatakan selesai')}
      >
        <p>{k.text}</p>
      </ReasonDialog>
    </div>
  );
}
