// Numbers and dates in Indonesian words, as written in the opening of a berita acara ("Pada hari ini Sabtu tanggal
// tiga puluh bulan November tahun dua ribu dua puluh empat"). Pure; no locale data needed.

const SATUAN = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
] as const;

/** Words for 0 ≤ n < 1000 (without "nol" for 0 inside a larger number). */
function belowThousand(n: number): string[] {
  const out: string[] = [];
  const ratus = Math.floor(n / 100);
  const rest = n % 100;
  if (ratus === 1) out.push('seratus');
  else if (ratus > 1) out.push(SATUAN[ratus]!, 'ratus');
  if (rest === 0) return out;
  if (rest < 12) out.push(SATUAN[rest]!);
  else if (rest < 20) out.push(SATUAN[rest - 10]!, 'belas');
  else {
    out.push(SATUAN[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10 > 0) out.push(SATUAN[rest % 10]!);
  }
  return out;
}

const SCALES = [
  { value: 1_000_000_000, word: 'miliar' },
  { value: 1_000_000, word: 'juta' },
  { value: 1_000, word: 'ribu' },
] as const;

/**
 * A whole number 0 … 999.999.999.999 in Indonesian words: 1 → "satu", 11 → "sebelas", 100 → "seratus",
 * 1000 → "seribu", 2024 → "dua ribu dua puluh empat". Throws on anything else (a bug, never user input).
 */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1_000_000_000_000) throw new RangeError(`terbilang: ${n}`);
  if (n === 0) return SATUAN[0];
  const words: string[] = [];
  let rest = n;
  for (const s of SCALES) {
    const k = Math.floor(rest / s.value);
    rest %= s.value;
    if (k === 0) continue;
    if (k === 1 && s.word === 'ribu') words.push('seribu');
    else words.push(...belowThousand(k), s.word);
  }
  words.push(...belowThousand(rest));
  return words.join(' ');
}

export const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

export const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

export interface TanggalKata {
  hari: string;
  /** Day of the month in words ("tiga puluh"). */
  tanggal: string;
  bulan: string;
  /** Year in words ("dua ribu dua puluh empat"). */
  tahun: string;
}

/**
 * The local date of an ISO 8601 time with offset ("2024-11-30T16:05:00+08:00": the date as written, no time-zone
 * database) in words; null if the text does not start with a valid date.
 */
export function tanggalKata(iso: string): TanggalKata | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return null;
  return { hari: HARI[utc.getUTCDay()]!, tanggal: terbilang(d), bulan: BULAN[mo - 1]!, tahun: terbilang(y) };
}

/** "Pada hari ini Sabtu tanggal tiga puluh bulan November tahun dua ribu dua puluh empat" (no final punctuation). */
export function padaHariIni(iso: string): string {
  const t = tanggalKata(iso);
  if (!t) return `Pada ${iso}`;
  return `Pada hari ini ${t.hari} tanggal ${t.tanggal} bulan ${t.bulan} tahun ${t.tahun}`;
}
