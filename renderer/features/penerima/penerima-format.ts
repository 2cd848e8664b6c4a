// Words and numbers of the receiver screens: the state of a kecamatan as KPU says it, times, sah/total votes.
import type { PenerimaRow } from '../../../shared/contracts/penerima.contract';
import type { Tone } from '../../ui/StatusPill';

export function statusOf(r: PenerimaRow): { label: string; tone: Tone } {
  if (r.ditolak) return { label: 'Ditolak', tone: 'danger' };
  if (r.status === 'belum') return { label: 'Belum masuk', tone: 'neutral' };
  if (r.berkas === 'menunggu-berkas') return { label: 'Menunggu berkas', tone: 'warn' };
  return r.status === 'final' ? { label: 'Final', tone: 'ok' } : { label: 'Draf', tone: 'info' };
}

const TIME = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Makassar',
});

export function waktu(iso: string | null): string {
  return iso ? `${TIME.format(new Date(iso))} WITA` : '—';
}

export const angka = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : n.toLocaleString('id-ID');
