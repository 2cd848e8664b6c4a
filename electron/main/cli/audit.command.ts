// pleno audit verify --db <file> [--saksi <file>…]: recomputes the audit hash chain and every audited row's hash.
// Exit 0 with `valid: N entri audit` when intact; exit 1 naming the first bad entry (edit, delete or insert outside
// the app). With --saksi, each witness (a document PDF, a backup's cadangan.json, a receiver's receipt) is compared
// with the chain: a chain cut or rewritten after a witness saw it fails too (services/integrity/witness.ts).
import { verifyAudit } from '../backend/repositories/audit.repo';
import { AUDITED_TABLES } from '../backend/db/migrations/index';
import { parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withReader } from './storage-reader';
import { witnessedHeadProblems } from '../backend/services/kirim/anchor';
import { compareWitness, readWitness } from '../backend/services/integrity/witness';
import { storageMessage } from '../backend/unexpected';
import type { Db } from '../backend/context';

const USAGE = 'Penggunaan / usage: pleno audit verify --db <file> [--saksi <pdf|cadangan.json|tanda-terima.json>…]';

/** Each witness on stdout (one line each, "saksi: …"); returns the problems (Indonesian) they show. */
async function checkWitnesses(db: Db, files: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const read = await readWitness(file, db);
    if (!read.ok) {
      problems.push(`saksi ${file} tidak dapat dipakai: ${read.message}`);
      process.stdout.write(`saksi ${file}: tidak dapat dipakai — ${read.message}\n`);
      continue;
    }
    for (const note of read.notes) process.stdout.write(`saksi ${file}: catatan — ${note}\n`);
    for (const f of compareWitness(db, read.witness)) {
      process.stdout.write(`saksi ${file}: ${f.message}\n`);
      if (f.kind !== 'cocok') problems.push(f.message);
    }
  }
  return problems;
}

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, {
      db: { type: 'string' },
      saksi: { type: 'string', multiple: true },
    });
    if (positionals[0] !== 'verify') throw new UsageError('subperintah / subcommand: verify');
    // `--saksi a.pdf b.json` reads as one flag and a positional: every file after `verify` is a witness too.
    if (positionals.length > 1 && values.saksi === undefined) throw new UsageError('berkas saksi memerlukan --saksi');
    const witnesses = [...(values.saksi ?? []), ...positionals.slice(1)];
    const dbPath = requireDb(values.db);
    return withReader('audit', dbPath, async (b) => {
      let verified: ReturnType<typeof verifyAudit>;
      try {
        verified = verifyAudit(b.db, { requiredTables: AUDITED_TABLES });
      } catch (err) {
        // A damaged file cannot be read to its end: that is "not valid", never a crash (exit code = what is printed).
        const storage = storageMessage(err);
        if (storage === null) throw err;
        process.stdout.write(`tidak valid / invalid: berkas basis data tidak dapat dibaca seluruhnya\n`);
        process.stderr.write(`${storage} / ${(err as Error).message}\n`);
        return 1;
      }
      // Heads witnessed by the receiver's receipts (docs/design.md §4.3) are checked as well.
      const anchors = witnessedHeadProblems(b.db);
      const r =
        anchors.length === 0 ? verified : { ...verified, ok: false, problems: [...verified.problems, ...anchors] };
      const seen = await checkWitnesses(b.db, witnesses);
      if (r.ok && seen.length === 0) {
        const by = witnesses.length > 0 ? `, cocok dengan ${witnesses.length} saksi` : '';
        process.stdout.write(
          `valid: ${r.entries} entri audit, ${r.rows} baris diperiksa, hash terakhir ${r.head.slice(0, 16)}${by}\n`,
        );
        return 0;
      }
      const first = r.problems[0]?.message ?? seen[0]!;
      process.stdout.write(`tidak valid / invalid: ${first}\n`);
      for (const p of r.problems) process.stderr.write(`${p.message} / ${p.english}\n`);
      for (const p of seen) process.stderr.write(`${p}\n`);
      process.stderr.write(
        `${r.problems.length + seen.length} masalah / problems; ${r.entries} entri audit diperiksa\n`,
      );
      return 1;
    });
  });
