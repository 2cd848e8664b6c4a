// Form labels of Model C.Hasil-KWK (sections I–IV) in ONE place, the count-field paths of a record, and status labels.
//
// A count path names one number of a CHasilCounts value with dots: 'pemilih.dpt.l', 'disabilitas.pengguna.p',
// 'suratSuara.diterima', 'suara.paslon.0' (the choice with nomor urut 1), 'suara.sah'.
// Row numbering follows the form's known sections (docs/domain.md §1); adjust labels here only.
//
// Exports:
//   SECTION_TITLES: Record<FormSection, string>
//   countFields(pilihan: Pilihan[]): CountField[]            every count of a record, in form order
//   formRows(pilihan: Pilihan[]): FormRow[]                  the same grouped per form row (L/P on one row)
//   fieldLabel(path, pilihan?): string                       "I.A.1 Jumlah Pemilih dalam DPT (L)"
//   getCount(counts, path): number                           throws on an unknown path (a bug, not user input)
//   forEachCount(counts, fn(path, value))                    every count in form order, fast
//   setCount(counts, path, value): CHasilCounts              immutable; throws on an unknown path
//   isCountPath(path, pilihanCount): boolean
//   STATUS_LABELS: Record<TpsStatus | flag, string>         Bahasa Indonesia
import { type CHasilCounts, type LP, type Pilihan, type TpsStatus } from './model';

export type FormSection = 'I' | 'II' | 'III' | 'IV';

export interface CountField {
  /** Dotted path into CHasilCounts, e.g. 'pemilih.dpt.l', 'suara.paslon.0'. */
  path: string;
  section: FormSection;
  /** Row number as on the form, e.g. 'A.1', '2', 'B'. */
  row: string;
  /** The row's label (without the L/P suffix). */
  label: string;
  lp?: 'l' | 'p';
}

/** One row of the form: either an L/P pair (Jumlah = L + P) or a single number. */
export interface FormRow {
  section: FormSection;
  row: string;
  label: string;
  /** Paths of the L and P cells, for an L/P row. */
  lp?: { l: string; p: string };
  /** Path of the single cell, for a row without L/P. */
  path?: string;
}

export const SECTION_TITLES: Record<FormSection, string> = {
  I: 'Data Pemilih dan Pengguna Hak Pilih',
  II: 'Data Pemilih Disabilitas',
  III: 'Data Penggunaan Surat Suara',
  IV: 'Data Perolehan Suara',
};

/** Sub-headings of section I and IV parts. */
export const PART_TITLES = {
  'I.A': 'Data Pemilih',
  'I.B': 'Data Pengguna Hak Pilih',
  'IV.A': 'Perolehan Suara Sah Pasangan Calon',
} as const;

interface StaticRow {
  section: FormSection;
  row: string;
  label: string;
  /** Path prefix for an L/P row, or the full path for a single cell. */
  base: string;
  lp: boolean;
}

const ROWS_BEFORE_PASLON: StaticRow[] = [
  { section: 'I', row: 'A.1', label: 'Jumlah Pemilih dalam DPT', base: 'pemilih.dpt', lp: true },
  { section: 'I', row: 'A.2', label: 'Jumlah Pemilih dalam DPPh', base: 'pemilih.dpph', lp: true },
  { section: 'I', row: 'A.3', label: 'Jumlah Pemilih dalam DPTb', base: 'pemilih.dptb', lp: true },
  { section: 'I', row: 'A.4', label: 'Jumlah Pemilih (1+2+3)', base: 'pemilih.jumlah', lp: true },
  { section: 'I', row: 'B.1', label: 'Jumlah Pengguna Hak Pilih dalam DPT', base: 'pengguna.dpt', lp: true },
  { section: 'I', row: 'B.2', label: 'Jumlah Pengguna Hak Pilih dalam DPPh', base: 'pengguna.dpph', lp: true },
  { section: 'I', row: 'B.3', label: 'Jumlah Pengguna Hak Pilih dalam DPTb', base: 'pengguna.dptb', lp: true },
  { section: 'I', row: 'B.4', label: 'Jumlah Pengguna Hak Pilih (1+2+3)', base: 'pengguna.jumlah', lp: true },
  { section: 'II', row: '1', label: 'Jumlah Pemilih Disabilitas', base: 'disabilitas.pemilih', lp: true },
  {
    section: 'II',
    row: '2',
    label: 'Jumlah Pemilih Disabilitas yang Menggunakan Hak Pilih',
    base: 'disabilitas.pengguna',
    lp: true,
  },
  {
    section: 'III',
    row: '1',
    label: 'Jumlah Surat Suara yang Diterima (termasuk cadangan 2,5%)',
    base: 'suratSuara.diterima',
    lp: false,
  },
  {
    section: 'III',
    row: '2',
    label: 'Jumlah Surat Suara yang Dikembalikan (rusak/keliru coblos)',
    base: 'suratSuara.dikembalikan',
    lp: false,
  },
  {
    section: 'III',
    row: '3',
    label: 'Jumlah Surat Suara yang Tidak Digunakan (termasuk sisa cadangan)',
    base: 'suratSuara.tidakDigunakan',
    lp: false,
  },
  { section: 'III', row: '4', label: 'Jumlah Surat Suara yang Digunakan', base: 'suratSuara.digunakan', lp: false },
];

const ROWS_AFTER_PASLON: StaticRow[] = [
  { section: 'IV', row: 'B', label: 'Jumlah Seluruh Suara Sah', base: 'suara.sah', lp: false },
  { section: 'IV', row: 'C', label: 'Jumlah Suara Tidak Sah', base: 'suara.tidakSah', lp: false },
  { section: 'IV', row: 'D', label: 'Jumlah Seluruh Suara Sah dan Tidak Sah (B+C)', base: 'suara.total', lp: false },
];

/** Label of the vote row for a choice: "Suara Sah Paslon Nomor Urut 1 (nama)" or the kolom kosong. */
export function paslonLabel(index: number, pilihan?: Pilihan): string {
  const nomor = pilihan?.nomor ?? index + 1;
  if (pilihan?.kind === 'kolom-kosong') return `Suara Sah Kolom Kosong (Nomor Urut ${nomor})`;
  const nama = pilihan?.nama ? ` (${pilihan.nama})` : '';
  return `Suara Sah Paslon Nomor Urut ${nomor}${nama}`;
}

function paslonRows(pilihan: readonly Pilihan[]): StaticRow[] {
  return pilihan.map((p, i) => ({
    section: 'IV' as const,
    row: `A.${i + 1}`,
    label: paslonLabel(i, p),
    base: `suara.paslon.${i}`,
    lp: false,
  }));
}

function allRows(pilihan: readonly Pilihan[]): StaticRow[] {
  return [...ROWS_BEFORE_PASLON, ...paslonRows(pilihan), ...ROWS_AFTER_PASLON];
}

/** Every count field of a record, in form order (L before P), for the given choices. */
export function countFields(pilihan: readonly Pilihan[]): CountField[] {
  const out: CountField[] = [];
  for (const r of allRows(pilihan)) {
    if (r.lp) {
      out.push({ path: `${r.base}.l`, section: r.section, row: r.row, label: r.label, lp: 'l' });
      out.push({ path: `${r.base}.p`, section: r.section, row: r.row, label: r.label, lp: 'p' });
    } else {
      out.push({ path: r.base, section: r.section, row: r.row, label: r.label });
    }
  }
  return out;
}

/** The form's rows, L/P cells grouped on one row (review screen, manual entry, documents). */
export function formRows(pilihan: readonly Pilihan[]): FormRow[] {
  return allRows(pilihan).map((r) =>
    r.lp
      ? { section: r.section, row: r.row, label: r.label, lp: { l: `${r.base}.l`, p: `${r.base}.p` } }
      : { section: r.section, row: r.row, label: r.label, path: r.base },
  );
}

/** Paths of every count field for a pemilihan with `pilihanCount` choices. */
export function countPaths(pilihanCount: number): string[] {
  return countFields(anonymousPilihan(pilihanCount)).map((f) => f.path);
}

function anonymousPilihan(n: number): Pilihan[] {
  return Array.from({ length: n }, (_, i) => ({ nomor: i + 1, nama: '' }));
}

const LP_SUFFIX = { l: 'L', p: 'P' } as const;

/**
 * Human label of a count path, e.g. "I.A.1 Jumlah Pemilih dalam DPT (L)", "IV.A.2 Suara Sah Paslon Nomor Urut 2".
 * Unknown paths are returned as they are (labels are for display; never throw there).
 */
export function fieldLabel(path: string, pilihan?: readonly Pilihan[]): string {
  const m = /^suara\.paslon\.(\d+)$/.exec(path);
  if (m) {
    const i = Number(m[1]);
    return `IV.A.${i + 1} ${paslonLabel(i, pilihan?.[i])}`;
  }
  for (const r of [...ROWS_BEFORE_PASLON, ...ROWS_AFTER_PASLON]) {
    if (!r.lp && r.base === path) return `${r.section}.${r.row} ${r.label}`;
    if (r.lp && (path === `${r.base}.l` || path === `${r.base}.p`)) {
      const side = path.endsWith('.l') ? 'l' : 'p';
      return `${r.section}.${r.row} ${r.label} (${LP_SUFFIX[side]})`;
    }
  }
  return path;
}

/** True if `path` names a count of a record with `pilihanCount` choices. */
export function isCountPath(path: string, pilihanCount: number): boolean {
  const m = /^suara\.paslon\.(\d+)$/.exec(path);
  if (m) return String(Number(m[1])) === m[1] && Number(m[1]) < pilihanCount;
  return STATIC_PATHS.has(path);
}

const STATIC_PATHS = new Set(
  [...ROWS_BEFORE_PASLON, ...ROWS_AFTER_PASLON].flatMap((r) => (r.lp ? [`${r.base}.l`, `${r.base}.p`] : [r.base])),
);

function unknownPath(path: string): never {
  throw new Error(`unknown count path: ${path}`);
}

type Accessor = (counts: CHasilCounts) => unknown;

// Compiled accessors per path: getCount and forEachCount run in rule checks and recaps of hundreds of TPS.
const ACCESSORS = new Map<string, Accessor>();

function compileAccessor(path: string): Accessor | null {
  const m = /^suara\.paslon\.(\d+)$/.exec(path);
  if (m) {
    if (String(Number(m[1])) !== m[1]) return null;
    const i = Number(m[1]);
    return (c) => c.suara.paslon[i];
  }
  if (!STATIC_PATHS.has(path)) return null;
  const [a, b, c] = path.split('.') as [string, string, string | undefined];
  if (c === undefined) return (x) => (x as unknown as Record<string, Record<string, unknown>>)[a]?.[b];
  return (x) => (x as unknown as Record<string, Record<string, Record<string, unknown>>>)[a]?.[b]?.[c];
}

/** The number at `path`. Throws on an unknown path: paths come from countFields/RULES, never from users. */
export function getCount(counts: CHasilCounts, path: string): number {
  let get = ACCESSORS.get(path);
  if (get === undefined) {
    const compiled = compileAccessor(path);
    if (compiled === null) unknownPath(path);
    get = compiled;
    ACCESSORS.set(path, get);
  }
  const v = get(counts);
  if (typeof v !== 'number') unknownPath(path);
  return v;
}

const STATIC_BEFORE = ROWS_BEFORE_PASLON.flatMap((r) => (r.lp ? [`${r.base}.l`, `${r.base}.p`] : [r.base]));
const STATIC_AFTER = ROWS_AFTER_PASLON.map((r) => r.base);
const PASLON_PATHS: string[] = [];
const paslonPath = (i: number) => (PASLON_PATHS[i] ??= `suara.paslon.${i}`);

/** Calls `fn` for every count of a record, in form order (the record's own number of choices). */
export function forEachCount(counts: CHasilCounts, fn: (path: string, value: number) => void): void {
  for (const p of STATIC_BEFORE) fn(p, getCount(counts, p));
  const paslon = counts.suara.paslon;
  for (let i = 0; i < paslon.length; i++) fn(paslonPath(i), paslon[i] as number);
  for (const p of STATIC_AFTER) fn(p, getCount(counts, p));
}

const lpWith = (lp: LP, side: string, value: number): LP =>
  side === 'l' ? { ...lp, l: value } : side === 'p' ? { ...lp, p: value } : unknownPath(side);

/** A copy of `counts` with the number at `path` replaced; the input is not modified. */
export function setCount(counts: CHasilCounts, path: string, value: number): CHasilCounts {
  getCount(counts, path); // validates the path
  const [a, b, c] = path.split('.') as [string, string, string | undefined];
  switch (a) {
    case 'pemilih':
    case 'pengguna': {
      const group = counts[a];
      const key = b as keyof typeof group;
      return { ...counts, [a]: { ...group, [key]: lpWith(group[key], c ?? '', value) } };
    }
    case 'disabilitas': {
      const key = b as keyof CHasilCounts['disabilitas'];
      return {
        ...counts,
        disabilitas: { ...counts.disabilitas, [key]: lpWith(counts.disabilitas[key], c ?? '', value) },
      };
    }
    case 'suratSuara':
      return { ...counts, suratSuara: { ...counts.suratSuara, [b]: value } };
    case 'suara': {
      if (b === 'paslon') {
        const paslon = counts.suara.paslon.slice();
        paslon[Number(c)] = value;
        return { ...counts, suara: { ...counts.suara, paslon } };
      }
      return { ...counts, suara: { ...counts.suara, [b]: value } };
    }
    default:
      return unknownPath(path);
  }
}

/** Statuses (docs/design.md §2) and flags of a TPS, as shown to people. */
export type StatusLabelKey = TpsStatus | 'bermasalah' | 'konflik' | 'sengketa' | 'ditunda';

export const STATUS_LABELS: Record<StatusLabelKey, string> = {
  'belum-masuk': 'Belum masuk',
  masuk: 'Masuk',
  sesuai: 'Sesuai',
  dikoreksi: 'Dikoreksi',
  bermasalah: 'Bermasalah',
  konflik: 'Konflik',
  sengketa: 'Sengketa',
  ditunda: 'Ditunda (PSU/PSS/PSL)',
};

/** One-line explanations, for tooltips and the legend on the dashboard. */
export const STATUS_DESCRIPTIONS: Record<StatusLabelKey, string> = {
  'belum-masuk': 'Belum ada data C.Hasil yang sah dari TPS ini.',
  masuk: 'Data C.Hasil sudah diterima, belum diperiksa dalam pleno.',
  sesuai: 'Diterima pleno sesuai data yang dibacakan.',
  dikoreksi: 'Diterima pleno setelah koreksi yang disetujui.',
  bermasalah: 'Ada pemeriksaan yang gagal (galat) pada data yang berlaku.',
  konflik: 'Ada dua kiriman berbeda untuk TPS ini; pleno harus memilih salah satunya.',
  sengketa: 'Ada keberatan yang belum diselesaikan.',
  ditunda:
    'Pleno menunda TPS ini untuk pemungutan/penghitungan suara ulang atau lanjutan; tidak dihitung sampai hasil barunya diterima.',
};
