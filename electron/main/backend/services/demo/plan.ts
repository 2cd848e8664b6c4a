// The plan of a demo kecamatan: desa and TPS with their DPT, the pemilihan and paslon, PPK members, and which
// TPS arrive by which channel. Pure data drawn from the seeded PRNG (no keys, no bytes).
import {
  type DataMaster,
  type LP,
  type Pemilihan,
  type PpkMember,
  MASTER_FORMAT,
  tpsCode,
} from '../../../../../shared/domain/model';
import { drawDpt } from './counts';
import type { DemoChannel, DemoPreset } from './demo-types';
import type { Prng } from './prng';
import { desaNames, paslonNames, personNames } from './synthetic-names';
import { BESAR_KECAMATAN, HAMPANG, KALSEL, KOTABARU, PULAU_SEMBILAN, type DemoKecamatanData } from './wilayah-data';

export interface PlanTps {
  tps: string;
  desaKode: string;
  desaNama: string;
  nomor: number;
  dpt: LP;
  channel: DemoChannel;
}

export interface DemoPlan {
  wilayah: DemoKecamatanData;
  tps: PlanTps[];
  desa: { kode: string; nama: string; tps: PlanTps[] }[];
  pemilihan: Pemilihan[];
  /** Base vote shares per pemilihan id. */
  shares: Record<string, number[]>;
  ppk: PpkMember[];
}

/** How many TPS of each kind a preset has; faults are counts of TPS, each fault on its own TPS. */
export interface PresetShape {
  /** TPS per desa: total and bounds. */
  tpsTotal: number;
  tpsMin: number;
  tpsMax: number;
  belumMasuk: number;
  qr: number;
  json: number;
  salahBaca: number;
  jumlahTidakCocok: number;
  kirimanKedua: number;
  duplikat: number;
  /** TPS whose record carries another TPS's photo of the votes sheet (a reused photo). */
  fotoTertukar: number;
  photoMode: 'full' | 'compact';
}

export const PRESET_SHAPES: Record<DemoPreset, PresetShape> = {
  hampang: {
    tpsTotal: 30,
    tpsMin: 2,
    tpsMax: 5,
    belumMasuk: 3,
    qr: 2,
    json: 1,
    salahBaca: 1,
    jumlahTidakCocok: 2,
    kirimanKedua: 1,
    duplikat: 1,
    fotoTertukar: 1,
    photoMode: 'full',
  },
  'pulau-sembilan': {
    tpsTotal: 15,
    tpsMin: 2,
    tpsMax: 4,
    belumMasuk: 2,
    qr: 1,
    json: 1,
    salahBaca: 1,
    jumlahTidakCocok: 1,
    kirimanKedua: 1,
    duplikat: 1,
    fotoTertukar: 1,
    photoMode: 'full',
  },
  besar: {
    tpsTotal: 600,
    tpsMin: 8,
    tpsMax: 22,
    belumMasuk: 12,
    qr: 6,
    json: 3,
    salahBaca: 6,
    jumlahTidakCocok: 6,
    kirimanKedua: 4,
    duplikat: 3,
    fotoTertukar: 2,
    photoMode: 'compact',
  },
};

function wilayahOf(preset: DemoPreset, rng: Prng): DemoKecamatanData {
  if (preset === 'hampang') return HAMPANG;
  if (preset === 'pulau-sembilan') return PULAU_SEMBILAN;
  const names = desaNames(rng, 40);
  return {
    provinsi: KALSEL,
    kabkota: KOTABARU,
    kecamatan: BESAR_KECAMATAN,
    desa: names.map((nama, i) => ({ kode: `${BESAR_KECAMATAN.kode}${2001 + i}`, nama })),
  };
}

/** TPS count per desa: within [min, max], summing to total. */
function tpsPerDesa(rng: Prng, desa: number, shape: PresetShape): number[] {
  const base = Math.floor(shape.tpsTotal / desa);
  const counts = Array.from({ length: desa }, () => base);
  let rest = shape.tpsTotal - base * desa;
  while (rest > 0) {
    const i = rng.int(0, desa - 1);
    if (counts[i]! < shape.tpsMax) {
      counts[i]! += 1;
      rest--;
    }
  }
  // Move TPS between desa so that desa differ in size, as they do.
  for (let k = 0; k < desa * 3; k++) {
    const a = rng.int(0, desa - 1);
    const b = rng.int(0, desa - 1);
    if (a !== b && counts[a]! > shape.tpsMin && counts[b]! < shape.tpsMax) {
      counts[a]! -= 1;
      counts[b]! += 1;
    }
  }
  return counts;
}

/** The plan of a preset, or of a given kecamatan and shape (a kecamatan of the kotabaru preset). */
export function buildPlan(
  preset: DemoPreset,
  root: Prng,
  override?: { wilayah: DemoKecamatanData; shape: PresetShape },
): DemoPlan {
  const shape = override?.shape ?? PRESET_SHAPES[preset];
  const wilayah = override?.wilayah ?? wilayahOf(preset, root.fork('wilayah'));
  const rngTps = root.fork('tps');
  const perDesa = tpsPerDesa(rngTps, wilayah.desa.length, shape);
  const desa = wilayah.desa.map((d, i) => ({
    kode: d.kode,
    nama: d.nama,
    tps: Array.from({ length: perDesa[i]! }, (_, k): PlanTps => ({
      tps: tpsCode(d.kode, k + 1),
      desaKode: d.kode,
      desaNama: d.nama,
      nomor: k + 1,
      dpt: drawDpt(rngTps),
      channel: 'bundle',
    })),
  }));
  const tps = desa.flatMap((d) => d.tps);

  const rngCh = root.fork('channels');
  const picked = rngCh.sample(tps, shape.belumMasuk + shape.qr + shape.json);
  picked.forEach((t, i) => {
    t.channel = i < shape.belumMasuk ? 'belum-masuk' : i < shape.belumMasuk + shape.qr ? 'qr' : 'json';
  });

  const rngNames = root.fork('names');
  const gub = paslonNames(rngNames, 2);
  const bup = paslonNames(rngNames, 3);
  const pemilihan: Pemilihan[] = [
    {
      id: 'gubernur',
      nama: `Pemilihan Gubernur dan Wakil Gubernur ${wilayah.provinsi.nama} 2024 (SIMULASI)`,
      wilayah: wilayah.provinsi.kode,
      pilihan: gub.map((nama, i) => ({ nomor: i + 1, nama })),
    },
    {
      id: 'bupati',
      nama: `Pemilihan Bupati dan Wakil Bupati ${wilayah.kabkota.nama} 2024 (SIMULASI)`,
      wilayah: wilayah.kabkota.kode,
      pilihan: bup.map((nama, i) => ({ nomor: i + 1, nama })),
    },
  ];
  const rngShares = root.fork('shares');
  const shares: Record<string, number[]> = {
    gubernur: [1, rngShares.real(0.6, 1.4)],
    bupati: [1, rngShares.real(0.5, 1.5), rngShares.real(0.3, 1.0)],
  };
  const ppkNames = personNames(rngNames, 5);
  const ppk = ppkNames.map((nama, i) => ({ nama, jabatan: i === 0 ? 'Ketua' : 'Anggota' }));
  return { wilayah, tps, desa, pemilihan, shares, ppk };
}

/** The data master payload (docs/design.md §3.6) of a plan with its registered devices. */
export function masterPayload(plan: DemoPlan, perangkat: DataMaster['perangkat']): DataMaster {
  return {
    format: MASTER_FORMAT,
    provinsi: { ...plan.wilayah.provinsi },
    kabkota: { ...plan.wilayah.kabkota },
    kecamatan: { ...plan.wilayah.kecamatan },
    desa: plan.desa.map((d) => ({
      kode: d.kode,
      nama: d.nama,
      tps: d.tps.map((t) => ({ nomor: t.nomor, dpt: { ...t.dpt } })),
    })),
    pemilihan: plan.pemilihan.map((p) => ({ ...p, pilihan: p.pilihan.map((c) => ({ ...c })) })),
    ppk: plan.ppk.map((m) => ({ ...m })),
    perangkat,
  };
}
