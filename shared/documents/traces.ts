// Checking the traces of a pleno.document/2 D.Hasil (docs/design.md §3.7): for every lampiran TPS, applying
// `sumber.koreksi` in order to the numbers of the record named by `sumber.rekaman` (a record of that very TPS) gives
// exactly the printed `counts`, and each correction starts from the value the previous step left ("dari").
// `pleno verify --db` reports the outcome per TPS (electron/main/cli/verify-traces.ts).
import { applyTrace } from '../domain/count-trace';
import { forEachCount, getCount } from '../domain/labels';
import { tpsCode, type CHasilCounts } from '../domain/model';
import type { DHasilData, DocTps } from './types';

/** A held C.Hasil record: its TPS code and numbers. */
export interface HeldRecord {
  tps: string;
  counts: CHasilCounts;
}

/** The outcome for one lampiran TPS that carries a trace or a number. */
export interface TpsTrace {
  /** "Desa <nama> TPS 001". */
  where: string;
  /** SHA-256 of the named record (null: a number printed without a source). */
  rekaman: string | null;
  koreksi: number;
  /** Empty when the trace holds. */
  problems: string[];
}

export interface TraceCheck {
  /** Lampiran TPS carrying a trace. */
  traced: number;
  /** Sentences (Bahasa Indonesia) for every trace that does not hold; empty when all hold. */
  problems: string[];
  /** Per TPS with a trace or a number, in lampiran order. */
  tps: TpsTrace[];
}

function replayOne(t: DocTps, kode: string, where: string, base: HeldRecord): string[] {
  if (base.tps !== kode) return [`${where}: rekaman sumbernya adalah C.Hasil TPS lain (${base.tps})`];
  const out: string[] = [];
  let cur = base.counts;
  for (const k of t.sumber!.koreksi) {
    const now = getCount(cur, k.bidang);
    if (now !== k.dari)
      out.push(`${where}: koreksi ${k.bidang} bermula dari ${k.dari}, tetapi angka sebelumnya ${now}`);
    cur = applyTrace(cur, [{ path: k.bidang, to: k.menjadi }]);
  }
  const diff: string[] = [];
  if (t.counts) forEachCount(t.counts, (path, v) => getCount(cur, path) !== v && diff.push(path));
  if (!t.counts || diff.length > 0)
    out.push(`${where}: angka tercetak bukan rekaman + koreksinya (${diff.slice(0, 3).join(', ')})`);
  return out;
}

/** `record(sha256)` gives the held record with that payload hash, or undefined when it is not held. */
export function checkTraces(data: DHasilData, record: (sha256: string) => HeldRecord | undefined): TraceCheck {
  const tps: TpsTrace[] = [];
  for (const desa of data.lampiran) {
    for (const t of desa.tps) {
      const where = `Desa ${desa.nama} TPS ${String(t.nomor).padStart(3, '0')}`;
      if (!t.sumber) {
        if (t.counts && data.format !== 'pleno.document/1')
          tps.push({ where, rekaman: null, koreksi: 0, problems: [`${where}: angka tanpa sumber`] });
        continue;
      }
      const base = record(t.sumber.rekaman);
      const problems = base
        ? replayOne(t, tpsCode(desa.kode, t.nomor), where, base)
        : [`${where}: rekaman ${t.sumber.rekaman.slice(0, 16)}… tidak ada di basis data`];
      tps.push({ where, rekaman: t.sumber.rekaman, koreksi: t.sumber.koreksi.length, problems });
    }
  }
  return {
    traced: tps.filter((t) => t.rekaman !== null).length,
    problems: tps.flatMap((t) => t.problems),
    tps,
  };
}
