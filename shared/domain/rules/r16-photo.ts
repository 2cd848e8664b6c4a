// R16 (warning): a photo counted for two TPS (the same SHA-256 referenced by records of different TPS: one sheet
// photographed once and sent again for another TPS), or a sheet whose printed TPS differs from the record's (when the
// TPS printed on the sheet is known, e.g. read by the operator or from the sheet's code).
import type { FotoRef, PemilihanId } from '../model';
import type { CrossViolation } from './cross-types';

export interface PhotoRecord {
  tps: string;
  pemilihan: PemilihanId;
  foto: readonly FotoRef[];
}

export interface R16Violation extends CrossViolation {
  code: 'R16';
  tps: string;
  /** The other TPS holding the same photo (null for a printed-TPS mismatch). */
  otherTps: string | null;
}

const byCode = (tps: string) => `TPS ${tps.slice(10)} (${tps.slice(0, 10)})`;

/**
 * R16 over every record of the kecamatan (all pemilihan). `printedTps` maps a photo hash to the TPS code printed on
 * that sheet, where known; `shown` names a TPS for a person (e.g. "Desa Hampang TPS 001"; default: its codes).
 * One violation per record and photo concerned.
 */
export function checkR16(
  records: readonly PhotoRecord[],
  printedTps?: ReadonlyMap<string, string>,
  shown: (tps: string) => string = byCode,
): R16Violation[] {
  const holders = new Map<string, Set<string>>();
  for (const r of records)
    for (const f of r.foto) {
      const set = holders.get(f.sha256) ?? new Set<string>();
      set.add(r.tps);
      holders.set(f.sha256, set);
    }
  const out: R16Violation[] = [];
  for (const r of records) {
    for (const f of r.foto) {
      for (const other of holders.get(f.sha256) ?? []) {
        if (other === r.tps) continue;
        out.push({
          code: 'R16',
          severity: 'warning',
          pemilihan: r.pemilihan,
          tps: r.tps,
          otherTps: other,
          message: `Foto lembar ${f.lembar} sama persis dengan foto ${shown(other)}: satu foto dipakai untuk dua TPS`,
          fields: [],
          lembar: f.lembar,
        });
      }
      const printed = printedTps?.get(f.sha256);
      if (printed !== undefined && printed !== r.tps)
        out.push({
          code: 'R16',
          severity: 'warning',
          pemilihan: r.pemilihan,
          tps: r.tps,
          otherTps: null,
          message: `Lembar ${f.lembar} bertuliskan ${shown(printed)}, bukan TPS data ini`,
          fields: [],
          lembar: f.lembar,
        });
    }
  }
  return out;
}
