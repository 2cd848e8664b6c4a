// Words and numbers of the kab/kota plenary screens.
import type { KabKecamatanModel } from '../../../shared/domain/kab-pleno';
import type { Tone } from '../../ui/StatusPill';

export { angka } from '../penerima/penerima-format';

export function kecamatanState(k: KabKecamatanModel): { label: string; tone: Tone } {
  if (k.locked) return { label: 'Dikunci', tone: 'ok' };
  if (k.status === 'belum') return { label: 'Belum ada D.Hasil', tone: 'neutral' };
  if (k.penerimaan?.keputusan === 'tidak-diterima') return { label: 'Tidak dapat diterima', tone: 'danger' };
  if (k.penerimaan?.keputusan === 'diterima') return { label: 'Diterima pleno', tone: 'info' };
  return k.status === 'final' ? { label: 'D.Hasil final masuk', tone: 'info' } : { label: 'Masih draf', tone: 'warn' };
}

/** The C.Hasil fields a kab/kota correction may change, with their labels (paslon first). */
export function koreksiFields(pilihan: { nomor: number; nama: string; kolomKosong: boolean }[]) {
  return [
    ...pilihan.map((p, i) => ({
      path: `suara.paslon.${i}`,
      label: p.kolomKosong ? `IV.A.${i + 1} Kolom kosong` : `IV.A.${i + 1} Suara paslon ${p.nomor} (${p.nama})`,
    })),
    { path: 'suara.sah', label: 'IV.B Jumlah suara sah' },
    { path: 'suara.tidakSah', label: 'IV.C Jumlah suara tidak sah' },
    { path: 'suara.total', label: 'IV.D Jumlah seluruh suara' },
  ];
}

/** The bases of a kab/kota correction, the first one chosen beforehand. */
export const DASAR: Readonly<Record<string, string>> = {
  'salinan-saksi': 'Salinan saksi',
  'salinan-panwascam': 'Salinan Panwaslu/Bawaslu',
  'c-hasil-plano': 'C.Hasil-KWK plano (dari kotak suara)',
  'buka-kotak': 'Pembukaan kotak suara',
  'hitung-ulang': 'Penghitungan suara ulang',
  lainnya: 'Lainnya',
};
