// pleno recap --db <file> [--pemilihan <id>] --json: the recap per desa and for the kecamatan (docs/design.md §5.1) on
// stdout. Without --json a short human-readable table is printed instead.
import type { PemilihanId } from '../../../shared/domain/model';
import type { RecapJson } from '../../../shared/domain/recap';
import { loadDataMaster } from '../backend/repositories/master.repo';
import { recap } from '../backend/services/recap/recap.service';
import { parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withBackend } from './storage-cli';

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
    const { values, positionals } = parseCli(argv, {
      db: { type: 'string' },
      pemilihan: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`argumen tidak dikenal / unexpected argument: ${positionals[0]}`);
    const dbPath = requireDb(values.db);
    return withBackend('recap', dbPath, { mustExist: true }, (b) => {
      const m = loadDataMaster(b.ctx.db);
      if (!m) {
        process.stderr.write('pleno recap: basis data belum berisi data master / the database has no data master\n');
        return 1;
      }
      if (values.pemilihan !== undefined && !m.pemilihan.some((p) => p.id === values.pemilihan)) {
        throw new UsageError(
          `pemilihan ${values.pemilihan} tidak ada / unknown (ada / known: ${m.pemilihan.map((p) => p.id).join(', ')})`,
        );
      }
      const r = recap(b.ctx, values.pemilihan as PemilihanId | undefined)!;
      process.stdout.write(values.json ? JSON.stringify(r, null, 2) + '\n' : table(r));
      return 0;
    });
  });
