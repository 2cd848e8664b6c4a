// The plenary as a multi-day session (sidang): each day's sidang is opened (buka), may be suspended (skors) and
// resumed (lanjut), and is closed (tutup); the next day opens sidang hari+1. Attendance (PPK members, the saksi of each
// paslon, Panwaslu Kecamatan) is recorded per sidang. Also the rules for a decider's PIN. Pure: the backend stores
// the events (migration 0007) and asks these functions what is allowed.
import { fail, ok, type Result } from './result';

export type SidangAction = 'buka' | 'skors' | 'lanjut' | 'tutup';
export type SidangPeran = 'ppk' | 'saksi' | 'panwaslu';

export interface SidangEventIn {
  id: number;
  hari: number;
  action: SidangAction;
  at: string;
}

/** belum: no sidang yet (or the last one closed); berjalan: open; skors: suspended. */
export type SidangStatus = 'belum' | 'berjalan' | 'skors' | 'ditutup';

export interface SidangState {
  /** The sidang the latest event belongs to (0 before the first). */
  hari: number;
  status: SidangStatus;
  /** When the current sidang was opened (null before the first). */
  dibuka: string | null;
}

/** The current sidang: the latest event (highest id) decides. */
export function sidangState(events: readonly SidangEventIn[]): SidangState {
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const last = sorted.at(-1);
  if (!last) return { hari: 0, status: 'belum', dibuka: null };
  const opened = sorted.filter((e) => e.hari === last.hari && e.action === 'buka').at(0)?.at ?? null;
  const status: SidangStatus = last.action === 'tutup' ? 'ditutup' : last.action === 'skors' ? 'skors' : 'berjalan';
  return { hari: last.hari, status, dibuka: opened };
}

const ALLOWED: Record<SidangStatus, readonly SidangAction[]> = {
  belum: ['buka'],
  ditutup: ['buka'],
  berjalan: ['skors', 'tutup'],
  skors: ['lanjut', 'tutup'],
};

const REFUSAL: Record<SidangStatus, string> = {
  belum: 'Belum ada sidang yang dibuka; buka sidang lebih dulu.',
  ditutup: 'Sidang sudah ditutup; buka sidang hari berikutnya lebih dulu.',
  berjalan: 'Sidang sedang berjalan.',
  skors: 'Sidang sedang diskors; lanjutkan atau tutup sidang.',
};

/** Whether `action` may follow the current state; on success, the sidang number the event belongs to. */
export function checkSidangAction(state: SidangState, action: SidangAction): Result<{ hari: number }> {
  if (!ALLOWED[state.status].includes(action)) return fail('CONFLICT', REFUSAL[state.status]);
  return ok({ hari: action === 'buka' ? state.hari + 1 : state.hari });
}

/** Attendance may be recorded while a sidang is open or suspended. */
export function attendanceOpen(state: SidangState): Result<{ hari: number }> {
  if (state.status === 'berjalan' || state.status === 'skors') return ok({ hari: state.hari });
  return fail('CONFLICT', 'Kehadiran dicatat untuk sidang yang sedang dibuka; buka sidang lebih dulu.');
}

export const SIDANG_LABEL: Record<SidangStatus, string> = {
  belum: 'Belum dibuka',
  berjalan: 'Sidang berjalan',
  skors: 'Diskors',
  ditutup: 'Ditutup',
};

/** Who signs or receives the D.Hasil, from the attendance of every sidang (a name recorded twice counts once). */
export interface Kehadiran {
  ppk: { nama: string; jabatan: string | null }[];
  /** Saksi of a paslon of this pemilihan, by nomor urut; the latest recorded per paslon first. */
  saksi: { paslon: number; nama: string }[];
  panwaslu: string[];
}

export interface HadirIn {
  id: number;
  peran: SidangPeran;
  pemilihan: string | null;
  paslon: number | null;
  nama: string;
  jabatan: string | null;
}

const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');

/** The attendance relevant to one pemilihan's documents, in recording order, each person once. */
export function kehadiranOf(rows: readonly HadirIn[], pemilihan: string): Kehadiran {
  const seen = new Set<string>();
  const once = (k: string) => (seen.has(k) ? false : (seen.add(k), true));
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  const out: Kehadiran = { ppk: [], saksi: [], panwaslu: [] };
  for (const r of sorted) {
    if (r.peran === 'ppk' && once(`ppk:${key(r.nama)}`)) out.ppk.push({ nama: r.nama.trim(), jabatan: r.jabatan });
    if (r.peran === 'panwaslu' && once(`pw:${key(r.nama)}`)) out.panwaslu.push(r.nama.trim());
    if (r.peran === 'saksi' && r.pemilihan === pemilihan && r.paslon !== null && once(`s${r.paslon}:${key(r.nama)}`))
      out.saksi.push({ paslon: r.paslon, nama: r.nama.trim() });
  }
  out.saksi.sort((a, b) => a.paslon - b.paslon);
  return out;
}

/** The saksi names of paslon `nomor`, joined for one signature line ("" when none attended). */
export function saksiNames(k: Kehadiran, nomor: number): string {
  return k.saksi
    .filter((s) => s.paslon === nomor)
    .map((s) => s.nama)
    .join(', ');
}

/** A decider's PIN: 4 to 8 digits, not one digit repeated and not a plain run (1234, 9876). */
export function checkPinFormat(pin: string): Result<string> {
  if (!/^\d{4,8}$/.test(pin)) return fail('INVALID_INPUT', 'PIN terdiri dari 4 sampai 8 angka.', 'pin');
  const digits = [...pin].map(Number);
  const step = digits[1]! - digits[0]!;
  const run = Math.abs(step) <= 1 && digits.every((d, i) => i === 0 || d - digits[i - 1]! === step);
  if (run)
    return fail('INVALID_INPUT', 'PIN terlalu mudah ditebak (angka sama atau berurutan); pilih PIN lain.', 'pin');
  return ok(pin);
}
