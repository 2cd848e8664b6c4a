// The seeded faults of a demo kecamatan: which TPS carry which fault (planFaults), how a fault changes the numbers
// of one record (applyFaults), and the sentence a reviewer reads for each fault (expected.faults).
import type { CHasilCounts, PemilihanId } from '../../../../../shared/domain/model';
import { getCount, setCount } from '../../../../../shared/domain/labels';
import { withChoiceValue } from './counts';
import type { DemoFault } from './demo-types';
import type { DemoPlan, PlanTps, PresetShape } from './plan';
import type { Prng } from './prng';

/** The true counts of every TPS, per pemilihan. */
export type TruthTable = Map<string, Map<PemilihanId, CHasilCounts>>;

export interface FaultPlan {
  salahBaca: Map<string, number>; // tps → paslon index (bupati)
  jumlah: Map<string, 'sah' | 'pemilih'>; // tps → variant
  kirimanKedua: Set<string>;
  duplikat: Set<string>;
  fotoTertukar: Map<string, PlanTps>; // tps → the TPS whose votes photo it carries (bupati)
}

/** Each fault on its own TPS among those that send a bundle. */
export function planFaults(rngF: Prng, plan: DemoPlan, shape: PresetShape, truth: TruthTable): FaultPlan {
  const bundleTps = plan.tps.filter((t) => t.channel === 'bundle');
  // A misread needs a TPS whose bupati sah can hold a true 105 next to plausible other counts.
  const bupatiSah = (t: PlanTps): number => truth.get(t.tps)!.get('bupati')!.suara.sah;
  const misreadCandidates = bundleTps.filter((t) => bupatiSah(t) >= 170);
  const misread =
    misreadCandidates.length >= shape.salahBaca
      ? rngF.sample(misreadCandidates, shape.salahBaca)
      : [...bundleTps].sort((a, b) => bupatiSah(b) - bupatiSah(a)).slice(0, shape.salahBaca);
  const used = new Set(misread.map((t) => t.tps));
  const rest = rngF.shuffle(bundleTps.filter((t) => !used.has(t.tps)));
  const take = (n: number): PlanTps[] => rest.splice(0, n);
  return {
    salahBaca: new Map(misread.map((t) => [t.tps, rngF.int(0, 2)])),
    jumlah: new Map(take(shape.jumlahTidakCocok).map((t, i) => [t.tps, i % 2 === 0 ? 'sah' : 'pemilih'])),
    kirimanKedua: new Set(take(shape.kirimanKedua).map((t) => t.tps)),
    duplikat: new Set(take(shape.duplikat).map((t) => t.tps)),
    fotoTertukar: new Map(take(shape.fotoTertukar).map((t) => [t.tps, take(1)[0]!])),
  };
}

/** The numbers of one record after its TPS's faults: on the paper sheet, in the first sending, in a second one. */
export interface FaultedCounts {
  sheet: CHasilCounts;
  recorded: CHasilCounts;
  second: CHasilCounts | null;
}

/** Applies the faults planned for TPS t to its true counts of pemilihan p, listing each fault in `list`. */
export function applyFaults(
  faults: FaultPlan,
  t: PlanTps,
  p: PemilihanId,
  truth: CHasilCounts,
  list: DemoFault[],
): FaultedCounts {
  let c: FaultedCounts = { sheet: truth, recorded: truth, second: null };
  const k = faults.salahBaca.get(t.tps);
  if (p === 'bupati' && k !== undefined) c = salahBaca(c, t, p, k, list);
  const variant = faults.jumlah.get(t.tps);
  if (variant === 'sah' && p === 'gubernur') c = sahTidakCocok(c, t, p, truth, list);
  if (variant === 'pemilih' && p === 'bupati') c = pemilihTidakCocok(c, t, p, list);
  if (p === 'bupati' && faults.kirimanKedua.has(t.tps)) c = kirimanKedua(c, t, p, list);
  return c;
}

function salahBaca(c: FaultedCounts, t: PlanTps, p: PemilihanId, k: number, list: DemoFault[]): FaultedCounts {
  const sheet = withChoiceValue(c.sheet, k, 105);
  list.push({
    kind: 'salah-baca',
    tps: t.tps,
    pemilihan: p,
    field: `suara.paslon.${k}`,
    nilaiBenar: 105,
    nilaiTercatat: 905,
    rules: ['R05'],
    files: [`tps/${t.tps}.pleno`],
    keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p}: suara paslon ${k + 1} terbaca 905, pada lembar (foto) tertulis 105 — angka salah baca.`,
  });
  return { ...c, sheet, recorded: setCount(sheet, `suara.paslon.${k}`, 905) };
}

function sahTidakCocok(
  c: FaultedCounts,
  t: PlanTps,
  p: PemilihanId,
  truth: CHasilCounts,
  list: DemoFault[],
): FaultedCounts {
  const sheet = setCount(c.sheet, 'suara.sah', c.sheet.suara.sah + 10);
  list.push({
    kind: 'jumlah-tidak-cocok',
    tps: t.tps,
    pemilihan: p,
    field: 'suara.sah',
    nilaiBenar: truth.suara.sah,
    nilaiTercatat: sheet.suara.sah,
    rules: ['R05', 'R06'],
    files: [`tps/${t.tps}.pleno`],
    keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p}: jumlah suara sah ditulis ${sheet.suara.sah}, padahal jumlah suara paslon ${truth.suara.sah} (selisih 10, juga di lembar).`,
  });
  return { ...c, sheet, recorded: sheet };
}

function pemilihTidakCocok(c: FaultedCounts, t: PlanTps, p: PemilihanId, list: DemoFault[]): FaultedCounts {
  const before = getCount(c.sheet, 'pemilih.jumlah.l');
  const sheet = setCount(c.sheet, 'pemilih.jumlah.l', before + 1);
  list.push({
    kind: 'jumlah-tidak-cocok',
    tps: t.tps,
    pemilihan: p,
    field: 'pemilih.jumlah.l',
    nilaiBenar: before,
    nilaiTercatat: before + 1,
    rules: ['R01'],
    files: [`tps/${t.tps}.pleno`],
    keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p}: jumlah pemilih laki-laki (A.4) ditulis ${before + 1}, padahal DPT + DPPh + DPTb = ${before}.`,
  });
  return { ...c, sheet, recorded: sheet };
}

/** The first sending carries two swapped digits; a second sending the next day carries the sheet's numbers. */
function kirimanKedua(c: FaultedCounts, t: PlanTps, p: PemilihanId, list: DemoFault[]): FaultedCounts {
  const sheet = c.sheet;
  const idx = sheet.suara.paslon.findIndex((v) => swapLastDigits(v) !== null);
  const j = idx >= 0 ? idx : 0;
  const wrong = swapLastDigits(sheet.suara.paslon[j]!) ?? sheet.suara.paslon[j]! + 9;
  list.push({
    kind: 'kiriman-kedua',
    tps: t.tps,
    pemilihan: p,
    field: `suara.paslon.${j}`,
    nilaiBenar: sheet.suara.paslon[j]!,
    nilaiTercatat: wrong,
    rules: ['R05'],
    files: [`tps/${t.tps}.pleno`, `tps/${kirimUlangName(t.tps, p)}`],
    keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p}: kiriman pertama mencatat suara paslon ${j + 1} = ${wrong} (angka tertukar), kiriman kedua keesokan harinya membetulkannya menjadi ${sheet.suara.paslon[j]!} — dua kiriman berbeda (konflik).`,
  });
  return { sheet, recorded: setCount(sheet, `suara.paslon.${j}`, wrong), second: sheet };
}

function swapLastDigits(v: number): number | null {
  const s = String(v);
  if (s.length < 2 || s[s.length - 1] === s[s.length - 2]) return null;
  return Number(s.slice(0, -2) + s[s.length - 1] + s[s.length - 2]);
}

/** File name of the second sending of a TPS's record (kiriman-kedua). */
export function kirimUlangName(tps: string, pemilihan: PemilihanId): string {
  return `${tps}_kirim-ulang-${pemilihan}.json`;
}

export function belumMasukFault(t: PlanTps): DemoFault {
  return {
    kind: 'belum-masuk',
    tps: t.tps,
    rules: [],
    files: [],
    keterangan: `TPS ${t.nomor} ${t.desaNama}: hasil belum masuk (tidak ada berkas maupun QR).`,
  };
}

export function fotoTertukarFault(t: PlanTps, p: PemilihanId, source: PlanTps, lembar: number): DemoFault {
  return {
    kind: 'foto-tertukar',
    tps: t.tps,
    pemilihan: p,
    rules: [],
    files: [`tps/${t.tps}.pleno`, `tps/${source.tps}.pleno`],
    keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p}: foto lembar ${lembar} adalah foto TPS ${source.nomor} ${source.desaNama} (foto yang sama dipakai ulang); angka hasil tidak cocok dengan foto.`,
  };
}

export function duplikatFault(t: PlanTps, copyName: string): DemoFault {
  return {
    kind: 'duplikat',
    tps: t.tps,
    rules: [],
    files: [`tps/${t.tps}.pleno`, `tps/${copyName}`],
    keterangan: `TPS ${t.nomor} ${t.desaNama}: berkas yang sama dikirim dua kali dengan nama lain (duplikat).`,
  };
}

export function hanyaJsonFault(t: PlanTps, files: string[]): DemoFault {
  return {
    kind: 'hanya-json',
    tps: t.tps,
    rules: [],
    files,
    keterangan: `TPS ${t.nomor} ${t.desaNama}: hasil hanya berupa berkas amplop JSON (tanpa foto).`,
  };
}

export function hanyaQrFault(t: PlanTps, files: string[], small: boolean): DemoFault {
  return {
    kind: 'hanya-qr',
    tps: t.tps,
    rules: [],
    files,
    keterangan: `TPS ${t.nomor} ${t.desaNama}: hasil hanya lewat kode QR${small ? ' (kode dipecah menjadi beberapa bagian)' : ''}; foto dirujuk dengan hash tetapi belum terkirim (menyusul).`,
  };
}

const KIND_ORDER = [
  'salah-baca',
  'jumlah-tidak-cocok',
  'kiriman-kedua',
  'duplikat',
  'foto-tertukar',
  'hanya-qr',
  'hanya-json',
  'belum-masuk',
];

/** The order of expected.faults: by kind, then by TPS (stable for equal keys). */
export function sortFaults(list: DemoFault[]): void {
  list.sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.tps < b.tps ? -1 : a.tps > b.tps ? 1 : 0),
  );
}
