// The kab/kota plenary's state over its kecamatan (docs/receiver-plenary.md), derived from the pushed D.Hasil of each
// kecamatan and the decision rows of the kab/kota plenary: one pure derivation that the screens, the decisions and the
// documents read, so they cannot disagree (the kecamatan level's read model works the same way: docs/read-model.md).
// A decision names the manifest it was taken on; a newer push of that kecamatan leaves it behind (not counted).
import { getCount, setCount } from './labels';
import type { CHasilCounts, Totals } from './model';
import { sumTotals } from './recap';
import { R01, R02, R05, R06, type Violation } from './rules';
import { pick } from '../util/pick';

export interface KabTpsIn {
  nomor: number;
  counts: CHasilCounts | null;
}
export interface KabDHasilIn {
  final: boolean;
  lampiran: { kode: string; nama: string; tps: KabTpsIn[] }[];
  total: Totals;
}
/** A kecamatan of the kab/kota and its latest committed push (null when nothing is committed yet). */
export interface KabKecamatanIn {
  kode: string;
  nama: string;
  pushed: { manifest: string; dokumen: string; urutan: number; diterima: string | null; dHasil: KabDHasilIn } | null;
}
interface Act {
  id: number;
  oleh: string;
  createdAt: string;
}
/** What a proposed kab/kota correction changes and why: the same fields in its row and in its view. */
interface KabKoreksiFields {
  tps: string;
  bidang: string;
  dari: number;
  menjadi: number;
  dasar: string;
  alasan: string;
}
export interface KabRowsIn {
  penerimaan: (Act & {
    kecamatan: string;
    manifest: string;
    keputusan: 'diterima' | 'tidak-diterima';
    alasan: string | null;
  })[];
  keberatan: (Act & { kecamatan: string | null; pihak: string; uraian: string })[];
  keberatanSelesai: (Act & { keberatan: number; hasil: 'diterima' | 'ditolak'; alasan: string })[];
  kunci: (Act & { kecamatan: string; manifest: string; aksi: 'kunci' | 'buka'; alasan: string | null })[];
  koreksi: (Act & { kecamatan: string; manifest: string } & KabKoreksiFields)[];
  koreksiKeputusan: (Act & { koreksi: number; keputusan: 'disetujui' | 'ditolak'; alasan: string | null })[];
}

export type KabKoreksiState = 'menunggu' | 'disetujui' | 'ditolak';
export interface KabKoreksiView extends KabKoreksiFields {
  id: number;
  diusulkan: { oleh: string; waktu: string };
  state: KabKoreksiState;
  keputusan: { oleh: string; waktu: string; alasan: string | null } | null;
}
export interface KabTpsModel {
  nomor: number;
  tps: string;
  /** As the kecamatan pushed it. */
  diterima: CHasilCounts | null;
  /** After the corrections approved here. */
  counts: CHasilCounts | null;
  koreksi: KabKoreksiView[];
}
export interface KabDesaModel {
  kode: string;
  nama: string;
  total: Totals;
  tps: KabTpsModel[];
}
export interface KabKecamatanModel {
  kode: string;
  nama: string;
  status: 'belum' | 'draf' | 'final';
  manifest: string | null;
  dokumen: string | null;
  urutan: number | null;
  diterimaPada: string | null;
  /** The plenary's latest acceptance decision on the current push (null: not yet taken). */
  penerimaan: { keputusan: 'diterima' | 'tidak-diterima'; alasan: string | null; oleh: string; waktu: string } | null;
  locked: boolean;
  kunci: { aksi: 'kunci' | 'buka'; oleh: string; waktu: string; alasan: string | null } | null;
  /** Why it cannot be locked now (Bahasa Indonesia); empty when it can or when it is locked. */
  lockBlockers: string[];
  openKeberatan: number[];
  koreksi: KabKoreksiView[];
  desa: KabDesaModel[];
  /** As pushed / after the approved corrections (null when nothing is committed). */
  totalDiterima: Totals | null;
  total: Totals | null;
}
export interface KabKeberatanView {
  id: number;
  kecamatan: string | null;
  pihak: string;
  uraian: string;
  oleh: string;
  waktu: string;
  selesai: { hasil: 'diterima' | 'ditolak'; alasan: string; oleh: string; waktu: string } | null;
}
export interface KabPemilihanModel {
  pemilihan: string;
  pilihanCount: number;
  kecamatan: KabKecamatanModel[];
  keberatan: KabKeberatanView[];
  /** Sum of the kecamatan totals (after corrections) of the locked kecamatan. */
  totalTerkunci: Totals;
  final: { final: boolean; reasons: string[] };
}

const KOREKSI_FIELDS = ['id', 'tps', 'bidang', 'dari', 'menjadi', 'dasar', 'alasan'] as const;

function koreksiViews(rows: KabRowsIn, kode: string, manifest: string): KabKoreksiView[] {
  return rows.koreksi
    .filter((k) => k.kecamatan === kode && k.manifest === manifest)
    .map((k) => {
      const d = rows.koreksiKeputusan.find((x) => x.koreksi === k.id);
      return {
        ...pick(k, KOREKSI_FIELDS),
        diusulkan: { oleh: k.oleh, waktu: k.createdAt },
        state: d ? (d.keputusan === 'disetujui' ? 'disetujui' : 'ditolak') : 'menunggu',
        keputusan: d ? { oleh: d.oleh, waktu: d.createdAt, alasan: d.alasan } : null,
      };
    });
}

/** The desa of a pushed D.Hasil with the approved corrections applied (in approval order) and totals re-summed. */
function desaOf(d: KabDHasilIn, koreksi: KabKoreksiView[], n: number): KabDesaModel[] {
  const approved = koreksi
    .filter((k) => k.state === 'disetujui')
    .sort((a, b) =>
      a.keputusan!.waktu < b.keputusan!.waktu ? -1 : a.keputusan!.waktu > b.keputusan!.waktu ? 1 : a.id - b.id,
    );
  return d.lampiran.map((desa) => {
    const tps = desa.tps.map((t): KabTpsModel => {
      const code = `${desa.kode}${String(t.nomor).padStart(3, '0')}`;
      const mine = koreksi.filter((k) => k.tps === code);
      let counts = t.counts;
      for (const k of approved) if (k.tps === code && counts) counts = setCount(counts, k.bidang, k.menjadi);
      return { nomor: t.nomor, tps: code, diterima: t.counts, counts, koreksi: mine };
    });
    return {
      kode: desa.kode,
      nama: desa.nama,
      tps,
      total: sumTotals(
        tps.flatMap((t) => (t.counts ? [t.counts] : [])),
        n,
      ),
    };
  });
}

function kecamatanOf(k: KabKecamatanIn, rows: KabRowsIn, n: number): KabKecamatanModel {
  const base: KabKecamatanModel = {
    kode: k.kode,
    nama: k.nama,
    status: 'belum',
    manifest: null,
    dokumen: null,
    urutan: null,
    diterimaPada: null,
    penerimaan: null,
    locked: false,
    kunci: null,
    lockBlockers: ['Kecamatan ini belum mengirim D.Hasil.'],
    openKeberatan: [],
    koreksi: [],
    desa: [],
    totalDiterima: null,
    total: null,
  };
  const open = rows.keberatan
    .filter((x) => x.kecamatan === k.kode && !rows.keberatanSelesai.some((s) => s.keberatan === x.id))
    .map((x) => x.id);
  base.openKeberatan = open;
  if (!k.pushed) return base;
  const p = k.pushed;
  const onThis = <T extends { kecamatan: string; manifest: string }>(xs: T[]) =>
    xs.filter((x) => x.kecamatan === k.kode && x.manifest === p.manifest);
  const acc = onThis(rows.penerimaan).at(-1);
  const lock = onThis(rows.kunci).at(-1);
  const koreksi = koreksiViews(rows, k.kode, p.manifest);
  const desa = desaOf(p.dHasil, koreksi, n);
  const model: KabKecamatanModel = {
    ...base,
    status: p.dHasil.final ? 'final' : 'draf',
    manifest: p.manifest,
    dokumen: p.dokumen,
    urutan: p.urutan,
    diterimaPada: p.diterima,
    penerimaan: acc ? { keputusan: acc.keputusan, alasan: acc.alasan, oleh: acc.oleh, waktu: acc.createdAt } : null,
    locked: lock?.aksi === 'kunci',
    kunci: lock ? { aksi: lock.aksi, oleh: lock.oleh, waktu: lock.createdAt, alasan: lock.alasan } : null,
    koreksi,
    desa,
    totalDiterima: p.dHasil.total,
    total: sumTotals(
      desa.map((d) => d.total),
      n,
    ),
  };
  model.lockBlockers = model.locked ? [] : lockBlockersOf(model);
  return model;
}

function lockBlockersOf(k: KabKecamatanModel): string[] {
  const out: string[] = [];
  if (k.status === 'draf') out.push('D.Hasil yang diterima dari kecamatan ini masih draf, belum final.');
  if (k.penerimaan?.keputusan !== 'diterima') out.push('Hasil kecamatan ini belum diterima pleno.');
  if (k.openKeberatan.length > 0)
    out.push(`${k.openKeberatan.length} keberatan tentang kecamatan ini belum diselesaikan.`);
  const pending = k.koreksi.filter((x) => x.state === 'menunggu').length;
  if (pending > 0) out.push(`${pending} usulan koreksi belum diputuskan.`);
  return [...out, ...brokenSums(k)];
}

// The in-column sums a kab/kota correction can break (R01, R02, R05, R06; R07 and the ballot rules tie columns the
// kecamatan already reconciled). A sum the pushed figures already broke was decided at the kecamatan level and is not
// re-judged here; only what the corrections approved here broke blocks the lock (docs/spec-readings.md).
const SUM_RULES = [R01, R02, R05, R06];
const ruleCtx = (n: number) => ({ dptMaster: { l: 0, p: 0 }, pilihanCount: n });

function brokenSums(k: KabKecamatanModel): string[] {
  const out: string[] = [];
  for (const d of k.desa)
    for (const t of d.tps) {
      if (!t.counts || t.counts === t.diterima) continue;
      const n = t.counts.suara.paslon.length;
      const key = (v: Violation) => `${v.code}|${v.fields.join()}`;
      const before = new Set(t.diterima ? SUM_RULES.flatMap((r) => r.check(t.diterima!, ruleCtx(n))).map(key) : []);
      for (const v of SUM_RULES.flatMap((r) => r.check(t.counts!, ruleCtx(n))))
        if (!before.has(key(v))) out.push(`Desa ${d.nama} TPS ${String(t.nomor).padStart(3, '0')}: ${v.message}.`);
    }
  return out;
}

/** The plenary state of one pemilihan over every kecamatan of the kab/kota (in master order). */
export function deriveKabPemilihan(
  pemilihan: string,
  pilihanCount: number,
  kecamatan: readonly KabKecamatanIn[],
  rows: KabRowsIn,
): KabPemilihanModel {
  const list = kecamatan.map((k) => kecamatanOf(k, rows, pilihanCount));
  const keberatan: KabKeberatanView[] = rows.keberatan.map((x) => {
    const s = rows.keberatanSelesai.find((y) => y.keberatan === x.id);
    return {
      ...pick(x, ['id', 'kecamatan', 'pihak', 'uraian', 'oleh']),
      waktu: x.createdAt,
      selesai: s ? { hasil: s.hasil, alasan: s.alasan, oleh: s.oleh, waktu: s.createdAt } : null,
    };
  });
  const reasons: string[] = [];
  const unlocked = list.filter((k) => !k.locked);
  if (unlocked.length > 0)
    reasons.push(`${unlocked.length} kecamatan belum dikunci: ${unlocked.map((k) => k.nama).join(', ')}.`);
  const open = keberatan.filter((x) => !x.selesai).length;
  if (open > 0) reasons.push(`${open} keberatan belum diselesaikan.`);
  const locked = list.filter((k) => k.locked && k.total);
  return {
    pemilihan,
    pilihanCount,
    kecamatan: list,
    keberatan,
    totalTerkunci: sumTotals(
      locked.map((k) => k.total!),
      pilihanCount,
    ),
    final: { final: reasons.length === 0, reasons },
  };
}

/** The current value of `bidang` at a TPS of a kecamatan model (after approved corrections), or null. */
export function kabCurrentValue(k: KabKecamatanModel, tps: string, bidang: string): number | null {
  const t = k.desa.flatMap((d) => d.tps).find((x) => x.tps === tps);
  return t?.counts ? getCount(t.counts, bidang) : null;
}
