// README.txt of a demo folder, in Bahasa Indonesia: what the folder is (SIMULASI), how to use it, and the seeded
// faults a reviewer should find.
import { formatKode } from '../../../../../shared/domain/model';
import { formatFingerprint } from '../../../../../shared/formats/envelope';
import type { Demo } from './demo-types';

const KIND_LABEL: Record<string, string> = {
  'salah-baca': 'Salah baca angka',
  'jumlah-tidak-cocok': 'Jumlah tidak cocok dengan rinciannya',
  'kiriman-kedua': 'Kiriman kedua yang berbeda (konflik)',
  duplikat: 'Berkas duplikat',
  'foto-tertukar': 'Foto TPS lain (dipakai ulang)',
  'hanya-qr': 'Hanya lewat QR',
  'hanya-json': 'Hanya amplop JSON',
  'belum-masuk': 'Belum masuk',
};

export function demoReadme(demo: Demo): string {
  const m = demo.master.envelope.payload;
  const e = demo.expected;
  const lines: string[] = [];
  lines.push('DATA SIMULASI - BUKAN DATA PEMILIHAN SEBENARNYA');
  lines.push('================================================');
  lines.push('');
  lines.push(
    `Folder ini dibuat oleh "pleno demo" (preset ${demo.preset}, seed ${demo.seed}) untuk latihan dan pengujian`,
  );
  lines.push('aplikasi Pleno. Dengan preset dan seed yang sama, isi folder selalu sama persis.');
  lines.push('');
  if (demo.preset === 'besar') {
    lines.push(
      `Kecamatan ${m.kecamatan.nama} (${formatKode(m.kecamatan.kode)}) dan semua desanya adalah rekaan: kode itu tidak ada di`,
    );
    lines.push(`Kabupaten ${m.kabkota.nama}.`);
  } else {
    lines.push(
      `Nama dan kode desa Kecamatan ${m.kecamatan.nama} (${formatKode(m.kecamatan.kode)}), Kabupaten ${m.kabkota.nama}, adalah nyata`,
    );
    lines.push('(Kepmendagri 300.2.2-2138/2025).');
  }
  lines.push(
    'Jumlah TPS, DPT, angka hasil, nama pasangan calon, anggota PPK dan semua kunci adalah buatan (SIMULASI).',
  );
  lines.push('Setiap nama pemilihan memuat "(SIMULASI)"; dari situ aplikasi menandai basis data sebagai simulasi.');
  lines.push('');
  lines.push('Isi folder');
  lines.push('----------');
  lines.push(`master.json        data master, ditandatangani kunci KPU kab/kota SIMULASI`);
  lines.push(`                   sidik kunci (fingerprint): ${formatFingerprint(demo.kpuKey.keyId)}`);
  lines.push('keys/kpu.json      kunci privat KPU SIMULASI');
  lines.push('keys/devices.json  kunci privat perangkat KPPS SIMULASI (untuk simulator KPPS dan pengujian).');
  lines.push(
    '                   JANGAN dipakai untuk data sungguhan: siapa pun yang memegang folder ini dapat menandatangani.',
  );
  lines.push('tps/*.pleno        bundel hasil per TPS (C.Hasil tiap pemilihan + foto lembar)');
  lines.push('tps/*.json         amplop hasil tanpa foto (TPS yang hanya mengirim berkas JSON, dan kiriman ulang)');
  lines.push('qr/*.png           kode QR hasil TPS yang hanya mengirim lewat QR ("-1of2" = bagian 1 dari 2)');
  lines.push('');
  lines.push('Cara mencoba');
  lines.push('------------');
  lines.push('  pleno init --db latihan.db --master <folder>/master.json');
  lines.push('  pleno import --db latihan.db <folder>/tps <folder>/qr');
  lines.push('  pleno recap --db latihan.db --json');
  lines.push(
    'Kiriman ulang (tps/*_kirim-ulang-*.json) dibuat keesokan harinya: diimpor setelah bundel TPS-nya, ia menjadi',
  );
  lines.push('konflik (yang pertama tetap dihitung sampai pleno memutuskan).');
  lines.push('');
  lines.push('Ringkasan');
  lines.push('---------');
  lines.push(
    `${e.tps.total} TPS di ${m.desa.length} desa; ${m.pemilihan.length} pemilihan: ${m.pemilihan.map((p) => `${p.id} (${p.pilihan.length} paslon)`).join(', ')}.`,
  );
  lines.push(
    `${e.tps.bundle} TPS mengirim bundel, ${e.tps.qr} hanya QR, ${e.tps.json} hanya amplop JSON, ${e.tps.belumMasuk} belum masuk.`,
  );
  lines.push(
    `${e.records} hasil (TPS x pemilihan) masuk; ${e.photos.bundled} foto lembar dalam bundel, ${e.photos.pending} foto lagi dirujuk oleh hasil QR (menyusul).`,
  );
  lines.push(`PPK: ${demo.ppkMembers.map((p) => `${p.nama} (${p.jabatan})`).join(', ')}.`);
  lines.push('');
  lines.push('Kesalahan yang sengaja ditanam (untuk latihan pleno)');
  lines.push('----------------------------------------------------');
  e.faults.forEach((f, i) => {
    const rules = f.rules.length > 0 ? ` [aturan ${f.rules.join(', ')}]` : '';
    lines.push(`${String(i + 1).padStart(2)}. ${KIND_LABEL[f.kind] ?? f.kind} - ${formatKode(f.tps)}${rules}`);
    lines.push(`    ${f.keterangan}`);
    if (f.files.length > 0) lines.push(`    berkas: ${f.files.join(', ')}`);
  });
  lines.push('');
  lines.push(
    'Foto lembar menunjukkan angka yang tertulis di kertas C.Hasil. Pada kasus salah baca, foto menunjukkan angka',
  );
  lines.push('yang benar (105) sedangkan data tercatat 905: itulah yang harus ditemukan saat pemeriksaan.');
  return lines.join('\n') + '\n';
}
