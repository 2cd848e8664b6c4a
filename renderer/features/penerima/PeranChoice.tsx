// First run: which level this laptop serves. "Kecamatan (PPK)" continues with the kecamatan set-up below it;
// "Kabupaten/Kota (KPU)" makes this a receiver from the data masters of every kecamatan (all signed by one KPU key).
import { useState, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/contracts/result';
import { useApiCommand } from '../../api/hooks';
import { FilePicker } from '../../ui/FilePicker';
import { Card } from '../../ui/Card';
import { fileToBase64 } from '../setup/setup-calls';

function PenerimaSetup({ onDone }: { onDone: () => void }) {
  const init = useApiCommand('penerima.init');
  const [error, setError] = useState<ApiError | null>(null);
  async function onFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const files = await Promise.all(
      [...list].map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f) })),
    );
    const r = await init.run({ files });
    if (r.ok) onDone();
    else setError(r.error);
  }
  return (
    <Card title="Penerima tingkat Kabupaten/Kota (KPU)">
      <h1>Selamat datang di Pleno</h1>
      <p>
        Pilih data master semua kecamatan di kabupaten/kota ini (berkas .json yang ditandatangani kunci KPU). Pleno
        membuat kunci penerima dan menampilkan kiriman setiap kecamatan.
      </p>
      <FilePicker
        variant="primary"
        accept=".json,application/json"
        multiple
        inputLabel="Berkas data master kecamatan"
        disabled={init.pending}
        onFiles={(list) => void onFiles(list)}
      >
        Pilih data master kecamatan…
      </FilePicker>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
    </Card>
  );
}

/** Wraps the kecamatan set-up: the choice first, then that level's set-up. */
export function PeranChoice({ onDone, kecamatan }: { onDone: () => void; kecamatan: ReactNode }) {
  const [peran, setPeran] = useState<'ppk' | 'kpu'>('ppk');
  return (
    <div className="stack">
      <fieldset className="row" style={{ gap: 16, border: 0, padding: 0 }}>
        <legend>Laptop ini dipakai untuk</legend>
        <label>
          <input type="radio" name="peran" checked={peran === 'ppk'} onChange={() => setPeran('ppk')} /> Kecamatan (PPK)
        </label>
        <label>
          <input type="radio" name="peran" checked={peran === 'kpu'} onChange={() => setPeran('kpu')} /> Kabupaten/Kota
          (KPU)
        </label>
      </fieldset>
      {peran === 'ppk' ? kecamatan : <PenerimaSetup onDone={onDone} />}
    </div>
  );
}
