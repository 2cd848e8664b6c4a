// Words and numbers of the Kirim screen: sizes in MB with a decimal comma, durations, times in the laptop's zone.
import type { KirimPushView } from '../../../shared/contracts/kirim.contract';

export function mb(bytes: number): string {
  const v = bytes / 1_000_000;
  return `${v.toLocaleString('id-ID', { maximumFractionDigits: v < 10 ? 2 : 1 })} MB`;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} detik`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} menit` : `${Math.floor(m / 60)} jam ${m % 60} menit`;
}

export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' }).replace(/\./g, ':');
}

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
