// Small valid samples of the §3 payloads for tests (pure data; keys are placeholders unless a test replaces them).
import { type CHasilRecord, type DataMaster } from '../../shared/domain/model';

const key = (n: number): string => {
  // 32 bytes of value n, base64url: a syntactically valid placeholder public key.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let bits = '';
  for (let i = 0; i < 32; i++) bits += n.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 6) out += alphabet[parseInt(bits.slice(i, i + 6).padEnd(6, '0'), 2)];
  return out;
};

/** Kecamatan Hampang with 2 desa (3 + 1 TPS), gubernur (2 paslon) and bupati (2 paslon + kolom kosong). */
export function sampleMaster(): DataMaster {
  return {
    format: 'pleno.master/1',
    provinsi: { kode: '63', nama: 'Kalimantan Selatan' },
    kabkota: { kode: '6302', nama: 'Kotabaru' },
    kecamatan: { kode: '630214', nama: 'Hampang' },
    desa: [
      {
        kode: '6302142001',
        nama: 'Hampang',
        tps: [
          { nomor: 1, dpt: { l: 200, p: 210 } },
          { nomor: 2, dpt: { l: 150, p: 160 } },
          { nomor: 3, dpt: { l: 100, p: 90 } },
        ],
      },
      { kode: '6302142002', nama: 'Cantung Kiri Hulu', tps: [{ nomor: 1, dpt: { l: 250, p: 240 } }] },
    ],
    pemilihan: [
      {
        id: 'gubernur',
        nama: 'Gubernur dan Wakil Gubernur',
        wilayah: '63',
        pilihan: [
          { nomor: 1, nama: 'A – B' },
          { nomor: 2, nama: 'C – D' },
        ],
      },
      {
        id: 'bupati',
        nama: 'Bupati dan Wakil Bupati',
        wilayah: '6302',
        pilihan: [
          { nomor: 1, nama: 'E – F' },
          { nomor: 2, nama: 'G – H' },
          { nomor: 3, nama: 'Kolom kosong', kind: 'kolom-kosong' },
        ],
      },
    ],
    ppk: [{ nama: 'Ketua Contoh', jabatan: 'Ketua' }],
    perangkat: [
      { id: 'kpps-6302142001001', tps: '6302142001001', publicKey: key(1) },
      { id: 'kpps-6302142001002', tps: '6302142001002', publicKey: key(2) },
      { id: 'kpps-6302142002001', tps: '6302142002001', publicKey: key(3) },
    ],
  };
}

/** A well-formed bupati record of TPS 6302142001001 (3 choices) by device kpps-6302142001001. */
export function sampleRecord(): CHasilRecord {
  return {
    format: 'pleno.c-hasil/1',
    tps: '6302142001001',
    pemilihan: 'bupati',
    pemilih: { dpt: { l: 200, p: 210 }, dpph: { l: 2, p: 1 }, dptb: { l: 3, p: 2 }, jumlah: { l: 205, p: 213 } },
    pengguna: { dpt: { l: 150, p: 170 }, dpph: { l: 2, p: 1 }, dptb: { l: 3, p: 2 }, jumlah: { l: 155, p: 173 } },
    disabilitas: { pemilih: { l: 3, p: 2 }, pengguna: { l: 2, p: 1 } },
    suratSuara: { diterima: 421, dikembalikan: 3, tidakDigunakan: 90, digunakan: 328 },
    suara: { paslon: [105, 120, 87], sah: 312, tidakSah: 16, total: 328 },
    foto: [{ lembar: 1, sha256: 'a'.repeat(64) }],
    perangkat: 'kpps-6302142001001',
    dibuat: '2024-11-27T14:05:00+08:00',
  };
}
