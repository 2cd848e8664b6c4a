// Recording a keberatan or a kejadian khusus at the kab/kota plenary (docs/receiver-plenary.md): about one kecamatan
// or the whole kabupaten/kota, raised by whom (a saksi of a paslon, Bawaslu, or someone named), what, and which KPU
// member records it. No PIN: recording is open to every member; deciding (resolving a keberatan) is the ketua's.
import { useState } from 'react';
import type { KabPlenoView } from '../../../shared/contracts/kabpleno.contract';
import type { ApiError } from '../../../shared/contracts/result';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, TextInput } from '../../ui/Field';
import { AnggotaChoice, Choice, Refusal, useSubmit } from './KabDialogs';

const SELURUH = '';
const LAINNYA = 'lainnya';
export const KPU = 'KPU Kabupaten/Kota';

/** Who can raise a keberatan or report a kejadian: each paslon's saksi, Bawaslu, (for a kejadian) KPU itself. */
function pihakOptions(v: KabPlenoView, withKpu: boolean): { value: string; label: string }[] {
  const saksi = v.pemilihan.pilihan
    .filter((p) => !p.kolomKosong)
    .map((p) => ({ value: `Saksi Paslon ${p.nomor} (${p.nama})`, label: `Saksi paslon ${p.nomor} (${p.nama})` }));
  return [
    ...(withKpu ? [{ value: KPU, label: KPU }] : []),
    ...saksi,
    { value: 'Bawaslu Kabupaten/Kota', label: 'Bawaslu Kabupaten/Kota' },
    { value: LAINNYA, label: 'Lainnya…' },
  ];
}

export interface CatatanInput {
  kecamatan: string | null;
  pihak: string;
  uraian: string;
  oleh: string;
}

interface Props {
  v: KabPlenoView;
  kind: 'keberatan' | 'kejadian';
  onClose: () => void;
  run: (input: CatatanInput) => Promise<{ ok: true } | { ok: false; error: ApiError }>;
}

/** The form of a keberatan or a kejadian khusus (the same fields; the words differ). */
export function CatatanDialog({ v, kind, onClose, run }: Props) {
  const keberatan = kind === 'keberatan';
  const options = pihakOptions(v, !keberatan);
  const [kecamatan, setKecamatan] = useState(SELURUH);
  const [pihak, setPihak] = useState(options[0]!.value);
  const [namaPihak, setNamaPihak] = useState('');
  const [uraian, setUraian] = useState('');
  const [oleh, setOleh] = useState(v.anggota[0]?.nama ?? '');
  const { error, busy, submit } = useSubmit(onClose);
  const siapa = pihak === LAINNYA ? namaPihak.trim() : pihak;
  return (
    <Dialog
      open
      title={keberatan ? 'Catat keberatan' : 'Catat kejadian khusus'}
      onClose={onClose}
      actions={
        <Button
          variant="primary"
          onClick={() => submit(() => run({ kecamatan: kecamatan || null, pihak: siapa, uraian: uraian.trim(), oleh }))}
          disabled={busy || uraian.trim().length < 3 || siapa.length < 2 || !oleh}
        >
          {keberatan ? 'Catat keberatan' : 'Simpan kejadian'}
        </Button>
      }
    >
      <Choice
        label="Tentang"
        value={kecamatan}
        set={setKecamatan}
        options={[
          { value: SELURUH, label: `Seluruh ${v.kabkota.nama} (rapat pleno)` },
          ...v.model.kecamatan.map((k) => ({ value: k.kode, label: `Kecamatan ${k.nama}` })),
        ]}
      />
      <Choice label={keberatan ? 'Diajukan oleh' : 'Dilaporkan oleh'} value={pihak} set={setPihak} options={options} />
      {pihak === LAINNYA && (
        <Field label="Nama dan peran pengaju">
          <TextInput value={namaPihak} onChange={setNamaPihak} />
        </Field>
      )}
      <Field label={keberatan ? 'Isi keberatan' : 'Kejadian'}>
        <textarea className="input" value={uraian} onChange={(e) => setUraian(e.target.value)} />
      </Field>
      <AnggotaChoice label="Dicatat oleh" v={v} value={oleh} set={setOleh} />
      <Refusal error={error} />
    </Dialog>
  );
}

/** Declaring a kejadian khusus settled: how (printed as its penyelesaian) and which member records it. */
export function SelesaiDialog(p: {
  v: KabPlenoView;
  uraian: string;
  onClose: () => void;
  run: (input: { catatan: string; oleh: string }) => Promise<{ ok: true } | { ok: false; error: ApiError }>;
}) {
  const [catatan, setCatatan] = useState('');
  const [oleh, setOleh] = useState(p.v.anggota[0]?.nama ?? '');
  const { error, busy, submit } = useSubmit(p.onClose);
  return (
    <Dialog
      open
      title="Kejadian khusus selesai"
      onClose={p.onClose}
      actions={
        <Button
          variant="primary"
          onClick={() => submit(() => p.run({ catatan: catatan.trim(), oleh }))}
          disabled={busy || catatan.trim().length < 3 || !oleh}
        >
          Simpan
        </Button>
      }
    >
      <p>{p.uraian}</p>
      <Field label="Bagaimana diselesaikan (dicetak pada D.Kejadian Khusus)">
        <textarea className="input" value={catatan} onChange={(e) => setCatatan(e.target.value)} />
      </Field>
      <AnggotaChoice label="Dicatat oleh" v={p.v} value={oleh} set={setOleh} />
      <Refusal error={error} />
    </Dialog>
  );
}
