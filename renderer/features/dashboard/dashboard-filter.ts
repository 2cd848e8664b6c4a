// Beranda's filters, kept in the address (`#/beranda/bupati?desa=6302142005&status=bermasalah`) so the search box
// and a reload land on the same view. Pure helpers; the screen reads and writes them through the hash.
import type { DashboardDesa, TileStatus } from '../../../shared/contracts/plenary.contract';
import { TILE_STATUSES } from '../../../shared/contracts/plenary.contract';

/** 'perlu' = every TPS still waiting for a decision (masuk, bermasalah, konflik, sengketa). */
export type StatusFilter = TileStatus | 'perlu' | '';

export interface DashboardFilter {
  desa: string;
  status: StatusFilter;
}

const WAITING: TileStatus[] = ['masuk', 'bermasalah', 'konflik', 'sengketa'];

export function parseFilter(path: string): DashboardFilter {
  const q = new URLSearchParams(path.split('?')[1] ?? '');
  const status = q.get('status') ?? '';
  const valid = status === 'perlu' || (TILE_STATUSES as readonly string[]).includes(status);
  return { desa: q.get('desa') ?? '', status: valid ? (status as StatusFilter) : '' };
}

export function filterQuery(f: DashboardFilter): string {
  const q = new URLSearchParams();
  if (f.desa) q.set('desa', f.desa);
  if (f.status) q.set('status', f.status);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const statusMatches = (s: TileStatus, f: StatusFilter): boolean =>
  f === '' || (f === 'perlu' ? WAITING.includes(s) : s === f);

/** The desa rows to show, each with only the tiles that pass the status filter; desa with none left are dropped. */
export function filterDesa(desa: DashboardDesa[], f: DashboardFilter): DashboardDesa[] {
  return desa
    .filter((d) => !f.desa || d.kode === f.desa)
    .map((d) => (f.status ? { ...d, tiles: d.tiles.filter((t) => statusMatches(t.status, f.status)) } : d))
    .filter((d) => d.tiles.length > 0 || (!f.status && !!f.desa));
}

/** Large kecamatan start with every desa folded to one line (the 600-TPS Beranda fits the window). */
export const FOLD_ABOVE_TPS = 150;
