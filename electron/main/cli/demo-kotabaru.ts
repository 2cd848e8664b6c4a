// `pleno demo <dir> --preset kotabaru [--seed N] [--no-photos] [--url <receiver url>]`: the kab/kota demo
// (services/demo/kotabaru-demo.ts). Prints one line per kecamatan and a summary. --url is an addition to
// docs/design.md §5: the URL written in the receiver certificate (default http://127.0.0.1:8418).
import { formatFingerprint } from '../../../shared/formats/envelope';
import { DemoDirNotEmptyError } from '../backend/services/demo/demo-writer';
import { KOTABARU_DEFAULT_URL, writeKotabaruDemo } from '../backend/services/demo/kotabaru-demo';

export async function kotabaruDemo(
  dir: string,
  seed: number,
  photos: boolean,
  url: string | undefined,
): Promise<number> {
  const t0 = performance.now();
  try {
    const s = await writeKotabaruDemo({
      dir,
      seed,
      photos,
      url: url ?? KOTABARU_DEFAULT_URL,
      onProgress: (line) => console.log(line),
    });
    console.log(`SIMULASI: Kabupaten ${s.kabkota.nama} (${s.kabkota.kode}), preset kotabaru, seed ${seed}`);
    console.log(`kunci KPU: ${formatFingerprint(s.kpuKeyId)}; penerima: ${s.url}`);
    console.log(
      `kecamatan: ${s.kecamatan.length}, TPS: ${s.kecamatan.reduce((n, k) => n + k.tps, 0)}; ` +
        `ditulis dalam ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${dir}`,
    );
    return 0;
  } catch (err) {
    if (err instanceof DemoDirNotEmptyError) {
      process.stderr.write(`pleno demo: ${err.message}; pilih folder baru / choose an empty folder\n`);
      return 1;
    }
    throw err;
  }
}
