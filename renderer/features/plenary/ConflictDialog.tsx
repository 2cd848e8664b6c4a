// "Konflik": the differing submissions side by side (only the fields that differ, plus their sources), choose the
// one that counts with a reason.
import { useState } from 'react';
import { Field } from '../../ui';
import type { TpsReview } from '../../../shared/contracts/plenary.contract';
import { useActionDialog } from './use-action';
import { ActionDialog } from './ActionDialog';
import { positionOf } from './ordinals';
import { waktu } from '../../app/local-time';
import { nomorTps } from '../dashboard/tile-status';

const CHANNEL: Record<string, string> = { file: 'Berkas', qr: 'QR', lan: 'LAN', manual: 'Entri manual' };
export const channelLabel = (c: string): string => CHANNEL[c] ?? c;
/** The kecamatan's local time with its zone (renderer/app/local-time.ts). */
export const timeLabel = (iso: string): string => waktu(iso);

export function ConflictDialog({ review, onClose }: { review: TpsReview; onClose: () => void }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const dialog = useActionDialog('plenary.chooseSubmission', onClose);
  const submit = async () => {
    if (chosen === null) return;
    await dialog.submit(
      { tps: review.tps, pemilihan: review.pemilihan.id, submissionId: chosen, reason },
      `Kiriman ${positionOf(review.submissions, chosen)} dipilih untuk TPS ${nomorTps(review.nomor)}`,
    );
  };
  return (
    <ActionDialog
      dialog={dialog}
      title={`Konflik — TPS ${nomorTps(review.nomor)} ${review.desa.nama}`}
      submitLabel="Pilih kiriman ini"
      submitDisabled={chosen === null || reason.trim().length < 3}
      onSubmit={submit}
    >
      <p>Kiriman yang berbeda untuk TPS ini. Bandingkan dengan C.Hasil kertas, lalu pilih yang berlaku.</p>
      <div className="notice notice-warn" data-testid="konflik-settles">
        Memilih kiriman <strong>menetapkan TPS ini sebagai Sesuai</strong> dengan angka kiriman yang dipilih; tidak
        perlu menekan Sesuai lagi. Bila angkanya masih salah, usulkan koreksi setelahnya.
      </div>
      <ConflictTable review={review} chosen={chosen} choose={setChosen} />
      <Field label="Alasan memilih (wajib)">
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </ActionDialog>
  );
}

/** Only the fields that differ, one column per submission, with its source and a radio to choose it. */
function ConflictTable({
  review,
  chosen,
  choose,
}: {
  review: TpsReview;
  chosen: number | null;
  choose: (id: number) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table side-by-side" aria-label="Perbandingan kiriman">
        <thead>
          <tr>
            <th>Kolom</th>
            {review.submissions.map((s, i) => (
              <th key={s.id} className="num">
                Kiriman {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {review.conflictDiff.map((d) => (
            <tr key={d.path}>
              <td>{d.label}</td>
              {d.values.map((v, i) => (
                <td key={i} className="num differs">
                  {v}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td className="muted">Saluran · waktu</td>
            {review.submissions.map((s) => (
              <td key={s.id} className="num muted" style={{ fontSize: '0.85rem' }}>
                {channelLabel(s.channel)} · {timeLabel(s.receivedAt)}
              </td>
            ))}
          </tr>
          <tr>
            <td />
            {review.submissions.map((s, i) => (
              <td key={s.id} className="num">
                <label>
                  <input type="radio" name="chosen" checked={chosen === s.id} onChange={() => choose(s.id)} /> Pilih
                  kiriman {i + 1}
                </label>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
