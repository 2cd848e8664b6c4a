// Real desa names and codes used by the demo presets, copied from docs/data/kotabaru-desa.tsv
// (the 202 desa/kelurahan of Kabupaten Kotabaru, derived from the public cahyadsn/wilayah dataset,
// Kepmendagri 300.2.2-2138/2025). Copied so that the app does not read docs/ at run time.
// TPS counts, DPT figures and all person names in the demo are synthetic (SIMULASI).

export interface DemoKecamatanData {
  provinsi: { kode: string; nama: string };
  kabkota: { kode: string; nama: string };
  kecamatan: { kode: string; nama: string };
  desa: { kode: string; nama: string }[];
}

const provinsi = { kode: '63', nama: 'Kalimantan Selatan' };
const kabkota = { kode: '6302', nama: 'Kotabaru' };

export const HAMPANG: DemoKecamatanData = {
  provinsi,
  kabkota,
  kecamatan: { kode: '630214', nama: 'Hampang' },
  desa: [
    { kode: '6302142001', nama: 'Hampang' },
    { kode: '6302142002', nama: 'Cantung Kiri Hulu' },
    { kode: '6302142003', nama: 'Cantung Kanan' },
    { kode: '6302142004', nama: 'Muara Orie' },
    { kode: '6302142005', nama: 'Lalapin' },
    { kode: '6302142006', nama: 'Peramasan Dua Kali Sanga' },
    { kode: '6302142007', nama: 'Limbur' },
    { kode: '6302142008', nama: 'Hulu Sampanahan' },
    { kode: '6302142009', nama: 'Limbungan' },
  ],
};

export const PULAU_SEMBILAN: DemoKecamatanData = {
  provinsi,
  kabkota,
  kecamatan: { kode: '630201', nama: 'Pulau Sembilan' },
  desa: [
    { kode: '6302012001', nama: 'Labuan Barat' },
    { kode: '6302012002', nama: 'Teluk Sungai' },
    { kode: '6302012003', nama: 'Maradapan' },
    { kode: '6302012004', nama: 'Tengah' },
    { kode: '6302012005', nama: 'Tanjung Nyiur' },
  ],
};

/** The `besar` preset: a synthetic kecamatan code of Kotabaru that does not exist (Kotabaru has 01–22). */
export const BESAR_KECAMATAN = { kode: '630290', nama: 'Simulasi Raya' };
export const KALSEL = provinsi;
export const KOTABARU = kabkota;
