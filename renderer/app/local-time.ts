// One clock rule for every time a person reads (docs/plenary-decisions.md, "Times"): the kecamatan's own local time
// (WIB, WITA or WIT by its provinsi), written with the zone's name — the same as the documents print — never the
// laptop's time zone setting, which may be wrong or differ between the laptop and the projector. Before a kecamatan
// is loaded (first-run screen) the laptop's zone is all there is; it is then named by its offset.
import { formatWaktu, isoAtOffset, provinsiOffsetMinutes, zoneName } from '../../shared/documents/format';

let offsetMinutes: number | null = null;

/**
 * Set by the app shell from system.info: the kecamatan's 6-digit code, or a receiver's 4-digit kab/kota code (their
 * first two digits are the provinsi).
 */
export function setKecamatanZone(kecamatanKode: string | null): void {
  offsetMinutes = kecamatanKode ? provinsiOffsetMinutes(kecamatanKode.slice(0, 2)) : null;
}

function localIso(iso: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return isoAtOffset(ms, offsetMinutes ?? -new Date(ms).getTimezoneOffset());
}

/** "2 Desember 2026 03.27 WITA". */
export function waktu(iso: string): string {
  const l = localIso(iso);
  if (!l) return iso;
  return `${formatWaktu(l)} ${zoneName(l) || `UTC${l.slice(-6)}`}`;
}

/** "03.27 WITA": a time of today (the backup pill). */
export function jam(iso: string): string {
  const l = localIso(iso);
  if (!l) return iso;
  return `${l.slice(11, 13)}.${l.slice(14, 16)} ${zoneName(l) || `UTC${l.slice(-6)}`}`;
}
