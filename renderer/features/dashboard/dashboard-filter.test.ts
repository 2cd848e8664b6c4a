import { describe, expect, it } from 'vitest';
import type { DashboardDesa, DashboardTile, TileStatus } from '../../../shared/contracts/plenary.contract';
import { filterDesa, filterQuery, parseFilter } from './dashboard-filter';

const tile = (tps: string, status: TileStatus): DashboardTile => ({
  tps,
  nomor: Number(tps.slice(10)),
  status,
  base: 'masuk',
  konflik: false,
  sengketa: false,
  bermasalah: false,
  errors: 0,
  warnings: 0,
  flags: [],
});
const desa = (kode: string, statuses: TileStatus[]): DashboardDesa =>
  ({
    kode,
    nama: `Desa ${kode}`,
    tiles: statuses.map((s, i) => tile(`${kode}${String(i + 1).padStart(3, '0')}`, s)),
  }) as DashboardDesa;

const LIST = [desa('6302142001', ['sesuai', 'bermasalah', 'konflik']), desa('6302142002', ['sesuai', 'belum-masuk'])];

describe('dashboard filter', () => {
  it('reads and writes the query of the hash, ignoring an unknown status', () => {
    expect(parseFilter('/beranda/bupati?desa=6302142001&status=konflik')).toEqual({
      desa: '6302142001',
      status: 'konflik',
    });
    expect(parseFilter('/beranda?status=drop')).toEqual({ desa: '', status: '' });
    expect(filterQuery({ desa: '6302142002', status: 'perlu' })).toBe('?desa=6302142002&status=perlu');
    expect(filterQuery({ desa: '', status: '' })).toBe('');
  });

  it('keeps only matching tiles and drops desa left empty', () => {
    const waiting = filterDesa(LIST, { desa: '', status: 'perlu' });
    expect(waiting.map((d) => d.tiles.map((t) => t.tps))).toEqual([['6302142001002', '6302142001003']]);
    const sesuai = filterDesa(LIST, { desa: '', status: 'sesuai' });
    expect(sesuai.map((d) => d.kode)).toEqual(['6302142001', '6302142002']);
    expect(filterDesa(LIST, { desa: '6302142002', status: '' })).toEqual([LIST[1]]);
    expect(filterDesa(LIST, { desa: '6302142002', status: 'konflik' })).toEqual([]);
  });
});
