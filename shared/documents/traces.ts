// Checking the traces of a pleno.document/2 D.Hasil (docs/design.md §3.7): for every lampiran TPS, applying
// `sumber.koreksi` in order to the numbers of the record named by `sumber.rekaman` gives exactly the printed `counts`,
// and each correction starts from the value the previous step left ("dari").
import { applyTrace } from '../domain/count-trace';
import { forEachCount, getCount } from '../domain/labels';
import type { CHasilCounts } from '../domain/model';
import type { DHasilData } from './types';

export interface TraceCheck {
  /** Lampiran TPS carrying a trace. */
  traced: number;
  /** Sentences (Bahasa Indonesia) for every trace that does not hold; empty when all hold. */
  problems: string[];
}

/** `record(sha256)` gives the numbers of a held record, or undefined when it is not held. */
export function checkTraces(data: DHasilData, record: (sha256: string) => CHasilCounts | undefined): TraceCheck {
  const problems: string[] = [];
  let traced = 0;
  for (const desa of data.lampiran) {
    for (const t of desa.tps) {
      const where = `Desa ${desa.nama} TPS ${String(t.nomor).padStart(3, '0')}`;
      if (!t.sumber) {
        if (t.counts && data.format !== 'pleno.document/1') problems.push(`${where}: angka tanpa sumber`);
        continue;
      }
      traced++;
      const base = record(t.sumber.rekaman);
      if (!base) {
        problems.push(`${where}: rekaman ${t.sumber.rekaman.slice(0, 16)}… tidak ada di basis data`);
        continue;
      }
      let cur = base;
      for (const k of t.sumber.koreksi) {
        if (getCount(cur, k.bidang) !== k.dari)
          problems.push(
            `${where}: koreksi ${k.bidang} bermula dari ${k.dari}, tetapi angka sebelumnya ${getCount(cur, k.bidang)}`,
          );
        cur = applyTrace(cur, [{ path: k.bidang, to: k.menjadi }]);
      }
      const diff: string[] = [];
      if (t.counts) forEachCount(t.counts, (path, v) => getCount(cur, path) !== v && diff.push(path));
      if (!t.counts || diff.length > 0)
        problems.push(`${where}: angka tercetak bukan rekaman + koreksinya (${diff.slice(0, 3).join(', ')})`);
    }
  }
  return { traced, problems };
}
