// The wilayah of the demo presets: real desa names and codes of Hampang and Pulau Sembilan, taken from
// kotabaru-wilayah.ts (generated from docs/data/kotabaru-desa.tsv: the 202 desa/kelurahan of Kabupaten Kotabaru, from
// the public cahyadsn/wilayah dataset, Kepmendagri 300.2.2-2138/2025), so that the app does not read docs/ at run time.
// TPS counts, DPT figures and all person names in the demo are synthetic (SIMULASI).
import { KOTABARU_KECAMATAN } from './kotabaru-wilayah';

export interface DemoKecamatanData {
  provinsi: { kode: string; nama: string };
  kabkota: { kode: string; nama: string };
  kecamatan: { kode: string; nama: string };
  desa: { kode: string; nama: string }[];
}

const provinsi = { kode: '63', nama: 'Kalimantan Selatan' };
const kabkota = { kode: '6302', nama: 'Kotabaru' };

/** A kecamatan of Kotabaru with its desa, taken from the 22 of kotabaru-wilayah.ts (one copy of the TSV). */
function kecamatan(kode: string): DemoKecamatanData {
  const [, nama, desa] = KOTABARU_KECAMATAN.find(([k]) => k === kode)!;
  return { provinsi, kabkota, kecamatan: { kode, nama }, desa: desa.map(([d, n]) => ({ kode: d, nama: n })) };
}

export const HAMPANG = kecamatan('630214');
export const PULAU_SEMBILAN = kecamatan('630201');

/** The `besar` preset: a synthetic kecamatan code of Kotabaru that does not exist (Kotabaru has 01–22). */
export const BESAR_KECAMATAN = { kode: '630290', nama: 'Simulasi Raya' };
export const KALSEL = provinsi;
export const KOTABARU = kabkota;
