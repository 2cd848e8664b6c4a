// pleno audit verify --db <file>: recomputes the audit hash chain and every audited row's hash. Exit 0 with
// `valid: N entri audit` when intact; exit 1 naming the first bad entry (edit, delete or insert outside the app).
import { verifyAudit } from '../backend/repositories/audit.repo';
import { AUDITED_TABLES } from '../backend/db/migrations/index';
import { parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withBackend } from './storage-cli';
import { witnessedHeadProblems } from '../backend/services/kirim/anchor';
import { storageMessage } from '../backend/unexpected';

const USAGE = 'Penggunaan / usage: pleno audit verify --db <file>';

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, { db: { type: 'string' } });
    if (positionals[0] !== 'verify' || positionals.length !== 1)
      throw new UsageError('subperintah / subcommand: verify');
    const dbPath = requireDb(values.db);
    return withBackend('audit', dbPath, { mustExist: true, readOnly: true }, (b) => {
      let verified: ReturnType<typeof verifyAudit>;
      try {
        verified = verifyAudit(b.ctx.db, { requiredTables: AUDITED_TABLES });
      } catch (err) {
        // A damaged file cannot be read to its end: that is "not valid", never a crash (exit code = what is printed).
        const storage = storageMessage(err);
        if (storage === null) throw err;
        process.stdout.write(`tidak valid / invalid: berkas basis data tidak dapat dibaca seluruhnya\n`);
        process.stderr.write(`${storage} / ${(err as Error).message}\n`);
        return 1;
      }
      // Heads witnessed by the receiver's receipts (docs/design.md §4.3) are checked as well.
      const anchors = witnessedHeadProblems(b.ctx.db);
      const r =
        anchors.length === 0 ? verified : { ...verified, ok: false, problems: [...verified.problems, ...anchors] };
      if (r.ok) {
        process.stdout.write(
          `valid: ${r.entries} entri audit, ${r.rows} baris diperiksa, hash terakhir ${r.head.slice(0, 16)}\n`,
        );
        return 0;
      }
      const first = r.problems[0]!;
      process.stdout.write(`tidak valid / invalid: ${first.message}\n`);
      for (const p of r.problems) process.stderr.write(`${p.message} / ${p.english}\n`);
      process.stderr.write(`${r.problems.length} masalah / problems; ${r.entries} entri audit diperiksa\n`);
      return 1;
    });
  });
