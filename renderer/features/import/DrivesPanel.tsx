// Kabel/USB: removable drives and phones mounted as drives are found automatically (drives-changed), each with its
// importable files and one "Impor semua" button; the file and folder pickers are the fallback. A progress bar
// follows `import-progress` events, and the summary lists every rejected file with its reason.
import type { DriveView } from '../../../shared/contracts/import.contract';
import { useApiQuery } from '../../api/hooks';
import { Button, Card, EmptyState, ProgressBar } from '../../ui';
import { ImportSummaryView } from './ImportSummaryView';
import { ErrorAlert, FilePicker } from './panel-parts';
import { useFileImport, type ImportProgressView } from './use-file-import';

const KIND_LABEL = { bundle: 'bundel .pleno', envelope: 'amplop .json', 'qr-image': 'gambar QR' } as const;

function countKinds(d: DriveView): string {
  const n = { bundle: 0, envelope: 0, 'qr-image': 0 };
  for (const f of d.files) n[f.kind] += 1;
  return (Object.keys(n) as (keyof typeof n)[])
    .filter((k) => n[k] > 0)
    .map((k) => `${n[k]} ${KIND_LABEL[k]}`)
    .join(', ');
}

function DrivesCard({ busy, onImport }: { busy: string | null; onImport(root: string): void }) {
  const drives = useApiQuery('import.drives', {});
  const list = drives.data?.drives ?? [];
  return (
    <Card
      title="Perangkat penyimpanan terpasang"
      aside={<span className="muted">diperiksa otomatis setiap 2 detik</span>}
    >
      {list.length === 0 ? (
        <EmptyState title="Belum ada flashdisk atau ponsel terpasang">
          Pasang flashdisk atau sambungkan ponsel KPPS dengan kabel (mode transfer berkas). Berkas hasil TPS (.pleno,
          .json, gambar QR) akan tampil di sini.
        </EmptyState>
      ) : (
        <ul className="drive-list" aria-label="Perangkat penyimpanan">
          {list.map((d) => (
            <li key={d.root} className="drive">
              <div className="grow">
                <strong>{d.label}</strong> <span className="muted mono">{d.root}</span>
                <div className="muted">
                  {d.files.length === 0 ? 'Tidak ada berkas hasil TPS' : countKinds(d)}
                  {d.truncated && ' (daftar dipotong: terlalu banyak berkas)'}
                </div>
              </div>
              <Button
                variant="primary"
                disabled={d.files.length === 0 || busy !== null}
                busy={busy === d.root}
                onClick={() => onImport(d.root)}
              >
                Impor semua ({d.files.length})
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function PickCard({ busy, onFiles }: { busy: boolean; onFiles(list: FileList | null): void }) {
  return (
    <Card title="Pilih berkas secara manual">
      <p className="muted">Jika perangkat tidak terdeteksi, pilih berkas atau folder berisi hasil TPS.</p>
      <div className="row">
        <FilePicker
          inputLabel="Berkas hasil TPS"
          accept=".pleno,.json,.png,.jpg,.jpeg"
          multiple
          disabled={busy}
          onFiles={onFiles}
        >
          Pilih berkas…
        </FilePicker>
        <FilePicker inputLabel="Folder hasil TPS" multiple folder disabled={busy} onFiles={onFiles}>
          Pilih folder…
        </FilePicker>
      </div>
    </Card>
  );
}

function ProgressCard({ progress }: { progress: ImportProgressView | null }) {
  return (
    <Card title="Mengimpor…">
      <ProgressBar label="Kemajuan impor" value={progress?.done} max={progress?.total ?? 1} />
      <p className="muted" aria-live="polite">
        {progress
          ? `${progress.done} dari ${progress.total} berkas ${progress.file ? `— ${progress.file}` : ''}`
          : 'Menyiapkan…'}
      </p>
    </Card>
  );
}

export function DrivesPanel() {
  const imp = useFileImport();
  return (
    <div className="stack import-drives">
      <DrivesCard busy={imp.busy} onImport={(root) => void imp.fromDrive(root)} />
      <PickCard busy={imp.busy !== null} onFiles={(list) => void imp.fromPicked(list)} />
      {imp.busy !== null && <ProgressCard progress={imp.progress} />}
      <ErrorAlert message={imp.error?.message} />
      {imp.summary && (
        <Card title="Ringkasan impor">
          <ImportSummaryView summary={imp.summary} />
        </Card>
      )}
    </div>
  );
}
