// Without a signal: the upload bundles written to a listed drive (the same drive list as Dokumen), carried to the
// KPU kabupaten/kota, and the receipt carried back — read from the drive, or picked as a file or a photo of its QR.
import { useState } from 'react';
import type { KirimReceiptImport, KirimStatus } from '../../../shared/contracts/kirim.contract';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { Button, Card, FilePicker, StatusPill } from '../../ui';
import { fileToBase64 } from './format';

function Results({ list }: { list: KirimReceiptImport[] }) {
  return (
    <ul aria-label="Hasil impor tanda terima">
      {list.map((r) => (
        <li key={r.name}>
          <StatusPill tone={r.ok ? 'ok' : 'danger'}>{r.ok ? 'Diterima' : 'Ditolak'}</StatusPill> {r.name}: {r.message}
        </li>
      ))}
    </ul>
  );
}

export function BundleCard({ status }: { status: KirimStatus }) {
  const drives = useApiQuery('documents.drives', {});
  const exp = useApiCommand('kirim.exportBundles');
  const [results, setResults] = useState<KirimReceiptImport[] | null>(null);
  const fromDrive = useApiCommand('kirim.importReceiptsFromDrive', setResults);
  const files = useApiCommand('kirim.importReceipts', setResults);
  const waiting = status.pushes.filter((p) => p.receipt === null).length;
  const pick = async (chosen: FileList | null) => {
    const list = [...(chosen ?? [])];
    if (list.length === 0) return;
    const input = await Promise.all(list.map(async (f) => ({ name: f.name, contentBase64: await fileToBase64(f) })));
    await files.run({ files: input });
  };
  const list = drives.data ?? [];
  return (
    <Card title="Kirim lewat flashdisk">
      <p>
        Bila tidak ada sinyal: simpan berkas kiriman ({waiting} kiriman belum bertanda terima) ke flashdisk, bawa ke KPU
        kabupaten/kota, lalu impor tanda terima yang dibawa kembali.
      </p>
      {list.length === 0 ? (
        <p className="muted">Tidak ada flashdisk terpasang. Pasang flashdisk; daftarnya muncul di sini.</p>
      ) : (
        <ul className="kirim-drives" aria-label="Flashdisk">
          {list.map((d) => (
            <li key={d.root} className="row">
              <strong>{d.label}</strong>
              <Button disabled={waiting === 0} busy={exp.pending} onClick={() => void exp.run({ root: d.root })}>
                Simpan berkas kiriman ke {d.label}
              </Button>
              <Button busy={fromDrive.pending} onClick={() => void fromDrive.run({ root: d.root })}>
                Impor tanda terima dari {d.label}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {exp.data && (
        <p role="status">
          {exp.data.files.length} berkas kiriman ditulis ke {exp.data.folder}: {exp.data.files.join(', ') || '—'}
        </p>
      )}
      <FilePicker
        multiple
        accept=".json,application/json,image/png,image/jpeg"
        inputLabel="Berkas atau foto QR tanda terima"
        onFiles={pick}
      >
        Pilih berkas atau foto QR tanda terima
      </FilePicker>
      {[exp.error, fromDrive.error, files.error].map(
        (e, i) =>
          e && (
            <p role="alert" key={i}>
              {e.message}
            </p>
          ),
      )}
      {results && <Results list={results} />}
    </Card>
  );
}
