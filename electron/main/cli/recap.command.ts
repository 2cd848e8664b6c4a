// pleno recap --db <file> [--pemilihan <id>] --json: the recap per desa and for the kecamatan (docs/design.md §5.1) on
// stdout. Without --json a short human-readable table is printed instead. When the stored data fails its integrity
// check (services/integrity) the recap is still printed, with the warning on stderr and exit 1.
import type { PemilihanId } from '../../../shared/domain/model';
import type { RecapJson } from '../../../shared/domain/recap';
import { loadDataMaster } from '../backend/repositories/master.repo';
import { recap } from '../backend/services/recap/recap.service';
import { options, parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withReader } from './storage-reader';
import { integrityCheck, integrityWarning } from '../backend/services/integrity/integrity.service';

const USAGE = 'Penggunaan / usage: pleno recap --db <file> [--pemilihan <id>] --json';

function table(r: RecapJson): string {
  const lines: string[] = [`Kecamatan ${r.kecamatan}`];
  for (const p of r.pemilihan) {
    lines.push(
      '',
      `Pemilihan ${p.id}: TPS ${p.tps.masuk}/${p.tps.total} masuk, ${p.tps.diputuskan} diputuskan, ${p.tps.konflik} konflik`,
    );
    for (const d of p.desa) {
      lines.push(
        `  ${d.kode} ${d.nama.padEnd(24)} TPS ${String(d.tps.masuk).padStart(3)}/${String(d.tps.total).padEnd(3)} ` +
          `paslon ${d.total.suara.paslon.join(' / ')}  sah ${d.total.suara.sah}  tidak sah ${d.total.suara.tidakSah}`,
      );
    }
    lines.push(
      `  Jumlah: paslon ${p.total.suara.paslon.join(' / ')}  sah ${p.total.suara.sah}  tidak sah ${p.total.suara.tidakSah}`,
    );
  }
  return lines.join('\n') + '\n';
}

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, options(['db', 'pemilihan'], ['json']));
    if (positionals.length > 0) throw new UsageError(`argumen tidak dikenal / unexpected argument: ${positionals[0]}`);
    const dbPath = requireDb(values.db);
    return withReader('recap', dbPath, (r) => {
      const m = loadDataMaster(r.db);
      if (!m) {
        process.stderr.write('pleno recap: basis data belum berisi data master / the database has no data master\n');
        return 1;
      }
      if (values.pemilihan !== undefined && !m.pemilihan.some((p) => p.id === values.pemilihan)) {
        throw new UsageError(
          `pemilihan ${values.pemilihan} tidak ada / unknown (ada / known: ${m.pemilihan.map((p) => p.id).join(', ')})`,
        );
      }
      const out = recap(r, values.pemilihan as PemilihanId | undefined)!;
      process.stdout.write(values.json ? JSON.stringify(out, null, 2) + '\n' : table(out));
      // Numbers read are numbers signed: while the data fails its check, the recap is printed with the warning.
      const integrity = integrityCheck(r);
      if (integrity.ok) return 0;
      process.stderr.write(`pleno recap: PERINGATAN: ${integrityWarning(integrity)}\n`);
      for (const p of integrity.problems) process.stderr.write(`  ${p.message} / ${p.english}\n`);
      return 1;
    });
  });
