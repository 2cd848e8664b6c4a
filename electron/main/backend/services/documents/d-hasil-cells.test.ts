// The D.Hasil Kecamatan checked cell by cell: the hampang demo goes through the real CLI (demo → init → import →
// document), the PDF is read back with `pdftotext -layout`, and every cell of the kecamatan table (all its parts)
// and of one lampiran is compared with sums computed here from the demo's own files (bundles unzipped and envelopes
// parsed in this test; neither the recap service nor the domain's aggregation is used for the expected values).
//
// The parser does not rely on fixed positions: data rows are the lines ending in a run of numbers, each row is
// matched in form order and its label checked by words; columns are named by the header words above them. The rows
// of one set of columns may continue on the next page; a cell whose sum fails is printed "▲ 729" (the number counts).
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKode } from '../../../../../shared/domain/model';

const ROOT = path.resolve(__dirname, '../../../../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');

function pleno(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`pleno ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

// ---- expected values, from the demo files ----

type Counts = Record<string, unknown>;
interface Rec {
  tps: string;
  pemilihan: string;
  counts: Counts;
}
const num = (c: Counts, p: string): number =>
  p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c) as number;

/** The records of tps/: bundles unzipped (results/*.json), loose envelope files parsed; in import (name) order. */
function demoRecords(tpsDir: string): Rec[] {
  const out: Rec[] = [];
  for (const name of readdirSync(tpsDir).sort()) {
    const bytes = readFileSync(path.join(tpsDir, name));
    const texts = name.endsWith('.pleno')
      ? Object.entries(unzipSync(bytes))
          .filter(([n]) => /^results\/.+\.json$/.test(n))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([, b]) => strFromU8(b))
      : [bytes.toString('utf8')];
    for (const t of texts) {
      const payload = (JSON.parse(t) as { payload: Counts & { tps: string; pemilihan: string } }).payload;
      out.push({ tps: payload.tps, pemilihan: payload.pemilihan, counts: payload });
    }
  }
  return out;
}

/** Form rows in order: a key (count path, `.jml` for L + P), and words its printed label must hold. */
function formRows(paslon: number): { key: string; label: RegExp | null }[] {
  const rows: { key: string; label: RegExp | null }[] = [];
  const lp = (base: string, label: RegExp) => {
    rows.push({ key: `${base}.l`, label }, { key: `${base}.p`, label: null }, { key: `${base}.jml`, label: null });
  };
  for (const [g, who] of [
    ['pemilih', 'Pemilih'],
    ['pengguna', 'Pengguna Hak Pilih'],
  ] as const) {
    lp(`${g}.dpt`, new RegExp(`${who} dalam DPT\\b`, 'i'));
    lp(`${g}.dpph`, new RegExp(`${who} dalam DPPh\\b`, 'i'));
    lp(`${g}.dptb`, new RegExp(`${who} dalam DPTb\\b`, 'i'));
    lp(`${g}.jumlah`, new RegExp(`Jumlah ${who}\\b`, 'i'));
  }
  lp('disabilitas.pemilih', /Pemilih Disabilitas/i);
  lp('disabilitas.pengguna', /Disabilitas yang Menggunakan Hak Pilih/i);
  rows.push({ key: 'suratSuara.diterima', label: /Surat Suara yang Diterima/i });
  rows.push({ key: 'suratSuara.dikembalikan', label: /Surat Suara yang Dikembalikan/i });
  rows.push({ key: 'suratSuara.tidakDigunakan', label: /Surat Suara yang Tidak Digunakan/i });
  rows.push({ key: 'suratSuara.digunakan', label: /Surat Suara yang Digunakan/i });
  for (let i = 0; i < paslon; i++) rows.push({ key: `suara.paslon.${i}`, label: new RegExp(`Nomor Urut ${i + 1}\\b`) });
  rows.push({ key: 'suara.sah', label: /Seluruh Suara Sah/i });
  rows.push({ key: 'suara.tidakSah', label: /Suara Tidak Sah/i });
  rows.push({ key: 'suara.total', label: /Suara Sah dan Tidak Sah/i });
  return rows;
}

const dots = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Printed value of `key` for a set of records (null: no record, printed as a dash). */
function cellOf(records: Counts[] | null, key: string): string {
  if (records === null) return '–';
  const sumOf = (p: string) => records.reduce((s, c) => s + num(c, p), 0);
  if (key.endsWith('.jml')) {
    const base = key.slice(0, -'.jml'.length);
    return dots(sumOf(`${base}.l`) + sumOf(`${base}.p`));
  }
  if (key.startsWith('suara.paslon.')) {
    const i = Number(key.split('.')[2]);
    return dots(records.reduce((s, c) => s + (num(c, 'suara.paslon') as unknown as number[])[i]!, 0));
  }
  return dots(sumOf(key));
}

// ---- the PDF, read back ----

interface Cell {
  text: string;
  start: number;
  end: number;
}
interface Table {
  title: string;
  columns: string[];
  /** Row key → printed values in column order (the rows on this page). */
  rows: Map<string, string[]>;
}
const VALUE = /^(▲ )?(\d{1,3}(\.\d{3})*|–)$/;
const SUBS = new Set(['L', 'P', 'Jml']);
const FIXED_HEADERS = new Set(['No', 'Uraian', 'L/P']);
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Runs of text separated by two or more spaces, with their character positions. */
function cellsOf(line: string): Cell[] {
  return [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/**
 * One page of a -layout text: its data rows matched in order to the form rows from `offset` on (a page may hold only
 * part of them), its columns named by the header.
 */
function parseTablePage(page: string, allRows: { key: string; label: RegExp | null }[], offset = 0): Table {
  // Lines of a single character are the diagonal DRAF watermark.
  const lines = page.split('\n').filter((l) => l.trim().length > 1);
  const title = lines.find((l) => /Provinsi:/.test(l)) ?? '';
  const parsed = lines.map((l) => {
    const cells = cellsOf(l);
    let k = cells.length;
    while (k > 0 && VALUE.test(cells[k - 1]!.text)) k -= 1;
    const head = cells.slice(0, k);
    const data = k < cells.length && head.some((c) => /\p{L}/u.test(c.text));
    return { line: l, head, values: data ? cells.slice(k) : [], data };
  });
  const dataIdx = parsed.flatMap((p, i) => (p.data ? [i] : []));
  expect(dataIdx.length, `data rows of "${norm(title)}"`).toBeGreaterThan(0);
  expect(offset + dataIdx.length, `data rows of "${norm(title)}"`).toBeLessThanOrEqual(allRows.length);
  const expected = allRows.slice(offset, offset + dataIdx.length);
  const width = parsed[dataIdx[0]!]!.values.length;
  for (const i of dataIdx) expect(parsed[i]!.values.length, parsed[i]!.line).toBe(width);

  // Rows: in form order; the label words are looked for in the text from the previous data row to the next one
  // (a wrapped label may sit above or below its numbers), the L/P/Jml marker on the row itself.
  const rows = new Map<string, string[]>();
  dataIdx.forEach((i, n) => {
    const exp = expected[n]!;
    const from = n === 0 ? 0 : dataIdx[n - 1]! + 1;
    // Up to and including the next data row's label part: a long label wraps onto the row below (P under L).
    const to = n + 1 < dataIdx.length ? dataIdx[n + 1]! : parsed.length - 1;
    const window = norm(
      parsed
        .slice(from, to + 1)
        .map((p) => (p.data ? p.head.filter((c) => !SUBS.has(c.text)) : cellsOf(p.line)).map((c) => c.text).join(' '))
        .join(' '),
    );
    const sub = parsed[i]!.head[parsed[i]!.head.length - 1]?.text ?? '';
    const wantSub = /\.(l|p|jml)$/.exec(exp.key)?.[1];
    if (wantSub) expect(sub, `${exp.key}: ${parsed[i]!.line}`).toBe({ l: 'L', p: 'P', jml: 'Jml' }[wantSub]);
    else expect(SUBS.has(sub), `${exp.key} has no L/P marker: ${parsed[i]!.line}`).toBe(false);
    if (exp.label) expect(window, exp.key).toMatch(exp.label);
    rows.set(
      exp.key,
      parsed[i]!.values.map((c) => c.text.replace(/^▲ /, '')),
    );
  });

  // Columns: the centre of each value column, then every header word (between the page title and the first data
  // row, outside data rows) given to the nearest column right of the row labels.
  const centres = Array.from({ length: width }, (_, c) => {
    const xs = dataIdx.map((i) => {
      const v = parsed[i]!.values[c]!;
      return (v.start + v.end) / 2;
    });
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  });
  const gap = width > 1 ? centres[1]! - centres[0]! : 20;
  const names: string[][] = centres.map(() => []);
  const top = lines.indexOf(title);
  for (let i = top + 1; i < dataIdx[0]!; i++) {
    // Data rows, and prose (the opening paragraph above the first table: runs far longer than any header).
    if (parsed[i]!.data || cellsOf(parsed[i]!.line).some((c) => c.text.length > 60)) continue;
    // Phrases (runs split by two spaces); one that spans two column centres is split into its words.
    const phrases = cellsOf(parsed[i]!.line).flatMap((c) =>
      centres.filter((x) => x >= c.start && x <= c.end).length > 1
        ? [...c.text.matchAll(/\S+/g)].map((w) => ({
            text: w[0],
            start: c.start + w.index,
            end: c.start + w.index + w[0].length,
          }))
        : [c],
    );
    for (const w of phrases) {
      const centre = (w.start + w.end) / 2;
      // Headers are centred over their column, numbers right-aligned: a header sits up to a column width left of
      // its numbers' centre; the fixed columns' headers are not data columns.
      if (centre < centres[0]! - gap || /^\(?\d+\)?$/.test(w.text) || FIXED_HEADERS.has(w.text)) continue;
      let best = 0;
      for (let c = 1; c < width; c++) if (Math.abs(centres[c]! - centre) < Math.abs(centres[best]! - centre)) best = c;
      names[best]!.push(w.text);
    }
  }
  return { title: norm(title), columns: names.map((ws) => ws.join(' ')), rows };
}

/**
 * Every column's values over the pages of a table, in row order: the rows of a set of columns run on from one page to
 * the next; each column gets every row exactly once.
 */
function collect(tablePages: string[], rows: { key: string; label: RegExp | null }[]): Map<string, string[]> {
  const got = new Map<string, string[]>();
  let offset = 0;
  for (const p of tablePages) {
    const t = parseTablePage(p, rows, offset);
    const keys = rows.slice(offset, offset + t.rows.size).map((r) => r.key);
    t.columns.forEach((name, c) => {
      const before = got.get(name) ?? [];
      expect(before.length, `column ${name} printed twice`).toBe(offset);
      got.set(name, [...before, ...keys.map((k) => t.rows.get(k)![c]!)]);
    });
    offset = (offset + t.rows.size) % rows.length;
  }
  expect(offset, 'every column ends with the last form row').toBe(0);
  return got;
}

// ---- the test ----

let dir = '';
let pages: string[] = [];
let master: {
  desa: { kode: string; nama: string; tps: { nomor: number }[] }[];
  pemilihan: { id: string; pilihan: unknown[] }[];
  kecamatan: { nama: string };
};
let counted = new Map<string, Counts>(); // `${tps}:bupati` → the counted record (the first submission)

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pleno-dhasil-cells-'));
  pleno(['demo', path.join(dir, 'demo'), '--preset', 'hampang']);
  const db = path.join(dir, 'hampang.db');
  pleno(['init', '--db', db, '--master', path.join(dir, 'demo/master.json')]);
  const imported = pleno(['import', '--db', db, path.join(dir, 'demo/tps')]);
  expect(imported).toMatch(/ditolak 0\b/);
  pleno(['document', 'd-hasil', '--db', db, '--pemilihan', 'bupati', '--out', path.join(dir, 'd-hasil.pdf')]);
  pages = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(dir, 'd-hasil.pdf'), '-'], {
    encoding: 'utf8',
  }).split('\f');
  master = (JSON.parse(readFileSync(path.join(dir, 'demo/master.json'), 'utf8')) as { payload: typeof master }).payload;
  // Without a plenary decision the first submission of a TPS counts; a later differing one is a konflik.
  counted = new Map();
  for (const r of demoRecords(path.join(dir, 'demo/tps'))) {
    const key = `${r.tps}:${r.pemilihan}`;
    if (!counted.has(key)) counted.set(key, r.counts);
  }
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tpsCode = (desa: string, nomor: number) => `${desa}${String(nomor).padStart(3, '0')}`;
const paslonCount = () => master.pemilihan.find((p) => p.id === 'bupati')!.pilihan.length;
const recordsOf = (desa: (typeof master.desa)[number]) =>
  desa.tps.flatMap((t) => {
    const c = counted.get(`${tpsCode(desa.kode, t.nomor)}:bupati`);
    return c ? [c] : [];
  });

describe('D.Hasil Kecamatan, cell by cell', () => {
  it('kecamatan table: every desa column and the kecamatan total hold the sums of the demo records', () => {
    const kecPages = pages.filter((p) => /Rekapitulasi per desa\/kelurahan/.test(p));
    expect(kecPages.length).toBeGreaterThan(0);
    const rows = formRows(paslonCount());
    const got = collect(kecPages, rows); // column name → values in row order
    const all = master.desa.flatMap(recordsOf);
    const expected = new Map<string, string[]>([
      ...master.desa.map((d): [string, string[]] => [d.nama, rows.map((r) => cellOf(recordsOf(d), r.key))]),
      [`JUMLAH KECAMATAN ${master.kecamatan.nama.toUpperCase()}`, rows.map((r) => cellOf(all, r.key))],
    ]);
    expect([...got.keys()]).toEqual([...expected.keys()]); // master order, total last
    for (const [name, values] of expected) {
      expect(Object.fromEntries(rows.map((r, i) => [r.key, got.get(name)![i]])), name).toEqual(
        Object.fromEntries(rows.map((r, i) => [r.key, values[i]])),
      );
    }
  });

  it('lampiran of the desa with a konflik TPS: every TPS column (first submission counted, a dash where none came) and the desa total', () => {
    const tpsDir = path.join(dir, 'demo/tps');
    const konflikTps = readdirSync(tpsDir)
      .find((n) => /kirim-ulang/.test(n))!
      .slice(0, 13);
    const desa = master.desa.find((d) => konflikTps.startsWith(d.kode))!;
    // The desa code ends the title's first part ("… Lampiran Desa/Kelurahan Hampang (63.02.14.2001): TPS …"); with
    // -layout a title wrapped onto two lines shares its lines with the header, so the code is what is searched.
    const code = `(${formatKode(desa.kode)}):`;
    const lampiran = pages.filter((p) => p.includes('Lampiran Desa/Kelurahan') && p.includes(code));
    expect(lampiran.length).toBeGreaterThan(0);
    const rows = formRows(paslonCount());
    const got = collect(lampiran, rows);
    const expected = new Map<string, string[]>([
      ...desa.tps.map((t): [string, string[]] => {
        const c = counted.get(`${tpsCode(desa.kode, t.nomor)}:bupati`);
        return [`TPS ${String(t.nomor).padStart(3, '0')}`, rows.map((r) => cellOf(c ? [c] : null, r.key))];
      }),
      ['JUMLAH DESA/KEL.', rows.map((r) => cellOf(recordsOf(desa), r.key))],
    ]);
    expect([...got.keys()]).toEqual([...expected.keys()]);
    for (const [name, values] of expected) {
      expect(Object.fromEntries(rows.map((r, i) => [r.key, got.get(name)![i]])), name).toEqual(
        Object.fromEntries(rows.map((r, i) => [r.key, values[i]])),
      );
    }
    // the konflik TPS shows its first submission, not the later one
    const later = demoRecords(tpsDir).filter((r) => r.tps === konflikTps && r.pemilihan === 'bupati');
    expect(later.length).toBe(2);
    expect(JSON.stringify(later[0]!.counts)).not.toBe(JSON.stringify(later[1]!.counts));
  });
});
