// Cable/USB imports from the UI: every file of a drive, or files picked in a file input, through the storage
// import service's importPaths (the same path as `pleno import`: bundles, envelopes, QR images — multi-part codes
// assembled across images — and loose photos matched by hash). Progress goes out as `import-progress` events after
// each file is committed; the answer is a summary with every rejected file and its reason.
//
//   importDriveFiles(ctx, paths, jobId?) → Promise<ImportSummary>
//   importUploadedFiles(ctx, files: { name, bytes }[], jobId?) → Promise<ImportSummary>   (file picker, from memory)
import { basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BackendContext } from '../../context';
import type { ImportResultView, ImportRowKind, ImportSummary } from '../../../../../shared/contracts/import.contract';
import { resultLabeler } from '../import/result-labels';
import { importPaths, importUploads, type FileOutcome } from '../import/import.service';

function safeName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')) || 'berkas';
  return base.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

function summarize(
  ctx: BackendContext,
  jobId: string,
  outcomes: FileOutcome[],
  displayName: (file: string) => string,
): ImportSummary {
  const label = resultLabeler(ctx);
  const results: ImportResultView[] = [];
  const summary: ImportSummary = {
    jobId,
    files: outcomes.length,
    diterima: 0,
    duplikat: 0,
    konflik: 0,
    ditolak: 0,
    foto: 0,
    results,
  };
  const counted = new Set<string>();
  for (const fo of outcomes) {
    const name = displayName(fo.file);
    if (fo.status !== 'ditolak' && fo.outcomes.length === 0) {
      // A picture holding only a part of a multi-part QR code: its record is reported on the picture that
      // completed the code, so it is listed here without being counted.
      results.push({ name, status: fo.status, kind: 'bagian-qr', reason: fo.reason ?? 'bagian dari kode QR berganda' });
      continue;
    }
    const records = fo.outcomes.filter((o) => o.status !== 'ditolak' || fo.outcomes.length === 1);
    if (fo.status === 'ditolak' || records.length === 0) {
      summary.ditolak += 1;
      const reason = fo.reason ?? fo.outcomes.find((o) => o.reason)?.reason ?? 'ditolak';
      results.push({ name, status: 'ditolak', kind: 'berkas', reason });
      continue;
    }
    for (const o of records) results.push({ name, ...countOnce(summary, counted, o), ...label(o.tps, o.pemilihan) });
  }
  return summary;
}

/**
 * One outcome of a file, counted once: the pictures of one multi-part QR code all report that code's record, so
 * the second report is a part picture, not another result.
 */
function countOnce(summary: ImportSummary, counted: Set<string>, o: FileOutcome['outcomes'][number]) {
  const key = o.sha256 !== undefined ? `${o.kind ?? 'record'}|${o.sha256}|${o.status}` : null;
  const first = key === null || !counted.has(key);
  if (key !== null) counted.add(key);
  const foto = o.kind === 'foto';
  if (first && foto) summary.foto += 1;
  else if (first) summary[o.status] += 1;
  const kind: ImportRowKind = !first ? 'bagian-qr' : foto ? 'foto' : 'hasil';
  return {
    status: o.status,
    kind,
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
    ...(o.tps !== undefined ? { tps: o.tps } : {}),
    ...(o.pemilihan !== undefined ? { pemilihan: o.pemilihan } : {}),
    ...(o.warnings !== undefined ? { peringatan: o.warnings } : {}),
  };
}

export async function importDriveFiles(
  ctx: BackendContext,
  paths: string[],
  jobId: string = randomUUID(),
  display?: (file: string) => string,
): Promise<ImportSummary> {
  const name = display ?? ((f: string) => basename(f));
  ctx.events.emit({ type: 'import-progress', jobId, done: 0, total: paths.length, file: '' });
  const outcomes = await importPaths(ctx, paths, (fo, index, total) => {
    ctx.events.emit({ type: 'import-progress', jobId, done: index + 1, total, file: name(fo.file) });
  });
  return summarize(ctx, jobId, outcomes, name);
}

/** Files from a browser file input: imported from memory, like the same files from a drive. */
export async function importUploadedFiles(
  ctx: BackendContext,
  files: { name: string; bytes: Uint8Array }[],
  jobId: string = randomUUID(),
): Promise<ImportSummary> {
  // An index prefix keeps equal names distinct (outcomes and QR parts are keyed by name); the user sees the name.
  const keyed = files.map((f, i) => ({ name: `${String(i).padStart(4, '0')}-${safeName(f.name)}`, bytes: f.bytes }));
  const names = new Map(keyed.map((k, i) => [k.name, files[i]!.name]));
  const display = (key: string) => names.get(key) ?? key;
  ctx.events.emit({ type: 'import-progress', jobId, done: 0, total: files.length, file: '' });
  const outcomes = await importUploads(ctx, keyed, (fo, index, total) => {
    ctx.events.emit({ type: 'import-progress', jobId, done: index + 1, total, file: display(fo.file) });
  });
  return summarize(ctx, jobId, outcomes, display);
}
