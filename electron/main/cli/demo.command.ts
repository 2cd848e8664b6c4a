// pleno demo <dir> [--preset hampang|besar] [--seed N] [--no-photos]: writes a synthetic kecamatan (SIMULASI) —
// master.json, keys/, tps/*.pleno, qr/*.png, README.txt — and prints what it wrote with a summary. Exit 2 on usage
// errors, 1 if the folder is not empty. --no-photos (an addition to docs/design.md §5) skips the sheet photos: faster,
// and records then carry `foto: []`.
import { existsSync, readdirSync } from 'node:fs';
import { formatFingerprint } from '../../../shared/formats/envelope';
import {
  DEFAULT_DEMO_SEED,
  DEMO_PRESETS,
  type DemoPreset,
  DemoDirNotEmptyError,
  generateDemo,
  writeDemo,
} from '../backend/services/demo/demo.service';
import { type CliCommand, UsageError, options, parseCli, withUsage } from './command';
import { kotabaruDemo } from './demo-kotabaru';

const USAGE =
  'Penggunaan / usage: pleno demo <dir> [--preset hampang|besar|pulau-sembilan|kotabaru] [--seed N] [--no-photos] [--url <url>]';

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, options(['preset', 'seed', 'url'], ['no-photos']));
    if (positionals.length !== 1)
      throw new UsageError('pleno demo: perlu tepat satu folder tujuan / exactly one target folder');
    const dir = positionals[0]!;
    const preset = (values.preset ?? 'hampang') as DemoPreset;
    if (values.preset !== 'kotabaru' && !DEMO_PRESETS.includes(preset))
      throw new UsageError(`pleno demo: preset tidak dikenal / unknown preset: ${values.preset}`);
    let seed = DEFAULT_DEMO_SEED;
    if (values.seed !== undefined) {
      if (!/^\d{1,10}$/.test(values.seed) || Number(values.seed) > 0xffffffff) {
        throw new UsageError(
          `pleno demo: --seed harus bilangan bulat 0..4294967295 / --seed must be an integer: ${values.seed}`,
        );
      }
      seed = Number(values.seed);
    }

    if (values.preset === 'kotabaru') return kotabaruDemo(dir, seed, values['no-photos'] !== true, values.url);
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      process.stderr.write(`pleno demo: folder ${dir} tidak kosong; pilih folder baru / choose an empty folder\n`);
      return 1;
    }
    const t0 = performance.now();
    const demo = generateDemo({ preset, seed, photos: values['no-photos'] !== true });
    let files;
    try {
      files = await writeDemo(dir, demo);
    } catch (err) {
      if (err instanceof DemoDirNotEmptyError) {
        process.stderr.write(`pleno demo: ${err.message}; pilih folder baru / choose an empty folder\n`);
        return 1;
      }
      throw err;
    }
    const ms = performance.now() - t0;

    for (const f of files) console.log(`${f.path}\t${f.bytes}`);
    const m = demo.master.envelope.payload;
    const e = demo.expected;
    const total = files.reduce((s, f) => s + f.bytes, 0);
    const byKind = new Map<string, number>();
    for (const f of e.faults) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
    console.log(`SIMULASI: Kecamatan ${m.kecamatan.nama} (${m.kecamatan.kode}), preset ${preset}, seed ${seed}`);
    console.log(`kunci KPU: ${formatFingerprint(demo.kpuKey.keyId)}`);
    console.log(
      `TPS: ${e.tps.total} di ${m.desa.length} desa (bundel ${e.tps.bundle}, QR ${e.tps.qr}, JSON ${e.tps.json}, belum masuk ${e.tps.belumMasuk}); ` +
        `hasil: ${e.records} + ${demo.records.length - e.records} kiriman ulang; foto: ${e.photos.bundled} dalam bundel, ${e.photos.pending} menyusul`,
    );
    console.log(`kesalahan: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(
      `ditulis: ${files.length} berkas, ${(total / 1024 / 1024).toFixed(1)} MB, ${(ms / 1000).toFixed(1)} s -> ${dir}`,
    );
    return 0;
  });
