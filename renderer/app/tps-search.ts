// Finding a TPS the way a PPK says it: "3", "003", "hampang", "hampang 3", "cantung kiri hulu 12", or the full
// 13-digit TPS code. Pure: takes the desa/TPS list the dashboard already holds, returns ranked hits.

export interface SearchDesa {
  kode: string;
  nama: string;
  tps: { tps: string; nomor: number }[];
}

export type SearchHit =
  | { kind: 'tps'; tps: string; nomor: number; desaKode: string; desaNama: string }
  | { kind: 'desa'; desaKode: string; desaNama: string; tpsCount: number };

const norm = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Splits "hampang 3" into words and the trailing number; "tps" and "desa" are noise words. */
function parse(query: string): { words: string[]; nomor: number | null; digits: string | null } {
  // "63.02.14.2005" or "6302142005 001": a code written with separators.
  const joined = norm(query).replace(/ /g, '');
  if (/^\d{4,}$/.test(joined)) return { words: [], nomor: null, digits: joined };
  const parts = norm(query)
    .split(' ')
    .filter((p) => p && p !== 'tps' && p !== 'desa' && p !== 'kelurahan');
  const digitParts = parts.filter((p) => /^\d+$/.test(p));
  const words = parts.filter((p) => !/^\d+$/.test(p));
  const last = digitParts[digitParts.length - 1] ?? null;
  const nomor = last !== null && last.length <= 3 ? Number(last) : null;
  const digits = last !== null && last.length > 3 ? last : null;
  return { words, nomor, digits };
}

function desaMatch(nama: string, words: string[]): number {
  if (words.length === 0) return 1;
  const n = norm(nama);
  const tokens = n.split(' ');
  let score = 0;
  for (const w of words) {
    if (tokens.some((t) => t === w)) score += 3;
    else if (tokens.some((t) => t.startsWith(w))) score += 2;
    else if (n.includes(w)) score += 1;
    else return 0;
  }
  return score + (n.startsWith(words[0]!) ? 1 : 0);
}

/** Hits best first: the exact TPS when a number is given, the desa itself when only words are given. */
export function searchTps(desa: SearchDesa[], query: string, limit = 8): SearchHit[] {
  const q = parse(query);
  if (q.words.length === 0 && q.nomor === null && q.digits === null) return [];
  const hits: { hit: SearchHit; score: number }[] = [];
  for (const d of desa) {
    if (q.digits !== null) {
      // A code: the full TPS code, or a desa code (with or without dots) as its prefix.
      for (const t of d.tps) {
        if (t.tps.startsWith(q.digits)) hits.push({ hit: tpsHit(d, t), score: t.tps === q.digits ? 10 : 1 });
      }
      continue;
    }
    const m = desaMatch(d.nama, q.words);
    if (m === 0) continue;
    if (q.nomor === null) {
      hits.push({ hit: { kind: 'desa', desaKode: d.kode, desaNama: d.nama, tpsCount: d.tps.length }, score: m + 5 });
      for (const t of d.tps) hits.push({ hit: tpsHit(d, t), score: m - t.nomor / 1000 });
    } else {
      const t = d.tps.find((x) => x.nomor === q.nomor);
      if (t) hits.push({ hit: tpsHit(d, t), score: m + (q.words.length > 0 ? 5 : 0) });
    }
  }
  return hits
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((h) => h.hit);
}

function tpsHit(d: SearchDesa, t: { tps: string; nomor: number }): SearchHit {
  return { kind: 'tps', tps: t.tps, nomor: t.nomor, desaKode: d.kode, desaNama: d.nama };
}
