import { describe, expect, it } from 'vitest';
import { searchTps, type SearchDesa } from './tps-search';

const tps = (kode: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ tps: `${kode}${String(i + 1).padStart(3, '0')}`, nomor: i + 1 }));
const DESA: SearchDesa[] = [
  { kode: '6302142001', nama: 'Cantung Kiri Hilir', tps: tps('6302142001', 4) },
  { kode: '6302142002', nama: 'Cantung Kiri Hulu', tps: tps('6302142002', 12) },
  { kode: '6302142005', nama: 'Hampang', tps: tps('6302142005', 5) },
];

describe('searchTps', () => {
  it('a desa name and a number give that TPS first', () => {
    const hits = searchTps(DESA, 'hampang 3');
    expect(hits[0]).toEqual({
      kind: 'tps',
      tps: '6302142005003',
      nomor: 3,
      desaKode: '6302142005',
      desaNama: 'Hampang',
    });
    expect(hits).toHaveLength(1);
  });

  it('a desa name alone gives the desa, then its TPS in order', () => {
    const hits = searchTps(DESA, 'Hampang');
    expect(hits[0]).toMatchObject({ kind: 'desa', desaKode: '6302142005', tpsCount: 5 });
    expect(hits.slice(1).map((h) => (h.kind === 'tps' ? h.nomor : 0))).toEqual([1, 2, 3, 4, 5]);
  });

  it('word prefixes narrow between desa with a shared first word', () => {
    const hits = searchTps(DESA, 'cantung hulu 12');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'tps', tps: '6302142002012' });
    expect(searchTps(DESA, 'TPS 012 hulu')[0]).toMatchObject({ tps: '6302142002012' });
  });

  it('a number alone gives that TPS of every desa that has it', () => {
    expect(searchTps(DESA, '005').map((h) => (h.kind === 'tps' ? h.tps : h.desaKode))).toEqual([
      '6302142002005',
      '6302142005005',
    ]);
    expect(searchTps(DESA, '12')).toHaveLength(1);
  });

  it('a full TPS code or a dotted desa code', () => {
    expect(searchTps(DESA, '6302142005004')).toEqual([
      { kind: 'tps', tps: '6302142005004', nomor: 4, desaKode: '6302142005', desaNama: 'Hampang' },
    ]);
    expect(searchTps(DESA, '63.02.14.2001').map((h) => h.kind === 'tps' && h.nomor)).toEqual([1, 2, 3, 4]);
  });

  it('nothing for an empty query or an unknown desa', () => {
    expect(searchTps(DESA, '  ')).toEqual([]);
    expect(searchTps(DESA, 'tps')).toEqual([]);
    expect(searchTps(DESA, 'sungai 1')).toEqual([]);
    expect(searchTps(DESA, 'hampang 9')).toEqual([]);
  });
});
