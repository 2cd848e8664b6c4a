// "Tunda (PSU/PSS/PSL)": the plenary puts a TPS on hold for pemungutan/penghitungan suara ulang or lanjutan, with
// its basis (e.g. the rekomendasi Panwaslu Kecamatan) and reason, confirmed with the decider's PIN (psu.hold,
// shared/contracts/psu.contract.ts). The TPS then leaves the totals and the D.Hasil until a result received after
// the hold is accepted. Offered only to the ketua or a delegate.
import { useState } from 'react';
import { Field } from '../../ui';
import type { TpsReview } from '../../../shared/contracts/plenary.contract';
import { JENIS_TUNDA, type JenisTunda } from '../../../shared/contracts/psu.contract';
import { useReasonAction } from './use-action';
import { ReasonPinDialog } from './ReasonPinDialog';
import { nomorTps } from '../dashboard/tile-status';

const DASAR = [
  'Rekomendasi Panwaslu Kecamatan',
  'Keputusan PPK atas kejadian khusus di TPS',
  'Rekomendasi Bawaslu Kabupaten/Kota',
];

export function TundaDialog({ review, onClose }: { review: TpsReview; onClose: () => void }) {
  const pinned = useReasonAction('psu.hold', onClose);
  const { reason, pin } = pinned;
  const [jenis, setJenis] = useState<JenisTunda>('PSU');
  const [dasar, setDasar] = useState(DASAR[0]!);
  const name = `TPS ${nomorTps(review.nomor)} ${review.desa.nama}`;
  const submit = () =>
    pinned.submit(
      { tps: review.tps, pemilihan: review.pemilihan.id, jenis, dasar, alasan: reason, pin },
      `${name} ditunda (${jenis})`,
    );
  return (
    <ReasonPinDialog
      pinned={pinned}
      title={`Tunda ${name} (PSU/PSS/PSL)`}
      submitLabel="Tunda TPS ini"
      ready={dasar.trim().length >= 3}
      onSubmit={submit}
    >
      <p>
        TPS yang ditunda tidak dihitung dalam rekapitulasi, perolehan sementara dan D.Hasil, dan desanya belum dapat
        dikunci, sampai hasil barunya masuk dan diterima pleno.
      </p>
      <Field label="Jenis">
        <select className="input" value={jenis} onChange={(e) => setJenis(e.target.value as JenisTunda)}>
          {(Object.keys(JENIS_TUNDA) as JenisTunda[]).map((j) => (
            <option key={j} value={j}>
              {JENIS_TUNDA[j]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Dasar" hint="Misalnya rekomendasi Panwaslu Kecamatan beserta nomornya.">
        <input className="input" list="tunda-dasar" value={dasar} onChange={(e) => setDasar(e.target.value)} />
      </Field>
      <datalist id="tunda-dasar">
        {DASAR.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
    </ReasonPinDialog>
  );
}
