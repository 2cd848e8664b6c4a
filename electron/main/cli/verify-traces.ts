// The trace part of `pleno verify` for a pleno.document/2 D.Hasil (docs/documents.md "Verification"): with --db,
// every lampiran TPS's `sumber` is replayed against the C.Hasil records that database holds and the outcome is
// reported per TPS; without --db the traces are reported as not checked, in plain words (the document itself can
// still be valid: signature and pages do not depend on the records).
import type { DHasilData, DocumentData } from '../../../shared/documents/types';
import { checkTraces, type HeldRecord } from '../../../shared/documents/traces';

export interface TraceReport {
  ok: boolean;
  lines: string[];
}

function shortHash(sha: string): string {
  return `${sha.slice(0, 12)}…`;
}

/** `record` looks a payload hash up in the database; null when no database was given. */
export function traceReport(
  data: DocumentData,
  record: ((sha256: string) => HeldRecord | undefined) | null,
): TraceReport | null {
  if (data.meta.kind !== 'd-hasil' || data.format !== 'pleno.document/2') return null;
  const check = checkTraces(data as DHasilData, record ?? (() => undefined));
  if (record === null) {
    return {
      ok: true,
      lines: [
        `jejak angka ${check.traced} TPS (rekaman C.Hasil dan koreksinya) TIDAK diperiksa: ` +
          'berikan --db <basis data> yang memuat rekaman C.Hasil-nya untuk memeriksanya',
      ],
    };
  }
  const lines = check.tps.map((t) => {
    const src = t.rekaman ? `rekaman ${shortHash(t.rekaman)}, ${t.koreksi} koreksi` : 'tanpa rekaman';
    return t.problems.length === 0
      ? `jejak ${t.where}: cocok (${src})`
      : `jejak ${t.where}: TIDAK COCOK — ${t.problems.map((p) => p.slice(t.where.length + 2)).join('; ')}`;
  });
  const bad = check.tps.filter((t) => t.problems.length > 0).length;
  lines.push(
    bad === 0
      ? `jejak angka: ${check.traced} TPS diperiksa terhadap basis data, semuanya cocok`
      : `jejak angka: ${bad} dari ${check.tps.length} TPS tidak cocok dengan rekaman di basis data`,
  );
  return { ok: bad === 0, lines };
}
