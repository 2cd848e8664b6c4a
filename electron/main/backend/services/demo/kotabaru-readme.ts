// README.txt of the kotabaru demo (SIMULASI): what is in the folder, how to run it, and the seeded faults.
import { formatFingerprint } from '../../../../../shared/formats/envelope';
import type { KotabaruSummary } from './kotabaru-demo';
import type { KotabaruPeran } from './kotabaru-kecamatan';

const PERAN: Record<KotabaruPeran, string> = {
  final: 'D.Hasil bupati final, gubernur draf',
  draf: 'D.Hasil bupati dan gubernur masih draf',
  belum: 'belum menerbitkan D.Hasil (belum mengirim)',
  'tidak-cocok': 'kiriman urutan 2 bupati: jumlah desa pertama di D.Hasil tidak sama dengan jumlah TPS-nya (ditolak)',
  'rekaman-hilang': 'kiriman urutan 2 bupati: jejak menyebut C.Hasil yang tidak ikut dikirim (ditolak)',
  'kunci-asing': 'kunci PPK belum didaftarkan di penerima (ditolak 401, muncul di daftar kunci tak dikenal)',
  'hanya-berkas': 'tanpa penerima terpasang: hanya tiba sebagai berkas .pleno-kirim di flashdisk/',
};

export function kotabaruReadme(s: KotabaruSummary): string {
  const rows = s.kecamatan.map((k) => `  ${k.kode}  ${k.nama.padEnd(28)} ${k.tps} TPS  ${PERAN[k.peran]}`);
  return [
    'SIMULASI - DATA BUATAN UNTUK LATIHAN DAN PENGUJIAN. BUKAN HASIL PEMILIHAN SUNGGUHAN.',
    '',
    `Pleno tingkat Kabupaten ${s.kabkota.nama} (${s.kabkota.kode}): 22 kecamatan, satu TPS per desa.`,
    `Kunci KPU: ${formatFingerprint(s.kpuKeyId)} (keys/kpu.json, kunci privat SIMULASI).`,
    '',
    'Isi folder:',
    '  penerima.db          basis data penerima (kab/kota) dengan data master semua kecamatan dan sertifikatnya',
    '  sertifikat.json      sertifikat penerima (pleno.penerima/1), sudah dipasang di basis data kecamatan',
    '  master/<kode>.json   data master tiap kecamatan, ditandatangani kunci KPU',
    '  kecamatan/<kode>.db  basis data PPK tiap kecamatan, kirimannya menunggu di kotak keluar',
    '  flashdisk/           berkas .pleno-kirim dari kecamatan yang hanya mengirim lewat flashdisk',
    '',
    'Menjalankan:',
    `  pleno penerima serve --db penerima.db            (penerima di ${s.url})`,
    '  pleno kirim --db kecamatan/<kode>.db             (tiap kecamatan mengirim)',
    '  pleno penerima impor --db penerima.db flashdisk/*/*.pleno-kirim',
    '  pleno serve --db penerima.db                     (layar penerima di peramban)',
    '',
    'Kecamatan dan kesalahan yang disengaja:',
    ...rows,
    '',
  ].join('\n');
}
