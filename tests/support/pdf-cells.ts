// Reads a D.Hasil table cell back from a real PDF by position (`pdftotext -bbox`): the words of a page with their
// boxes, the column under a heading (bounded by the neighbouring headings), and the row of a form number ("A.1") and
// side (L, P, or its Jml line). Used to check that a mark sits in the cell it is about, not only somewhere on the page.
import { execFileSync } from 'node:child_process';

export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The words of every page (y grows downwards, as pdftotext gives them). */
export function pdfWords(file: string): Word[][] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({ x0: +m[1]!, y0: +m[2]!, x1: +m[3]!, y1: +m[4]!, text: m[5]!.replace(/&amp;/g, '&') }),
      ),
    );
}

const sameLine = (a: Word, b: Word) => Math.abs(a.y0 - b.y0) < 2;

/** Centre x of each column heading "TPS 001", "TPS 002 ◆", … on a lampiran page (in page order, left to right). */
export function tpsHeadings(words: Word[]): { nomor: string; cx: number }[] {
  const out: { nomor: string; cx: number }[] = [];
  // The headings stand above the column-number row "(1) (2) (3) …"; notes under the table name TPS too.
  const numbers = words.find((w) => w.text === '(1)');
  words.forEach((w, i) => {
    const next = words[i + 1];
    if (numbers && w.y0 > numbers.y0) return;
    if (w.text !== 'TPS' || !next || !/^\d{3}$/.test(next.text) || !sameLine(w, next)) return;
    const mark = words[i + 2];
    const right = mark && mark.text === '◆' && sameLine(mark, next) ? mark.x1 : next.x1;
    // The heading of a column is centred in it; a page title ("… TPS 1–3 dari 3 …") never has a 3-digit number.
    out.push({ nomor: next.text, cx: (w.x0 + right) / 2 });
  });
  return out.sort((a, b) => a.cx - b.cx);
}

/** The words of one cell: the row of form number `no` on side `side`, the column of TPS `nomor`. */
export function cellWords(words: Word[], no: string, side: 'L' | 'P' | 'Jml' | null, nomor: string): Word[] {
  const heads = tpsHeadings(words);
  const k = heads.findIndex((h) => h.nomor === nomor);
  if (k < 0) throw new Error(`no heading TPS ${nomor} on the page`);
  const left = k > 0 ? (heads[k - 1]!.cx + heads[k]!.cx) / 2 : heads[k]!.cx - 40;
  const right = k < heads.length - 1 ? (heads[k]!.cx + heads[k + 1]!.cx) / 2 : heads[k]!.cx + 40;
  // The form number stands in the No column, on the line of its first row (L of an L/P block).
  const label = words.find((w) => w.text === no && w.x0 < 60);
  if (!label) throw new Error(`no row ${no} on the page`);
  let line = label;
  if (side && side !== 'L') {
    const subs = words.filter((w) => w.text === side && w.y0 > label.y0 - 1 && w.x0 > 200 && w.x0 < 280);
    line = subs.sort((a, b) => a.y0 - b.y0)[0]!;
  }
  return words.filter((w) => sameLine(w, line) && (w.x0 + w.x1) / 2 > left && (w.x0 + w.x1) / 2 < right);
}
