// "Koreksi": propose changed fields of the counted version with a mandatory reason and basis (salinan saksi, salinan
// Panwascam, buka kotak, hitung ulang, lainnya) and an optional evidence photo. The diff is shown before sending;
// the correction counts only once the ketua (or a delegate) approves it.
import { useMemo, useState } from 'react';
import type { CHasilCounts } from '../../../shared/domain/model';
import { Field, FilePicker, NumberInput } from '../../ui';
import type { TpsReview } from '../../../shared/contracts/plenary.contract';
import { CORRECTION_BASES, CORRECTION_BASIS_LABELS, type CorrectionBasis } from '../../../shared/domain/correction';
import { countFields, fieldLabel, getCount } from '../../../shared/domain/labels';
import { useActionDialog } from './use-action';
import { ActionDialog } from './ActionDialog';
import { nomorTps } from '../dashboard/tile-status';
import { severityByField } from './CHasilForm';
import { ordinal } from './ordinals';
import { DiffTable } from './DecideDialogs';

async function fileToBase64(file: File): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(s);
}

interface Basis {
  reason: string;
  basis: CorrectionBasis;
  note: string;
  evidence: File | null;
  objectionId: string;
}
const NO_BASIS: Basis = { reason: '', basis: 'salinan-saksi', note: '', evidence: null, objectionId: '' };
type Change = { path: string; from: number; to: number };

async function evidenceOf(file: File | null) {
  if (!file) return undefined;
  return { base64: await fileToBase64(file), ext: file.type === 'image/png' ? ('png' as const) : ('jpg' as const) };
}

export function CorrectionDialog({ review, onClose }: { review: TpsReview; onClose: () => void }) {
  const current = review.current;
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [b, setB] = useState<Basis>(NO_BASIS);
  const dialog = useActionDialog('plenary.proposeCorrection', onClose);
  const fields = useMemo(() => countFields(review.pemilihan.pilihan), [review.pemilihan.pilihan]);
  if (!current) return null;
  const changes = fields
    .map((f) => ({ path: f.path, from: getCount(current, f.path), to: values[f.path] }))
    .filter((c): c is Change => c.to !== undefined && c.to !== null && c.to !== c.from);
  const invalid = Object.values(values).some((v) => v === null);
  const submit = async () => {
    const ev = await evidenceOf(b.evidence);
    await dialog.submit(
      {
        tps: review.tps,
        pemilihan: review.pemilihan.id,
        changes: changes.map((c) => ({ path: c.path, value: c.to })),
        reason: b.reason,
        basis: b.basis,
        ...(b.basis === 'lainnya' ? { basisNote: b.note } : {}),
        ...(ev ? { evidence: ev } : {}),
        ...(b.objectionId ? { objectionId: Number(b.objectionId) } : {}),
      },
      `Koreksi TPS ${nomorTps(review.nomor)} diusulkan; menunggu persetujuan Ketua`,
    );
  };
  const incomplete = b.reason.trim().length < 3 || (b.basis === 'lainnya' && b.note.trim().length < 3);
  return (
    <ActionDialog
      dialog={dialog}
      title={`Koreksi — TPS ${nomorTps(review.nomor)} ${review.desa.nama}`}
      submitLabel={<>Usulkan koreksi ({changes.length} kolom)</>}
      submitDisabled={changes.length === 0 || invalid || incomplete}
      onSubmit={submit}
    >
      <CorrectionFields review={review} current={current} values={values} setValues={setValues} />
      {changes.length > 0 && (
        <DiffTable
          changes={changes.map((c) => ({ ...c, label: fieldLabel(c.path, review.pemilihan.pilihan) }))}
          head
          aria-label="Perubahan"
          testId="correction-diff"
        />
      )}
      <BasisFields review={review} b={b} set={(patch) => setB((x) => ({ ...x, ...patch }))} />
    </ActionDialog>
  );
}

/** Every count of the form, the fields named by a rule violation first (that is where a misread usually is). */
function CorrectionFields({
  review,
  current,
  values,
  setValues,
}: {
  review: TpsReview;
  current: CHasilCounts;
  values: Record<string, number | null>;
  setValues: (f: (s: Record<string, number | null>) => Record<string, number | null>) => void;
}) {
  const fields = useMemo(() => countFields(review.pemilihan.pilihan), [review.pemilihan.pilihan]);
  const sev = useMemo(() => severityByField(review.violations), [review.violations]);
  const ordered = useMemo(
    () => [...fields.filter((f) => sev.has(f.path)), ...fields.filter((f) => !sev.has(f.path))],
    [fields, sev],
  );
  return (
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
  );
}

/** Basis (with its note or an evidence photo), the mandatory reason, and the keberatan it follows up, if any. */
function BasisFields({ review, b, set }: { review: TpsReview; b: Basis; set: (patch: Partial<Basis>) => void }) {
  const openObjections = review.objections.filter((o) => o.state === 'terbuka' && o.tps === review.tps);
  return (
    <>
      <div className="form-grid">
        <Field label="Dasar koreksi">
          <select value={b.basis} onChange={(e) => set({ basis: e.target.value as CorrectionBasis })}>
            {CORRECTION_BASES.map((x) => (
              <option key={x} value={x}>
                {CORRECTION_BASIS_LABELS[x]}
              </option>
            ))}
          </select>
        </Field>
        {b.basis === 'lainnya' ? (
          <Field label="Sebutkan dasar lainnya">
            <input className="input" value={b.note} onChange={(e) => set({ note: e.target.value })} />
          </Field>
        ) : (
          <Field label="Foto bukti (opsional)" hint="Foto lembar yang sudah dibetulkan (JPEG/PNG).">
            <FilePicker
              inputLabel="Foto bukti"
              accept="image/jpeg,image/png"
              size="sm"
              onFiles={(fs) => set({ evidence: fs?.[0] ?? null })}
            >
              Pilih foto…
            </FilePicker>
          </Field>
        )}
      </div>
      <Field
        label="Alasan koreksi (wajib)"
        hint="Misalnya: angka 105 terbaca 905; sesuai salinan saksi dan C.Hasil plano."
      >
        <textarea value={b.reason} onChange={(e) => set({ reason: e.target.value })} />
      </Field>
      {openObjections.length > 0 && (
        <Field label="Menindaklanjuti keberatan (opsional)">
          <select value={b.objectionId} onChange={(e) => set({ objectionId: e.target.value })}>
            <option value="">— tidak terkait —</option>
            {openObjections.map((o) => (
              <option key={o.id} value={o.id}>
                Keberatan {ordinal(review.objections, o.id)} {o.byLabel}: {o.text.slice(0, 60)}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}
