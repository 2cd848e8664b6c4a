// Display helpers for documents: paper sizes, Indonesian number and date formatting, wrapping text to a width.
import { BULAN } from './terbilang';
import type { PaperSize, TextMeasure } from './types';

const MM = 72 / 25.4;

/** Portrait width × height in points. F4 (folio) is 215 × 330 mm. */
export const PAPER_POINTS: Record<PaperSize, { w: number; h: number }> = {
  a4: { w: round2(210 * MM), h: round2(297 * MM) },
  f4: { w: round2(215 * MM), h: round2(330 * MM) },
};

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function landscape(paper: PaperSize): { w: number; h: number } {
  const p = PAPER_POINTS[paper];
  return { w: p.h, h: p.w };
}

/** 12345 → "12.345" (Indonesian thousands separator). */
export function formatNumber(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  let out = s;
  if (!(Math.abs(n) < 1e15)) {
    out = s.replace(/\B(?=(\d{3})+(?!\d))/g, '.'); // 16 digits and more, NaN, Infinity: as it always was
  } else if (s.length > 3) {
    // A document prints tens of thousands of numbers: grouped by slicing rather than by the regular expression.
    let i = s.length % 3 || 3;
    out = s.slice(0, i);
    for (; i < s.length; i += 3) out += `.${s.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * Splits an ISO 8601 time with offset ("2024-11-30T16:05:00+08:00") into its local parts without any time-zone
 * database: the offset written in the string is the local time of the kecamatan.
 */
function localParts(iso: string): { y: number; m: number; d: number; hh: string; mm: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), hh: m[4]!, mm: m[5]! };
}

/** "30 November 2024". */
export function formatTanggal(iso: string): string {
  const p = localParts(iso);
  return p ? `${p.d} ${BULAN[p.m - 1]} ${p.y}` : iso;
}

/** "30 November 2024 16.05" (Indonesian uses a dot between hours and minutes). */
export function formatWaktu(iso: string): string {
  const p = localParts(iso);
  return p ? `${p.d} ${BULAN[p.m - 1]} ${p.y} ${p.hh}.${p.mm}` : iso;
}

/** Time-zone suffix of an ISO offset: WIB (+07), WITA (+08), WIT (+09). */
export function zoneName(iso: string): string {
  if (iso.endsWith('+07:00')) return 'WIB';
  if (iso.endsWith('+08:00')) return 'WITA';
  if (iso.endsWith('+09:00')) return 'WIT';
  return '';
}

/** Local UTC offset in minutes of a provinsi (by its 2-digit code): WITA, WIT, else WIB. */
export function provinsiOffsetMinutes(provinsiKode: string): number {
  const wita = ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'];
  const wit = ['81', '82', '91', '92', '93', '94', '95', '96', '97'];
  if (wita.includes(provinsiKode)) return 8 * 60;
  if (wit.includes(provinsiKode)) return 9 * 60;
  return 7 * 60;
}

/** Formats an instant as ISO 8601 at the given offset, seconds precision: 2024-11-30T16:05:00+08:00. */
export function isoAtOffset(epochMs: number, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const off = Math.abs(offsetMinutes);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}

/** Lines already wrapped, per measure (one per drawn document): the same labels wrap the same on every page. */
const wrapped = new WeakMap<TextMeasure, Map<string, readonly string[]>>();
const WRAP_MEMO_MAX = 20_000;

/** Greedy word wrap to `width`; a word longer than the width is cut by characters. Never returns an empty list. */
export function wrapText(text: string, width: number, size: number, measure: TextMeasure, bold = false): string[] {
  let memo = wrapped.get(measure);
  if (memo === undefined) {
    memo = new Map();
    wrapped.set(measure, memo);
  } else if (memo.size > WRAP_MEMO_MAX) memo.clear();
  const key = `${size}|${bold ? 'b' : ''}|${width}|${text}`;
  let lines = memo.get(key);
  if (lines === undefined) {
    lines = wrapWords(text, width, size, measure, bold);
    memo.set(key, lines);
  }
  return [...lines];
}

function wrapWords(text: string, width: number, size: number, measure: TextMeasure, bold: boolean): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let cur = '';
  for (const word of words) {
    const next = cur ? `${cur} ${word}` : word;
    if (measure.width(next, size, bold) <= width) {
      cur = next;
      continue;
    }
    if (cur) lines.push(cur);
    cur = '';
    let rest = word;
    while (measure.width(rest, size, bold) > width && rest.length > 1) {
      let n = rest.length - 1;
      while (n > 1 && measure.width(rest.slice(0, n), size, bold) > width) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    cur = rest;
  }
  if (cur) lines.push(cur);
  return lines.length > 0 ? lines : [''];
}

/** Cuts text to fit `width`, ending with an ellipsis when cut. */
export function fitText(text: string, width: number, size: number, measure: TextMeasure, bold = false): string {
  if (measure.width(text, size, bold) <= width) return text;
  let n = text.length;
  while (n > 0 && measure.width(`${text.slice(0, n)}…`, size, bold) > width) n--;
  return `${text.slice(0, n)}…`;
}
