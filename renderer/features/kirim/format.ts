// Words and numbers of the Kirim screen: sizes in MB with a decimal comma, durations, and times in the kecamatan's
// local time with WIB/WITA/WIT, as everywhere in the plenary (renderer/app/local-time.ts), not the laptop's zone.
import type { KirimPushView } from '../../../shared/contracts/kirim.contract';
import { waktu } from '../../app/local-time';

export function mb(bytes: number): string {
  const v = bytes / 1_000_000;
  return `${v.toLocaleString('id-ID', { maximumFractionDigits: v < 10 ? 2 : 1 })} MB`;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} detik`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} menit` : `${Math.floor(m / 60)} jam ${m % 60} menit`;
}

export const when = (iso: string): string => waktu(iso);

export const PEMILIHAN: Record<string, string> = {
  gubernur: 'Gubernur',
  bupati: 'Bupati',
  walikota: 'Wali Kota',
};

export const STATE_LABEL: Record<KirimPushView['state'], string> = {
  menunggu: 'Menunggu',
  mengirim: 'Mengirim',
  'menunggu-berkas': 'Angka diterima, menunggu berkas',
  lengkap: 'Lengkap',
  ditolak: 'Ditolak penerima',
};

export const STATE_TONE = {
  menunggu: 'neutral',
  mengirim: 'info',
  'menunggu-berkas': 'warn',
  lengkap: 'ok',
  ditolak: 'danger',
} as const;

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
