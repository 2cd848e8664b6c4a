// R17 (warning): the record's `dibuat` outside the election window — before the data master was in use here, or
// in the future. The master carries no date (docs/design.md §3.6), so the window opens R17_GRACE_DAYS before the
// master was imported into this database: the PPK may set up after the vote (records then precede the import by
// the days between the vote and the recap), while a record dated years earlier cannot belong to this master. It
// closes R17_FUTURE_MINUTES after the record was received (device clocks drift; the offset is in the text).
// A warning, never a refusal: the signed record is kept as it is, the plenary sees the reason.

export const R17_GRACE_DAYS = 7;
export const R17_FUTURE_MINUTES = 10;

export interface DibuatWindow {
  /**
   * When the data master was imported into this database (RFC 3339); null for no lower bound (a SIMULASI master:
   * synthetic records replay a past election's date whenever the demo is made).
   */
  masterImported: string | null;
  /** When the record was received (RFC 3339). */
  received: string;
}

export interface R17Violation {
  code: 'R17';
  severity: 'warning';
  /** Bahasa Indonesia, with the times. */
  message: string;
  fields: ['dibuat'];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "2024-11-27 14:05" as written (the record's own offset kept). */
function shown(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?(?=Z|[+-]\d{2}:\d{2}$)/, '');
}

const warning = (message: string): R17Violation[] => [
  { code: 'R17', severity: 'warning', message, fields: ['dibuat'] },
];

/** The window's opening, parsed once per import time (a 600-TPS read checks every counted record against it). */
let opening: { imported: string | null; from: number } = { imported: null, from: -Infinity };
function windowFrom(imported: string | null): number {
  if (opening.imported !== imported) {
    opening = { imported, from: imported === null ? -Infinity : Date.parse(imported) - R17_GRACE_DAYS * DAY_MS };
  }
  return opening.from;
}

export function checkR17(dibuat: string, w: DibuatWindow): R17Violation[] {
  const at = Date.parse(dibuat);
  const from = windowFrom(w.masterImported);
  const until = Date.parse(w.received) + R17_FUTURE_MINUTES * 60 * 1000;
  if (Number.isNaN(at) || Number.isNaN(from) || Number.isNaN(until)) return [];
  if (at < from)
    return warning(
      `Waktu pembuatan rekaman (${shown(dibuat)}) lebih dari ${R17_GRACE_DAYS} hari sebelum data master dipakai di laptop ini (${shown(w.masterImported ?? '')}): periksa jam perangkat KPPS atau asal rekaman`,
    );
  if (at > until)
    return warning(
      `Waktu pembuatan rekaman (${shown(dibuat)}) sesudah rekaman diterima (${shown(w.received)}): jam perangkat KPPS salah atau tanggal rekaman tidak wajar`,
    );
  return [];
}
