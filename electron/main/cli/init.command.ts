// pleno init --db <file> --master <file>: a database for one kecamatan from a signed data master (docs/design.md §3.6,
// §5). Prints the kecamatan and the signer's fingerprint (to compare with the one KPU announces). The same master again
// is OK (nothing changes); a different master for an existing database is refused (exit 1).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatKode } from '../../../shared/domain/model';
import { importMaster, previewMaster } from '../backend/services/master/master.service';
import { options, parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withBackend } from './storage-cli';

const USAGE = 'Penggunaan / usage: pleno init --db <file> --master <file>';

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, options(['db', 'master']));
    if (positionals.length > 0) throw new UsageError(`argumen tidak dikenal / unexpected argument: ${positionals[0]}`);
    const dbPath = requireDb(values.db);
    if (!values.master) throw new UsageError('--master <file> wajib / is required');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(values.master));
    } catch (err) {
      process.stderr.write(
        `pleno init: berkas data master tidak dapat dibaca / cannot read ${values.master}: ${(err as Error).message}\n`,
      );
      return 1;
    }
    // Check the master before creating any database file.
    const pv = previewMaster(bytes);
    if (!pv.ok) {
      process.stderr.write(`${values.master}: ditolak: ${pv.error.message} (${pv.error.english})\n`);
      return 1;
    }
    return withBackend('init', dbPath, { mustExist: false }, (b) => {
      const r = importMaster(b.ctx, bytes, { fileName: basename(values.master!), actor: 'cli' });
      if (!r.ok) {
        process.stderr.write(`${values.master}: ditolak: ${r.error.message} (${r.error.english})\n`);
        return 1;
      }
      const p = pv.value;
      const sim = p.simulasi ? ' [SIMULASI]' : '';
      process.stdout.write(
        `Kecamatan ${p.kecamatan.nama} (${formatKode(p.kecamatan.kode)}), ${p.kabkota.nama}, ${p.provinsi.nama}${sim}\n` +
          `Sidik jari penanda tangan / signer fingerprint: ${p.fingerprint}\n` +
          `${p.desa} desa, ${p.tps} TPS, pemilihan: ${p.pemilihan.map((x) => x.id).join(', ')}, ${p.perangkat} perangkat\n` +
          (r.value.status === 'same'
            ? `Data master ini sudah ada di ${dbPath}; tidak ada yang diubah / already imported, unchanged\n`
            : `Basis data dibuat / database created: ${dbPath}\n`),
      );
      return 0;
    });
  });
