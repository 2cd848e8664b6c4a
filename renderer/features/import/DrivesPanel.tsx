// Kabel/USB: removable drives and phones mounted as drives are found automatically (drives-changed), each with its
// importable files and one "Impor semua" button; the file and folder pickers are the fallback. A progress bar
// follows `import-progress` events, and the summary lists every rejected file with its reason.
import { useRef, useState } from 'react';
import type { DriveView, ImportSummary } from '../../../shared/contracts/import.contract';
import type { ApiError, Result } from '../../../shared/contracts/result';
import { useApiEvent, useApiQuery } from '../../api/hooks';
import { runCommand } from '../../api/query-client';
import { Button, Card, EmptyState, ProgressBar, StatusPill } from '../../ui';
import { ImportSummaryView } from './ImportSummaryView';
import { fileToBase64, isImportable } from './files';

const BATCH_BYTES = 16 * 1024 * 1024;

function mergeSummaries(a: ImportSummary, b: ImportSummary): ImportSummary {
  return {
    jobId: a.jobId,
    files: a.files + b.files,
    diterima: a.diterima + b.diterima,
    duplikat: a.duplikat + b.duplikat,
    konflik: a.konflik + b.konflik,
    ditolak: a.ditolak + b.ditolak,
    results: [...a.results, ...b.results],
  };
}

const KIND_LABEL = { bundle: 'bundel .pleno', envelope: 'amplop .json', 'qr-image': 'gambar QR' } as const;

function countKinds(d: DriveView): string {
  const n = { bundle: 0, envelope: 0, 'qr-image': 0 };
  for (const f of d.files) n[f.kind] += 1;
  return (Object.keys(n) as (keyof typeof n)[])
    .filter((k) => n[k] > 0)
    .map((k) => `${n[k]} ${KIND_LABEL[k]}`)
    .join(', ');
}

// eslint-disable-next-line max-lines-per-function -- issue 9: this import panel is not yet split into parts (deferred)
export function DrivesPanel() {
  const drives = useApiQuery('import.drives', {});
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; file: string } | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useApiEvent('import-progress', (e) => {
    if (busy) setProgress({ done: e.done, total: e.total, file: e.file });
  });

  async function run(label: string, call: () => Promise<Result<ImportSummary>>) {
    setBusy(label);
    setProgress(null);
    setSummary(null);
    setError(null);
    try {
      const r = await call();
      if (r.ok) setSummary(r.value);
      else setError(r.error);
    } finally {
      setBusy(null);
    }
  }

  async function importPicked(list: FileList | null) {
    const files = [...(list ?? [])].filter((f) => isImportable(f.name));
    if (files.length === 0) {
      setError({ code: 'INVALID_INPUT', message: 'Tidak ada berkas .pleno, .json, .png atau .jpg yang dipilih.' });
      return;
    }
    await run('berkas', async () => {
      // One call per ~16 MiB of files: a request to Pleno is limited (30 MiB), a folder of bundles is not.
      const batches: File[][] = [];
      let size = Infinity;
      for (const f of files) {
        if (size + f.size > BATCH_BYTES || batches.length === 0) {
          batches.push([]);
          size = 0;
        }
        batches[batches.length - 1]!.push(f);
        size += f.size;
      }
      let merged: ImportSummary | null = null;
      let done = 0;
      for (const batch of batches) {
        setProgress({ done, total: files.length, file: 'membaca berkas…' });
        const payload = [];
        for (const f of batch)
          payload.push({
            name: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name,
            contentBase64: await fileToBase64(f),
          });
        const r = await runCommand('import.files', { files: payload });
        if (!r.ok) return r;
        done += batch.length;
        merged = merged === null ? r.value : mergeSummaries(merged, r.value);
      }
      return { ok: true as const, value: merged! };
    });
  }

  const list = drives.data?.drives ?? [];
  return (
    <div className="stack import-drives">
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
                  onClick={() => void run(d.root, () => runCommand('import.fromDrive', { root: d.root }))}
                >
                  Impor semua ({d.files.length})
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Pilih berkas secara manual">
        <p className="muted">Jika perangkat tidak terdeteksi, pilih berkas atau folder berisi hasil TPS.</p>
        <div className="row">
          <Button onClick={() => fileInput.current?.click()} disabled={busy !== null}>
            Pilih berkas…
          </Button>
          <Button onClick={() => folderInput.current?.click()} disabled={busy !== null}>
            Pilih folder…
          </Button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept=".pleno,.json,.png,.jpg,.jpeg"
            hidden
            aria-label="Berkas hasil TPS"
            onChange={(e) => {
              void importPicked(e.target.files);
              e.target.value = '';
            }}
          />
          <input
            ref={folderInput}
            type="file"
            multiple
            hidden
            aria-label="Folder hasil TPS"
            {...({ webkitdirectory: '' } as Record<string, string>)}
            onChange={(e) => {
              void importPicked(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
      </Card>

      {busy !== null && (
        <Card title="Mengimpor…">
          <ProgressBar label="Kemajuan impor" value={progress?.done} max={progress?.total ?? 1} />
          <p className="muted" aria-live="polite">
            {progress
              ? `${progress.done} dari ${progress.total} berkas ${progress.file ? `— ${progress.file}` : ''}`
              : 'Menyiapkan…'}
          </p>
        </Card>
      )}
      {error && (
        <div className="alert alert-danger" role="alert">
          <StatusPill tone="danger">Gagal</StatusPill> {error.message}
        </div>
      )}
      {summary && (
        <Card title="Ringkasan impor">
          <ImportSummaryView summary={summary} />
        </Card>
      )}
    </div>
  );
}
