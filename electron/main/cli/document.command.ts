// pleno document d-hasil|kejadian-khusus --db <file> --pemilihan <id> --out <file.pdf> [--paper a4|f4] [--final]
// [--reason <text>]: issues a document (draft unless --final; a final only when the pemilihan is final), keeps it
// under <dataDir>/documents/ with its recorded version, and writes a copy to --out.
import { writeFileSync } from 'node:fs';
import type { DocKind } from '../../../shared/documents/types';
import { issueDocument, REASON_FIELD } from '../backend/services/documents/documents.service';
import { options, parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withBackend } from './storage-cli';

const USAGE =
  'Penggunaan / usage: pleno document d-hasil|kejadian-khusus --db <file> --pemilihan <id> --out <file.pdf> ' +
  '[--paper a4|f4] [--final] [--reason <text>]';

const KINDS: DocKind[] = ['d-hasil', 'kejadian-khusus'];

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, options(['db', 'pemilihan', 'out', 'paper', 'reason'], ['final']));
    const [kind, ...extra] = positionals;
    if (!kind || !KINDS.includes(kind as DocKind))
      throw new UsageError(`jenis dokumen / document kind: ${KINDS.join(' | ')}`);
    if (extra.length > 0) throw new UsageError(`argumen tidak dikenal / unexpected argument: ${extra[0]}`);
    const dbPath = requireDb(values.db);
    if (!values.pemilihan) throw new UsageError('--pemilihan <id> wajib / is required');
    if (!values.out) throw new UsageError('--out <file.pdf> wajib / is required');
    const paper = values.paper ?? 'a4';
    if (paper !== 'a4' && paper !== 'f4') throw new UsageError('--paper a4|f4');
    const out = values.out;
    return withBackend('document', dbPath, { mustExist: true }, async (b) => {
      const t0 = performance.now();
      const doc = await issueDocument(b.ctx, {
        kind: kind as DocKind,
        pemilihan: values.pemilihan!,
        paper,
        final: values.final === true,
        ...(values.reason !== undefined ? { reason: values.reason } : {}),
        actor: 'cli',
      });
      if (!doc.ok) {
        if (doc.error.detail === 'pemilihan') throw new UsageError(doc.error.message);
        process.stderr.write(`pleno document: ${doc.error.message}\n`);
        const reasons =
          doc.error.code === 'CONFLICT' || doc.error.code === 'INVALID_INPUT' ? doc.error.detail : undefined;
        for (const r of reasons?.split('\n') ?? []) if (r !== REASON_FIELD) process.stderr.write(`  - ${r}\n`);
        return 1;
      }
      writeFileSync(out, doc.value.bytes);
      const r = doc.value.row;
      process.stdout.write(
        `${r.docId} versi ${r.version} ${r.final ? 'FINAL' : 'DRAF'}${r.simulasi ? ' SIMULASI' : ''}: ${r.pages} halaman, ` +
          `${(performance.now() - t0).toFixed(0)} ms\n` +
          `  data sha256 ${r.dataSha256}\n  file sha256 ${r.fileSha256}\n  disimpan ${doc.value.path}\n  salinan ${out}\n`,
      );
      return 0;
    });
  });
