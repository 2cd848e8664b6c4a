// "Koreksi": propose changed fields of the counted version with a mandatory reason and basis (salinan saksi, salinan
// Panwascam, buka kotak, hitung ulang, lainnya) and an optional evidence photo. The diff is shown before sending;
// the correction counts only once the ketua (or a delegate) approves it.
import { useMemo, useState } from 'react';
import { Field, NumberInput } from '../../ui';
import type { TpsReview } from '../../../shared/contracts/plenary.contract';
import { CORRECTION_BASES, CORRECTION_BASIS_LABELS, type CorrectionBasis } from '../../../shared/domain/correction';
import { countFields, fieldLabel, getCount } from '../../../shared/domain/labels';
import { useAction } from './use-action';
import { ActionDialog } from './ActionDialog';
import { nomorTps } from '../dashboard/tile-status';
import { severityByField } from './CHasilForm';

async function fileToBase64(file: File): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(s);
}

// eslint-disable-next-line max-lines-per-function -- issue 13 (ux-decide) is reworking decisions; split it there
export function CorrectionDialog({ review, open, onClose }: { review: TpsReview; open: boolean; onClose: () => void }) {
  const action = useAction('plenary.proposeCorrection');
  const current = review.current;
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [reason, setReason] = useState('');
  const [basis, setBasis] = useState<CorrectionBasis>('salinan-saksi');
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<File | null>(null);
  const openObjections = review.objections.filter((o) => o.state === 'terbuka' && o.tps === review.tps);
  const [objectionId, setObjectionId] = useState<string>('');
  const fields = useMemo(() => countFields(review.pemilihan.pilihan), [review.pemilihan.pilihan]);
  const sev = useMemo(() => severityByField(review.violations), [review.violations]);
  // Fields named by a rule violation first: that is where a misread usually is.
  const ordered = useMemo(
    () => [...fields.filter((f) => sev.has(f.path)), ...fields.filter((f) => !sev.has(f.path))],
    [fields, sev],
  );
  if (!current) return null;
  const changes = fields
    .map((f) => ({ path: f.path, from: getCount(current, f.path), to: values[f.path] }))
    .filter(
      (c): c is { path: string; from: number; to: number } => c.to !== undefined && c.to !== null && c.to !== c.from,
    );
  const invalid = Object.values(values).some((v) => v === null);
  const close = () => {
    setValues({});
    setReason('');
    setNote('');
    setEvidence(null);
    action.clear();
    onClose();
  };
  const submit = async () => {
    const ev = evidence
      ? {
          base64: await fileToBase64(evidence),
          ext: evidence.type === 'image/png' ? ('png' as const) : ('jpg' as const),
        }
      : undefined;
    const r = await action.run(
      {
        tps: review.tps,
        pemilihan: review.pemilihan.id,
        changes: changes.map((c) => ({ path: c.path, value: c.to })),
        reason,
        basis,
        ...(basis === 'lainnya' ? { basisNote: note } : {}),
        ...(ev ? { evidence: ev } : {}),
        ...(objectionId ? { objectionId: Number(objectionId) } : {}),
      },
      `Koreksi TPS ${nomorTps(review.nomor)} diusulkan; menunggu persetujuan Ketua`,
    );
    if (r) close();
  };
  return (
    <ActionDialog
      open={open}
      onClose={close}
      title={`Koreksi — TPS ${nomorTps(review.nomor)} ${review.desa.nama}`}
      action={action}
      submitLabel={<>Usulkan koreksi ({changes.length} kolom)</>}
      submitDisabled={
        changes.length === 0 || invalid || reason.trim().length < 3 || (basis === 'lainnya' && note.trim().length < 3)
      }
      onSubmit={submit}
    >
      <div className="corr-fields" role="group" aria-label="Angka yang dikoreksi">
        <table>
          <tbody>
            {ordered.map((f) => {
              const from = getCount(current, f.path);
              const v = values[f.path];
              const label = fieldLabel(f.path, review.pemilihan.pilihan);
              return (
                <tr key={f.path} style={sev.get(f.path) === 'error' ? { background: 'var(--danger-bg)' } : undefined}>
                  <td>{label}</td>
                  <td className="num muted">{from}</td>
                  <td>→</td>
                  <td>
                    <NumberInput
                      aria-label={`Nilai baru ${label}`}
                      data-field={f.path}
                      value={v === undefined ? from : v}
                      onChange={(n) => setValues((s) => ({ ...s, [f.path]: n }))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {changes.length > 0 && (
        <table className="diff" aria-label="Perubahan" data-testid="correction-diff">
          <thead>
            <tr>
              <th>Kolom</th>
              <th>Semula</th>
              <th>Menjadi</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.path}>
                <td>{fieldLabel(c.path, review.pemilihan.pilihan)}</td>
                <td className="from">{c.from}</td>
                <td className="to">{c.to}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-grid">
        <Field label="Dasar koreksi">
          <select value={basis} onChange={(e) => setBasis(e.target.value as CorrectionBasis)}>
            {CORRECTION_BASES.map((b) => (
              <option key={b} value={b}>
                {CORRECTION_BASIS_LABELS[b]}
              </option>
            ))}
          </select>
        </Field>
        {basis === 'lainnya' ? (
          <Field label="Sebutkan dasar lainnya">
            <input className="input" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        ) : (
          <Field label="Foto bukti (opsional)" hint="Foto lembar yang sudah dibetulkan (JPEG/PNG).">
            <input
              type="file"
              accept="image/jpeg,image/png"
              onChange={(e) => setEvidence(e.target.files?.[0] ?? null)}
            />
          </Field>
        )}
      </div>
      <Field
        label="Alasan koreksi (wajib)"
        hint="Misalnya: angka 105 terbaca 905; sesuai salinan saksi dan C.Hasil plano."
      >
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {openObjections.length > 0 && (
        <Field label="Menindaklanjuti keberatan (opsional)">
          <select value={objectionId} onChange={(e) => setObjectionId(e.target.value)}>
            <option value="">— tidak terkait —</option>
            {openObjections.map((o) => (
              <option key={o.id} value={o.id}>
                #{o.id} {o.byLabel}: {o.text.slice(0, 60)}
              </option>
            ))}
          </select>
        </Field>
      )}
    </ActionDialog>
  );
}
