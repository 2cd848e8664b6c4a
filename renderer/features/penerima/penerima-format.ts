// Words and numbers of the receiver screens: the state of a kecamatan as KPU says it, times, sah/total votes.
import type { PenerimaRow } from '../../../shared/contracts/penerima.contract';
import type { Tone } from '../../ui/StatusPill';
import { waktu as localWaktu } from '../../app/local-time';

export function statusOf(r: PenerimaRow): { label: string; tone: Tone } {
  if (r.ditolak) return { label: 'Ditolak', tone: 'danger' };
  if (r.status === 'belum') return { label: 'Belum masuk', tone: 'neutral' };
  if (r.berkas === 'menunggu-berkas') return { label: 'Menunggu berkas', tone: 'warn' };
  return r.status === 'final' ? { label: 'Final', tone: 'ok' } : { label: 'Draf', tone: 'info' };
}

/** A time as a person reads it: the kab/kota's local time with WIB/WITA/WIT (renderer/app/local-time.ts). */
export function waktu(iso: string | null): string {
  return iso ? localWaktu(iso) : '—';
}

export const angka = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : n.toLocaleString('id-ID');
