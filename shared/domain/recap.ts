// Recap aggregation (docs/design.md §5.1): totals per desa and for the kecamatan, per pemilihan,
// with TPS status counters.
//
// Exports:
//   emptyTotals(pilihanCount): Totals                       all zeros, keys in §5.1 / §3.2 order
//   addTotals(a, b): Totals                                  new object; throws if the choice counts differ (a bug)
//                                                            (buildRecap refuses such a record first, naming the TPS)
//   sumTotals(list, pilihanCount): Totals
//   buildRecap(input: RecapInput): RecapJson                exactly the JSON of docs/design.md §5.1, keys in that order
//
// The caller decides which record is counted for a TPS (its current version, see status.ts deriveTpsState) and passes
// it with the TPS's status bits; TPS absent from the input count as belum masuk with nothing counted.
import { type CHasilCounts, type DataMaster, type LP, type Totals, tpsCode } from './model';

/** What the recap needs to know of one TPS for one pemilihan. */
export interface RecapTpsState {
  /** The current version's counts (docs/design.md §5.1), or null when nothing is counted yet. */
  counted: CHasilCounts | null;
  /** At least one valid record received. */
  masuk: boolean;
  /** Settled by the plenary (sesuai or dikoreksi). */
  diputuskan: boolean;
  /** Differing submissions not yet settled. */
  konflik: boolean;
}

export interface RecapInput {
  master: Pick<DataMaster, 'kecamatan' | 'desa' | 'pemilihan'>;
  /** Per pemilihan id, per 13-digit TPS code. */
  tps: Readonly<Record<string, Readonly<Record<string, RecapTpsState>>>>;
  /** Only this pemilihan (CLI `--pemilihan`); all of the master's, in master order, when absent. */
  pemilihan?: string;
}

export interface TpsCounters {
  total: number;
  masuk: number;
  diputuskan: number;
  konflik: number;
}

export interface RecapDesa {
  kode: string;
  nama: string;
  tps: TpsCounters;
  total: Totals;
}

export interface RecapPemilihan {
  id: string;
  tps: TpsCounters;
  desa: RecapDesa[];
  total: Totals;
}

export interface RecapJson {
  kecamatan: string;
  pemilihan: RecapPemilihan[];
}

const lp = (l: number, p: number): LP => ({ l, p });

/** Zero totals for a pemilihan with `pilihanCount` choices. */
export function emptyTotals(pilihanCount: number): Totals {
  return {
    pemilih: { dpt: lp(0, 0), dpph: lp(0, 0), dptb: lp(0, 0), jumlah: lp(0, 0) },
    pengguna: { dpt: lp(0, 0), dpph: lp(0, 0), dptb: lp(0, 0), jumlah: lp(0, 0) },
    disabilitas: { pemilih: lp(0, 0), pengguna: lp(0, 0) },
    suratSuara: { diterima: 0, dikembalikan: 0, tidakDigunakan: 0, digunakan: 0 },
    suara: { paslon: new Array<number>(pilihanCount).fill(0), sah: 0, tidakSah: 0, total: 0 },
  };
}

const addLp = (a: LP, b: LP): LP => lp(a.l + b.l, a.p + b.p);

/** a + b, field by field; a new object with keys in §5.1 order (extra keys of the inputs are not carried over). */
export function addTotals(a: CHasilCounts, b: CHasilCounts): Totals {
  if (a.suara.paslon.length !== b.suara.paslon.length) {
    throw new Error(`addTotals: choice counts differ (${a.suara.paslon.length} vs ${b.suara.paslon.length})`);
  }
  return {
    pemilih: {
      dpt: addLp(a.pemilih.dpt, b.pemilih.dpt),
      dpph: addLp(a.pemilih.dpph, b.pemilih.dpph),
      dptb: addLp(a.pemilih.dptb, b.pemilih.dptb),
      jumlah: addLp(a.pemilih.jumlah, b.pemilih.jumlah),
    },
    pengguna: {
      dpt: addLp(a.pengguna.dpt, b.pengguna.dpt),
      dpph: addLp(a.pengguna.dpph, b.pengguna.dpph),
      dptb: addLp(a.pengguna.dptb, b.pengguna.dptb),
      jumlah: addLp(a.pengguna.jumlah, b.pengguna.jumlah),
    },
    disabilitas: {
      pemilih: addLp(a.disabilitas.pemilih, b.disabilitas.pemilih),
      pengguna: addLp(a.disabilitas.pengguna, b.disabilitas.pengguna),
    },
    suratSuara: {
      diterima: a.suratSuara.diterima + b.suratSuara.diterima,
      dikembalikan: a.suratSuara.dikembalikan + b.suratSuara.dikembalikan,
      tidakDigunakan: a.suratSuara.tidakDigunakan + b.suratSuara.tidakDigunakan,
      digunakan: a.suratSuara.digunakan + b.suratSuara.digunakan,
    },
    suara: {
      paslon: a.suara.paslon.map((v, i) => v + b.suara.paslon[i]!),
      sah: a.suara.sah + b.suara.sah,
      tidakSah: a.suara.tidakSah + b.suara.tidakSah,
      total: a.suara.total + b.suara.total,
    },
  };
}

/** Sum of a list of counts; `emptyTotals(pilihanCount)` for an empty list. */
export function sumTotals(list: readonly CHasilCounts[], pilihanCount: number): Totals {
  let acc = emptyTotals(pilihanCount);
  for (const c of list) acc = addTotals(acc, c);
  return acc;
}

const emptyCounters = (): TpsCounters => ({ total: 0, masuk: 0, diputuskan: 0, konflik: 0 });

function addCounters(a: TpsCounters, b: TpsCounters): TpsCounters {
  return {
    total: a.total + b.total,
    masuk: a.masuk + b.masuk,
    diputuskan: a.diputuskan + b.diputuskan,
    konflik: a.konflik + b.konflik,
  };
}

/**
 * A TPS's counted record, refused when its number of choices is not the pemilihan's: a shorter record padded with
 * zeros, or a longer one cut, would alter a paslon's total without a trace (a bug upstream; the import and the
 * correction guards check the shape first).
 */
function countedOf(s: RecapTpsState | undefined, pilihanCount: number, code: string): CHasilCounts | null {
  if (!s?.counted) return null;
  const got = s.counted.suara.paslon.length;
  if (got !== pilihanCount) {
    throw new Error(`buildRecap: TPS ${code} has ${got} choices, the pemilihan has ${pilihanCount}`);
  }
  return s.counted;
}

/** The recap of docs/design.md §5.1. Throws if a counted record has the wrong number of choices (a bug upstream). */
export function buildRecap(input: RecapInput): RecapJson {
  const { master } = input;
  const pemilihanList =
    input.pemilihan === undefined ? master.pemilihan : master.pemilihan.filter((p) => p.id === input.pemilihan);
  return {
    kecamatan: master.kecamatan.kode,
    pemilihan: pemilihanList.map((pem): RecapPemilihan => {
      const n = pem.pilihan.length;
      const states = input.tps[pem.id] ?? {};
      let kecCounters = emptyCounters();
      let kecTotal = emptyTotals(n);
      const desa = master.desa.map((d): RecapDesa => {
        let counters = emptyCounters();
        let total = emptyTotals(n);
        for (const t of d.tps) {
          const code = tpsCode(d.kode, t.nomor);
          const s = states[code];
          counters = addCounters(counters, {
            total: 1,
            masuk: s?.masuk ? 1 : 0,
            diputuskan: s?.diputuskan ? 1 : 0,
            konflik: s?.konflik ? 1 : 0,
          });
          const counted = countedOf(s, n, code);
          if (counted) total = addTotals(total, counted);
        }
        kecCounters = addCounters(kecCounters, counters);
        kecTotal = addTotals(kecTotal, total);
        return { kode: d.kode, nama: d.nama, tps: counters, total };
      });
      return { id: pem.id, tps: kecCounters, desa, total: kecTotal };
    }),
  };
}
