// The decision dialogs of the kab/kota plenary (docs/receiver-plenary.md): each confirmed with the PIN of the ketua
// KPU kab/kota; the lock reads out the kecamatan totals first; a correction names the TPS, the field, the new value,
// its basis and reason and who proposes it.
import { useState, type ReactNode } from 'react';
import type { KabPlenoView } from '../../../shared/contracts/kabpleno.contract';
import type { KabKecamatanModel } from '../../../shared/domain/kab-pleno';
import type { ApiError } from '../../../shared/contracts/result';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { RefusalDialog } from '../../ui/RefusalDialog';
import { Field, PinInput, SelectField, TextInput, optionsOf, type SelectOption } from '../../ui/Field';
import { pinReady } from '../plenary/decider';
import { DASAR, angka, koreksiFields } from './kab-format';

export function ketuaOf(v: KabPlenoView): string {
  return v.anggota.find((a) => a.jabatan === 'ketua')?.nama ?? 'Ketua KPU';
}

type Answer = Promise<{ ok: true } | { ok: false; error: ApiError }>;
type Run = (pin: string, alasan: string) => Answer;

/** A dialog's one call at a time: busy while it runs, closed on success, the refusal kept in its words. */
export function useSubmit(onClose: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(call: () => Answer) {
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error.message);
  }
  return { error, busy, submit: (call: () => Answer) => void submit(call) };
}

export interface DecisionProps {
  title: string;
  ketua: string;
  confirm: string;
  reason?: string;
  /** The reason must be given (3 characters at least) for the confirm button. */
  reasonRequired?: boolean;
  /** A second way to decide (Tolak beside Setujui), shown left of the confirm button. */
  alternative?: { label: string; reasonRequired: boolean; run: Run };
  children?: ReactNode;
  onClose: () => void;
  run: Run;
}

/** A decision: optional reason, the ketua's PIN, Batal / [alternative] / confirm. Closes on success. */
export function DecisionDialog(p: DecisionProps) {
  const [pin, setPin] = useState('');
  const [alasan, setAlasan] = useState('');
  const { error, busy, submit: send } = useSubmit(p.onClose);
  const given = alasan.trim().length >= 3;
  const submit = (run: Run) => send(() => run(pin, alasan.trim()));
  const alt = p.alternative;
  return (
    <Dialog
      open
      title={p.title}
      onClose={p.onClose}
      actions={
        <>
          {alt && (
            <Button
              variant="danger"
              onClick={() => submit(alt.run)}
              disabled={busy || !pinReady(pin) || (alt.reasonRequired && !given)}
            >
              {alt.label}
            </Button>
          )}
          <Button
            variant="primary"
            onClick={() => submit(p.run)}
            disabled={busy || !pinReady(pin) || (p.reasonRequired === true && !given)}
          >
            {p.confirm}
          </Button>
        </>
      }
    >
      {p.children}
      {p.reason && (
        <Field label={p.reason}>
          <textarea className="input" value={alasan} onChange={(e) => setAlasan(e.target.value)} />
        </Field>
      )}
      <Field
        label={`PIN ${p.ketua} (Ketua KPU)`}
        hint="Keputusan ini dicatat atas nama ketua dan dikonfirmasi dengan PIN."
      >
        <PinInput value={pin} onChange={setPin} />
      </Field>
      <Refusal error={error} />
    </Dialog>
  );
}

/** What the lock reads out: per paslon, sah, tidak sah, jumlah (after approved corrections). */
export function LockReadout({ v, k }: { v: KabPlenoView; k: KabKecamatanModel }) {
  const s = k.total?.suara;
  return (
    <div data-testid="bacaan-kunci">
      <p>Bacakan angka Kecamatan {k.nama} sebelum dikunci:</p>
      <ul>
        {v.pemilihan.pilihan.map((p, i) => (
          <li key={p.nomor}>
            {p.kolomKosong ? 'Kolom kosong' : `Paslon ${p.nomor} (${p.nama})`}: <strong>{angka(s?.paslon[i])}</strong>
          </li>
        ))}
        <li>
          Suara sah <strong>{angka(s?.sah)}</strong>, tidak sah <strong>{angka(s?.tidakSah)}</strong>, jumlah{' '}
          <strong>{angka(s?.total)}</strong>
        </li>
      </ul>
    </div>
  );
}

/** A labelled choice list. */
export function Choice(props: {
  label: string;
  value: string;
  set: (v: string) => void;
  options: readonly SelectOption[];
}) {
  return (
    <SelectField
      className="input"
      label={props.label}
      value={props.value}
      onChange={props.set}
      options={props.options}
    />
  );
}

/** Which KPU member records or proposes: every member, by name and jabatan. */
export function AnggotaChoice(p: { label: string; v: KabPlenoView; value: string; set: (v: string) => void }) {
  const options = p.v.anggota.map((a) => ({
    value: a.nama,
    label: `${a.nama} (${a.jabatan === 'ketua' ? 'Ketua' : 'Anggota'})`,
  }));
  return <Choice label={p.label} value={p.value} set={p.set} options={options} />;
}

/** The backend's refusal of the last attempt, in its words. */
export function Refusal({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}

interface KoreksiProps {
  v: KabPlenoView;
  k: KabKecamatanModel;
  onClose: () => void;
  run: (input: {
    tps: string;
    bidang: string;
    menjadi: number;
    dasar: string;
    alasan: string;
    oleh: string;
  }) => Promise<{ ok: true } | { ok: false; error: ApiError }>;
}

export function KoreksiDialog({ v, k, onClose, run }: KoreksiProps) {
  const tpsList = k.desa.flatMap((d) =>
    d.tps
      .filter((t) => t.counts)
      .map((t) => ({ tps: t.tps, label: `Desa ${d.nama} TPS ${String(t.nomor).padStart(3, '0')}` })),
  );
  const fields = koreksiFields(v.pemilihan.pilihan);
  const [tps, setTps] = useState(tpsList[0]?.tps ?? '');
  const [bidang, setBidang] = useState(fields[0]!.path);
  const [menjadi, setMenjadi] = useState('');
  const [dasar, setDasar] = useState('salinan-saksi');
  const [alasan, setAlasan] = useState('');
  const [oleh, setOleh] = useState(v.anggota.find((a) => a.jabatan === 'anggota')?.nama ?? v.anggota[0]?.nama ?? '');
  const { error, busy, submit } = useSubmit(onClose);
  return (
    <Dialog
      open
      title={`Usulkan koreksi — Kecamatan ${k.nama}`}
      onClose={onClose}
      actions={
        <Button
          variant="primary"
          onClick={() => submit(() => run({ tps, bidang, menjadi: Number(menjadi), dasar, alasan, oleh }))}
          disabled={busy || !/^\d{1,4}$/.test(menjadi)}
        >
          Usulkan
        </Button>
      }
    >
      <Choice label="TPS" value={tps} set={setTps} options={tpsList.map((t) => ({ value: t.tps, label: t.label }))} />
      <Choice
        label="Isian yang dikoreksi"
        value={bidang}
        set={setBidang}
        options={fields.map((f) => ({ value: f.path, label: f.label }))}
      />
      <Field label="Angka yang benar">
        <TextInput inputMode="numeric" value={menjadi} onChange={(v) => setMenjadi(v.replace(/\D/g, ''))} />
      </Field>
      <Choice label="Dasar koreksi" value={dasar} set={setDasar} options={optionsOf(DASAR)} />
      <Field label="Alasan koreksi">
        <TextInput value={alasan} onChange={setAlasan} />
      </Field>
      <AnggotaChoice label="Diusulkan oleh" v={v} value={oleh} set={setOleh} />
      <Refusal error={error} />
    </Dialog>
  );
}

/** Why the kecamatan cannot be locked yet (pending decisions, a sum a correction broke), said before any PIN. */
export function LockRefused({ k, onClose }: { k: KabKecamatanModel; onClose: () => void }) {
  const title = `Kecamatan ${k.nama} belum dapat dikunci`;
  return <RefusalDialog title={title} reasons={k.lockBlockers} testId="kunci-ditolak" onClose={onClose} />;
}
