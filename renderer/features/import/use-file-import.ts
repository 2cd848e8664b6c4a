// Importing through the Kabel/USB panel: one run at a time (a drive, or files picked by hand), its progress from
// `import-progress` events, then its summary or its refusal. Picked files go in batches of ~16 MiB: a request to
// Pleno is limited (30 MiB), a folder of bundles is not.
import { useState } from 'react';
import type { ImportSummary } from '../../../shared/contracts/import.contract';
import type { ApiError, Result } from '../../../shared/contracts/result';
import { useApiEvent } from '../../api/hooks';
import { runCommand } from '../../api/query-client';
import { fileToBase64, isImportable } from './files';

const BATCH_BYTES = 16 * 1024 * 1024;

export interface ImportProgressView {
  done: number;
  total: number;
  file: string;
}

export function mergeSummaries(a: ImportSummary, b: ImportSummary): ImportSummary {
  return {
    jobId: a.jobId,
    files: a.files + b.files,
    diterima: a.diterima + b.diterima,
    duplikat: a.duplikat + b.duplikat,
    konflik: a.konflik + b.konflik,
    ditolak: a.ditolak + b.ditolak,
    foto: a.foto + b.foto,
    results: [...a.results, ...b.results],
  };
}

/** Files grouped so that each group stays under BATCH_BYTES (a larger file goes alone). */
export function batchFiles<T extends { size: number }>(files: T[], limit = BATCH_BYTES): T[][] {
  const batches: T[][] = [];
  let size = Infinity;
  for (const f of files) {
    if (size + f.size > limit) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1]!.push(f);
    size += f.size;
  }
  return batches;
}

async function payloadOf(batch: File[]) {
  const payload = [];
  for (const f of batch)
    payload.push({
      name: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name,
      contentBase64: await fileToBase64(f),
    });
  return payload;
}

export function useFileImport() {
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportProgressView | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

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

  const fromDrive = (root: string) => run(root, () => runCommand('import.fromDrive', { root }));

  async function fromPicked(list: FileList | null) {
    const files = [...(list ?? [])].filter((f) => isImportable(f.name));
    if (files.length === 0) {
      setError({ code: 'INVALID_INPUT', message: 'Tidak ada berkas .pleno, .json, .png atau .jpg yang dipilih.' });
      return;
    }
    await run('berkas', async () => {
      let merged: ImportSummary | null = null;
      let done = 0;
      for (const batch of batchFiles(files)) {
        setProgress({ done, total: files.length, file: 'membaca berkas…' });
        const r = await runCommand('import.files', { files: await payloadOf(batch) });
        if (!r.ok) return r;
        done += batch.length;
        merged = merged === null ? r.value : mergeSummaries(merged, r.value);
      }
      return { ok: true as const, value: merged! };
    });
  }

  return { busy, progress, summary, error, fromDrive, fromPicked };
}
