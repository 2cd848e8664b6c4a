// pleno import --db <file> <path>...: .pleno bundles, envelope .json, QR .png/.jpg, loose photos, folders of them.
// One stdout line per file `<file>: diterima|duplikat|konflik|ditolak: <reason>` (printed once the file is
// committed), then a summary line. Exit 1 when any file was rejected (one-line reasons on stderr), 2 on usage.
import { importPaths, type FileOutcome } from '../backend/services/import/import.service';
import { options, parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withBackend } from './storage-cli';

const USAGE = 'Penggunaan / usage: pleno import --db <file> <path>...';

/** The line for one file; a bundle with mixed outcomes names them per pemilihan. */
export function fileLine(f: FileOutcome): string {
  if (f.status === 'ditolak') return `${f.file}: ditolak: ${f.reason ?? ''}`;
  const records = f.outcomes.filter((o) => o.kind === 'record');
  const mixed = new Set(records.map((o) => o.status)).size > 1;
  const detail = mixed ? ` (${records.map((o) => `${o.pemilihan} ${o.status}`).join(', ')})` : '';
  const foto = f.outcomes.length > 0 && f.outcomes.every((o) => o.kind === 'foto') ? ' (foto)' : '';
  return `${f.file}: ${f.status}${detail}${foto}`;
}

/** PLENO_IMPORT_BATCH_FILES: files per transaction (tests use small batches to kill an import mid-way). */
function batchFromEnv(): { batchFiles?: number } {
  const v = Number(process.env.PLENO_IMPORT_BATCH_FILES);
  return Number.isInteger(v) && v > 0 ? { batchFiles: v } : {};
}

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, options(['db']));
    const dbPath = requireDb(values.db);
    if (positionals.length === 0)
      throw new UsageError('perlu paling sedikit satu berkas atau folder / at least one path');
    return withBackend('import', dbPath, { mustExist: true }, async (b) => {
      const count = { diterima: 0, duplikat: 0, konflik: 0, ditolak: 0 };
      let records = 0;
      let photos = 0;
      const started = performance.now();
      const results = await importPaths(
        b.ctx,
        positionals,
        (f) => {
          count[f.status] += 1;
          for (const o of f.outcomes) {
            if (o.kind === 'record' && o.status !== 'duplikat') records += 1;
            if (o.kind === 'foto' && o.status === 'diterima') photos += 1;
          }
          process.stdout.write(fileLine(f) + '\n');
          if (f.status === 'ditolak') process.stderr.write(`${f.file}: ${f.reason ?? 'ditolak'}\n`);
          // Warnings (R17) on stderr: the stdout line keeps its §5 form.
          for (const w of f.outcomes.flatMap((o) => o.warnings ?? []))
            process.stderr.write(`${f.file}: peringatan ${w}\n`);
        },
        { actor: 'cli', ...batchFromEnv() },
      );
      const secs = ((performance.now() - started) / 1000).toFixed(2);
      process.stdout.write(
        `Ringkasan / summary: ${results.length} berkas — diterima ${count.diterima}, duplikat ${count.duplikat}, ` +
          `konflik ${count.konflik}, ditolak ${count.ditolak} (${records} hasil baru, ${photos} foto lepas; ${secs} s)\n`,
      );
      return count.ditolak > 0 ? 1 : 0;
    });
  });
